import { FilePdfOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Grid,
  List,
  Progress,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { INSPECTION_STATUSES } from '../../../shared/schemas/supervision.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionsApi } from '../../region/regions.api.js';
import { can, useMe } from '../auth/session.js';
import { DateRangeFilter, InspectionStatusTag } from './inspection.labels.js';
import { PlanDrawer, usePlannableVillages } from './PlanDrawer.js';
import {
  INSPECTIONS_KEY,
  inspectionsApi,
  noticeDocumentUrl,
  townOf,
  type InspectionStatus,
  type InspectionSummaryDto,
} from './supervision.api.js';

/** 已答 12/38, and the problems found so far. */
function ProgressCell({ item }: { item: InspectionSummaryDto }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={0} style={{ minWidth: 120 }}>
      <Progress
        percent={item.total === 0 ? 0 : Math.round((item.answered / item.total) * 100)}
        size="small"
        format={() =>
          t('supervision.inspections.progress', { answered: item.answered, total: item.total })
        }
      />
      {item.problems > 0 && (
        <Typography.Text type="danger">
          {t('supervision.inspections.problems', { count: item.problems })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The notice number and its two downloads, once the town has fed the findings back. */
function NoticeCell({ item }: { item: InspectionSummaryDto }) {
  const { t } = useTranslation();
  if (!item.noticeId || !item.docNo) {
    return (
      <Typography.Text type="secondary">{t('supervision.inspections.noNotice')}</Typography.Text>
    );
  }
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text data-testid="inspection-row-docno">{item.docNo}</Typography.Text>
      <Space size={12}>
        <Typography.Link href={noticeDocumentUrl(item.noticeId, 'pdf')} target="_blank">
          <FilePdfOutlined /> {t('supervision.notice.pdf')}
        </Typography.Link>
        <Typography.Link href={noticeDocumentUrl(item.noticeId, 'docx')}>
          <FileWordOutlined /> {t('supervision.notice.docx')}
        </Typography.Link>
      </Space>
    </Space>
  );
}

/**
 * 监督检查: the inspections of the header's region (or the user's own), by status and day;
 * the town plans new ones in a drawer; a row opens the inspection, which an officer performs
 * on a phone.
 */
export default function InspectionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { regionCode: chosen } = useRegion();
  const regionCode = chosen ?? me.regionCode;
  const townCode = townOf(regionCode);
  const [status, setStatus] = useState<InspectionStatus>();
  const [range, setRange] = useState<[string, string]>();
  const [planning, setPlanning] = useState({ open: false, session: 0 });
  const villages = usePlannableVillages(townCode);

  const region = useQuery({
    queryKey: ['regions', regionCode],
    queryFn: () => regionsApi.get(regionCode),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const list = useQuery({
    queryKey: [...INSPECTIONS_KEY, 'list', regionCode, status, range],
    queryFn: () => inspectionsApi.list(regionCode, { status, from: range?.[0], to: range?.[1] }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const items = list.data ?? [];

  const open = (item: InspectionSummaryDto) => void navigate(`/inspections/${item.id}`);

  const columns: TableColumnsType<InspectionSummaryDto> = [
    {
      title: t('supervision.inspections.columns.title'),
      key: 'title',
      render: (_v, item) => (
        <Space direction="vertical" size={0}>
          <Link to={`/inspections/${item.id}`} data-testid={`inspection-link-${item.id}`}>
            {item.title}
          </Link>
          <Typography.Text type="secondary">{item.regionName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('supervision.inspections.columns.plannedOn'),
      dataIndex: 'plannedOn',
      key: 'plannedOn',
      width: 120,
    },
    {
      title: t('supervision.inspections.columns.officers'),
      key: 'officers',
      width: 160,
      render: (_v, item) => item.officers.join(t('supervision.listSep')),
    },
    {
      title: t('supervision.inspections.columns.status'),
      key: 'status',
      width: 100,
      render: (_v, item) => <InspectionStatusTag status={item.status} />,
    },
    {
      title: t('supervision.inspections.columns.progress'),
      key: 'progress',
      width: 170,
      render: (_v, item) => <ProgressCell item={item} />,
    },
    {
      title: t('supervision.inspections.columns.notice'),
      key: 'notice',
      width: 220,
      render: (_v, item) => <NoticeCell item={item} />,
    },
  ];

  const title = region.data
    ? t('supervision.inspections.titleOf', { region: region.data.name })
    : t('supervision.inspections.title');

  return (
    <Card
      title={title}
      data-testid="inspections-page"
      styles={{ body: { padding: screens.md ? undefined : 12 } }}
      extra={
        villages.options.length > 0 && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPlanning((p) => ({ open: true, session: p.session + 1 }))}
            data-testid="inspections-plan"
          >
            {t('supervision.inspections.plan')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('supervision.inspections.intro')}
      </Typography.Paragraph>
      {!townCode && can(me, 'supervision.manage') && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('supervision.inspections.chooseTownToPlan')}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<InspectionStatus>
          allowClear
          placeholder={t('supervision.inspections.allStatuses')}
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          data-testid="inspections-status"
          options={INSPECTION_STATUSES.map((s) => ({
            value: s,
            label: t(`supervision.inspectionStatus.${s}`),
          }))}
        />
        <DateRangeFilter
          placeholder={[t('supervision.inspections.from'), t('supervision.inspections.to')]}
          onChange={setRange}
        />
      </Space>
      {screens.md ? (
        <Table<InspectionSummaryDto>
          rowKey="id"
          size="middle"
          data-testid="inspections-table"
          loading={list.isFetching}
          columns={columns}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('supervision.inspections.empty') }}
        />
      ) : (
        <List<InspectionSummaryDto>
          data-testid="inspections-table"
          loading={list.isFetching}
          dataSource={items}
          locale={{ emptyText: t('supervision.inspections.empty') }}
          pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
          renderItem={(item) => (
            <List.Item
              key={item.id}
              onClick={() => open(item)}
              style={{ cursor: 'pointer', display: 'block' }}
              data-testid={`inspection-link-${item.id}`}
            >
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={8}>
                  <Typography.Text strong>{item.title}</Typography.Text>
                  <InspectionStatusTag status={item.status} />
                </Space>
                <Typography.Text type="secondary">
                  {t('supervision.inspections.where', {
                    region: item.regionName,
                    date: item.plannedOn,
                  })}
                </Typography.Text>
                <ProgressCell item={item} />
                {item.docNo && <Typography.Text>{item.docNo}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {townCode && villages.options.length > 0 && (
        <PlanDrawer
          key={planning.session}
          open={planning.open}
          townCode={townCode}
          villages={villages}
          defaultVillage={chosen && chosen !== townCode ? chosen : undefined}
          onClose={() => setPlanning((p) => ({ ...p, open: false }))}
        />
      )}
    </Card>
  );
}
