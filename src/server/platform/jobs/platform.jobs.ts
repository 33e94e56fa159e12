import { z } from 'zod';
import { deleteExpiredSessions } from '../auth/auth.queries.js';
import { createCheckpoint } from '../audit/checkpoint.js';
import type { JobDefinition } from './jobs.js';

/** Sign and publish the day's audit checkpoint. */
export const checkpointJob: JobDefinition = {
  name: 'audit.checkpoint',
  schedule: '5 0 * * *',
  payload: z.object({}),
  handler: async ({ db, config, now }) => {
    const row = await createCheckpoint(db, config, now);
    return row ? `checkpoint ${row.size}` : 'nothing new';
  },
};

/** Remove sessions past their idle or absolute limit. */
export const sessionCleanupJob: JobDefinition = {
  name: 'sessions.cleanup',
  schedule: '*/15 * * * *',
  payload: z.object({}),
  handler: async ({ db, config, now }) => {
    const idleBefore = new Date(now.getTime() - config.sessionIdleMinutes * 60_000).toISOString();
    const n = await deleteExpiredSessions(db, now.toISOString(), idleBefore);
    return `${n} sessions removed`;
  },
};

export const platformJobs: JobDefinition[] = [checkpointJob, sessionCleanupJob];
