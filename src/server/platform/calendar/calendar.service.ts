import {
  createCalendar,
  type DayOverride,
  type WorkingCalendar,
} from '../../../shared/calendar.js';
import type { Db, Row } from '../../db/schema.js';
import { requirePermission, type Principal } from '../access/access.js';
import { insertAudited, updateAudited, type Actor, transact } from '../audit/audit.js';

/** One cached calendar per database (keyed like the audit chain's algorithm). */
const cache = new WeakMap<object, { calendar: WorkingCalendar; loadedAt: number }>();
const TTL_MS = 60_000;

function cacheKey(db: Db): object {
  return db.getExecutor().adapter;
}

/**
 * The working-day calendar: chinese-days' statutory holidays and 调休 plus the days admins
 * added. Every deadline in the platform is computed with it (`addWorkingDays`).
 */
export async function workingCalendar(db: Db, now = Date.now()): Promise<WorkingCalendar> {
  const cached = cache.get(cacheKey(db));
  if (cached && now - cached.loadedAt < TTL_MS) return cached.calendar;
  const rows = await db.selectFrom('calendar_day').selectAll().orderBy('date').execute();
  const overrides: DayOverride[] = rows.map((r) => ({
    date: r.date,
    kind: r.kind === 'workday' ? 'workday' : 'holiday',
    ...(r.name ? { name: r.name } : {}),
  }));
  const calendar = createCalendar(overrides);
  cache.set(cacheKey(db), { calendar, loadedAt: now });
  return calendar;
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
  cache.delete(cacheKey(db));
}
