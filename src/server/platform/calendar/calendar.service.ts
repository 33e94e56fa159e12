import {
  createCalendar,
  type DayOverride,
  type WorkingCalendar,
} from '../../../shared/calendar.js';
import type { Db, Row } from '../../db/schema.js';
import { requirePermission, type Principal } from '../access/access.js';
import { insertAudited, updateAudited, type Actor, transact } from '../audit/audit.js';
import { cachedRead } from '../cache/read-cache.js';
import { fieldError } from '../errors.js';

/**
 * The working-day calendar: chinese-days' statutory holidays and 调休 plus the days admins
 * added, and the years admins published. Every deadline in the platform is computed with it
 * (`addWorkingDays`). Kept in the read cache until a calendar table is written.
 */
export async function workingCalendar(db: Db): Promise<WorkingCalendar> {
  return cachedRead(db, 'working-calendar', ['calendar_day', 'calendar_year'], async () => {
    const rows = await db.selectFrom('calendar_day').selectAll().orderBy('date').execute();
    const years = await db.selectFrom('calendar_year').select('year').execute();
    const overrides: DayOverride[] = rows.map((r) => ({
      date: r.date,
      kind: r.kind === 'workday' ? 'workday' : 'holiday',
      ...(r.name ? { name: r.name } : {}),
    }));
    return createCalendar(
      overrides,
      years.map((y) => Number(y.year)),
    );
  });
}

export function listCalendarDays(db: Db): Promise<Row<'calendar_day'>[]> {
  return db.selectFrom('calendar_day').selectAll().orderBy('date').execute();
}

/**
 * Add or correct days (a year the package does not cover, or a local change). Needs
 * calendar.write over the caller's region; the calendar is national, so a county admin
 * or above sets it.
 */
export async function setCalendarDays(
  db: Db,
  principal: Principal,
  actor: Actor,
  days: { date: string; kind: 'holiday' | 'workday'; name?: string | undefined }[],
): Promise<void> {
  requirePermission(principal, 'calendar.write', principal.regionCode);
  // Validates the dates (throws RangeError on an impossible date) before anything is written.
  createCalendar(days.map((d) => ({ date: d.date, kind: d.kind })));
  await transact(db, async (trx) => {
    for (const day of days) {
      const existing = await trx
        .selectFrom('calendar_day')
        .select('date')
        .where('date', '=', day.date)
        .executeTakeFirst();
      if (existing) {
        await updateAudited(trx, actor, 'calendar_day', day.date, {
          kind: day.kind,
          name: day.name ?? null,
        });
      } else {
        await insertAudited(trx, actor, 'calendar_day', {
          date: day.date,
          kind: day.kind,
          name: day.name ?? null,
          created_at: new Date().toISOString(),
          created_by: actor.id,
        });
      }
    }
  });
}

/**
 * Mark a year's official schedule (the State Council's notice) as entered in full: from then
 * on deadlines in that year carry no "not covered" warning. The year must have at least one
 * day off entered.
 */
export async function publishCalendarYear(
  db: Db,
  principal: Principal,
  actor: Actor,
  year: number,
): Promise<void> {
  requirePermission(principal, 'calendar.write', principal.regionCode);
  const holiday = await db
    .selectFrom('calendar_day')
    .select('date')
    .where('kind', '=', 'holiday')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .limit(1)
    .executeTakeFirst();
  if (!holiday) throw fieldError('year', `no days off entered for ${year}`, 'calendar.yearEmpty');
  const existing = await db
    .selectFrom('calendar_year')
    .select('year')
    .where('year', '=', String(year))
    .executeTakeFirst();
  if (existing) return;
  await transact(db, (trx) =>
    insertAudited(trx, actor, 'calendar_year', {
      year: String(year),
      published_at: new Date().toISOString(),
      published_by: actor.id,
    }),
  );
}
