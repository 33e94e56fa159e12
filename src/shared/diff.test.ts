import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { diffValues, type FieldChange } from './diff.js';

describe('diffValues', () => {
  it('reports changed leaves with dotted paths, keys sorted', () => {
    const before = {
      amount: 1000,
      title: '道路维修',
      fields: { contract: { amount: 900, party: '某某公司' }, note: 'a' },
    };
    const after = {
      title: '道路维修',
      amount: 1200,
      fields: { note: 'b', contract: { party: '某某公司', amount: 950 } },
    };
    expect(diffValues(before, after)).toEqual([
      { path: 'amount', before: 1000, after: 1200 },
      { path: 'fields.contract.amount', before: 900, after: 950 },
      { path: 'fields.note', before: 'a', after: 'b' },
    ]);
  });

  it('compares arrays by index and reports added or removed items whole', () => {
    const before = { payments: [{ invoiceNo: 'A1', amount: 5 }, { invoiceNo: 'A2' }] };
    const after = {
      payments: [{ invoiceNo: 'A1', amount: 5 }, { invoiceNo: 'B2' }, { invoiceNo: 'A3' }],
    };
    expect(diffValues(before, after)).toEqual([
      { path: 'payments.1.invoiceNo', before: 'A2', after: 'B2' },
      { path: 'payments.2', before: null, after: { invoiceNo: 'A3' } },
    ]);
    expect(diffValues(after, before)).toEqual([
      { path: 'payments.1.invoiceNo', before: 'B2', after: 'A2' },
      { path: 'payments.2', before: { invoiceNo: 'A3' }, after: null },
    ]);
  });

  it('reports added and removed keys with null for the missing side', () => {
    expect(diffValues({ a: 1 }, { b: 2 })).toEqual([
      { path: 'a', before: 1, after: null },
      { path: 'b', before: null, after: 2 },
    ]);
  });

  it('ignores undefined → null and equal primitives', () => {
    expect(diffValues({ a: undefined, b: 1, c: 'x' }, { a: null, b: 1, c: 'x' })).toEqual([]);
    expect(diffValues({ a: null }, {})).toEqual([]);
    expect(diffValues(0, -0)).toEqual([]);
    expect(diffValues(Number.NaN, Number.NaN)).toEqual([]);
  });

  it('reports a value that changes kind whole', () => {
    expect(diffValues({ a: { x: 1 } }, { a: 5 })).toEqual([
      { path: 'a', before: { x: 1 }, after: 5 },
    ]);
    expect(diffValues({ a: [1] }, { a: { 0: 1 } })).toEqual([
      { path: 'a', before: [1], after: { 0: 1 } },
    ]);
    expect(diffValues(1, '1')).toEqual([{ path: '', before: 1, after: '1' }]);
  });

  it('prefixes paths', () => {
    expect(diffValues({ amount: 1 }, { amount: 2 }, 'fields')).toEqual([
      { path: 'fields.amount', before: 1, after: 2 },
    ]);
  });
});

/** JSON-like value with null object members dropped and trailing null array items trimmed. */
function canonicalise(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonicalise);
    while (items.length > 0 && items[items.length - 1] === null) items.pop();
    return items;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const canonical = canonicalise(member);
      if (canonical !== null)
        Object.defineProperty(out, key, { value: canonical, enumerable: true });
    }
    return out;
  }
  return value;
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(canonicalise(a)) === canonicalJson(canonicalise(b));
}

/** Sets `path` (dotted, '' for the root) to `after` in a deep copy of `root`. */
function applyChanges(root: unknown, changes: readonly FieldChange[]): unknown {
  let result: unknown = structuredClone(root);
  for (const { path, after } of changes) {
    if (path === '') {
      result = after;
      continue;
    }
    const keys = path.split('.');
    let target = result as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    Object.defineProperty(target, keys[keys.length - 1]!, {
      value: structuredClone(after),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

describe('diffValues properties', () => {
  it('finds nothing between a value and itself', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(diffValues(value, value)).toEqual([]);
        expect(diffValues(value, structuredClone(value))).toEqual([]);
      }),
    );
  });

  it('finds nothing exactly when the canonical JSON is equal', () => {
    const small = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, 0, 1, 'a', true),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), small), fc.oneof(fc.jsonValue(), small), (a, b) => {
        expect(diffValues(a, b).length === 0).toBe(sameJson(a, b));
      }),
    );
    fc.assert(
      fc.property(small, small, (a, b) => {
        expect(diffValues(a, b).length === 0).toBe(sameJson(a, b));
      }),
    );
  });

  it('turns before into after when its changes are applied', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'amount');
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, 0, 1, -1.5, '', 'x', true, false),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, value, (before, after) => {
        const changes = diffValues(before, after);
        // The diff treats a missing array item and null alike: compare with holes as null.
        const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;
        expect(sameJson(asJson(applyChanges(before, changes)), asJson(after))).toBe(true);
        const paths = changes.map((change) => change.path);
        expect(new Set(paths).size).toBe(paths.length);
      }),
    );
  });
});
