import {
  DownloadOutlined,
  ExclamationCircleOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isWithin } from '../../../shared/region.js';
import type { Me } from '../../../shared/schemas/auth.js';
import {
  LEDGER_KINDS,
  LEDGER_STATUSES,
  REVIEW_STATUSES,
  type LedgerKind,
  type LedgerListItem,
  type LedgerStatus,
  type ReviewStatus,
} from '../../../shared/schemas/ledger.js';
import { todayInShanghai, yuanDigits } from '../../format.js';
import { usePaging } from '../../layout/usePaging.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionsApi } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { ImportModal } from './ImportModal.js';
import {
  KIND_COLORS,
  ledgerKindLabel,
  ledgerStageLabel,
  ledgerStatusLabel,
  REVIEW_STATUS_COLORS,
  reviewStatusLabel,
} from './labels.js';
import { LEDGER_KEY, ledgerApi, type LedgerFilter } from './ledger.api.js';
import { NewEntryDrawer } from './NewEntryDrawer.js';

const PERIOD = 'YYYY-MM';
const ALL = 'all';

/** True when the user may record ledgers somewhere in (or above) the region. */
function canWriteIn(me: Me, regionCode: string): boolean {
  return (me.permissions['ledger.write'] ?? []).some(
    (root) => isWithin(regionCode, root) || isWithin(root, regionCode),
  );
}

const isKind = (value: string | null): value is LedgerKind =>
  (LEDGER_KINDS as readonly (string | null)[]).includes(value);
const isStatus = (value: string | null): value is LedgerStatus =>
  (LEDGER_STATUSES as readonly (string | null)[]).includes(value);
const isReview = (value: string | null): value is ReviewStatus =>
  (REVIEW_STATUSES as readonly (string | null)[]).includes(value);

/**
 * The filters live in the address (`?kind=procurement&overdue=1`), so that coming back from
 * an entry, reloading or sharing the link keeps them.
 */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind');
  const status = params.get('status');
  const review = params.get('review');
  const period = params.get('period');
  const filters = {
    kind: isKind(kind) ? kind : undefined,
    status: isStatus(status) ? status : undefined,
    reviewStatus: isReview(review) ? review : undefined,
    period: period && /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? period : undefined,
    q: params.get('q') ?? undefined,
    overdue: params.get('overdue') === '1',
    overridden: params.get('overridden') === '1',
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
  const clear = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams();
        const region = prev.get('region');
        if (region) next.set('region', region);
        return next;
      },
      { replace: true },
    );
  return { filters, set, clear };
}

/** 已公开 v{n} and/or 待公开 by a date (red once past due); a dash when nothing applies. */
function DisclosureCell({ item, today }: { item: LedgerListItem; today: string }) {
  const { t } = useTranslation();
  if (item.disclosedVersion === null && item.disclosureDueOn === null) {
    return <Typography.Text type="secondary">{t('ledger.list.none')}</Typography.Text>;
  }
  const late = item.disclosureDueOn !== null && item.disclosureDueOn < today;
  return (
    <Space size={[4, 4]} wrap>
      {item.disclosedVersion !== null && (
        <Tag color="success">{t('ledger.list.disclosed', { version: item.disclosedVersion })}</Tag>
      )}
      {item.disclosureDueOn !== null &&
        (late ? (
          <Tag
            color="error"
            icon={<ExclamationCircleOutlined />}
            title={t('ledger.list.overdueTag')}
            data-testid="ledger-overdue-tag"
          >
            {t('ledger.list.dueOn', { date: item.disclosureDueOn })}
          </Tag>
        ) : (
          <Tag color="warning">{t('ledger.list.dueOn', { date: item.disclosureDueOn })}</Tag>
        ))}
    </Space>
  );
}

export default function LedgerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode: headerRegion } = useRegion();
  const regionCode = headerRegion ?? me.regionCode;
  const canWrite = canWriteIn(me, regionCode);
  const { filters, set, clear } = useFilters();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [search, setSearch] = useState(filters.q ?? '');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [today] = useState(todayInShanghai);

  useEffect(() => setPage(1), [regionCode, setPage]);

  /** Change one filter and go back to the first page. */
  const change = (name: string, value: string | undefined) => {
    set(name, value);
    setPage(1);
  };

  const filter: LedgerFilter = {
    regionCode,
    kind: filters.kind,
    status: filters.status,
    reviewStatus: filters.reviewStatus,
    period: filters.period,
    q: filters.q || undefined,
    overdue: filters.overdue || undefined,
    overridden: filters.overridden || undefined,
  };
  const list = useQuery({
    queryKey: [...LEDGER_KEY, 'list', filter, page, pageSize],
    queryFn: () => ledgerApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const region = useQuery({
    queryKey: ['regions', regionCode],
    queryFn: () => regionsApi.get(regionCode),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const exporting = useMutation({ mutationFn: () => ledgerApi.exportXlsx(filter) });

  const filtered =
    filters.kind !== undefined ||
    filters.status !== undefined ||
    filters.reviewStatus !== undefined ||
    filters.period !== undefined ||
    Boolean(filters.q) ||
    filters.overdue ||
    filters.overridden;

  const columns: TableColumnsType<LedgerListItem> = [
    {
      title: t('ledger.list.region'),
      dataIndex: 'regionName',
      key: 'region',
      render: (name: string) => <span style={{ whiteSpace: 'nowrap' }}>{name}</span>,
    },
    {
      title: t('ledger.list.kind'),
      key: 'kind',
      render: (_v, item) => (
        <Tag color={KIND_COLORS[item.kind]} style={{ marginInlineEnd: 0 }}>
          {ledgerKindLabel(t, item.kind)}
        </Tag>
      ),
    },
    {
      title: t('ledger.list.name'),
      key: 'title',
      render: (_v, item) => (
        <Link to={`/ledger/${item.id}`} data-testid={`ledger-row-${item.id}`}>
          {item.status === 'voided' ? (
            <Typography.Text delete type="secondary">
              {item.title}
            </Typography.Text>
          ) : (
            item.title
          )}
        </Link>
      ),
    },
    {
      title: t('ledger.list.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, item) => (
        <Typography.Text
          delete={item.status === 'voided'}
          type={item.status === 'voided' ? 'secondary' : undefined}
          style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
        >
          {yuanDigits(item.amount)}
        </Typography.Text>
      ),
    },
    {
      title: t('ledger.list.date'),
      dataIndex: 'occurredOn',
      key: 'occurredOn',
      render: (date: string) => <span style={{ whiteSpace: 'nowrap' }}>{date}</span>,
    },
    {
      title: t('ledger.list.stage'),
      key: 'stage',
      render: (_v, item) => ledgerStageLabel(t, item.stage),
    },
    {
      title: t('ledger.list.status'),
      key: 'status',
      render: (_v, item) =>
        item.status === 'voided' ? (
          <Tag color="default">{ledgerStatusLabel(t, 'voided')}</Tag>
        ) : (
          <Tag color="blue">{ledgerStatusLabel(t, 'active')}</Tag>
        ),
    },
    {
      title: t('ledger.list.disclosure'),
      key: 'disclosure',
      render: (_v, item) => <DisclosureCell item={item} today={today} />,
    },
    {
      title: t('ledger.list.review'),
      key: 'review',
      render: (_v, item) =>
        item.reviewStatus === 'none' ? (
          <Typography.Text type="secondary">{t('ledger.list.none')}</Typography.Text>
        ) : (
          <Tag color={REVIEW_STATUS_COLORS[item.reviewStatus]}>
            {reviewStatusLabel(t, item.reviewStatus)}
          </Tag>
        ),
    },
  ];

  const title = region.data
    ? t('ledger.list.titleOf', { region: region.data.name })
    : t('ledger.list.title');

  return (
    <Card
      title={title}
      activeTabKey={filters.kind ?? ALL}
      onTabChange={(key) => change('kind', key === ALL ? undefined : key)}
      tabProps={{ size: 'middle' }}
      tabList={[
        { key: ALL, tab: t('ledger.list.all') },
        ...LEDGER_KINDS.map((kind) => ({ key: kind, tab: ledgerKindLabel(t, kind) })),
      ]}
      extra={
        <Space wrap>
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawerOpen(true)}
              data-testid="ledger-new"
            >
              {t('ledger.list.new')}
            </Button>
          )}
          {canWrite && (
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImportOpen(true)}
              data-testid="ledger-import"
            >
              {t('ledger.list.import')}
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            loading={exporting.isPending}
            onClick={() => exporting.mutate()}
            data-testid="ledger-export"
          >
            {t('ledger.list.export')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          data-testid="ledger-search"
          placeholder={t('ledger.list.searchPlaceholder')}
          style={{ width: 300 }}
          maxLength={50}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => change('q', value.trim() || undefined)}
        />
        <DatePicker
          picker="month"
          placeholder={t('ledger.list.period')}
          style={{ width: 140 }}
          value={filters.period ? dayjs(filters.period, PERIOD) : null}
          onChange={(value: Dayjs | null) => change('period', value?.format(PERIOD))}
          data-testid="ledger-period"
        />
        <Select<LedgerStatus>
          allowClear
          placeholder={t('ledger.list.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(value) => change('status', value)}
          options={LEDGER_STATUSES.map((value) => ({
            value,
            label: ledgerStatusLabel(t, value),
          }))}
          data-testid="ledger-status"
        />
        <Select<ReviewStatus>
          allowClear
          placeholder={t('ledger.list.reviewStatus')}
          style={{ width: 130 }}
          value={filters.reviewStatus}
          onChange={(value) => change('review', value)}
          options={REVIEW_STATUSES.map((value) => ({
            value,
            label: reviewStatusLabel(t, value),
          }))}
          data-testid="ledger-review"
        />
        <Checkbox
          checked={filters.overdue}
          onChange={(event) => change('overdue', event.target.checked ? '1' : undefined)}
          data-testid="ledger-overdue"
        >
          {t('ledger.list.overdue')}
        </Checkbox>
        <Checkbox
          checked={filters.overridden}
          onChange={(event) => change('overridden', event.target.checked ? '1' : undefined)}
          data-testid="ledger-overridden"
        >
          {t('ledger.list.overridden')}
        </Checkbox>
        {filtered && (
          <Button
            type="link"
            onClick={() => {
              clear();
              setSearch('');
              setPage(1);
            }}
          >
            {t('ledger.list.resetFilters')}
          </Button>
        )}
      </Space>
      <Table<LedgerListItem>
        data-testid="ledger-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: filtered ? t('ledger.list.emptyFiltered') : t('ledger.list.empty') }}
        pagination={pagination(list.data?.total)}
      />
      <NewEntryDrawer
        open={drawerOpen}
        defaultKind={filters.kind}
        onClose={() => setDrawerOpen(false)}
      />
      <ImportModal
        open={importOpen}
        defaultKind={filters.kind}
        onClose={() => setImportOpen(false)}
      />
    </Card>
  );
}
