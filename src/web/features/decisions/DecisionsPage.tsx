import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  DECISION_STATUSES,
  DECISION_STEPS,
  type DecisionStep,
} from '../../../shared/schemas/decision.js';
import { showError } from '../../api/errors.js';
import { formatTime } from '../../format.js';
import { yuanLabel } from '../../i18n/labels.js';
import { usePaging } from '../../layout/usePaging.js';
import { useRegion } from '../../region/RegionContext.js';
import { can, useMe } from '../auth/session.js';
import { StatusTag } from './DecisionTags.js';
import {
  DECISIONS_KEY,
  decisionsApi,
  type DecisionListItem,
  type DecisionStatus,
} from './decisions.api.js';
import { NewDecisionDrawer } from './NewDecisionDrawer.js';

/**
 * The step a matter is at: the one after the last passed (where a rejected matter failed),
 * or the last step once completed.
 */
function currentStep(item: DecisionListItem): DecisionStep {
  if (item.status === 'completed') return 'resultDisclosure';
  const index = item.step ? DECISION_STEPS.indexOf(item.step) + 1 : 0;
  return DECISION_STEPS[index] ?? 'resultDisclosure';
}

/** The region's 四议两公开 matters, newest change first, with a status filter. */
export default function DecisionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode: chosen } = useRegion();
  const regionCode = chosen ?? me.regionCode;
  const canWrite = can(me, 'ledger.write');
  const [status, setStatus] = useState<DecisionStatus | undefined>();
  const [creating, setCreating] = useState(false);
  const { page, pageSize, setPage, pagination } = usePaging();

  useEffect(() => setPage(1), [regionCode]);

  const filter = { regionCode, status, page, pageSize };
  const list = useQuery({
    queryKey: [...DECISIONS_KEY, 'list', filter],
    queryFn: () => decisionsApi.list(filter),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<DecisionListItem> = [
    {
      title: t('decision.columns.title'),
      key: 'title',
      render: (_v, item) => <Link to={`/decisions/${item.id}`}>{item.title}</Link>,
    },
    { title: t('decision.columns.village'), dataIndex: 'regionName', key: 'village' },
    {
      title: t('decision.columns.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, item) => (
        <span style={{ whiteSpace: 'nowrap' }}>{yuanLabel(t, item.amount)}</span>
      ),
    },
    {
      title: t('decision.columns.status'),
      key: 'status',
      render: (_v, item) => <StatusTag status={item.status} />,
    },
    {
      title: t('decision.columns.step'),
      key: 'step',
      render: (_v, item) => t(`decision.steps.${currentStep(item)}`),
    },
    {
      title: t('decision.columns.updatedAt'),
      key: 'updatedAt',
      render: (_v, item) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatTime(item.updatedAt)}</span>
      ),
    },
  ];

  return (
    <Card
      title={t('decision.title')}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            data-testid="decision-export"
            onClick={() => decisionsApi.exportXlsx({ regionCode, status }).catch(showError)}
          >
            {t('common.exportXlsx')}
          </Button>
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="decision-new"
              onClick={() => setCreating(true)}
            >
              {t('decision.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('decision.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<DecisionStatus>
          allowClear
          data-testid="decision-status"
          placeholder={t('decision.statusFilter')}
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={DECISION_STATUSES.map((value) => ({
            value,
            label: t(`decision.status.${value}`),
          }))}
        />
      </Space>
      <Table<DecisionListItem>
        data-testid="decision-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={pagination(list.data?.total)}
      />
      <NewDecisionDrawer open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
