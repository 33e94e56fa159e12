import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Db } from './schema.js';

/**
 * Keep SQLite's write-ahead log short from a worker thread. By default the connection that
 * commits the 1,000th page of the log copies it all back into the database and syncs the file
 * — on the request path, about a third of the cost of a resident's filing. The server instead
 * checkpoints every `intervalMs` on a second connection in its own thread, and raises the
 * commit-time threshold to 10,000 pages as a safety net should that thread fall behind.
 * Returns a function that stops the thread.
 */
export async function startWalCheckpointer(
  db: Db,
  sqlitePath: string,
  onError: (message: string) => void,
  intervalMs = 1_000,
  // The compiled worker beside this file (tests, which run the sources, pass dist's).
  workerFile: URL = new URL('./wal-checkpoint-worker.js', import.meta.url),
): Promise<() => Promise<void>> {
  await sql`pragma wal_autocheckpoint = 10000`.execute(db);
  const worker = new Worker(workerFile, {
    workerData: { path: sqlitePath, intervalMs },
  });
  worker.on('message', (message: { error?: string }) => {
    if (message.error) onError(`WAL checkpoint: ${message.error}`);
  });
  worker.on('error', (error) => onError(`WAL checkpointer stopped: ${String(error)}`));
  worker.unref();
  return async () => {
    worker.postMessage('stop');
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      setTimeout(resolve, 2_000).unref();
    });
  };
}
