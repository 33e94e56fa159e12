import type { z } from 'zod';
import type {
  CalendarDayDto,
  CalendarInfo,
  Deadline,
  SetCalendarDaysBody,
} from '../../../shared/schemas/calendar.js';
import { api } from '../../api/client.js';

export type { CalendarDayDto };
export type CalendarInfoDto = z.infer<typeof CalendarInfo>;
export type DeadlineDto = z.infer<typeof Deadline>;
export type DayKind = CalendarDayDto['kind'];

/** Most days the server accepts in one request. */
export const MAX_DAYS_PER_REQUEST = 400;

export const calendarApi = {
  info: () => api.get<CalendarInfoDto>('/calendar'),
  setDays: (body: SetCalendarDaysBody) => api.post<{ ok: true }>('/calendar/days', body),
  publishYear: (year: number) => api.post<{ ok: true }>('/calendar/years', { year }),
  deadline: (start: string, days: number) =>
    api.get<DeadlineDto>('/calendar/deadline', { start, days }),
};

/** Query key prefix of everything read from the calendar; invalidated after a change. */
export const CALENDAR_KEY = ['calendar'] as const;
