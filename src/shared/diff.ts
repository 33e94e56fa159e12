/**
 * Field-by-field differences between two versions of a record, shown in amendment history
 * (修改记录). Pure module: it runs on the server and in the browser.
 */

/** One changed leaf: dotted path (`amount`, `fields.payments.1.invoiceNo`) and both values. */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** Equality of leaves: undefined equals null (a missing value), 0 equals -0, NaN equals NaN. */
function sameLeaf(a: unknown, b: unknown): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function childPath(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function collect(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i += 1) {
      collect(before[i], after[i], childPath(path, String(i)), out);
    }
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(
      compareCodeUnits,
    );
    for (const key of keys) {
      const b = Object.hasOwn(before, key) ? before[key] : undefined;
      const a = Object.hasOwn(after, key) ? after[key] : undefined;
      collect(b, a, childPath(path, key), out);
    }
    return;
  }
  if (!sameLeaf(before, after)) out.push({ path, before: before ?? null, after: after ?? null });
}

/**
 * Changes from `before` to `after`: plain objects are compared key by key (union of keys,
 * sorted) and arrays index by index, down to the leaves; a value that changes kind (object to
 * array or to a primitive, or appears or disappears) is reported whole at its path. A missing
 * side is reported as null, and undefined → null is no change. Paths are dotted and prefixed
 * with `prefix` when given; the order is depth-first, keys sorted, arrays by index.
 */
export function diffValues(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  const out: FieldChange[] = [];
  collect(before, after, prefix, out);
  return out;
}
