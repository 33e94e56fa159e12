import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  createTestContext,
  DB_KINDS,
  DEMO_PASSWORD,
  type TestContext,
  countRows,
} from '../../../../test/support/context.js';
import type { Db } from '../../db/schema.js';
import { login, sessionIdOf } from '../auth/auth.service.js';
import { runJob, type JobDefinition } from './jobs.js';
import { checkpointJob, sessionCleanupJob } from './platform.jobs.js';

/** A job whose handler waits until the test lets it finish. */
function slowJob(name: string) {
  let release!: () => void;
  let markStarted!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  let runs = 0;
  const job: JobDefinition = {
    name,
    schedule: '0 0 * * *',
    payload: z.object({}),
    handler: async () => {
      runs += 1;
      markStarted();
      await gate;
      return 'slow done';
    },
  };
  return { job, release, started, runs: () => runs };
}

describe.each(DB_KINDS)('jobs on %s', (kind) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
  });
  afterAll(() => ctx.close());

  async function runsOf(name: string, db: Db = ctx.db) {
    return db.selectFrom('job_run').selectAll().where('name', '=', name).orderBy('id').execute();
  }

  it('records a run that is done, with its message', async () => {
    const payload = z.object({ n: z.number().int().default(2) });
    const job: JobDefinition<typeof payload> = {
      name: 'test.ok',
      schedule: '0 0 * * *',
      payload,
      handler: async (_ctx, args) => `handled ${args.n}`,
    };
    expect(await runJob(job, { db: ctx.db, config: ctx.config }, { n: 7 })).toEqual({
      status: 'done',
      message: 'handled 7',
    });
    expect(await runJob(job, { db: ctx.db, config: ctx.config })).toEqual({
      status: 'done',
      message: 'handled 2',
    });
    const rows = await runsOf('test.ok');
    expect(rows.map((r) => [r.status, r.message])).toEqual([
      ['done', 'handled 7'],
      ['done', 'handled 2'],
    ]);
    for (const row of rows) expect(row.finished_at! >= row.started_at).toBe(true);
  });

  it('records a failing run with its error and does not throw', async () => {
    const job: JobDefinition = {
      name: 'test.fails',
      schedule: '0 0 * * *',
      payload: z.object({}),
      handler: async () => {
        throw new Error('ledger import broke');
      },
    };
    const result = await runJob(job, { db: ctx.db, config: ctx.config });
    expect(result).toEqual({ status: 'failed', message: 'ledger import broke' });
    const [row] = await runsOf('test.fails');
    expect(row).toMatchObject({ status: 'failed', message: 'ledger import broke' });
    expect(row?.finished_at).not.toBeNull();
    // The name is free again: the next run happens.
    expect((await runJob(job, { db: ctx.db, config: ctx.config })).status).toBe('failed');
    expect(await runsOf('test.fails')).toHaveLength(2);
  });

  it('skips a run that overlaps a running one in the same process', async () => {
    const slow = slowJob('test.overlap');
    const first = runJob(slow.job, { db: ctx.db, config: ctx.config });
    await slow.started;
    const other = await ctx.openAnother();
    expect(await runJob(slow.job, { db: ctx.db, config: ctx.config })).toEqual({
      status: 'skipped',
    });
    expect(await runJob(slow.job, { db: other, config: ctx.config })).toEqual({
      status: 'skipped',
    });
    slow.release();
    expect(await first).toEqual({ status: 'done', message: 'slow done' });
    expect(slow.runs()).toBe(1);
    expect((await runsOf('test.overlap')).map((r) => r.status)).toEqual(['done']);
    // Once finished, the job runs again.
    expect((await runJob(slow.job, { db: ctx.db, config: ctx.config })).status).toBe('done');
  });

  // SQLite serves one process; PostgreSQL may serve several, which share an advisory lock.
  if (kind === 'postgres') {
    it('runs a job in one process only when two start it at the same moment', async () => {
      // A second copy of the module stands for another server process: its own in-memory
      // bookkeeping, its own database handle; only PostgreSQL's advisory lock is shared.
      vi.resetModules();
      const elsewhere = await import('./jobs.js');
      expect(elsewhere.runJob).not.toBe(runJob);
      const other = await ctx.openAnother();

      const slow = slowJob('test.cluster');
      const runs = [
        runJob(slow.job, { db: ctx.db, config: ctx.config }),
        elsewhere.runJob(slow.job, { db: other, config: ctx.config }),
      ];
      // Whichever took the lock is held at the gate, so the first to settle is the loser.
      await slow.started;
      expect(await Promise.race(runs)).toEqual({ status: 'skipped' });
      slow.release();
      const results = await Promise.all(runs);
      expect(results.map((r) => r.status).sort()).toEqual(['done', 'skipped']);
      expect(slow.runs()).toBe(1);
      expect((await runsOf('test.cluster', other)).map((r) => r.status)).toEqual(['done']);

      // The lock is released with the run: the other process may run it next time.
      const next = slowJob('test.cluster');
      next.release();
      expect(await elsewhere.runJob(next.job, { db: other, config: ctx.config })).toEqual({
        status: 'done',
        message: 'slow done',
      });
      expect(await runsOf('test.cluster')).toHaveLength(2);
    });
  }

  it('creates a checkpoint only when the chain grew', async () => {
    const checkpoints = () => countRows(ctx.db, 'audit_checkpoint');
    const chainSize = async () =>
      (
        await ctx.db
          .selectFrom('audit_event')
          .select('seq')
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow()
      ).seq;

    const before = await checkpoints();
    const first = await runJob(checkpointJob, { db: ctx.db, config: ctx.config });
    expect(first).toEqual({ status: 'done', message: `checkpoint ${await chainSize()}` });
    expect(await checkpoints()).toBe(before + 1);

    const again = await runJob(checkpointJob, { db: ctx.db, config: ctx.config });
    expect(again).toEqual({ status: 'done', message: 'nothing new' });
    expect(await checkpoints()).toBe(before + 1);

    await ctx.login('cadre'); // appends an auth.login event
    const grown = await runJob(checkpointJob, {
      db: ctx.db,
      config: ctx.config,
      now: new Date(Date.now() + 60_000),
    });
    expect(grown).toEqual({ status: 'done', message: `checkpoint ${await chainSize()}` });
    expect(await checkpoints()).toBe(before + 2);
    const latest = await ctx.db
      .selectFrom('audit_checkpoint')
      .selectAll()
      .orderBy('size', 'desc')
      .executeTakeFirstOrThrow();
    expect(latest.size).toBe(await chainSize());
  });

  it('removes idle and expired sessions and keeps live ones', async () => {
    const now = new Date();
    const stale = await login(
      ctx.db,
      ctx.config,
      { login: 'cadre2', password: DEMO_PASSWORD },
      null,
      null,
      new Date(now.getTime() - 2 * 3_600_000),
    );
    const live = await login(
      ctx.db,
      ctx.config,
      { login: 'cadre2', password: DEMO_PASSWORD },
      null,
      null,
      now,
    );
    const result = await runJob(sessionCleanupJob, { db: ctx.db, config: ctx.config, now });
    expect(result.status).toBe('done');
    const left = await ctx.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', live.userId)
      .execute();
    expect(left.map((s) => s.id)).toEqual([sessionIdOf(live.token)]);
    expect(left.map((s) => s.id)).not.toContain(sessionIdOf(stale.token));
  });
});
