import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_LOG_KINDS } from '../../../shared/schemas/services.js';
import { todayInShanghai } from '../../format.js';
import {
  POINTS_KEY,
  servicesApi,
  type ServiceLogItem,
  type ServicePointDto,
} from './services.api.js';

type LogKind = (typeof SERVICE_LOG_KINDS)[number];

interface AddValues {
  date: Dayjs;
  kind: LogKind;
  content: string;
  peopleServed: number;
}

/** 服务台账: what the point did (last 90 days, newest first), with the people served. */
export function ServiceLogCard({ point, canWrite }: { point: ServicePointDto; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<AddValues>();
  const [open, setOpen] = useState(false);
  const key = [...POINTS_KEY, 'logs', point.unitId];

  const logs = useQuery({
    queryKey: key,
    queryFn: () => servicesApi.logs(point.unitId, {}),
  });
  const add = useMutation({
    mutationFn: (values: AddValues) =>
      servicesApi.addLog(point.unitId, {
        date: values.date.format('YYYY-MM-DD'),
        kind: values.kind,
        content: values.content.trim(),
        peopleServed: values.peopleServed,
      }),
    meta: { form },
    onSuccess: async () => {
      void message.success(t('services.log.added'));
      setOpen(false);
      await client.invalidateQueries({ queryKey: key });
    },
  });

  const served = (logs.data ?? []).reduce((sum, l) => sum + l.peopleServed, 0);
  const columns: TableColumnsType<ServiceLogItem> = [
    { title: t('services.log.date'), dataIndex: 'date', key: 'date', width: 110 },
    {
      title: t('services.log.kind'),
      key: 'kind',
      width: 110,
      render: (_v, l) => <Tag>{t(`services.logKinds.${l.kind}`)}</Tag>,
    },
    { title: t('services.log.content'), dataIndex: 'content', key: 'content' },
    {
      title: t('services.log.people'),
      dataIndex: 'peopleServed',
      key: 'people',
      width: 100,
      align: 'right',
    },
  ];

  return (
    <Card
      title={t('services.log.title')}
      extra={
        canWrite && (
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            data-testid="service-log-add"
            onClick={() => setOpen(true)}
          >
            {t('services.log.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('services.log.summary', { n: logs.data?.length ?? 0, people: served })}
      </Typography.Paragraph>
      <Table<ServiceLogItem>
        data-testid="service-log-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={logs.data ?? []}
        loading={logs.isFetching}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('services.log.empty') }}
      />
      <Modal
        open={open}
        title={t('services.log.addTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        okButtonProps={{ 'data-testid': 'service-log-submit' }}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        <Form<AddValues>
          form={form}
          layout="vertical"
          initialValues={{ date: dayjs(todayInShanghai()), kind: 'reception', peopleServed: 1 }}
          onFinish={(values) => add.mutate(values)}
        >
          <Form.Item
            name="date"
            label={t('services.log.date')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.format('YYYY-MM-DD') > todayInShanghai()}
              data-testid="service-log-date"
            />
          </Form.Item>
          <Form.Item
            name="kind"
            label={t('services.log.kind')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select<LogKind>
              options={SERVICE_LOG_KINDS.map((value) => ({
                value,
                label: t(`services.logKinds.${value}`),
              }))}
              data-testid="service-log-kind"
            />
          </Form.Item>
          <Form.Item
            name="content"
            label={t('services.log.content')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              { min: 2, message: t('services.log.contentShort') },
            ]}
          >
            <Input.TextArea
              rows={4}
              maxLength={2000}
              showCount
              placeholder={t('services.log.contentPlaceholder')}
              data-testid="service-log-content"
            />
          </Form.Item>
          <Form.Item
            name="peopleServed"
            label={t('services.log.people')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <InputNumber
              min={0}
              max={100000}
              precision={0}
              addonAfter={t('services.log.peopleUnit')}
              data-testid="service-log-people"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
