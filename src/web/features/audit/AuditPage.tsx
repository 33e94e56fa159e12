import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePaging } from '../../layout/usePaging.js';
import type { AuditEventDto, VerifyReport } from '../../../shared/schemas/audit.js';
import { formatTime, shanghaiToIso } from '../../format.js';
import i18n from '../../i18n/index.js';
import { auditActionLabel, auditEntityLabel, knownAuditActions } from '../../i18n/labels.js';
import { useRegion } from '../../region/RegionContext.js';
import { RegionSelect } from '../../region/RegionSelect.js';
import { useMyRegions } from '../../region/regions.api.js';
import { auditApi, type AuditFilter } from './audit.api.js';
import { VerifyResult } from './VerifyResult.js';

interface FilterValues {
  action?: string;
  entity?: string;
  entityId?: string;
  actor?: string;
  regionCode?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const WALL_CLOCK = 'YYYY-MM-DDTHH:mm:ss';

function toFilter(values: FilterValues): AuditFilter {
  const [from, to] = values.range ?? [null, null];
  const text = (value?: string) => (value?.trim() ? value.trim() : undefined);
  return {
    action: values.action,
    entity: text(values.entity),
    entityId: text(values.entityId),
    actor: text(values.actor),
    regionCode: values.regionCode,
    from: from ? shanghaiToIso(from.format(WALL_CLOCK)) : undefined,
    to: to ? shanghaiToIso(to.format(WALL_CLOCK)) : undefined,
  };
}

function DataView({ event }: { event: AuditEventDto }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('common.labelValue', { label: t('audit.ip'), value: event.ip ?? '-' })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
        {t('common.labelValue', { label: t('audit.prevHash'), value: event.prevHash })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
        {t('common.labelValue', { label: t('audit.hash'), value: event.hash })}
      </Typography.Text>
      <Typography.Text strong>{t('audit.data')}</Typography.Text>
      <pre
        data-testid="audit-data"
        style={{
          margin: 0,
          padding: 12,
          background: '#f6f8fa',
          borderRadius: 6,
          maxHeight: 400,
          overflow: 'auto',
          fontSize: 12,
        }}
      >
        {JSON.stringify(event.data, null, 2)}
      </pre>
    </Space>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { regionCode } = useRegion();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({ regionCode });
  const { page, pageSize, setPage, pagination } = usePaging();
  const [report, setReport] = useState<VerifyReport | null>(null);
  const regions = useMyRegions();

  // The header's region is the default region filter.
  useEffect(() => {
    form.setFieldValue('regionCode', regionCode);
    setFilter((prev) => ({ ...prev, regionCode }));
    setPage(1);
  }, [regionCode, form]);

  const regionNames = useMemo(
    () => new Map((regions.data ?? []).map((r) => [r.code, r.name])),
    [regions.data],
  );

  const actionOptions = useMemo(
    () =>
      knownAuditActions().map((action) => ({
        value: action,
        label: `${auditActionLabel(t, action)} (${action})`,
      })),
    [t],
  );
  const entityOptions = useMemo(() => {
    const entities = Object.keys(
      i18n.getResource('zh-CN', 'translation', 'auditEntity') as Record<string, string>,
    );
    return entities.map((entity) => ({ value: entity, label: auditEntityLabel(t, entity) }));
  }, [t]);

  const query = { ...filter, page, pageSize };
  const list = useQuery({
    queryKey: ['audit', query],
    queryFn: () => auditApi.list(query),
    placeholderData: keepPreviousData,
  });

  const verify = useMutation({ mutationFn: auditApi.verify, onSuccess: setReport });

  const columns: TableColumnsType<AuditEventDto> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    {
      title: t('audit.time'),
      key: 'at',
      render: (_v, event) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(event.at)}</span>,
    },
    { title: t('audit.actor'), dataIndex: 'actorName', key: 'actor' },
    {
      title: t('audit.action'),
      key: 'action',
      render: (_v, event) => (
        <Tooltip title={event.action}>
          <span>{auditActionLabel(t, event.action)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_v, event) => auditEntityLabel(t, event.entity),
    },
    {
      title: t('audit.entityId'),
      key: 'entityId',
      render: (_v, event) => (
        <Typography.Text code copyable={{ text: event.entityId }} style={{ fontSize: 12 }}>
          {event.entityId.length > 14 ? `${event.entityId.slice(0, 12)}…` : event.entityId}
        </Typography.Text>
      ),
    },
    {
      title: t('audit.region'),
      key: 'region',
      render: (_v, event) =>
        event.regionCode ? (regionNames.get(event.regionCode) ?? event.regionCode) : '',
    },
    {
      title: t('audit.hash'),
      key: 'hash',
      render: (_v, event) => (
        <Tooltip title={event.hash}>
          <Typography.Text code style={{ fontSize: 12 }}>
            {event.hash.slice(0, 12)}
          </Typography.Text>
        </Tooltip>
      ),
    },
  ];

  const apply = (values: FilterValues) => {
    setFilter(toFilter(values));
    setPage(1);
  };

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      }
    >
      <Form<FilterValues>
        form={form}
        layout="inline"
        initialValues={{ regionCode }}
        onFinish={apply}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item name="action">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.action')}
            options={actionOptions}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            data-testid="audit-filter-action"
          />
        </Form.Item>
        <Form.Item name="entity">
          <AutoComplete
            allowClear
            placeholder={t('audit.entity')}
            options={entityOptions}
            style={{ width: 140 }}
            filterOption={(input, option) =>
              !!option && (option.value.includes(input) || String(option.label).includes(input))
            }
          />
        </Form.Item>
        <Form.Item name="entityId">
          <Input allowClear placeholder={t('audit.entityId')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="actor">
          <Input allowClear placeholder={t('audit.actor')} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="regionCode">
          <RegionSelect allowClear placeholder={t('audit.region')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              form.setFieldValue('regionCode', regionCode);
              apply({ regionCode });
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <Table<AuditEventDto>
        data-testid="audit-table"
        rowKey="seq"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (event) => <DataView event={event} /> }}
        pagination={pagination(list.data?.total)}
      />
      <Modal
        open={report !== null}
        title={t('audit.verifyTitle')}
        onCancel={() => setReport(null)}
        footer={<Button onClick={() => setReport(null)}>{t('common.close')}</Button>}
        width={640}
      >
        {report && <VerifyResult report={report} />}
      </Modal>
    </Card>
  );
}
