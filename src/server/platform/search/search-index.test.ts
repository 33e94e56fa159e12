import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type TestContext,
} from '../../../../test/support/context.js';
import { regionPrefix } from '../../../shared/region.js';
import { containsText } from '../../db/dialect.js';
import { listPublic } from '../../modules/disclosure/disclosure.queries.js';
import { seedDemoLedgers } from '../../seed/seed.js';
import { bigrams, rebuildSearchIndex } from './search-index.js';

describe('bigrams', () => {
  it('pairs adjacent characters once each, lower-cased, whole code points', () => {
    expect(bigrams('道路硬化')).toEqual(['道路', '路硬', '硬化']);
    expect(bigrams('道路道路')).toEqual(['道路', '路道']);
    expect(bigrams('FP-1')).toEqual(['fp', 'p-', '-1']);
    expect(bigrams('𠀋村')).toEqual(['𠀋村']);
    expect(bigrams('村')).toEqual([]);
  });
});

describe.each(DB_KINDS)('public search through the bigram index on %s', (kind) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    await seedDemoLedgers(ctx.db);
  }, 120_000);
  afterAll(() => ctx.close());

  /** What a literal LIKE over every latest snapshot finds: the answer the index must give. */
  async function byScan(regionCode: string, q: string, kind?: 'project' | 'fund') {
    const prefix = regionPrefix(regionCode);
    let query = ctx.db
      .selectFrom('disclosure')
      .select('id')
      .where('is_latest', '=', 1)
      .where('region_code', '>=', prefix)
      .where('region_code', '<', prefix + ':')
      .where(containsText('search_text', q));
    if (kind) query = query.where('kind', '=', kind);
    const rows = await query.orderBy('occurred_on', 'desc').orderBy('id', 'desc').execute();
    return rows.map((r) => r.id);
  }

  it.each([
    ['道路', undefined],
    ['工程', undefined],
    ['路面硬化', undefined],
    ['道路', 'project'],
    ['村', undefined],
    ['不存在的词语', undefined],
    ['工程立项', 'fund'],
  ] as const)('finds for %s (kind %s) exactly what a scan finds, in its order', async (q, k) => {
    const expected = await byScan(DEMO.town, q, k);
    const first = await listPublic(ctx.db, {
      regionCode: DEMO.town,
      q,
      kind: k,
      page: 1,
      pageSize: 20,
    });
    expect(first.total).toBe(expected.length);
    expect(first.rows.map((r) => r.id)).toEqual(expected.slice(0, 20));
    if (expected.length > 20) {
      const second = await listPublic(ctx.db, {
        regionCode: DEMO.town,
        q,
        kind: k,
        page: 2,
        pageSize: 20,
      });
      expect(second.rows.map((r) => r.id)).toEqual(expected.slice(20, 40));
    }
  });

  it('counts a common word up to the cap and says there are more, still paging in order', async () => {
    const expected = await byScan(DEMO.town, '工程');
    expect(expected.length).toBeGreaterThan(25);
    const query = { regionCode: DEMO.town, q: '工程', page: 1, pageSize: 10 };
    const capped = await listPublic(ctx.db, query, 15);
    expect(capped).toMatchObject({ total: 15, more: true });
    expect(capped.rows.map((r) => r.id)).toEqual(expected.slice(0, 10));
    const third = await listPublic(ctx.db, { ...query, page: 3 }, 15);
    expect(third.rows.map((r) => r.id)).toEqual(expected.slice(20, 30));
    const exact = await listPublic(ctx.db, query, expected.length);
    expect(exact).toMatchObject({ total: expected.length, more: false });
  });

  it('keeps the index equal to a rebuild after the demo load, with its corrections', async () => {
    const snapshot = async () =>
      (
        await ctx.db
          .selectFrom('search_gram')
          .selectAll()
          .orderBy('gram')
          .orderBy('region_code')
          .orderBy('sort_key')
          .orderBy('doc_id')
          .execute()
      ).map((g) => `${g.source}|${g.gram}|${g.region_code}|${g.sort_key}|${g.doc_id}`);
    const live = await snapshot();
    expect(live.length).toBeGreaterThan(1_000);
    await rebuildSearchIndex(ctx.db);
    expect(await snapshot()).toEqual(live);
    // Only latest snapshots are indexed: a corrected entry's old text is not found.
    const stale = await ctx.db
      .selectFrom('search_gram as g')
      .innerJoin('disclosure as d', 'd.id', 'g.doc_id')
      .select('d.id')
      .where('d.is_latest', '=', 0)
      .limit(1)
      .execute();
    expect(stale).toEqual([]);
  });
});
