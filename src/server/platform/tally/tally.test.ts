import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL, chinaMonth, tallyDelta, type Contribution } from './tally.js';

const VILLAGE = '339901101201';
const TOWN = '339901101000';
const COUNTY = '339901000000';

function entry(over: Record<string, unknown> = {}) {
  return {
    region_code: VILLAGE,
    kind: 'project',
    amount: 120_000_00,
    occurred_on: '2026-03-15',
    status: 'active',
    disclosed_version: null,
    ...over,
  };
}

function cell(cells: Contribution[], region: string, metric: string, category: string) {
  return cells.find(
    (c) => c.regionCode === region && c.metric === metric && c.category === category,
  );
}

describe('running totals', () => {
  it('counts a new entry in its village, town, county, city and province, by kind and in all', () => {
    const cells = tallyDelta('ledger_entry', null, entry());
    for (const region of [VILLAGE, TOWN, COUNTY, '339900000000', '330000000000']) {
      for (const category of ['project', ALL]) {
        expect(cell(cells, region, 'ledger.entries', category)).toMatchObject({
          month: '2026-03',
          n: 1,
          amount: 120_000_00,
        });
      }
    }
    expect(cells).toHaveLength(10);
  });

  it('moves a corrected amount and a disclosure, and nothing when nothing counted changed', () => {
    const before = entry();
    const after = entry({ amount: 100_000_00, disclosed_version: 2 });
    const cells = tallyDelta('ledger_entry', before, after);
    expect(cell(cells, TOWN, 'ledger.entries', 'project')).toMatchObject({
      n: 0,
      amount: -20_000_00,
    });
    expect(cell(cells, TOWN, 'ledger.disclosed', ALL)).toMatchObject({ n: 1 });
    expect(tallyDelta('ledger_entry', before, { ...before, title: 'renamed' })).toEqual([]);
  });

  it('takes a voided entry out of every total', () => {
    const cells = tallyDelta(
      'ledger_entry',
      entry({ disclosed_version: 1 }),
      entry({ status: 'voided', disclosed_version: 1 }),
    );
    expect(cell(cells, COUNTY, 'ledger.entries', ALL)).toMatchObject({
      n: -1,
      amount: -120_000_00,
    });
    expect(cell(cells, COUNTY, 'ledger.disclosed', ALL)).toMatchObject({ n: -1 });
  });

  it('counts a case filed in the month of China time, and its close in the month it closed', () => {
    const filed = {
      region_code: TOWN,
      type: 'complaint',
      category: 'environment',
      status: 'received',
      created_at: '2026-03-31T17:30:00.000Z', // 1 April, 01:30 in Beijing
      closed_at: null,
      overdue: 0,
    };
    expect(chinaMonth(filed.created_at)).toBe('2026-04');
    const opened = tallyDelta('cases', null, filed);
    expect(cell(opened, TOWN, 'case.filed', 'complaint.environment')).toMatchObject({
      month: '2026-04',
      n: 1,
    });
    // A town's case counts in the town and above, not in any village.
    expect(opened.some((c) => c.regionCode === VILLAGE)).toBe(false);
    const closed = tallyDelta('cases', filed, {
      ...filed,
      status: 'closed',
      closed_at: '2026-05-02T02:00:00.000Z',
      overdue: 1,
    });
    expect(cell(closed, TOWN, 'case.closed', ALL)).toMatchObject({ month: '2026-05', n: 1 });
    expect(cell(closed, TOWN, 'case.overdue', ALL)).toMatchObject({ month: '2026-04', n: 1 });
    expect(cell(closed, TOWN, 'case.filed', ALL)).toBeUndefined();
  });

  it('ignores the tables it does not count', () => {
    expect(tallyDelta('decision', null, { region_code: VILLAGE })).toEqual([]);
  });

  it('sums the deltas of any sequence of changes to the totals of its last state', () => {
    const state = fc.record({
      kind: fc.constantFrom('project', 'fund', 'labour'),
      amount: fc.integer({ min: 0, max: 10_000_000_00 }),
      occurred_on: fc.constantFrom('2026-01-05', '2026-02-28', '2026-12-31'),
      status: fc.constantFrom('active', 'voided'),
      disclosed_version: fc.constantFrom(null, 1, 3),
      region_code: fc.constantFrom(VILLAGE, '339901101202', TOWN),
    });
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 8 }), (states) => {
        const totals = new Map<string, { n: number; amount: number }>();
        let previous: Record<string, unknown> | null = null;
        for (const next of states) {
          for (const c of tallyDelta('ledger_entry', previous, next)) {
            const key = `${c.regionCode}|${c.month}|${c.metric}|${c.category}`;
            const t = totals.get(key) ?? { n: 0, amount: 0 };
            totals.set(key, { n: t.n + c.n, amount: t.amount + c.amount });
          }
          previous = next;
        }
        const expected = new Map<string, { n: number; amount: number }>();
        for (const c of tallyDelta('ledger_entry', null, previous)) {
          expected.set(`${c.regionCode}|${c.month}|${c.metric}|${c.category}`, {
            n: c.n,
            amount: c.amount,
          });
        }
        for (const [key, t] of totals) {
          expect(t).toEqual(expected.get(key) ?? { n: 0, amount: 0 });
        }
        for (const key of expected.keys()) expect(totals.has(key)).toBe(true);
      }),
    );
  });
});
