import { z } from 'zod';
import type { JobDefinition } from '../jobs/jobs.js';
import { deliverDue } from './notify.js';

/** Send queued e-mails and webhooks; every minute. */
export const deliverJob: JobDefinition = {
  name: 'notify.deliver',
  schedule: '* * * * *',
  payload: z.object({}),
  handler: async ({ db, config, now }) => {
    const { sent, failed } = await deliverDue(db, config, now);
    return `${sent} sent, ${failed} failed`;
  },
};
