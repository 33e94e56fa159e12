import { PlusOutlined, RedoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format.js';
import { UnitSelect, useUnitsFor } from '../cases/UnitSelect.js';
import {
  NOTIFY_KEY,
  NOTIFY_KINDS,
  servicesApi,
  type NotifyChannel,
  type NotifyKind,
  type OutboundMessage,
} from './services.api.js';

interface Values {
  kind: NotifyKind;
  target: string;
}

/**
 * 通知渠道 (on the case settings page): a unit's e-mail addresses and group-robot webhooks
 * (钉钉/企业微信群机器人), and the town's messages that could not be sent, to send again.
 * Town officers with case.config.
 */
export function NotifyChannelsCard({ town }: { town: string }) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | undefined>();
  const { units, loading } = useUnitsFor([town]);

  return (
    <Card title={t('services.notify.title')}>
      <Typography.Paragraph type="secondary">{t('services.notify.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('services.notify.unit')}</Typography.Text>
        <UnitSelect
          units={units}
          loading={loading}
          value={unitId}
          onChange={(next) => setUnitId(typeof next === 'string' ? next : undefined)}
          placeholder={t('services.notify.unitPlaceholder')}
          style={{ width: 320 }}
          data-testid="notify-channel-unit"
        />
      </Space>
      {unitId ? (
        <Channels unitId={unitId} />
      ) : (
        <Alert type="info" showIcon message={t('services.notify.chooseUnit')} />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('services.notify.failedTitle')}
      </Typography.Title>
      <FailedMessages town={town} />
    </Card>
  );
}

function Channels({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const key = [...NOTIFY_KEY, 'channels', unitId];
  const kind = Form.useWatch('kind', form);

  const channels = useQuery({ queryKey: key, queryFn: () => servicesApi.channels(unitId) });
  const add = useMutation({
    mutationFn: (values: Values) =>
      servicesApi.addChannel({ unitId, kind: values.kind, target: values.target.trim() }),
    meta: { form },
    onSuccess: async () => {
      void message.success(t('services.notify.added'));
      setOpen(false);
      await client.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => servicesApi.removeChannel(id),
    onSuccess: async () => {
      void message.success(t('services.notify.removed'));
      await client.invalidateQueries({ queryKey: key });
    },
  });

  const columns: TableColumnsType<NotifyChannel> = [
    {
      title: t('services.notify.kind'),
      key: 'kind',
      render: (_v, c) => (
        <Tag color={c.kind === 'email' ? 'blue' : 'purple'}>
          {t(`services.notify.kinds.${c.kind}`)}
        </Tag>
      ),
    },
    {
      title: t('services.notify.target'),
      dataIndex: 'target',
      key: 'target',
      render: (target: string) => (
        <Typography.Text copyable ellipsis={{ tooltip: target }} style={{ maxWidth: 420 }}>
          {target}
        </Typography.Text>
      ),
    },
    {
      title: t('services.notify.createdAt'),
      key: 'createdAt',
      render: (_v, c) => formatTime(c.createdAt).slice(0, 16),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, c) => (
        <Popconfirm
          title={t('services.notify.confirmRemove')}
          onConfirm={() => remove.mutate(c.id)}
        >
          <Button type="link" size="small" danger data-testid="notify-channel-remove">
            {t('common.remove')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <Button
        icon={<PlusOutlined />}
        style={{ marginBottom: 12 }}
        onClick={() => setOpen(true)}
        data-testid="notify-channel-add"
      >
        {t('services.notify.add')}
      </Button>
      <Table<NotifyChannel>
        data-testid="notify-channels-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={channels.data ?? []}
        loading={channels.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('services.notify.empty') }}
      />
      <Modal
        open={open}
        title={t('services.notify.addTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        okButtonProps={{ 'data-testid': 'notify-channel-submit' }}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'webhook' }}
          onFinish={(values) => add.mutate(values)}
        >
          <Form.Item name="kind" label={t('services.notify.kind')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={NOTIFY_KINDS.map((value) => ({
                value,
                label: t(`services.notify.kinds.${value}`),
              }))}
              data-testid="notify-channel-kind"
            />
          </Form.Item>
          <Form.Item
            name="target"
            label={kind === 'email' ? t('services.notify.email') : t('services.notify.webhook')}
            extra={kind === 'email' ? undefined : t('services.notify.webhookHint')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              kind === 'email'
                ? { type: 'email', message: t('services.notify.emailInvalid') }
                : { pattern: /^https?:\/\/\S+$/, message: t('services.notify.webhookInvalid') },
            ]}
          >
            <Input
              maxLength={500}
              placeholder={
                kind === 'email'
                  ? t('services.notify.emailPlaceholder')
                  : t('services.notify.webhookPlaceholder')
              }
              data-testid="notify-channel-target"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 发送失败的消息: e-mails and webhook calls of the town that gave up, each can be sent again. */
function FailedMessages({ town }: { town: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const key = [...NOTIFY_KEY, 'outbound', town, 'failed'];
  const failed = useQuery({ queryKey: key, queryFn: () => servicesApi.outbound(town, 'failed') });
  const retry = useMutation({
    mutationFn: (id: string) => servicesApi.retry(id),
    onSuccess: async () => {
      void message.success(t('services.notify.retried'));
      await client.invalidateQueries({ queryKey: key });
    },
  });

  const columns: TableColumnsType<OutboundMessage> = [
    {
      title: t('services.notify.createdAt'),
      key: 'createdAt',
      render: (_v, m) => formatTime(m.createdAt).slice(0, 16),
    },
    {
      title: t('services.notify.kind'),
      key: 'kind',
      render: (_v, m) =>
        m.kind === 'email' || m.kind === 'webhook' ? t(`services.notify.kinds.${m.kind}`) : m.kind,
    },
    {
      title: t('services.notify.target'),
      dataIndex: 'target',
      key: 'target',
      render: (target: string) => (
        <Typography.Text ellipsis={{ tooltip: target }} style={{ maxWidth: 260 }}>
          {target}
        </Typography.Text>
      ),
    },
    { title: t('services.notify.subject'), dataIndex: 'subject', key: 'subject' },
    {
      title: t('services.notify.attempts'),
      dataIndex: 'attempts',
      key: 'attempts',
      align: 'right',
    },
    {
      title: t('services.notify.lastError'),
      key: 'lastError',
      render: (_v, m) => (
        <Typography.Text
          type="danger"
          ellipsis={{ tooltip: m.lastError }}
          style={{ maxWidth: 260 }}
        >
          {m.lastError ?? ''}
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, m) => (
        <Button
          type="link"
          size="small"
          icon={<RedoOutlined />}
          loading={retry.isPending && retry.variables === m.id}
          onClick={() => retry.mutate(m.id)}
          data-testid="outbound-retry"
        >
          {t('services.notify.retry')}
        </Button>
      ),
    },
  ];

  return (
    <Table<OutboundMessage>
      data-testid="outbound-failed"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={failed.data ?? []}
      loading={failed.isFetching}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('services.notify.failedEmpty') }}
    />
  );
}
