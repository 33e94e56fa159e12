import { z } from 'zod';
import type { JobDefinition } from '../../platform/jobs/jobs.js';
import { rescanWarnings } from './findings.service.js';

/**
 * Every night, every rule over every village: the rules that read the day (overdue rent,
 * late disclosure, final accounts) raise and clear warnings as days pass.
 */
export const warningRescanJob: JobDefinition = {
  name: 'supervision.rescan',
  schedule: '30 1 * * *',
  payload: z.object({}),
  handler: async ({ db, now }) => {
    const { scans, raised, cleared } = await rescanWarnings(db, undefined, now);
    return `${scans.length} villages, ${raised} warnings raised, ${cleared} cleared`;
  },
};
