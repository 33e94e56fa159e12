// Vitest global setup: one private PostgreSQL cluster per test run, shared as `pgUrl`.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster's `postgres` database. */
    pgUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const externalUrl = process.env.QF_TEST_PG_URL;
  if (externalUrl) {
    project.provide('pgUrl', externalUrl);
    return;
  }

  const cluster = await startPostgres();
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
