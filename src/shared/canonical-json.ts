/**
 * Deterministic JSON serialisation.
 *
 * The output is compact JSON (no insignificant whitespace) with object keys
 * sorted by UTF-16 code unit order, so that equal data always yields the same
 * string and therefore the same hash. Only JSON data is accepted: `null`,
 * booleans, finite numbers, strings, arrays and plain objects. Object members
 * whose value is `undefined` are omitted; any other unsupported value throws a
 * `TypeError` naming the path where it was found (e.g. `$.items[2].amount`).
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Where the serialiser is: the keys and indexes from the root. The path is spelled out
 * (`$.items[2].amount`) only for an error, not for every member written.
 */
type Trail = (string | number)[];

function pathOf(trail: Trail): string {
  let path = '$';
  for (const step of trail) {
    if (typeof step === 'number') path += `[${step}]`;
    else path += IDENTIFIER.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
  }
  return path;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return 'bigint';
  if (typeof value === 'symbol') return 'symbol';
  if (typeof value === 'function') return 'function';
  if (typeof value === 'object' && value !== null) {
    const proto: unknown = Object.getPrototypeOf(value);
    const ctor =
      proto !== null && typeof proto === 'object' && 'constructor' in proto
        ? (proto as { constructor: unknown }).constructor
        : undefined;
    if (typeof ctor === 'function' && ctor.name !== '') return `${ctor.name} object`;
    return 'non-plain object';
  }
  return typeof value;
}

function unsupported(trail: Trail, value: unknown): TypeError {
  return new TypeError(
    `canonicalJson: unsupported value at ${pathOf(trail)}: ${describeValue(value)}`,
  );
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  // An object whose prototype is a realm's Object.prototype.
  return (
    Object.getPrototypeOf(proto) === null &&
    Object.prototype.toString.call(value) === '[object Object]'
  );
}

function compareCodeUnits(a: string, b: string): number {
  // String relational comparison in JavaScript is by UTF-16 code units.
  return a < b ? -1 : a > b ? 1 : 0;
}

function serialize(value: unknown, trail: Trail, ancestors: Set<object>, out: string[]): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw unsupported(trail, value);
      out.push(JSON.stringify(value));
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw unsupported(trail, value);
  }

  if (ancestors.has(value)) {
    throw new TypeError(`canonicalJson: circular reference at ${pathOf(trail)}`);
  }

  if (Array.isArray(value)) {
    ancestors.add(value);
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      trail.push(i);
      if (!(i in value)) {
        throw new TypeError(`canonicalJson: sparse array hole at ${pathOf(trail)}`);
      }
      const item: unknown = value[i];
      if (item === undefined) throw unsupported(trail, item);
      serialize(item, trail, ancestors, out);
      trail.pop();
    }
    out.push(']');
    ancestors.delete(value);
    return;
  }

  if (!isPlainObject(value)) throw unsupported(trail, value);
  if (
    Object.getOwnPropertySymbols(value).some((s) =>
      Object.prototype.propertyIsEnumerable.call(value, s),
    )
  ) {
    throw new TypeError(`canonicalJson: symbol-keyed property at ${pathOf(trail)}`);
  }

  ancestors.add(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareCodeUnits);
  out.push('{');
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(key), ':');
    trail.push(key);
    serialize(member, trail, ancestors, out);
    trail.pop();
  }
  out.push('}');
  ancestors.delete(value);
}

/**
 * Serialises `value` as canonical JSON: sorted object keys (UTF-16 code unit
 * order), no whitespace, `undefined` object members omitted, strings escaped
 * exactly as `JSON.stringify` does. Throws a `TypeError` naming the offending
 * path for anything that is not JSON data (NaN, ±Infinity, bigint, Date,
 * functions, symbols, class instances, undefined array items, cycles).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  serialize(value, [], new Set(), out);
  return out.join('');
}
