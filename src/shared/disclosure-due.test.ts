import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar, isCovered, isWorkingDay } from './calendar.js';
import { disclosureDueOn, nextWorkingDayOnOrAfter, periodOf } from './disclosure-due.js';
import { CADENCES } from './schemas/disclosure.js';

const cal = createCalendar();

describe('the 2026 calendar used below', () => {
  it('has National Day 10-01..07 off and Saturday 10-10 as a swapped workday', () => {
    for (let day = 1; day <= 7; day += 1) {
      expect(isWorkingDay(cal, `2026-10-0${day}`)).toBe(false);
    }
    expect(isWorkingDay(cal, '2026-09-30')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-08')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-09')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true); // 调休上班
    expect(isWorkingDay(cal, '2026-10-11')).toBe(false);
  });

  it('has the Spring Festival 02-15..23 off and Saturday 02-14 as a swapped workday', () => {
    for (let day = 15; day <= 23; day += 1) expect(isWorkingDay(cal, `2026-02-${day}`)).toBe(false);
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-24')).toBe(true);
  });
});

describe('nextWorkingDayOnOrAfter', () => {
  it('keeps a working day and skips days off', () => {
    expect(nextWorkingDayOnOrAfter(cal, '2026-09-30')).toBe('2026-09-30');
    expect(nextWorkingDayOnOrAfter(cal, '2026-10-01')).toBe('2026-10-08');
    expect(nextWorkingDayOnOrAfter(cal, '2026-10-11')).toBe('2026-10-12');
    expect(nextWorkingDayOnOrAfter(cal, '2026-12-31')).toBe('2026-12-31');
    expect(nextWorkingDayOnOrAfter(cal, '2027-01-02')).toBe('2027-01-04'); // Saturday
  });

  it('rejects malformed dates', () => {
    expect(() => nextWorkingDayOnOrAfter(cal, '2026-02-30')).toThrow(RangeError);
    expect(() => nextWorkingDayOnOrAfter(cal, '20261001')).toThrow(RangeError);
  });
});

describe('disclosureDueOn', () => {
  it('counts immediate and per-stage items in working days after the event', () => {
    // 10-01..07 off; 10-08 (1), 10-09 (2), Saturday 10-10 (3), 10-12 (4), 10-13 (5).
    expect(disclosureDueOn(cal, 'immediate', '2026-09-30', 5)).toBe('2026-10-13');
    expect(disclosureDueOn(cal, 'perStage', '2026-09-30', 5)).toBe('2026-10-13');
    expect(disclosureDueOn(cal, 'immediate', '2026-09-30', 1)).toBe('2026-10-08');
    // Saturday 02-14 is worked (1), 02-15..23 off, 02-24 (2), 02-25 (3).
    expect(disclosureDueOn(cal, 'immediate', '2026-02-13', 3)).toBe('2026-02-25');
  });

  it('gives the event day itself, or the next working day, for zero working days', () => {
    expect(disclosureDueOn(cal, 'immediate', '2026-09-30', 0)).toBe('2026-09-30');
    expect(disclosureDueOn(cal, 'immediate', '2026-10-03', 0)).toBe('2026-10-08');
  });

  it('makes monthly items due on the 10th of the next month, or the next working day', () => {
    // 2026-10-10 is a Saturday but a swapped workday, so it stays.
    expect(disclosureDueOn(cal, 'monthly', '2026-09-01', 5)).toBe('2026-10-10');
    expect(disclosureDueOn(cal, 'monthly', '2026-09-30', 0)).toBe('2026-10-10');
    // 2026-05-10 is a Sunday.
    expect(isWorkingDay(cal, '2026-05-10')).toBe(false);
    expect(disclosureDueOn(cal, 'monthly', '2026-04-15', 5)).toBe('2026-05-11');
    expect(disclosureDueOn(cal, 'monthly', '2026-12-31', 5)).toBe('2027-01-11'); // 01-10 Sunday
  });

  it('makes quarterly items due on the 20th of the quarter after, or the next working day', () => {
    expect(disclosureDueOn(cal, 'quarterly', '2026-01-05', 5)).toBe('2026-04-20');
    expect(disclosureDueOn(cal, 'quarterly', '2026-03-31', 5)).toBe('2026-04-20');
    expect(disclosureDueOn(cal, 'quarterly', '2026-04-01', 5)).toBe('2026-07-20');
    expect(disclosureDueOn(cal, 'quarterly', '2026-09-30', 5)).toBe('2026-10-20');
    // 2026-06-20 is a Saturday inside the Dragon Boat holiday; irrelevant to Q2, due 07-20.
    expect(disclosureDueOn(cal, 'quarterly', '2026-06-20', 5)).toBe('2026-07-20');
  });

  it('falls back to Monday–Friday for a year the package does not cover', () => {
    expect(isCovered(cal, 2027)).toBe(false);
    // 2027-01-20 is a Wednesday.
    expect(disclosureDueOn(cal, 'quarterly', '2026-12-15', 5)).toBe('2027-01-20');
    expect(disclosureDueOn(cal, 'quarterly', '2026-10-01', 5)).toBe('2027-01-20');
  });

  it('follows administrator overrides', () => {
    const withOverride = createCalendar([{ date: '2026-10-10', kind: 'holiday' }]);
    expect(disclosureDueOn(withOverride, 'monthly', '2026-09-15', 5)).toBe('2026-10-12');
  });

  it('rejects malformed dates and day counts', () => {
    expect(() => disclosureDueOn(cal, 'monthly', '2026-13-01', 5)).toThrow(RangeError);
    expect(() => disclosureDueOn(cal, 'immediate', '2026-09-31', 5)).toThrow(RangeError);
    expect(() => disclosureDueOn(cal, 'immediate', '2026-09-30', -1)).toThrow(RangeError);
  });

  it('is never before the event and always on a working day', () => {
    const eventDate = fc
      .date({
        min: new Date('2024-01-01T00:00:00Z'),
        max: new Date('2027-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom(...CADENCES),
        eventDate,
        fc.integer({ min: 0, max: 30 }),
        (cadence, date, within) => {
          const due = disclosureDueOn(cal, cadence, date, within);
          expect(due >= date).toBe(true);
          expect(isWorkingDay(cal, due)).toBe(true);
          if (cadence === 'monthly' || cadence === 'quarterly') expect(due > date).toBe(true);
        },
      ),
    );
  });
});

describe('periodOf', () => {
  it('gives YYYY-MM', () => {
    expect(periodOf('2026-09-30')).toBe('2026-09');
    expect(periodOf('2027-01-01')).toBe('2027-01');
    expect(() => periodOf('2026-9-30')).toThrow(RangeError);
  });
});
