import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PACKAGE_YEARS,
  addWorkingDays,
  coveredYears,
  createCalendar,
  describeDay,
  holidayName,
  isCovered,
  isWorkingDay,
  localDate,
  uncoveredYearsIn,
  workingDaysBetween,
  type DayOverride,
} from './calendar.js';

const cal = createCalendar();
const DAY_MS = 86_400_000;

/** Instant from a Shanghai local date-time, e.g. at('2025-01-27', '09:00'). */
function at(date: string, time = '09:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** End (23:59:59.999 Asia/Shanghai) of a local date, as an ISO UTC string. */
function endOf(date: string): string {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + DAY_MS - 1).toISOString();
}

function dates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

describe('coverage', () => {
  it('covers 2004–2026 from chinese-days', () => {
    const expected = Array.from({ length: 23 }, (_, i) => 2004 + i);
    expect(PACKAGE_YEARS).toEqual(expected);
    expect(coveredYears(cal)).toEqual(expected);
    expect(isCovered(cal, 2004)).toBe(true);
    expect(isCovered(cal, 2026)).toBe(true);
    expect(isCovered(cal, 2003)).toBe(false);
    expect(isCovered(cal, 2027)).toBe(false);
  });

  it('covers a year admins published, not one with a single corrected day', () => {
    const days = [{ date: '2027-01-01', kind: 'holiday' as const, name: '元旦' }];
    expect(isCovered(createCalendar(days), 2027)).toBe(false);
    const published = createCalendar(days, [2027]);
    expect(isCovered(published, 2027)).toBe(true);
    expect(coveredYears(published).at(-1)).toBe(2027);
    expect(isCovered(cal, 2027)).toBe(false);
  });

  it('falls back to Monday–Friday outside the covered years', () => {
    expect(isWorkingDay(cal, '2027-01-01')).toBe(true); // Friday, no data
    expect(isWorkingDay(cal, '2027-01-02')).toBe(false); // Saturday
    expect(describeDay(cal, '2027-01-04')).toEqual({
      date: '2027-01-04',
      working: true,
      kind: 'weekday',
    });
  });
});

describe('2025 arrangement', () => {
  it('Spring Festival: 01-28..02-04 off, Sunday 01-26 and Saturday 02-08 worked', () => {
    for (const date of dates('2025-01-28', '2025-02-04')) {
      expect(isWorkingDay(cal, date), date).toBe(false);
      expect(holidayName(cal, date), date).toBe('春节');
    }
    for (const date of ['2025-01-26', '2025-02-08']) {
      expect(isWorkingDay(cal, date), date).toBe(true);
      expect(holidayName(cal, date), date).toBeUndefined();
      expect(describeDay(cal, date)).toEqual({
        date,
        working: true,
        kind: 'workday',
        name: '春节',
      });
    }
    expect(isWorkingDay(cal, '2025-01-25')).toBe(false); // ordinary Saturday
    expect(isWorkingDay(cal, '2025-01-27')).toBe(true);
    expect(isWorkingDay(cal, '2025-02-05')).toBe(true);
    expect(isWorkingDay(cal, '2025-02-09')).toBe(false); // ordinary Sunday
  });

  it('National Day and Mid-Autumn: 10-01..10-08 off, 09-28 and 10-11 worked', () => {
    for (const date of dates('2025-10-01', '2025-10-08')) {
      expect(isWorkingDay(cal, date), date).toBe(false);
      expect(holidayName(cal, date), date).toBe(date === '2025-10-06' ? '中秋' : '国庆节');
    }
    expect(isWorkingDay(cal, '2025-09-28')).toBe(true);
    expect(isWorkingDay(cal, '2025-10-11')).toBe(true);
    expect(isWorkingDay(cal, '2025-09-27')).toBe(false);
    expect(isWorkingDay(cal, '2025-10-12')).toBe(false);
  });

  it('names other holidays and ordinary days', () => {
    expect(holidayName(cal, '2025-01-01')).toBe('元旦');
    expect(holidayName(cal, '2025-05-01')).toBe('劳动节');
    expect(holidayName(cal, '2025-01-27')).toBeUndefined();
    expect(describeDay(cal, '2025-01-25')).toEqual({
      date: '2025-01-25',
      working: false,
      kind: 'weekend',
    });
  });
});

describe('2026 arrangement', () => {
  it('New Year: 01-01..01-03 off, Sunday 01-04 worked', () => {
    for (const date of dates('2026-01-01', '2026-01-03')) {
      expect(isWorkingDay(cal, date), date).toBe(false);
      expect(holidayName(cal, date)).toBe('元旦');
    }
    expect(isWorkingDay(cal, '2026-01-04')).toBe(true);
  });

  it('Spring Festival: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked', () => {
    for (const date of dates('2026-02-15', '2026-02-23')) {
      expect(isWorkingDay(cal, date), date).toBe(false);
      expect(holidayName(cal, date)).toBe('春节');
    }
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-28')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-24')).toBe(true);
  });

  it('National Day: 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 worked', () => {
    for (const date of dates('2026-10-01', '2026-10-07')) {
      expect(isWorkingDay(cal, date), date).toBe(false);
      expect(holidayName(cal, date)).toBe('国庆节');
    }
    expect(holidayName(cal, '2026-09-25')).toBe('中秋');
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-08')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips the Spring Festival week (2025)', () => {
    const start = at('2025-01-27', '09:00');
    expect(addWorkingDays(cal, start, 0).toISOString()).toBe(endOf('2025-01-27'));
    expect(addWorkingDays(cal, start, 1).toISOString()).toBe(endOf('2025-02-05'));
    expect(addWorkingDays(cal, start, 2).toISOString()).toBe('2025-02-06T15:59:59.999Z');
    expect(addWorkingDays(cal, start, 4).toISOString()).toBe(endOf('2025-02-08')); // Saturday
    expect(addWorkingDays(cal, start, 5).toISOString()).toBe(endOf('2025-02-10'));
  });

  it('counts swapped weekend workdays', () => {
    expect(addWorkingDays(cal, at('2025-01-24'), 1).toISOString()).toBe(endOf('2025-01-26'));
    expect(addWorkingDays(cal, at('2025-09-26'), 1).toISOString()).toBe(endOf('2025-09-28'));
    expect(addWorkingDays(cal, at('2026-02-13'), 1).toISOString()).toBe(endOf('2026-02-14'));
    expect(addWorkingDays(cal, at('2026-02-13'), 2).toISOString()).toBe(endOf('2026-02-24'));
    expect(addWorkingDays(cal, at('2025-12-31'), 1).toISOString()).toBe(endOf('2026-01-04'));
  });

  it('skips National Day (2025 and 2026)', () => {
    expect(addWorkingDays(cal, at('2025-09-30'), 1).toISOString()).toBe(endOf('2025-10-09'));
    expect(addWorkingDays(cal, at('2025-09-30'), 3).toISOString()).toBe(endOf('2025-10-11'));
    expect(addWorkingDays(cal, at('2026-09-30'), 1).toISOString()).toBe(endOf('2026-10-08'));
    expect(addWorkingDays(cal, at('2026-09-30'), 3).toISOString()).toBe(endOf('2026-10-10'));
  });

  it('n = 0 gives the end of the start day if working, else of the next working day', () => {
    expect(addWorkingDays(cal, at('2025-01-26', '23:59'), 0).toISOString()).toBe(
      endOf('2025-01-26'),
    );
    expect(addWorkingDays(cal, at('2025-01-28', '00:00'), 0).toISOString()).toBe(
      endOf('2025-02-05'),
    );
    expect(addWorkingDays(cal, at('2025-10-01'), 0).toISOString()).toBe(endOf('2025-10-09'));
  });

  it('counts from the Shanghai local date, not the UTC date', () => {
    const start = new Date('2025-09-30T16:30:00Z'); // 2025-10-01 00:30 in Shanghai
    expect(localDate(start)).toBe('2025-10-01');
    expect(addWorkingDays(cal, start, 0).toISOString()).toBe(endOf('2025-10-09'));
    expect(addWorkingDays(cal, start, 1).toISOString()).toBe(endOf('2025-10-09'));
    expect(addWorkingDays(cal, start, 2).toISOString()).toBe(endOf('2025-10-10'));
    // 2025-09-29 00:30 in Shanghai (Monday), still 2025-09-28 in UTC
    const monday = new Date('2025-09-28T16:30:00Z');
    expect(addWorkingDays(cal, monday, 1).toISOString()).toBe(endOf('2025-09-30'));
    // The last instant of a local day still belongs to it.
    const lastInstant = new Date('2025-09-30T15:59:59.999Z');
    expect(localDate(lastInstant)).toBe('2025-09-30');
    expect(addWorkingDays(cal, lastInstant, 0).toISOString()).toBe(endOf('2025-09-30'));
  });

  it('an override turning a day into a holiday shifts the deadline', () => {
    const start = at('2025-01-27');
    const withHoliday = createCalendar([{ date: '2025-02-05', kind: 'holiday', name: '临时' }]);
    expect(addWorkingDays(cal, start, 2).toISOString()).toBe(endOf('2025-02-06'));
    expect(addWorkingDays(withHoliday, start, 2).toISOString()).toBe(endOf('2025-02-07'));
    expect(holidayName(withHoliday, '2025-02-05')).toBe('临时');

    const noSwap = createCalendar([{ date: '2025-02-08', kind: 'holiday' }]);
    expect(addWorkingDays(noSwap, start, 4).toISOString()).toBe(endOf('2025-02-10'));
  });

  it('an override turning a day into a workday pulls the deadline in', () => {
    const withWorkday = createCalendar([{ date: '2025-02-04', kind: 'workday' }]);
    expect(addWorkingDays(withWorkday, at('2025-01-27'), 1).toISOString()).toBe(
      endOf('2025-02-04'),
    );
    expect(isWorkingDay(withWorkday, '2025-02-04')).toBe(true);
    expect(holidayName(withWorkday, '2025-02-04')).toBeUndefined();
  });

  it('rejects negative, fractional or excessive n, invalid dates and other time zones', () => {
    const start = at('2025-01-27');
    expect(() => addWorkingDays(cal, start, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, start, 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, start, Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, start, 1_000_000)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, start, 1, 'UTC')).toThrow(RangeError);
    expect(() => addWorkingDays(cal, start, 1, 'Asia/Tokyo')).toThrow(RangeError);
    expect(addWorkingDays(cal, start, 1, 'Asia/Shanghai').toISOString()).toBe(endOf('2025-02-05'));
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after from, up to and including to', () => {
    expect(workingDaysBetween(cal, at('2025-01-27'), at('2025-02-10'))).toBe(5);
    expect(workingDaysBetween(cal, at('2025-01-27'), at('2025-02-04'))).toBe(0);
    expect(workingDaysBetween(cal, at('2025-09-27'), at('2025-10-12'))).toBe(6);
  });

  it('is 0 when to is not on a later local date', () => {
    expect(workingDaysBetween(cal, at('2025-02-10'), at('2025-01-27'))).toBe(0);
    expect(workingDaysBetween(cal, at('2025-02-10', '08:00'), at('2025-02-10', '20:00'))).toBe(0);
  });

  it('uses Shanghai local dates', () => {
    // 2025-10-08 23:30 → 2025-10-09 00:30 in Shanghai: one working day (Oct 9).
    expect(
      workingDaysBetween(cal, new Date('2025-10-08T15:30:00Z'), new Date('2025-10-08T16:30:00Z')),
    ).toBe(1);
    expect(() => workingDaysBetween(cal, at('2025-01-01'), at('2025-02-01'), 'UTC')).toThrow(
      RangeError,
    );
  });
});

describe('uncoveredYearsIn', () => {
  it('is empty inside the covered years', () => {
    const start = at('2025-06-01');
    expect(uncoveredYearsIn(cal, start, addWorkingDays(cal, start, 30))).toEqual([]);
  });

  it('lists the years a deadline was counted Monday–Friday', () => {
    const start = at('2026-12-20');
    const deadline = addWorkingDays(cal, start, 20);
    expect(localDate(deadline).startsWith('2027-')).toBe(true);
    expect(uncoveredYearsIn(cal, start, deadline)).toEqual([2027]);
    expect(uncoveredYearsIn(cal, at('2002-12-30'), at('2028-01-02'))).toEqual([
      2002, 2003, 2027, 2028,
    ]);
    const days = [{ date: '2027-02-10', kind: 'holiday' as const, name: '春节' }];
    expect(uncoveredYearsIn(createCalendar(days), start, deadline)).toEqual([2027]);
    expect(uncoveredYearsIn(createCalendar(days, [2027]), start, deadline)).toEqual([]);
  });
});

describe('createCalendar', () => {
  it('returns an immutable value and leaves other calendars untouched', () => {
    const custom = createCalendar([{ date: '2025-03-03', kind: 'holiday' }]);
    expect(Object.isFrozen(custom)).toBe(true);
    expect(Object.isFrozen(custom.years)).toBe(true);
    expect(isWorkingDay(custom, '2025-03-03')).toBe(false);
    expect(isWorkingDay(cal, '2025-03-03')).toBe(true);
    expect(isWorkingDay(createCalendar(), '2025-03-03')).toBe(true);
  });

  it('lets the last override for a date win and keeps the package name for the same kind', () => {
    const custom = createCalendar([
      { date: '2025-03-03', kind: 'holiday', name: 'A' },
      { date: '2025-03-03', kind: 'workday' },
      { date: '2025-10-01', kind: 'holiday' },
    ]);
    expect(isWorkingDay(custom, '2025-03-03')).toBe(true);
    expect(holidayName(custom, '2025-10-01')).toBe('国庆节');
    expect(custom.entries.get('2025-10-01')?.source).toBe('override');
  });

  it('rejects malformed overrides', () => {
    const bad = (override: DayOverride) => () => createCalendar([override]);
    expect(bad({ date: '2025-02-29', kind: 'holiday' })).toThrow(RangeError);
    expect(bad({ date: '2025-13-01', kind: 'holiday' })).toThrow(RangeError);
    expect(bad({ date: '2025-1-1', kind: 'holiday' })).toThrow(RangeError);
    expect(bad({ date: '2025-01-01', kind: 'weekend' as unknown as 'holiday' })).toThrow(
      RangeError,
    );
  });

  it('rejects malformed date strings in queries', () => {
    expect(() => isWorkingDay(cal, '2025-02-30')).toThrow(RangeError);
    expect(() => holidayName(cal, '20250101')).toThrow(RangeError);
    expect(() => describeDay(cal, '')).toThrow(RangeError);
    expect(isWorkingDay(cal, '2024-02-29')).toBe(true);
  });
});

describe('properties', () => {
  // Start instants whose deadlines (n ≤ 60) stay inside the covered years 2004–2026.
  const coveredStart = fc.date({
    min: new Date('2004-01-01T00:00:00+08:00'),
    max: new Date('2026-09-30T23:59:59.999+08:00'),
    noInvalidDate: true,
  });
  const anyStart = fc.date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2060-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const n = fc.integer({ min: 0, max: 60 });
  const overrides = fc.array(
    fc.record({
      date: fc
        .date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2027-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10)),
      kind: fc.constantFrom<'holiday' | 'workday'>('holiday', 'workday'),
    }),
    { maxLength: 40 },
  );

  it('a deadline is the end of a working day, never before the start', () => {
    fc.assert(
      fc.property(anyStart, n, overrides, (start, days, extra) => {
        const c = createCalendar(extra);
        const deadline = addWorkingDays(c, start, days);
        expect(isWorkingDay(c, localDate(deadline))).toBe(true);
        expect((deadline.getTime() + 8 * 3_600_000 + 1) % DAY_MS).toBe(0);
        expect(deadline.getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
    );
  });

  it('addWorkingDays(n + 1) > addWorkingDays(n) for n >= 1', () => {
    fc.assert(
      fc.property(anyStart, fc.integer({ min: 1, max: 60 }), overrides, (start, days, extra) => {
        const c = createCalendar(extra);
        expect(addWorkingDays(c, start, days + 1).getTime()).toBeGreaterThan(
          addWorkingDays(c, start, days).getTime(),
        );
      }),
    );
  });

  it('addWorkingDays(1) > addWorkingDays(0) unless the start day is not a working day', () => {
    // By the n = 0 rule, a non-working start day makes n = 0 and n = 1 the same deadline.
    fc.assert(
      fc.property(anyStart, overrides, (start, extra) => {
        const c = createCalendar(extra);
        const zero = addWorkingDays(c, start, 0).getTime();
        const one = addWorkingDays(c, start, 1).getTime();
        if (isWorkingDay(c, localDate(start))) expect(one).toBeGreaterThan(zero);
        else expect(one).toBe(zero);
      }),
    );
  });

  it('workingDaysBetween(start, addWorkingDays(start, n)) === n in the covered years', () => {
    fc.assert(
      fc.property(coveredStart, fc.integer({ min: 1, max: 60 }), (start, days) => {
        const deadline = addWorkingDays(cal, start, days);
        expect(uncoveredYearsIn(cal, start, deadline)).toEqual([]);
        expect(workingDaysBetween(cal, start, deadline)).toBe(days);
      }),
      { numRuns: 500 },
    );
  });

  it('n = 0 round-trips to 0 exactly when the start day is a working day', () => {
    fc.assert(
      fc.property(coveredStart, (start) => {
        const deadline = addWorkingDays(cal, start, 0);
        const expected = isWorkingDay(cal, localDate(start)) ? 0 : 1;
        expect(workingDaysBetween(cal, start, deadline)).toBe(expected);
      }),
    );
  });

  it('one day before the deadline only n - 1 working days have passed', () => {
    fc.assert(
      fc.property(anyStart, fc.integer({ min: 1, max: 60 }), (start, days) => {
        const deadline = addWorkingDays(cal, start, days);
        const dayBefore = new Date(deadline.getTime() - DAY_MS);
        expect(workingDaysBetween(cal, start, dayBefore)).toBe(days - 1);
      }),
    );
  });
});
