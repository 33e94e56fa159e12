import { z } from 'zod';
import type { JobDefinition } from '../../platform/jobs/jobs.js';
import { warnExpiringLicences } from './services.alliances.js';

/** Warn alliance members of stall licences expiring within 30 days; daily at 08:00. */
export const licenceWarningJob: JobDefinition = {
  name: 'services.licenceWarnings',
  schedule: '0 8 * * *',
  payload: z.object({}),
  handler: async ({ db, now }) => `${await warnExpiringLicences(db, now)} warnings sent`,
};
