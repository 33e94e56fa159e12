import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DownloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { showError } from '../../api/errors.js';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { todayInShanghai } from '../../format.js';
import { yuanLabel } from '../../i18n/labels.js';
import { useRegion } from '../../region/RegionContext.js';
import { useMe } from '../auth/session.js';
import {
  DISCLOSURE_KEY,
  disclosureApi,
  type OverdueEntry,
  type VillageStatus,
} from './disclosure.api.js';
import { RateBar } from './RateBar.js';

const DATE = 'YYYY-MM-DD';

/** Null rates (nothing due) sort after every number. */
function compareRates(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a - b;
}

/**
 * The disclosure record of the villages under the chosen region: what fell due in the period,
 * what went out on time or late, what is overdue now, and the overdue entries themselves.
 */
export default function DisclosurePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode: chosen } = useRegion();
  const regionCode = chosen ?? me.regionCode;
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const today = dayjs(todayInShanghai());
    return [today.startOf('year'), today];
  });
  const from = range[0].format(DATE);
  const to = range[1].format(DATE);

  const status = useQuery({
    queryKey: [...DISCLOSURE_KEY, 'status', regionCode, from, to],
    queryFn: () => disclosureApi.status(regionCode, from, to),
    placeholderData: keepPreviousData,
  });

  const villages = status.data?.villages ?? [];
  const overdue = useMemo(
    () => [...(status.data?.overdue ?? [])].sort((a, b) => b.daysLate - a.daysLate),
    [status.data],
  );

  const count = (key: 'due' | 'onTime' | 'late' | 'overdue') => ({
    title: t(`disclosure.status.${key}`),
    dataIndex: key,
    key,
    align: 'right' as const,
    sorter: (a: VillageStatus, b: VillageStatus) => a[key] - b[key],
  });

  const villageColumns: TableColumnsType<VillageStatus> = [
    {
      title: t('disclosure.status.village'),
      dataIndex: 'regionName',
      key: 'village',
      sorter: (a, b) => a.regionCode.localeCompare(b.regionCode),
    },
    count('due'),
    count('onTime'),
    count('late'),
    {
      ...count('overdue'),
      render: (value: number) =>
        value > 0 ? <Typography.Text type="danger">{value}</Typography.Text> : value,
    },
    {
      title: t('disclosure.status.onTimeRate'),
      key: 'onTimeRate',
      width: 220,
      sorter: (a, b) => compareRates(a.onTimeRate, b.onTimeRate),
      render: (_v, village) => <RateBar rate={village.onTimeRate} />,
    },
  ];

  const overdueColumns: TableColumnsType<OverdueEntry> = [
    { title: t('disclosure.status.village'), dataIndex: 'regionName', key: 'village' },
    {
      title: t('disclosure.status.kind'),
      key: 'kind',
      render: (_v, entry) => <Tag>{t(`disclosure.subjects.${entry.kind}`)}</Tag>,
    },
    {
      title: t('disclosure.status.entry'),
      key: 'title',
      render: (_v, entry) => <Link to={`/ledger/${entry.id}`}>{entry.title}</Link>,
    },
    {
      title: t('disclosure.status.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, entry) => (
        <span style={{ whiteSpace: 'nowrap' }}>{yuanLabel(t, entry.amount)}</span>
      ),
    },
    { title: t('disclosure.status.dueOn'), dataIndex: 'dueOn', key: 'dueOn' },
    {
      title: t('disclosure.status.daysLate'),
      key: 'daysLate',
      render: (_v, entry) => (
        <Tag color="error">{t('disclosure.status.daysLateValue', { n: entry.daysLate })}</Tag>
      ),
    },
  ];

  const totals = villages.reduce(
    (sum, v) => ({
      due: sum.due + v.due,
      onTime: sum.onTime + v.onTime,
      late: sum.late + v.late,
      overdue: sum.overdue + v.overdue,
    }),
    { due: 0, onTime: 0, late: 0, overdue: 0 },
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('disclosure.status.title')}>
        <Typography.Paragraph type="secondary">{t('disclosure.status.intro')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Typography.Text>{t('disclosure.status.range')}</Typography.Text>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(next) => {
              if (next?.[0] && next[1]) setRange([next[0], next[1]]);
            }}
            data-testid="disclosure-range"
          />
          <Button
            icon={<DownloadOutlined />}
            data-testid="disclosure-export"
            onClick={() => disclosureApi.exportXlsx(regionCode, from, to).catch(showError)}
          >
            {t('common.exportXlsx')}
          </Button>
        </Space>
        <Table<VillageStatus>
          data-testid="disclosure-villages"
          rowKey="regionCode"
          size="middle"
          columns={villageColumns}
          dataSource={villages}
          loading={status.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('disclosure.status.noVillages') }}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          summary={() =>
            villages.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('disclosure.status.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {totals.due}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {totals.onTime}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {totals.late}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {totals.overdue}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5}>
                  <RateBar rate={totals.due === 0 ? null : totals.onTime / totals.due} />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <Card title={t('disclosure.status.overdueTitle')}>
        <Typography.Paragraph type="secondary">
          {t('disclosure.status.overdueIntro')}
        </Typography.Paragraph>
        <Table<OverdueEntry>
          data-testid="disclosure-overdue"
          rowKey="id"
          size="middle"
          columns={overdueColumns}
          dataSource={overdue}
          loading={status.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('disclosure.status.noOverdue') }}
          pagination={{
            defaultPageSize: 20,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Card>
    </Space>
  );
}
