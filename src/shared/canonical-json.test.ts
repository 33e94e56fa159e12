import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

/**
 * Reference serialiser: JSON.stringify for scalars, keys ordered by the
 * default Array#sort (UTF-16 code units). JSON.stringify cannot be used on a
 * key-sorted object directly because it lists integer-like keys first.
 */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${reference(record[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Rebuilds every object with its keys inserted in a shuffled order. */
function reorderKeys(value: unknown, pick: (n: number) => number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, pick));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const shuffled: [string, unknown][] = [];
    while (entries.length > 0) {
      const [entry] = entries.splice(pick(entries.length), 1);
      shuffled.push([entry![0], reorderKeys(entry![1], pick)]);
    }
    return Object.fromEntries(shuffled);
  }
  return value;
}

describe('canonicalJson', () => {
  it('serialises primitives like JSON.stringify', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1.5e-7)).toBe('1.5e-7');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    expect(canonicalJson('')).toBe('""');
    expect(canonicalJson('清风 "quoted" \\ \n\t\u0000\u001f\u2028')).toBe(
      JSON.stringify('清风 "quoted" \\ \n\t\u0000\u001f\u2028'),
    );
    // Lone surrogates are escaped (well-formed JSON.stringify).
    expect(canonicalJson('\ud800x\udfff')).toBe('"\\ud800x\\udfff"');
  });

  it('sorts keys, drops whitespace and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [3, 1, 2], c: { z: null, y: 'y' } })).toBe(
      '{"a":[3,1,2],"b":1,"c":{"y":"y","z":null}}',
    );
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([{}, [[]], { '': 0 }])).toBe('[{},[[]],{"":0}]');
  });

  it('handles nested objects independently of key insertion order', () => {
    const a = { outer: { b: { y: 2, x: 1 }, a: [{ q: 1, p: 2 }] }, id: 'x' };
    const b = { id: 'x', outer: { a: [{ p: 2, q: 1 }], b: { x: 1, y: 2 } } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"id":"x","outer":{"a":[{"p":2,"q":1}],"b":{"x":1,"y":2}}}');
  });

  it('orders keys by UTF-16 code units, not by code points or integer-ness', () => {
    // Integer-like keys are enumerated first by JavaScript but sort as strings here.
    expect(canonicalJson({ b: 0, '10': 0, '2': 0, a: 0, B: 0 })).toBe(
      '{"10":0,"2":0,"B":0,"a":0,"b":0}',
    );
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFF in
    // UTF-16 order although its code point is larger.
    expect(canonicalJson({ '\uffff': 1, '\u{1F600}': 2, é: 3 })).toBe('{"é":3,"😀":2,"\uffff":1}');
  });

  it('omits undefined object members', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: { d: undefined } })).toBe('{"b":1,"c":{}}');
  });

  it('accepts null-prototype objects and shared (non-cyclic) references', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = 'v';
    const shared = { s: 1 };
    expect(canonicalJson({ bare, x: shared, y: [shared] })).toBe(
      '{"bare":{"k":"v"},"x":{"s":1},"y":[{"s":1}]}',
    );
  });

  it('keeps a "__proto__" own key as data', () => {
    const parsed: unknown = JSON.parse('{"z":1,"__proto__":{"a":2}}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"a":2},"z":1}');
  });

  it.each([
    ['NaN', { a: { b: [0, NaN] } }, '$.a.b[1]'],
    ['Infinity', { total: Infinity }, '$.total'],
    ['-Infinity', [-Infinity], '$[0]'],
    ['bigint', { n: 10n }, '$.n'],
    ['Date', { when: new Date(0) }, '$.when'],
    ['function', { f: () => 1 }, '$.f'],
    ['symbol', { s: Symbol('s') }, '$.s'],
    ['Map', { m: new Map() }, '$.m'],
    ['class instance', { inst: new (class Point {})() }, '$.inst'],
    ['boxed string', { s: new String('x') }, '$.s'],
    ['Uint8Array', { bytes: new Uint8Array(1) }, '$.bytes'],
    ['undefined array item', { list: [1, undefined] }, '$.list[1]'],
    ['array hole', { list: [1, , 3] }, '$.list[1]'],
    ['quoted key path', { 'a b': { 'c-d': NaN } }, '$["a b"]["c-d"]'],
    ['top-level undefined', undefined, '$'],
    ['top-level function', () => 0, '$'],
  ])('rejects %s with a TypeError naming the path', (_name, value, path) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(path);
  });

  it('rejects symbol-keyed properties and cycles', () => {
    expect(() => canonicalJson({ a: { [Symbol('k')]: 1 } })).toThrow(/symbol-keyed.*\$\.a/);
    const cyclic: Record<string, unknown> = { a: {} };
    (cyclic.a as Record<string, unknown>).back = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    expect(() => canonicalJson(cyclic)).toThrow('$.a.back');
  });

  it('matches a reference serialiser and round-trips through JSON.parse (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on key insertion order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.infiniteStream(fc.nat()), (value, choices) => {
        const it = choices[Symbol.iterator]();
        const pick = (n: number) => (it.next().value as number) % n;
        expect(canonicalJson(reorderKeys(value, pick))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('escapes arbitrary UTF-16 strings exactly as JSON.stringify (property)', () => {
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: anyCodeUnit }), fc.string({ unit: anyCodeUnit }), (k, v) => {
        expect(canonicalJson(v)).toBe(JSON.stringify(v));
        expect(canonicalJson({ [k]: v })).toBe(`{${JSON.stringify(k)}:${JSON.stringify(v)}}`);
      }),
      { numRuns: 500 },
    );
  });
});
