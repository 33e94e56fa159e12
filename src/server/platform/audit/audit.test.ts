import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, verifyConsistency } from '../../../shared/merkle.js';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../../test/support/context.js';
import { checkNewEntry, insertEntry } from '../../modules/ledger/ledger.service.js';
import { SEED_PRINCIPAL } from '../../seed/seed.js';
import { AppError } from '../errors.js';
import { rebuildTallies } from '../tally/tally.js';
import { eventHash, hashAlgorithmOf, transact } from './audit.js';
import { createCheckpoint } from './checkpoint.js';
import { verifyAudit } from './verify.js';

const sha256 = (data: Uint8Array) =>
  Promise.resolve(new Uint8Array(createHash('sha256').update(data).digest()));

describe.each(DB_KINDS)('audit chain on %s', (kind) => {
  let ctx: TestContext;
  let admin: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    admin = await ctx.login('admin');
  });
  afterAll(() => ctx.close());

  async function lastSeqOf(entity: string, entityId: string): Promise<number> {
    const row = await ctx.db
      .selectFrom('audit_event')
      .select('seq')
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    return row.seq;
  }

  it('verifies the seeded town and a write made through the API', async () => {
    const created = await admin.post('/api/v1/users', {
      username: 'audited1',
      displayName: '审计测试',
      regionCode: DEMO.villageA,
      password: 'Audit#2026x',
      grants: [{ role: 'village_cadre', regionCode: DEMO.villageA }],
    });
    expect(created.status).toBe(201);
    const id = created.json<{ id: string }>().id;
    const event = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(event.action).toBe('app_user.create');
    expect(event.actor_name).toBe('admin');
    // The password hash and the mobile are kept only as digests.
    expect(event.data).not.toContain('argon2');
    const report = await verifyAudit(ctx.db, ctx.config);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checkedEvents).toBeGreaterThan(1000);
  });

  it('names the first bad sequence number when an event is edited behind its back', async () => {
    const target = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '=', 40)
      .executeTakeFirstOrThrow();
    await sql`update audit_event set actor_name = 'mallory' where seq = 40`.execute(ctx.db);
    const report = await verifyAudit(ctx.db, ctx.config);
    expect(report.ok).toBe(false);
    expect(report.firstBadSeq).toBe(40);
    await sql`update audit_event set actor_name = ${target.actor_name} where seq = 40`.execute(
      ctx.db,
    );
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('detects a deleted event', async () => {
    const target = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '=', 77)
      .executeTakeFirstOrThrow();
    await sql`delete from audit_event where seq = 77`.execute(ctx.db);
    const report = await verifyAudit(ctx.db, ctx.config);
    expect(report.firstBadSeq).toBe(77);
    expect(report.problems.some((p) => p.kind === 'gap')).toBe(true);
    await ctx.db.insertInto('audit_event').values(target).execute();
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('detects an event inserted behind its back', async () => {
    const last = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const forged = {
      ...last,
      seq: last.seq + 1,
      action: 'user.disabled',
      prev_hash: last.hash,
      hash: 'f'.repeat(64),
    };
    await ctx.db.insertInto('audit_event').values(forged).execute();
    const report = await verifyAudit(ctx.db, ctx.config);
    expect(report.firstBadSeq).toBe(last.seq + 1);
    expect(report.problems[0]?.kind).toBe('chain');
    await ctx.db.deleteFrom('audit_event').where('seq', '=', forged.seq).execute();
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('detects an audited row changed, inserted or deleted with raw SQL', async () => {
    const cadre = await ctx.db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', 'cadre')
      .executeTakeFirstOrThrow();
    const cadreSeq = await lastSeqOf('app_user', cadre.id);
    await sql`update app_user set display_name = '改名' where id = ${cadre.id}`.execute(ctx.db);
    let report = await verifyAudit(ctx.db, ctx.config);
    expect(report.firstBadSeq).toBe(cadreSeq);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'rowChanged', entity: 'app_user', entityId: cadre.id }),
    ]);
    await sql`update app_user set display_name = ${cadre.display_name} where id = ${cadre.id}`.execute(
      ctx.db,
    );

    await sql`insert into unit (id, region_code, name, kind, credit_code, status, created_at) values ('ghost', ${DEMO.villageA}, '幽灵单位', 'enterprise', null, 'active', '2026-01-01T00:00:00.000Z')`.execute(
      ctx.db,
    );
    report = await verifyAudit(ctx.db, ctx.config);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'rowUnaudited', entity: 'unit', entityId: 'ghost' }),
    ]);
    await sql`delete from unit where id = 'ghost'`.execute(ctx.db);

    const unit = await ctx.db
      .selectFrom('unit')
      .selectAll()
      .where('kind', '=', 'liaison_station')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const unitSeq = await lastSeqOf('unit', unit.id);
    await sql`delete from unit where id = ${unit.id}`.execute(ctx.db);
    report = await verifyAudit(ctx.db, ctx.config);
    expect(report.firstBadSeq).toBe(unitSeq);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'rowDeleted', entityId: unit.id }),
    ]);
    await ctx.db.insertInto('unit').values(unit).execute();
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('publishes signed checkpoints that catch a history rewritten with valid hashes', async () => {
    const first = await createCheckpoint(ctx.db, ctx.config);
    expect(first).not.toBeNull();
    await admin.post('/api/v1/auth/locale', { locale: 'en-US' });
    const second = await createCheckpoint(ctx.db, ctx.config, new Date(Date.now() + 1000));
    expect(second!.size).toBeGreaterThan(first!.size);

    // Anyone who kept the first checkpoint checks that the second extends it.
    const published = await ctx.anon.get('/api/v1/public/checkpoints');
    expect(published.json<unknown[]>()).toHaveLength(2);
    const proof = await ctx.anon.get(
      `/api/v1/public/checkpoints/consistency?from=${first!.size}&to=${second!.size}`,
    );
    const ok = await verifyConsistency(
      {
        oldSize: first!.size,
        newSize: second!.size,
        oldRoot: fromHex(first!.root),
        newRoot: fromHex(second!.root),
        proof: proof.json<{ proof: string[] }>().proof.map(fromHex),
      },
      sha256,
    );
    expect(ok).toBe(true);

    // Rewrite event 5 and re-hash the whole chain after it: the chain itself then checks out,
    // but the signed checkpoint no longer does.
    const events = await ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>=', 5)
      .orderBy('seq')
      .execute();
    const before = await ctx.db
      .selectFrom('audit_event')
      .select(['seq', 'hash', 'prev_hash', 'actor_name'])
      .where('seq', '>=', 5)
      .orderBy('seq')
      .execute();
    let prev = (
      await ctx.db
        .selectFrom('audit_event')
        .select('hash')
        .where('seq', '=', 4)
        .executeTakeFirstOrThrow()
    ).hash;
    await ctx.db.transaction().execute(async (trx) => {
      for (const event of events) {
        const forged = {
          ...event,
          prev_hash: prev,
          actor_name: event.seq === 5 ? 'mallory' : event.actor_name,
        };
        const { hash: _old, ...rest } = forged;
        const hash = eventHash(hashAlgorithmOf(ctx.db), rest);
        await trx
          .updateTable('audit_event')
          .set({ actor_name: forged.actor_name, prev_hash: prev, hash })
          .where('seq', '=', event.seq)
          .execute();
        prev = hash;
      }
    });
    const report = await verifyAudit(ctx.db, ctx.config);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(['checkpoint']);
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of before) {
        await trx
          .updateTable('audit_event')
          .set({ hash: row.hash, prev_hash: row.prev_hash, actor_name: row.actor_name })
          .where('seq', '=', row.seq)
          .execute();
      }
    });
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('commits writes that arrive together, answers each after its commit, and undoes a failed one alone', async () => {
    // Another connection than the server's: it sees only what is committed.
    const outside =
      kind === 'sqlite' ? new Database(ctx.config.sqlitePath, { readonly: true }) : null;
    const committed = async (ids: string[]): Promise<number> => {
      if (outside) {
        const marks = ids.map(() => '?').join(',');
        const row = outside
          .prepare(`select count(*) as n from ledger_entry where id in (${marks})`)
          .get(...ids) as { n: number };
        return row.n;
      }
      const row = await ctx.db
        .selectFrom('ledger_entry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', 'in', ids)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const tallySnapshot = async () =>
      (
        await ctx.db
          .selectFrom('tally')
          .select(['region_code', 'month', 'metric', 'category', 'n', 'amount'])
          .where('n', '!=', 0)
          .orderBy(['region_code', 'month', 'metric', 'category'])
          .execute()
      ).map((r) => ({ ...r, n: Number(r.n), amount: Number(r.amount) }));
    const checked = await checkNewEntry(ctx.db, SEED_PRINCIPAL, {
      kind: 'fund',
      regionCode: DEMO.villageA,
      title: '支付保洁员工资（同时写入）',
      amount: 120_000,
      occurredOn: '2026-03-02',
      fields: {
        direction: 'expense',
        counterparty: '保洁队',
        method: 'transfer',
        purpose: '保洁',
        approvals: [{ role: 'committee_head', name: '李主任', on: '2026-03-01' }],
      },
      attachments: [],
    });
    const actor = { id: null, name: 'group-commit-test' };
    const eventsBefore = await ctx.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    // Thirty writes issued in the same turn; the 7th writes its entry, then fails.
    const answered: Promise<{ id: string; seen: number }>[] = [];
    for (let i = 0; i < 30; i++) {
      const write = transact(ctx.db, async (trx) => {
        const id = await insertEntry(trx, actor, checked);
        if (i === 6) throw new AppError('VALIDATION', 'refused after writing');
        return id;
      });
      answered.push(write.then(async (id) => ({ id, seen: await committed([id]) })));
    }
    const settled = await Promise.allSettled(answered);
    const failed = settled.filter((s) => s.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect((failed[0] as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    const written = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(written).toHaveLength(29);
    // Each caller was answered once its write was visible to everyone.
    expect(written.map((w) => w.seen)).toEqual(written.map(() => 1));

    // Nothing of the failed write is left: its row, its event and its share of the totals.
    const rows = await ctx.db
      .selectFrom('ledger_entry')
      .select('id')
      .where('title', '=', '支付保洁员工资（同时写入）')
      .execute();
    expect(rows.map((r) => r.id).sort()).toEqual(written.map((w) => w.id).sort());
    const eventsAfter = await ctx.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(eventsAfter.n) - Number(eventsBefore.n)).toBe(29 * 2);
    const live = await tallySnapshot();
    await rebuildTallies(ctx.db);
    expect(await tallySnapshot()).toEqual(live);
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
    outside?.close();
  });

  it('logs the reading of a sensitive field', async () => {
    const list = await admin.get(`/api/v1/users?regionCode=${DEMO.villageA}&q=cadre`);
    const cadre = list
      .json<{ items: { id: string; username: string; mobile: string }[] }>()
      .items.find((u) => u.username === 'cadre')!;
    expect(cadre.mobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    const revealed = await admin.post(`/api/v1/users/${cadre.id}/mobile`);
    expect(revealed.json<{ mobile: string }>().mobile).toMatch(/^1\d{10}$/);
    const log = await admin.get(`/api/v1/audit?action=user.mobileRead&entityId=${cadre.id}`);
    expect(log.json<{ total: number }>().total).toBe(1);
  });
});

describe('audit chain with SM3', () => {
  it('hashes with SM3 when configured and still verifies', async () => {
    const ctx = await createTestContext('sqlite', { env: { QF_HASH: 'sm3' } });
    try {
      const event = await ctx.db
        .selectFrom('audit_event')
        .selectAll()
        .where('seq', '=', 1)
        .executeTakeFirstOrThrow();
      const { hash, ...rest } = event;
      expect(hashAlgorithmOf(ctx.db)).toBe('sm3');
      expect(eventHash('sm3', rest)).toBe(hash);
      expect(eventHash('sha256', rest)).not.toBe(hash);
      expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
      expect((await createCheckpoint(ctx.db, ctx.config))?.algorithm).toBe('sm3');
    } finally {
      await ctx.close();
    }
  });
});

describe('qingfeng verify', () => {
  it('exits non-zero and names the first bad sequence number', async () => {
    const ctx = await createTestContext('sqlite');
    try {
      await sql`update audit_event set action = 'forged' where seq = 12`.execute(ctx.db);
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/server/main.ts', 'verify'],
        {
          env: { ...process.env, QF_DATA_DIR: ctx.config.dataDir, QF_SECRET: ctx.config.secret },
          encoding: 'utf8',
        },
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('first bad sequence number 12');
    } finally {
      await ctx.close();
    }
  });
});
