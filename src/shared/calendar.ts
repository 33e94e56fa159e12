/**
 * Official Chinese working-day calendar (工作日历). Every deadline in the platform is counted
 * in these working days.
 *
 * Base data comes from the `chinese-days` package (1.5.7), which ships the State Council's
 * holiday arrangements as `dist/chinese-days.json` with three date-keyed maps whose values
 * read "English name,中文名,length":
 * - `holidays`: statutory days off (放假), including the weekend days inside a holiday block;
 * - `workdays`: swapped working days (调休上班), i.e. a Saturday or Sunday that is worked;
 * - `inLieuDays`: weekdays inside a holiday block that are "paid back" by a swapped workday.
 *   They are already listed in `holidays`, so they do not change whether a day is worked.
 * The raw data is read instead of the package's functions because those functions take the
 * weekday from the process's local time zone, which misclassifies days west of UTC.
 * Version 1.5.7 covers the years 2004–2026 inclusive. Other years fall back to Monday–Friday
 * unless administrators supply overrides for them.
 *
 * All local dates are in Asia/Shanghai (UTC+8 all year, no daylight saving time).
 * The module is pure: no Node-only APIs, so it runs on the server and in the browser.
 */
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export type DayKind = 'holiday' | 'workday';

/** An administrator's correction or addition: the day is a holiday or a working day. */
export interface DayOverride {
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly kind: DayKind;
  /** Chinese name of the holiday (e.g. 春节), or of the holiday a swapped workday belongs to. */
  readonly name?: string;
}

/** An explicitly classified day: from the package data or from an override. */
export interface CalendarEntry {
  readonly kind: DayKind;
  readonly name?: string;
  readonly source: 'package' | 'override';
}

/** Immutable calendar value; build it with {@link createCalendar}. */
export interface WorkingCalendar {
  /** Explicitly classified days by `YYYY-MM-DD`; every other day follows Monday–Friday. */
  readonly entries: ReadonlyMap<string, CalendarEntry>;
  /** Years with official data (package years plus override years), ascending. */
  readonly years: readonly number[];
}

/** How a single day is classified. */
export interface DayInfo {
  readonly date: string;
  readonly working: boolean;
  /** `holiday`/`workday` for explicitly classified days, else `weekday` or `weekend`. */
  readonly kind: DayKind | 'weekday' | 'weekend';
  readonly name?: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Upper bound for `n` in {@link addWorkingDays} (about four centuries), to keep loops finite. */
export const MAX_WORKING_DAYS = 100_000;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface PackageData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

const PACKAGE_DATA: PackageData = packageData;

/** Chinese name from a package value "English name,中文名,length". */
function chineseName(value: string): string | undefined {
  const name = value.split(',')[1]?.trim();
  return name ? name : undefined;
}

function buildPackageEntries(): ReadonlyMap<string, CalendarEntry> {
  const entries = new Map<string, CalendarEntry>();
  const add = (table: Readonly<Record<string, string>>, kind: DayKind): void => {
    for (const [date, value] of Object.entries(table)) {
      const name = chineseName(value);
      entries.set(date, name ? { kind, name, source: 'package' } : { kind, source: 'package' });
    }
  };
  add(PACKAGE_DATA.holidays, 'holiday');
  add(PACKAGE_DATA.workdays, 'workday');
  return entries;
}

const PACKAGE_ENTRIES = buildPackageEntries();

function yearsOf(dates: Iterable<string>): number[] {
  const years = new Set<number>();
  for (const date of dates) years.add(Number(date.slice(0, 4)));
  return [...years].sort((a, b) => a - b);
}

/** Years for which `chinese-days` has official data (2004–2026 for version 1.5.7). */
export const PACKAGE_YEARS: readonly number[] = Object.freeze(yearsOf(PACKAGE_ENTRIES.keys()));

/** Day number (days since 1970-01-01) of a valid `YYYY-MM-DD` string; throws RangeError otherwise. */
function parseDate(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const ms = new Date(0).setUTCFullYear(y, m - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d) {
      return ms / DAY_MS;
    }
  }
  throw new RangeError(`not a valid YYYY-MM-DD date: ${date}`);
}

function formatDay(day: number): string {
  const d = new Date(day * DAY_MS);
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function checkTimeZone(timeZone: string): void {
  if (timeZone !== DEFAULT_TIME_ZONE) {
    throw new RangeError(
      `unsupported time zone ${timeZone}; only ${DEFAULT_TIME_ZONE} is supported`,
    );
  }
}

/** Local (Asia/Shanghai) day number of an instant. */
function localDay(instant: Date, timeZone: string): number {
  checkTimeZone(timeZone);
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Last millisecond (23:59:59.999 Asia/Shanghai) of a local day, as a UTC instant. */
function endOfDay(day: number): Date {
  return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

function isWorkingDayNumber(cal: WorkingCalendar, day: number): boolean {
  const entry = cal.entries.get(formatDay(day));
  if (entry) return entry.kind === 'workday';
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

/**
 * Builds a calendar from the `chinese-days` data plus administrator overrides.
 * Overrides win over the package data; among overrides for the same date the last one wins.
 * A year counts as covered when the package has it or admins marked its schedule as entered
 * in full (`publishedYears`): a single corrected day does not make a year covered.
 * Throws RangeError on a malformed date or kind.
 */
export function createCalendar(
  overrides: readonly DayOverride[] = [],
  publishedYears: readonly number[] = [],
): WorkingCalendar {
  const entries = new Map(PACKAGE_ENTRIES);
  for (const override of overrides) {
    parseDate(override.date);
    if (override.kind !== 'holiday' && override.kind !== 'workday') {
      throw new RangeError(`invalid day kind for ${override.date}: ${String(override.kind)}`);
    }
    const previous = entries.get(override.date);
    const name =
      override.name?.trim() || (previous?.kind === override.kind ? previous.name : undefined);
    entries.set(
      override.date,
      name
        ? { kind: override.kind, name, source: 'override' }
        : { kind: override.kind, source: 'override' },
    );
  }
  const years = new Set<number>([...PACKAGE_YEARS, ...publishedYears]);
  return Object.freeze({
    entries,
    years: Object.freeze([...years].sort((a, b) => a - b)),
  });
}

/**
 * Whether a local date is a working day: explicit holidays are off, explicit (swapped)
 * workdays are on, every other day is on Monday–Friday only.
 */
export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  return isWorkingDayNumber(cal, parseDate(date));
}

/** Full classification of a local date, with the holiday name when known. */
export function describeDay(cal: WorkingCalendar, date: string): DayInfo {
  const day = parseDate(date);
  const entry = cal.entries.get(date);
  if (entry) {
    const working = entry.kind === 'workday';
    return entry.name
      ? { date, working, kind: entry.kind, name: entry.name }
      : { date, working, kind: entry.kind };
  }
  const working = isWorkingDayNumber(cal, day);
  return { date, working, kind: working ? 'weekday' : 'weekend' };
}

/**
 * Chinese name of the holiday on a local date (e.g. 春节, 国庆节), or undefined when the day
 * is not a holiday or its name is unknown. Swapped workdays are not holidays.
 */
export function holidayName(cal: WorkingCalendar, date: string): string | undefined {
  parseDate(date);
  const entry = cal.entries.get(date);
  return entry?.kind === 'holiday' ? entry.name : undefined;
}

/** The local date (`YYYY-MM-DD`, Asia/Shanghai) of an instant. */
export function localDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatDay(localDay(instant, timeZone));
}

/**
 * Deadline for "n working days from `start`": the day of `start` does not count; the deadline
 * is the end (23:59:59.999 Asia/Shanghai) of the n-th working day after start's local date.
 * With n = 0 it is the end of the start day if that is a working day, else of the next working
 * day. Throws RangeError for negative, fractional or excessive n, an invalid Date, or a time
 * zone other than Asia/Shanghai. Years without official data are counted Monday–Friday
 * (see {@link uncoveredYearsIn}).
 */
export function addWorkingDays(
  cal: WorkingCalendar,
  start: Date,
  n: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): Date {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be an integer from 0 to ${MAX_WORKING_DAYS}: ${n}`);
  }
  let day = localDay(start, timeZone);
  if (n === 0) {
    while (!isWorkingDayNumber(cal, day)) day += 1;
    return endOfDay(day);
  }
  let remaining = n;
  while (remaining > 0) {
    day += 1;
    if (isWorkingDayNumber(cal, day)) remaining -= 1;
  }
  return endOfDay(day);
}

/**
 * Number of working days after `from`'s local date up to and including `to`'s local date;
 * 0 when `to` is not on a later local date. Used to measure how overdue something is.
 */
export function workingDaysBetween(
  cal: WorkingCalendar,
  from: Date,
  to: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): number {
  const first = localDay(from, timeZone) + 1;
  const last = localDay(to, timeZone);
  let count = 0;
  for (let day = first; day <= last; day += 1) {
    if (isWorkingDayNumber(cal, day)) count += 1;
  }
  return count;
}

/** Years with official data: the package's years plus the years admins published. */
export function coveredYears(cal: WorkingCalendar): readonly number[] {
  return cal.years;
}

/** Whether the calendar has official data for a year. */
export function isCovered(cal: WorkingCalendar, year: number): boolean {
  return cal.years.includes(year);
}

/**
 * Years between the local dates of `start` and `deadline` (inclusive, either order) that have
 * no official data, ascending; a non-empty result means the deadline was counted Monday–Friday
 * for those years and callers should warn.
 */
export function uncoveredYearsIn(
  cal: WorkingCalendar,
  start: Date,
  deadline: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): number[] {
  const a = Number(localDate(start, timeZone).slice(0, 4));
  const b = Number(localDate(deadline, timeZone).slice(0, 4));
  const missing: number[] = [];
  for (let year = Math.min(a, b); year <= Math.max(a, b); year += 1) {
    if (!isCovered(cal, year)) missing.push(year);
  }
  return missing;
}
