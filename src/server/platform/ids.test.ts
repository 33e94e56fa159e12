import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('row keys', () => {
  it('are 21 characters of lower-case base32', () => {
    for (let i = 0; i < 1000; i++) expect(newId()).toMatch(/^[0-9a-hjkmnp-tv-z]{21}$/);
  });

  it('sort by the time they were made, in byte order and in a locale’s order', () => {
    const times = [0, 1, 31, 32, 1_000, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1) + 1, 2 ** 48];
    const ids = times.map((t) => newId(t));
    expect([...ids].sort()).toEqual(ids);
    expect([...ids].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(ids);
    expect([...ids].sort((a, b) => a.localeCompare(b, 'zh-CN'))).toEqual(ids);
  });

  it('do not repeat within one millisecond', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 100_000 }, () => newId(now)));
    expect(ids.size).toBe(100_000);
  });
});
