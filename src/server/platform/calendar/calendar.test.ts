import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO_PASSWORD,
  type TestContext,
} from '../../../../test/support/context.js';
import {
  addWorkingDays,
  describeDay,
  isCovered,
  localDate,
  uncoveredYearsIn,
} from '../../../shared/calendar.js';
import type { Principal } from '../access/access.js';
import type { Actor } from '../audit/audit.js';
import { authenticate, login } from '../auth/auth.service.js';
import { AppError } from '../errors.js';
import {
  listCalendarDays,
  publishCalendarYear,
  setCalendarDays,
  workingCalendar,
} from './calendar.service.js';

/** Wednesday 30 December 2026, 10:00 in Shanghai. */
const START = new Date('2026-12-30T10:00:00+08:00');

describe.each(DB_KINDS)('working calendar on %s', (kind) => {
  let ctx: TestContext;
  let town: { principal: Principal; actor: Actor };
  let county: { principal: Principal; actor: Actor };

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    town = await caller('town');
    county = await caller('county');
  });
  afterAll(() => ctx.close());

  async function caller(username: string) {
    const { token } = await login(
      ctx.db,
      ctx.config,
      { login: username, password: DEMO_PASSWORD },
      '127.0.0.1',
      'vitest',
    );
    const { principal } = await authenticate(ctx.db, ctx.config, token);
    return {
      principal,
      actor: { id: principal.userId, name: principal.username, ip: '127.0.0.1' },
    };
  }

  async function calendarEvents() {
    return ctx.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'actor_name', 'data'])
      .where('entity', '=', 'calendar_day')
      .orderBy('seq')
      .execute();
  }

  it('shifts a deadline when an admin declares a holiday, and audits the change', async () => {
    // A fresh database: only the package's data, no admin days.
    const before = await workingCalendar(ctx.db);
    expect(describeDay(before, '2026-12-31')).toEqual({
      date: '2026-12-31',
      working: true,
      kind: 'weekday',
    });
    expect(describeDay(before, '2027-01-01')).toEqual({
      date: '2027-01-01',
      working: true,
      kind: 'weekday',
    });
    expect(localDate(addWorkingDays(before, START, 1))).toBe('2026-12-31');
    expect(await listCalendarDays(ctx.db)).toEqual([]);

    await setCalendarDays(ctx.db, town.principal, town.actor, [
      { date: '2026-12-31', kind: 'holiday', name: '跨年调休' },
    ]);

    const after = await workingCalendar(ctx.db);
    expect(describeDay(after, '2026-12-31')).toMatchObject({
      working: false,
      kind: 'holiday',
      name: '跨年调休',
    });
    // 2027 has no package data: 1 January 2027, a Friday, counts as a working day.
    expect(localDate(addWorkingDays(after, START, 1))).toBe('2027-01-01');
    expect(localDate(addWorkingDays(after, START, 2))).toBe('2027-01-04');

    const events = await calendarEvents();
    expect(events.map((e) => [e.action, e.entity_id, e.actor_name])).toEqual([
      ['calendar_day.create', '2026-12-31', 'town'],
    ]);
    expect(JSON.parse(events[0]!.data)).toMatchObject({
      after: { date: '2026-12-31', kind: 'holiday', name: '跨年调休' },
    });
  });

  it('corrects a day it set before, audited as an update', async () => {
    await setCalendarDays(ctx.db, town.principal, town.actor, [
      { date: '2026-12-31', kind: 'workday' },
    ]);
    const rows = await listCalendarDays(ctx.db);
    expect(rows.map((r) => [r.date, r.kind, r.name])).toEqual([['2026-12-31', 'workday', null]]);
    expect(localDate(addWorkingDays(await workingCalendar(ctx.db), START, 1))).toBe('2026-12-31');
    const events = await calendarEvents();
    expect(events.map((e) => e.action)).toEqual(['calendar_day.create', 'calendar_day.update']);
  });

  it('refuses a county viewer and writes nothing', async () => {
    const rows = await listCalendarDays(ctx.db);
    const events = await calendarEvents();
    const error = await setCalendarDays(ctx.db, county.principal, county.actor, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    ]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FORBIDDEN');
    expect(await listCalendarDays(ctx.db)).toEqual(rows);
    expect(await calendarEvents()).toEqual(events);
  });

  it('writes none of the days when one of them is impossible', async () => {
    const rows = await listCalendarDays(ctx.db);
    await expect(
      setCalendarDays(ctx.db, town.principal, town.actor, [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-30', kind: 'holiday' },
      ]),
    ).rejects.toThrow(RangeError);
    expect(await listCalendarDays(ctx.db)).toEqual(rows);
  });

  it('covers a year only once an admin publishes its schedule', async () => {
    const deadline = (cal: Awaited<ReturnType<typeof workingCalendar>>) =>
      uncoveredYearsIn(
        cal,
        new Date('2027-03-01T10:00:00+08:00'),
        new Date('2027-03-05T10:00:00+08:00'),
      );
    await expect(
      publishCalendarYear(ctx.db, town.principal, town.actor, 2028),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await setCalendarDays(ctx.db, town.principal, town.actor, [
      { date: '2028-01-01', kind: 'holiday', name: '元旦' },
    ]);
    // One day entered is not a year's schedule.
    expect(isCovered(await workingCalendar(ctx.db), 2028)).toBe(false);
    expect(deadline(await workingCalendar(ctx.db))).toEqual([2027]);
    await expect(
      publishCalendarYear(ctx.db, county.principal, county.actor, 2028),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await publishCalendarYear(ctx.db, town.principal, town.actor, 2028);
    expect(isCovered(await workingCalendar(ctx.db), 2028)).toBe(true);
    const events = await ctx.db
      .selectFrom('audit_event')
      .select(['action', 'actor_name'])
      .where('entity', '=', 'calendar_year')
      .execute();
    expect(events).toEqual([{ action: 'calendar_year.create', actor_name: 'town' }]);
  });
});
