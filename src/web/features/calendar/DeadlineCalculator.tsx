import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Form, InputNumber, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime, shanghaiToIso } from '../../format.js';
import { CALENDAR_KEY, calendarApi } from './calendar.api.js';

const WALL_CLOCK = 'YYYY-MM-DDTHH:mm:ss';
const MAX_WORKING_DAYS = 1000;

/** The current Beijing wall-clock time, to the minute, for the picker. */
function nowInShanghai(): Dayjs {
  return dayjs(formatTime(new Date().toISOString())).second(0).millisecond(0);
}

/** Counts N working days from a start time with the server's calendar. */
export function DeadlineCalculator() {
  const { t } = useTranslation();
  const [start, setStart] = useState<Dayjs | null>(nowInShanghai);
  const [days, setDays] = useState<number | null>(5);

  const startIso = start ? shanghaiToIso(start.format(WALL_CLOCK)) : null;
  const ready = startIso !== null && days !== null;
  const deadline = useQuery({
    queryKey: [...CALENDAR_KEY, 'deadline', startIso, days],
    queryFn: () => calendarApi.deadline(startIso!, days!),
    enabled: ready,
    placeholderData: keepPreviousData,
  });

  const uncovered = deadline.data?.uncoveredYears ?? [];

  return (
    <Card title={t('calendar.deadline')}>
      <Typography.Paragraph type="secondary">{t('calendar.deadlineIntro')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('calendar.start')}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={start}
            onChange={setStart}
            allowClear={false}
            style={{ width: '100%' }}
            data-testid="deadline-start"
          />
        </Form.Item>
        <Form.Item label={t('calendar.workingDays')}>
          <InputNumber
            min={0}
            max={MAX_WORKING_DAYS}
            precision={0}
            value={days}
            onChange={setDays}
            style={{ width: '100%' }}
            data-testid="deadline-days"
          />
        </Form.Item>
        <Form.Item label={t('calendar.dueAt')}>
          <Spin spinning={ready && deadline.isFetching} size="small">
            <Typography.Text strong style={{ fontSize: 20 }} data-testid="deadline-result">
              {ready && deadline.data ? formatTime(deadline.data.dueAt).slice(0, 16) : '-'}
            </Typography.Text>
          </Spin>
        </Form.Item>
      </Form>
      {ready && uncovered.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="deadline-uncovered"
          message={t('calendar.uncovered', {
            years: uncovered.join(t('calendar.yearSeparator')),
          })}
        />
      )}
    </Card>
  );
}
