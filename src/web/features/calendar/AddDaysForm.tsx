import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dayKindLabel } from '../../i18n/labels.js';
import { CALENDAR_KEY, calendarApi, MAX_DAYS_PER_REQUEST, type DayKind } from './calendar.api.js';

interface Values {
  range: [Dayjs, Dayjs];
  kind: DayKind;
  name?: string;
}

const DAY_MS = 86_400_000;
const KINDS: readonly DayKind[] = ['holiday', 'workday'];

/** Every date from `first` to `last` inclusive, as `YYYY-MM-DD`. */
export function datesBetween(first: string, last: string): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`);
  const dates: string[] = [];
  for (let day = start; day <= end; day += DAY_MS) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

function datesOf(range: [Dayjs, Dayjs]): string[] {
  return datesBetween(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
}

/** Enter a range of dates as days off or swapped working days, with a holiday name. */
export function AddDaysForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();

  const save = useMutation({
    mutationFn: (values: Values) => {
      const name = values.name?.trim();
      return calendarApi.setDays({
        days: datesOf(values.range).map((date) => ({
          date,
          kind: values.kind,
          ...(name ? { name } : {}),
        })),
      });
    },
    onSuccess: async (_result, values) => {
      void message.success(t('calendar.saved', { count: datesOf(values.range).length }));
      form.resetFields(['range', 'name']);
      await client.invalidateQueries({ queryKey: CALENDAR_KEY });
    },
  });

  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('calendar.add')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendar.addHint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="inline"
        initialValues={{ kind: 'holiday' }}
        onFinish={(values) => save.mutate(values)}
        style={{ rowGap: 12 }}
      >
        <Form.Item label={t('calendar.range')} required>
          <div data-testid="calendar-add-range">
            <Form.Item
              name="range"
              noStyle
              rules={[
                { required: true, message: t('common.required') },
                {
                  validator: async (_rule, value: [Dayjs, Dayjs] | null | undefined) => {
                    if (value && datesOf(value).length > MAX_DAYS_PER_REQUEST) {
                      throw new Error(t('calendar.tooMany', { max: MAX_DAYS_PER_REQUEST }));
                    }
                  },
                },
              ]}
            >
              <DatePicker.RangePicker />
            </Form.Item>
          </div>
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('calendar.kind')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={KINDS.map((kind) => ({ value: kind, label: dayKindLabel(t, kind) }))}
            data-testid="calendar-add-kind"
          />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.name')}>
          <Input
            allowClear
            maxLength={32}
            placeholder={t('calendar.namePlaceholder')}
            style={{ width: 200 }}
            data-testid="calendar-add-name"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<PlusOutlined />}
          loading={save.isPending}
          data-testid="calendar-add-submit"
        >
          {t('common.add')}
        </Button>
      </Form>
    </div>
  );
}
