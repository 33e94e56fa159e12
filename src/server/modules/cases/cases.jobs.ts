import { z } from 'zod';
import type { JobDefinition } from '../../platform/jobs/jobs.js';
import { scanOverdue } from './cases.service.js';

/** Flag and escalate cases past their limits; every ten minutes. */
export const caseScanJob: JobDefinition = {
  name: 'cases.scanOverdue',
  schedule: '*/10 * * * *',
  payload: z.object({}),
  handler: async ({ db, now }) => `${await scanOverdue(db, now)} cases escalated`,
};
