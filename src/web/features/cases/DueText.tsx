import { useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createCalendar,
  workingDaysBetween,
  type WorkingCalendar,
} from '../../../shared/calendar.js';
import { api } from '../../api/client.js';
import { formatTime } from '../../format.js';
import type { CalendarInfoDto } from '../calendar/calendar.api.js';

/**
 * The official working-day calendar in the browser: the national data shipped with the app,
 * corrected by the days administrators set on the server.
 */
export function useWorkingCalendar(): WorkingCalendar {
  const info = useQuery({
    queryKey: ['calendar', 'info'],
    queryFn: () => api.get<CalendarInfoDto>('/calendar'),
    staleTime: 60 * 60_000,
    meta: { silent: true },
  });
  return useMemo(() => {
    const data = info.data;
    if (!data) return createCalendar();
    const overrides = data.days.map((d) => ({
      date: d.date,
      kind: d.kind,
      name: d.name ?? undefined,
    }));
    return createCalendar(overrides, data.coveredYears);
  }, [info.data]);
}

export type DueState =
  { kind: 'left'; days: number } | { kind: 'today' } | { kind: 'late'; days: number };

/**
 * How a limit stands now, in working days: days still left, due today (limits run to the end
 * of a working day), or how many working days late.
 */
export function dueState(cal: WorkingCalendar, dueIso: string, now: Date): DueState {
  const due = new Date(dueIso);
  if (due.getTime() < now.getTime()) {
    return { kind: 'late', days: workingDaysBetween(cal, due, now) };
  }
  const days = workingDaysBetween(cal, now, due);
  return days === 0 ? { kind: 'today' } : { kind: 'left', days };
}

/** 剩余 3 个工作日 / 今日到期 / 已超期 2 个工作日, coloured by urgency. */
export function DueRemaining({ dueAt, now }: { dueAt: string; now: Date }) {
  const { t } = useTranslation();
  const cal = useWorkingCalendar();
  const state = dueState(cal, dueAt, now);
  switch (state.kind) {
    case 'late':
      return (
        <Typography.Text type="danger" strong>
          {state.days > 0 ? t('cases.due.lateBy', { n: state.days }) : t('cases.due.late')}
        </Typography.Text>
      );
    case 'today':
      return <Typography.Text type="warning">{t('cases.due.today')}</Typography.Text>;
    case 'left':
      return (
        <Typography.Text type={state.days <= 1 ? 'warning' : 'secondary'}>
          {t('cases.due.left', { n: state.days })}
        </Typography.Text>
      );
  }
}

/**
 * A deadline: its time, red once past, and (while it still matters) what is left of it.
 * `active` false shows the time alone, e.g. the sign-for limit of a case already signed for.
 */
export function DueText({
  dueAt,
  now,
  active = true,
}: {
  dueAt: string | null;
  now: Date;
  active?: boolean;
}) {
  const { t } = useTranslation();
  if (!dueAt) return <Typography.Text type="secondary">{t('cases.due.none')}</Typography.Text>;
  const late = active && new Date(dueAt).getTime() < now.getTime();
  return (
    <Space size={8} wrap>
      <Typography.Text type={late ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {formatTime(dueAt).slice(0, 16)}
      </Typography.Text>
      {active && <DueRemaining dueAt={dueAt} now={now} />}
    </Space>
  );
}
