import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BUSINESS_TYPES,
  LICENCE_WARNING_DAYS,
  STALL_STATUSES,
  type BusinessType,
} from '../../../shared/schemas/services.js';
import { businessTypeLabel } from './fields.js';
import { ALLIANCES_KEY, servicesApi, type AllianceDto, type StallDto } from './services.api.js';

type StallStatus = (typeof STALL_STATUSES)[number];
type LicenceFilter = 'all' | 'expiring' | 'expired';

interface Values {
  stallNo: string;
  holderName: string;
  businessType: BusinessType;
  licenceNo: string;
  licenceValidUntil: Dayjs;
  status: StallStatus;
}

/** 有效期: the date, orange with 即将到期 within 30 days, red with 已过期 once past. */
export function LicenceDate({ stall }: { stall: StallDto }) {
  const { t } = useTranslation();
  if (stall.licenceState === 'ok') return <span>{stall.licenceValidUntil}</span>;
  const expired = stall.licenceState === 'expired';
  return (
    <Space size={4}>
      <Typography.Text type={expired ? 'danger' : 'warning'}>
        {stall.licenceValidUntil}
      </Typography.Text>
      <Tag color={expired ? 'red' : 'orange'} data-testid={`licence-${stall.licenceState}`}>
        {t(`services.licenceStates.${stall.licenceState}`)}
      </Tag>
    </Space>
  );
}

/** 摊位登记: the alliance's stalls by number, their licences and whether they trade. */
export function StallsCard({ alliance, canEdit }: { alliance: AllianceDto; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<{ stall: StallDto | null } | null>(null);
  const [filter, setFilter] = useState<LicenceFilter>('all');
  const key = [...ALLIANCES_KEY, 'stalls', alliance.id];

  const stalls = useQuery({ queryKey: key, queryFn: () => servicesApi.stalls(alliance.id) });
  const shown = useMemo(
    () => (stalls.data ?? []).filter((s) => filter === 'all' || s.licenceState === filter),
    [stalls.data, filter],
  );
  const count = (state: LicenceFilter) =>
    (stalls.data ?? []).filter((s) => s.licenceState === state).length;

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body = {
        stallNo: values.stallNo.trim(),
        holderName: values.holderName.trim(),
        businessType: values.businessType,
        licenceNo: values.licenceNo.trim(),
        licenceValidUntil: values.licenceValidUntil.format('YYYY-MM-DD'),
        status: values.status,
      };
      const stall = editing?.stall;
      return stall
        ? servicesApi.updateStall(stall.id, body)
        : servicesApi.addStall(alliance.id, body);
    },
    meta: { form },
    onSuccess: async () => {
      void message.success(t('services.stalls.saved'));
      setEditing(null);
      await client.invalidateQueries({ queryKey: ALLIANCES_KEY });
    },
  });

  const columns: TableColumnsType<StallDto> = [
    { title: t('services.stalls.stallNo'), dataIndex: 'stallNo', key: 'stallNo' },
    { title: t('services.stalls.holder'), dataIndex: 'holderName', key: 'holder' },
    {
      title: t('services.stalls.businessType'),
      key: 'businessType',
      render: (_v, s) => businessTypeLabel(s.businessType),
    },
    { title: t('services.stalls.licenceNo'), dataIndex: 'licenceNo', key: 'licenceNo' },
    {
      title: t('services.stalls.validUntil'),
      key: 'validUntil',
      render: (_v, s) => <LicenceDate stall={s} />,
    },
    {
      title: t('services.stalls.status'),
      key: 'status',
      render: (_v, s) =>
        s.status === 'active' ? (
          <Tag color="green">{t('services.stallStatuses.active')}</Tag>
        ) : (
          <Tag>{t('services.stallStatuses.closed')}</Tag>
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_v, s) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          data-testid={`stall-edit-${s.stallNo}`}
          onClick={() => setEditing({ stall: s })}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  const stall = editing?.stall;
  const initialValues: Partial<Values> = stall
    ? {
        stallNo: stall.stallNo,
        holderName: stall.holderName,
        businessType: stall.businessType,
        licenceNo: stall.licenceNo,
        licenceValidUntil: dayjs(stall.licenceValidUntil),
        status: stall.status,
      }
    : { businessType: 'catering', status: 'active' };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];

  return (
    <Card
      title={t('services.stalls.title')}
      extra={
        canEdit && (
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            data-testid="stall-add"
            onClick={() => setEditing({ stall: null })}
          >
            {t('services.stalls.add')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<LicenceFilter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('services.stalls.filterAll') },
            {
              value: 'expiring',
              label: t('services.stalls.filterExpiring', { n: count('expiring') }),
            },
            {
              value: 'expired',
              label: t('services.stalls.filterExpired', { n: count('expired') }),
            },
          ]}
        />
        <Typography.Text type="secondary">
          {t('services.stalls.hint', { days: LICENCE_WARNING_DAYS })}
        </Typography.Text>
      </Space>
      <Table<StallDto>
        data-testid="stalls-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={shown}
        loading={stalls.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('services.stalls.empty') }}
      />
      <Modal
        open={editing !== null}
        title={
          stall ? t('services.stalls.editTitle', { no: stall.stallNo }) : t('services.stalls.add')
        }
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        okButtonProps={{ 'data-testid': 'stall-submit' }}
        confirmLoading={save.isPending}
        destroyOnHidden
        width={600}
      >
        {editing && (
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={initialValues}
            onFinish={(values) => save.mutate(values)}
          >
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Form.Item name="stallNo" label={t('services.stalls.stallNo')} rules={required}>
                  <Input maxLength={20} data-testid="stall-no" />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item name="holderName" label={t('services.stalls.holder')} rules={required}>
                  <Input maxLength={60} data-testid="stall-holder" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Form.Item
                  name="businessType"
                  label={t('services.stalls.businessType')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Select<BusinessType>
                    options={BUSINESS_TYPES.map((value) => ({
                      value,
                      label: businessTypeLabel(value),
                    }))}
                    data-testid="stall-business-type"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item name="licenceNo" label={t('services.stalls.licenceNo')} rules={required}>
                  <Input maxLength={60} data-testid="stall-licence-no" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="licenceValidUntil"
                  label={t('services.stalls.validUntil')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <DatePicker style={{ width: '100%' }} data-testid="stall-valid-until" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="status"
                  label={t('services.stalls.status')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Select<StallStatus>
                    options={STALL_STATUSES.map((value) => ({
                      value,
                      label: t(`services.stallStatuses.${value}`),
                    }))}
                    data-testid="stall-status"
                  />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
