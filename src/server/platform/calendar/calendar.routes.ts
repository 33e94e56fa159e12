import { addWorkingDays, coveredYears, uncoveredYearsIn } from '../../../shared/calendar.js';
import {
  CalendarInfo,
  PublishYearBody,
  Deadline,
  DeadlineQuery,
  SetCalendarDaysBody,
} from '../../../shared/schemas/calendar.js';
import { Ok } from '../../../shared/schemas/common.js';
import { actorOf, principalOf, type App } from '../http/types.js';
import {
  listCalendarDays,
  publishCalendarYear,
  setCalendarDays,
  workingCalendar,
} from './calendar.service.js';

export function registerCalendarRoutes(app: App): void {
  const { db } = app;
  const tags = ['calendar'];

  app.get(
    '/api/v1/calendar',
    { schema: { tags, response: { 200: CalendarInfo } }, config: { access: { public: true } } },
    async () => {
      const calendar = await workingCalendar(db);
      const days = await listCalendarDays(db);
      return {
        coveredYears: [...coveredYears(calendar)],
        days: days.map((d) => ({
          date: d.date,
          kind: d.kind === 'workday' ? ('workday' as const) : ('holiday' as const),
          name: d.name,
        })),
      };
    },
  );

  app.post(
    '/api/v1/calendar/days',
    {
      schema: { tags, body: SetCalendarDaysBody, response: { 200: Ok } },
      config: { access: { permission: 'calendar.write' } },
    },
    async (request) => {
      await setCalendarDays(db, principalOf(request), actorOf(request), request.body.days);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/calendar/years',
    {
      schema: { tags, body: PublishYearBody, response: { 200: Ok } },
      config: { access: { permission: 'calendar.write' } },
    },
    async (request) => {
      await publishCalendarYear(db, principalOf(request), actorOf(request), request.body.year);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/calendar/deadline',
    {
      schema: { tags, querystring: DeadlineQuery, response: { 200: Deadline } },
      config: { access: { public: true } },
    },
    async (request) => {
      const calendar = await workingCalendar(db);
      const start = new Date(request.query.start);
      const dueAt = addWorkingDays(calendar, start, request.query.days);
      return {
        dueAt: dueAt.toISOString(),
        uncoveredYears: uncoveredYearsIn(calendar, start, dueAt),
      };
    },
  );
}
