import { DownloadOutlined, PhoneOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  CASE_STATUSES,
  CASE_TYPES,
  COMMAND_FROM,
  type CaseStatus,
  type CaseType,
} from '../../../shared/case-machine.js';
import type { CaseListItem } from '../../../shared/schemas/cases.js';
import { formatTime } from '../../format.js';
import { usePaging } from '../../layout/usePaging.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionsApi } from '../../region/regions.api.js';
import { can, useMe } from '../auth/session.js';
import { CASES_KEY, casesApi, type CaseFilter } from './cases.api.js';
import { DispatchModal } from './DispatchModal.js';
import { useNow } from './useNow.js';
import {
  caseStatusLabel,
  caseTypeLabel,
  categoryLabel,
  escalationLabel,
  overdueLabel,
  STATUS_COLORS,
  TYPE_COLORS,
} from './labels.js';
import { NewCaseDrawer } from './NewCaseDrawer.js';

const TABS = ['mine', 'all', 'overdue'] as const;
type Tab = (typeof TABS)[number];

const isTab = (value: string | null): value is Tab =>
  (TABS as readonly (string | null)[]).includes(value);
const isType = (value: string | null): value is CaseType =>
  (CASE_TYPES as readonly (string | null)[]).includes(value);
const isStatus = (value: string | null): value is CaseStatus =>
  (CASE_STATUSES as readonly (string | null)[]).includes(value);

/** Cases a dispatch may be given to now (待派单, 已退单, 重办, and re-dispatching 已派单). */
const DISPATCHABLE: readonly CaseStatus[] = COMMAND_FROM.dispatch;

/**
 * The tab and filters live in the address (`?tab=overdue&type=complaint`), so that coming
 * back from a case, reloading or sharing the link keeps them.
 */
function useFilters(defaultTab: Tab) {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab');
  const type = params.get('type');
  const status = params.get('status');
  const filters = {
    tab: isTab(tab) ? tab : defaultTab,
    type: isType(type) ? type : undefined,
    status: isStatus(status) ? status : undefined,
    q: params.get('q') ?? undefined,
    closed: params.get('closed') === '1',
  };
  const set = (name: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  /** Drop the type, status and search, keeping the tab and the region of a shared link. */
  const clear = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const name of ['type', 'status', 'q']) next.delete(name);
        return next;
      },
      { replace: true },
    );
  return { filters, set, clear };
}

/** The handling limit: the time (red once past), 超期 and 督办 tags. */
function DueCell({ item, now }: { item: CaseListItem; now: Date }) {
  const { t } = useTranslation();
  const open = item.status !== 'closed';
  const late =
    open && item.handleDueAt !== null && new Date(item.handleDueAt).getTime() < now.getTime();
  return (
    <Space size={[4, 4]} wrap>
      {item.handleDueAt ? (
        <Typography.Text type={late ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {formatTime(item.handleDueAt).slice(0, 16)}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t('cases.due.none')}</Typography.Text>
      )}
      {item.overdue > 0 && (
        <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="case-overdue-tag">
          {overdueLabel(t, item.overdue)}
        </Tag>
      )}
      {item.escalation > 0 && (
        <Tag color="volcano" style={{ marginInlineEnd: 0 }} data-testid="case-escalation-tag">
          {escalationLabel(t, item.escalation)}
        </Tag>
      )}
    </Space>
  );
}

/**
 * The case inbox (工单): my unit's open cases, all cases of the header's region, or the
 * overdue ones; open, overdue and nearly due first (the server's order).
 */
export default function CasesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode } = useRegion();
  const canDispatch = can(me, 'case.dispatch');
  const canRecord = can(me, 'case.handle');
  // The dispatcher works the region's queue; everyone else their unit's inbox.
  const { filters, set, clear } = useFilters(canDispatch ? 'all' : 'mine');
  const { page, pageSize, setPage, pagination } = usePaging();
  const [search, setSearch] = useState(filters.q ?? '');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [dispatchOpen, setDispatchOpen] = useState(false);
  const [selected, setSelected] = useState<CaseListItem[]>([]);
  const now = useNow();

  useEffect(() => setPage(1), [regionCode, setPage]);

  /** Change one filter and go back to the first page. */
  const change = (name: string, value: string | undefined) => {
    set(name, value);
    setPage(1);
  };

  const { tab } = filters;
  const filter: CaseFilter = {
    regionCode: tab === 'mine' ? undefined : regionCode,
    mine: tab === 'mine' ? 1 : undefined,
    open: tab === 'mine' || (tab === 'all' && !filters.closed) ? 1 : undefined,
    overdue: tab === 'overdue' ? 1 : undefined,
    type: filters.type,
    status: filters.status,
    q: filters.q || undefined,
  };
  const list = useQuery({
    queryKey: [...CASES_KEY, 'list', filter, page, pageSize],
    queryFn: () => casesApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const region = useQuery({
    queryKey: ['regions', regionCode],
    queryFn: () => regionsApi.get(regionCode!),
    enabled: regionCode !== undefined,
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const exporting = useMutation({ mutationFn: () => casesApi.exportXlsx(filter) });

  const filtered = filters.type !== undefined || filters.status !== undefined || Boolean(filters.q);

  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t('cases.list.code'),
      dataIndex: 'code',
      key: 'code',
      render: (code: string, item) => (
        <Link to={`/cases/${item.id}`} style={{ whiteSpace: 'nowrap' }}>
          {code}
        </Link>
      ),
    },
    {
      title: t('cases.list.type'),
      key: 'type',
      render: (_v, item) => (
        <Tag color={TYPE_COLORS[item.type]} style={{ marginInlineEnd: 0 }}>
          {caseTypeLabel(t, item.type)}
        </Tag>
      ),
    },
    {
      title: t('cases.list.category'),
      key: 'category',
      render: (_v, item) => (
        <span style={{ whiteSpace: 'nowrap' }}>{categoryLabel(item.category)}</span>
      ),
    },
    {
      title: t('cases.list.region'),
      dataIndex: 'regionName',
      key: 'region',
      render: (name: string) => <span style={{ whiteSpace: 'nowrap' }}>{name}</span>,
    },
    {
      title: t('cases.list.content'),
      key: 'title',
      render: (_v, item) => (
        <Link
          to={`/cases/${item.id}`}
          data-testid={`case-row-${item.id}`}
          style={{ display: 'inline-block', maxWidth: 320 }}
        >
          <Typography.Text ellipsis={{ tooltip: item.title }} style={{ color: 'inherit' }}>
            {item.title}
          </Typography.Text>
        </Link>
      ),
    },
    {
      title: t('cases.list.status'),
      key: 'status',
      render: (_v, item) => (
        <Tag color={STATUS_COLORS[item.status]} style={{ marginInlineEnd: 0 }}>
          {caseStatusLabel(t, item.status)}
        </Tag>
      ),
    },
    {
      title: t('cases.list.unit'),
      key: 'unit',
      render: (_v, item) =>
        item.unitName ?? (
          <Typography.Text type="secondary">{t('cases.list.noUnit')}</Typography.Text>
        ),
    },
    {
      title: t('cases.list.due'),
      key: 'due',
      render: (_v, item) => <DueCell item={item} now={now} />,
    },
    {
      title: t('cases.list.createdAt'),
      key: 'createdAt',
      render: (_v, item) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatTime(item.createdAt).slice(0, 16)}</span>
      ),
    },
  ];

  const title = region.data
    ? t('cases.list.titleOf', { region: region.data.name })
    : t('cases.list.title');

  const emptyText =
    tab === 'mine'
      ? t('cases.list.emptyMine')
      : filtered
        ? t('cases.list.emptyFiltered')
        : t('cases.list.empty');

  return (
    <Card
      title={title}
      activeTabKey={tab}
      onTabChange={(key) => {
        change('tab', key);
        setSelected([]);
      }}
      tabProps={{ size: 'middle' }}
      tabList={TABS.map((key) => ({
        key,
        tab: <span data-testid={`cases-tab-${key}`}>{t(`cases.list.tabs.${key}`)}</span>,
      }))}
      extra={
        <Space wrap>
          {canRecord && (
            <Button
              type="primary"
              icon={<PhoneOutlined />}
              onClick={() => setDrawerOpen(true)}
              data-testid="cases-new"
            >
              {t('cases.list.new')}
            </Button>
          )}
          {canDispatch && (
            <Button
              icon={<SendOutlined />}
              disabled={selected.length === 0}
              onClick={() => setDispatchOpen(true)}
              data-testid="cases-bulk-dispatch"
            >
              {selected.length > 0
                ? t('cases.list.bulkDispatchN', { n: selected.length })
                : t('cases.list.bulkDispatch')}
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            loading={exporting.isPending}
            onClick={() => exporting.mutate()}
            data-testid="cases-export"
          >
            {t('cases.list.export')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          data-testid="cases-search"
          placeholder={t('cases.list.searchPlaceholder')}
          style={{ width: 300 }}
          maxLength={50}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => change('q', value.trim() || undefined)}
        />
        <Select<CaseType>
          allowClear
          placeholder={t('cases.list.type')}
          style={{ width: 130 }}
          value={filters.type}
          onChange={(value) => change('type', value)}
          options={CASE_TYPES.map((value) => ({ value, label: caseTypeLabel(t, value) }))}
          data-testid="cases-type"
        />
        <Select<CaseStatus>
          allowClear
          placeholder={t('cases.list.status')}
          style={{ width: 130 }}
          value={filters.status}
          onChange={(value) => change('status', value)}
          options={CASE_STATUSES.map((value) => ({ value, label: caseStatusLabel(t, value) }))}
          data-testid="cases-status"
        />
        {tab === 'all' && (
          <Checkbox
            checked={filters.closed}
            onChange={(event) => change('closed', event.target.checked ? '1' : undefined)}
            data-testid="cases-include-closed"
          >
            {t('cases.list.includeClosed')}
          </Checkbox>
        )}
        {filtered && (
          <Button
            type="link"
            onClick={() => {
              clear();
              setSearch('');
              setPage(1);
            }}
          >
            {t('cases.list.resetFilters')}
          </Button>
        )}
      </Space>
      <Table<CaseListItem>
        data-testid="cases-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText }}
        pagination={pagination(list.data?.total)}
        rowSelection={
          canDispatch
            ? {
                preserveSelectedRowKeys: true,
                selectedRowKeys: selected.map((c) => c.id),
                onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
                getCheckboxProps: (item) => ({
                  disabled: !DISPATCHABLE.includes(item.status),
                  title: DISPATCHABLE.includes(item.status)
                    ? undefined
                    : t('cases.list.notDispatchable'),
                }),
              }
            : undefined
        }
      />
      <NewCaseDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} />
      <DispatchModal
        open={dispatchOpen}
        cases={selected}
        onClose={() => setDispatchOpen(false)}
        onDispatched={() => setSelected([])}
      />
    </Card>
  );
}
