/**
 * When a disclosure (公开) is due, counted in the official working-day calendar. All dates are
 * Asia/Shanghai local dates `YYYY-MM-DD`. Pure module: it runs on the server and in the browser.
 */
import { addWorkingDays, isWorkingDay, localDate, type WorkingCalendar } from './calendar.js';
import type { Cadence } from './schemas/disclosure.js';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Longest run of days off that {@link nextWorkingDayOnOrAfter} will step over (ten years). */
const MAX_DAYS_OFF = 3_660;

interface LocalDateParts {
  year: number;
  month: number;
  day: number;
}

/** Year, month (1–12) and day of a valid `YYYY-MM-DD`; throws RangeError otherwise. */
function parseLocalDate(date: string): LocalDateParts {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    const check = new Date(new Date(0).setUTCFullYear(year, month - 1, day));
    if (
      check.getUTCFullYear() === year &&
      check.getUTCMonth() === month - 1 &&
      check.getUTCDate() === day
    ) {
      return { year, month, day };
    }
  }
  throw new RangeError(`not a valid YYYY-MM-DD date: ${date}`);
}

function formatLocalDate(year: number, month: number, day: number): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function nextDay(date: string): string {
  const { year, month, day } = parseLocalDate(date);
  const next = new Date(new Date(0).setUTCFullYear(year, month - 1, day) + DAY_MS);
  return formatLocalDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/**
 * The first working day on or after a local date. Throws RangeError on a malformed date or
 * when the calendar has no working day within ten years.
 */
export function nextWorkingDayOnOrAfter(cal: WorkingCalendar, date: string): string {
  let current = date;
  for (let step = 0; step <= MAX_DAYS_OFF; step += 1) {
    if (isWorkingDay(cal, current)) return current;
    current = nextDay(current);
  }
  throw new RangeError(`no working day within ${MAX_DAYS_OFF} days of ${date}`);
}

/**
 * Local date by which an item must be disclosed:
 * - immediate and perStage: the `withinWorkingDays`-th working day after the event date
 *   (the event day itself does not count; with 0, the event day or the next working day);
 * - monthly: the 10th of the following month;
 * - quarterly: the 20th of the first month of the following quarter (Q1 → 04-20, Q4 → 01-20
 *   of the next year);
 * a monthly or quarterly date that is not a working day moves to the next working day, and
 * `withinWorkingDays` does not apply to them. Years the calendar has no official data for are
 * counted Monday–Friday. Throws RangeError on a malformed date or day count.
 */
export function disclosureDueOn(
  cal: WorkingCalendar,
  cadence: Cadence,
  eventDate: string,
  withinWorkingDays: number,
): string {
  const { year, month } = parseLocalDate(eventDate);
  switch (cadence) {
    case 'immediate':
    case 'perStage':
      return localDate(
        addWorkingDays(cal, new Date(`${eventDate}T12:00:00+08:00`), withinWorkingDays),
      );
    case 'monthly': {
      const due =
        month === 12 ? formatLocalDate(year + 1, 1, 10) : formatLocalDate(year, month + 1, 10);
      return nextWorkingDayOnOrAfter(cal, due);
    }
    case 'quarterly': {
      const firstMonthOfNext = (Math.floor((month - 1) / 3) + 1) * 3 + 1;
      const due =
        firstMonthOfNext > 12
          ? formatLocalDate(year + 1, 1, 20)
          : formatLocalDate(year, firstMonthOfNext, 20);
      return nextWorkingDayOnOrAfter(cal, due);
    }
  }
}

/** The reporting period `YYYY-MM` of a local date; throws RangeError on a malformed date. */
export function periodOf(date: string): string {
  const { year, month } = parseLocalDate(date);
  return formatLocalDate(year, month, 1).slice(0, 7);
}
