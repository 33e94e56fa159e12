import { CloseOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Form,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_HALVES, type DutyHalf } from '../../../shared/schemas/services.js';
import { todayInShanghai } from '../../format.js';
import {
  addDays,
  mondayOf,
  POINTS_KEY,
  servicesApi,
  type DutyShiftDto,
  type ServicePointDto,
} from './services.api.js';

const DATE = 'YYYY-MM-DD';

interface AddValues {
  personName: string;
  date: Dayjs;
  half: DutyHalf;
}

/**
 * 值班安排: one week as a grid of days × 上午/下午, with the names on duty. Town officers and
 * the point's own staff add and remove shifts; nobody is booked twice for the same half-day
 * anywhere in the town (the server refuses it).
 */
export function DutyRoster({ point, canWrite }: { point: ServicePointDto; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const today = todayInShanghai();
  const [monday, setMonday] = useState(() => mondayOf(today));
  const sunday = addDays(monday, 6);
  const [adding, setAdding] = useState<Partial<AddValues> | null>(null);
  const [form] = Form.useForm<AddValues>();

  const shifts = useQuery({
    queryKey: [...POINTS_KEY, 'duty', point.unitId, monday, sunday],
    queryFn: () => servicesApi.duty(point.unitId, { from: monday, to: sunday }),
  });

  const refresh = () =>
    client.invalidateQueries({ queryKey: [...POINTS_KEY, 'duty', point.unitId] });

  const add = useMutation({
    mutationFn: (values: AddValues) =>
      servicesApi.addShift(point.unitId, {
        personName: values.personName.trim(),
        date: values.date.format(DATE),
        half: values.half,
      }),
    meta: { form },
    onSuccess: async (shift) => {
      void message.success(t('services.duty.added'));
      setAdding(null);
      const week = mondayOf(shift.date);
      if (week !== monday) setMonday(week);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => servicesApi.removeShift(id),
    onSuccess: async () => {
      void message.success(t('services.duty.removed'));
      await refresh();
    },
  });

  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const names = useMemo(
    () => [...new Set((shifts.data ?? []).map((s) => s.personName))].sort(),
    [shifts.data],
  );

  const cell = (date: string, half: DutyHalf) => {
    const here = (shifts.data ?? []).filter((s) => s.date === date && s.half === half);
    return (
      <Space direction="vertical" size={4} data-testid={`duty-cell-${date}-${half}`}>
        {here.map((s: DutyShiftDto) => (
          <Tag key={s.id} color="red" style={{ marginInlineEnd: 0 }} data-testid="duty-shift">
            {s.personName}
            {canWrite && (
              <Popconfirm
                title={t('services.duty.confirmRemove', { name: s.personName })}
                onConfirm={() => remove.mutate(s.id)}
              >
                <CloseOutlined
                  aria-label={t('services.duty.remove')}
                  style={{ marginInlineStart: 4, fontSize: 10, cursor: 'pointer' }}
                  data-testid="duty-remove"
                />
              </Popconfirm>
            )}
          </Tag>
        ))}
        {canWrite && date >= today && (
          <Typography.Link
            style={{ fontSize: 12 }}
            onClick={() => setAdding({ date: dayjs(date), half })}
          >
            <PlusOutlined /> {t('services.duty.addHere')}
          </Typography.Link>
        )}
      </Space>
    );
  };

  interface GridRow {
    half: DutyHalf;
  }
  const columns: TableColumnsType<GridRow> = [
    {
      title: '',
      key: 'half',
      width: 72,
      fixed: 'left',
      render: (_v, row) => (
        <Typography.Text strong>{t(`services.halves.${row.half}`)}</Typography.Text>
      ),
    },
    ...days.map((date) => ({
      key: date,
      title: (
        <Space direction="vertical" size={0} style={{ lineHeight: 1.3 }}>
          <Typography.Text strong={date === today} type={date === today ? undefined : 'secondary'}>
            {dayjs(date).format('ddd')}
            {date === today ? t('services.duty.todayMark') : ''}
          </Typography.Text>
          <Typography.Text style={{ fontSize: 12 }}>{date.slice(5)}</Typography.Text>
        </Space>
      ),
      onCell: () => ({
        style: date === today ? { background: 'rgba(22, 119, 255, 0.04)' } : undefined,
      }),
      render: (_v: unknown, row: GridRow) => cell(date, row.half),
    })),
  ];

  return (
    <Card
      title={t('services.duty.title')}
      extra={
        <Space wrap>
          <Button
            size="small"
            icon={<LeftOutlined />}
            aria-label={t('services.duty.prevWeek')}
            onClick={() => setMonday(addDays(monday, -7))}
          />
          <Button size="small" onClick={() => setMonday(mondayOf(today))}>
            {t('services.duty.thisWeek')}
          </Button>
          <Button
            size="small"
            icon={<RightOutlined />}
            aria-label={t('services.duty.nextWeek')}
            onClick={() => setMonday(addDays(monday, 7))}
          />
          {canWrite && (
            <Button
              type="primary"
              size="small"
              icon={<PlusOutlined />}
              data-testid="duty-add"
              onClick={() => setAdding({ date: dayjs(today), half: 'am' })}
            >
              {t('services.duty.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('services.duty.week', { from: monday, to: sunday })}
      </Typography.Paragraph>
      <Table<GridRow>
        data-testid="duty-grid"
        rowKey="half"
        size="small"
        bordered
        columns={columns}
        dataSource={DUTY_HALVES.map((half) => ({ half }))}
        loading={shifts.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        open={adding !== null}
        title={t('services.duty.addTitle', { name: point.name })}
        onCancel={() => setAdding(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        okButtonProps={{ 'data-testid': 'duty-submit' }}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        {adding && (
          <Form<AddValues>
            form={form}
            layout="vertical"
            initialValues={adding}
            onFinish={(values) => add.mutate(values)}
          >
            <Form.Item
              name="personName"
              label={t('services.duty.person')}
              extra={t('services.duty.personHint')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <AutoComplete
                options={names.map((value) => ({ value }))}
                maxLength={40}
                data-testid="duty-person"
                filterOption={(input, option) => (option?.value ?? '').includes(input.trim())}
              />
            </Form.Item>
            <Form.Item
              name="date"
              label={t('services.duty.date')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="duty-date" />
            </Form.Item>
            <Form.Item
              name="half"
              label={t('services.duty.half')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={DUTY_HALVES.map((value) => ({
                  value,
                  label: t(`services.halves.${value}`),
                }))}
                data-testid="duty-half"
              />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
