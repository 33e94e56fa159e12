import { createHash } from 'node:crypto';
import { Cron } from 'croner';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import { dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/schema.js';

export interface JobContext {
  db: Db;
  config: Config;
  now: Date;
}

/** A job is a name, a payload schema and a handler; `schedule` is a cron pattern in Asia/Shanghai. */
export interface JobDefinition<P extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  schedule: string;
  payload: P;
  handler: (ctx: JobContext, payload: z.infer<P>) => Promise<string | void>;
}

export type RunResult =
  | { status: 'done'; message: string | null }
  | { status: 'skipped' }
  | { status: 'failed'; message: string };

const running = new Set<string>();

function lockKey(name: string): number {
  return createHash('sha256').update(`qingfeng-job:${name}`).digest().readInt32BE(0);
}

/**
 * Run a job now, unless it is already running: in this process, or — on PostgreSQL — in
 * any process (a transaction-level advisory lock held for the whole run).
 */
export async function runJob<P extends z.ZodTypeAny>(
  job: JobDefinition<P>,
  ctx: Omit<JobContext, 'now'> & { now?: Date },
  payload: unknown = {},
): Promise<RunResult> {
  if (running.has(job.name)) return { status: 'skipped' };
  running.add(job.name);
  try {
    const args = job.payload.parse(payload);
    const context: JobContext = { db: ctx.db, config: ctx.config, now: ctx.now ?? new Date() };
    if (dialectOf(ctx.db) !== 'postgres') return await record(context, job, args);
    return await ctx.db.connection().execute(async (conn) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_lock(${lockKey(job.name)}) as locked`.execute(conn);
      if (!rows[0]?.locked) return { status: 'skipped' as const };
      try {
        return await record(context, job, args);
      } finally {
        await sql`select pg_advisory_unlock(${lockKey(job.name)})`.execute(conn);
      }
    });
  } finally {
    running.delete(job.name);
  }
}

async function record<P extends z.ZodTypeAny>(
  ctx: JobContext,
  job: JobDefinition<P>,
  payload: z.infer<P>,
): Promise<RunResult> {
  const started = await ctx.db
    .insertInto('job_run')
    .values({
      name: job.name,
      started_at: new Date().toISOString(),
      status: 'running',
      finished_at: null,
      message: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    const message = (await job.handler(ctx, payload)) ?? null;
    await ctx.db
      .updateTable('job_run')
      .set({ status: 'done', finished_at: new Date().toISOString(), message })
      .where('id', '=', started.id)
      .execute();
    return { status: 'done', message };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await ctx.db
      .updateTable('job_run')
      .set({
        status: 'failed',
        finished_at: new Date().toISOString(),
        message: message.slice(0, 1000),
      })
      .where('id', '=', started.id)
      .execute();
    return { status: 'failed', message };
  }
}

/** Start every job on its schedule; returns a function that stops them. */
export function startScheduler(
  jobs: readonly JobDefinition[],
  ctx: Omit<JobContext, 'now'>,
  log: (msg: string) => void,
): () => void {
  const crons = jobs.map(
    (job) =>
      new Cron(
        job.schedule,
        { timezone: 'Asia/Shanghai', protect: true, name: job.name },
        async () => {
          const result = await runJob(job, ctx);
          if (result.status === 'failed') log(`job ${job.name} failed: ${result.message}`);
        },
      ),
  );
  return () => crons.forEach((c) => c.stop());
}
