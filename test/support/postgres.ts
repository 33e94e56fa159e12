// A private, throw-away PostgreSQL 15 cluster for the test suite.
import { spawn } from 'node:child_process';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'qingfeng';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface PostgresCluster {
  /** Connection URL of the `postgres` maintenance database, as superuser. */
  url: string;
  stop(): Promise<void>;
}

interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion, collecting stdout and stderr together. */
function runCommand(command: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function runChecked(command: string, args: string[]): Promise<string> {
  const { code, output } = await runCommand(command, args);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`);
  return output;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** initdb and postgres refuse to run as root: pick (or create) an unprivileged user. */
async function unprivilegedUser(): Promise<{ name: string; uid: number; gid: number }> {
  let name = 'postgres';
  if ((await runCommand('id', ['-u', name])).code !== 0) {
    name = 'qingfeng-pg';
    if ((await runCommand('id', ['-u', name])).code !== 0) {
      await runChecked('useradd', ['--system', '--no-create-home', name]);
    }
  }
  const uid = Number((await runChecked('id', ['-u', name])).trim());
  const gid = Number((await runChecked('id', ['-g', name])).trim());
  return { name, uid, gid };
}

/** Finds a free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a private PostgreSQL 15 cluster on a free loopback port. */
export async function startPostgres(): Promise<PostgresCluster> {
  const baseDir = await mkdtemp(join(tmpdir(), 'qingfeng-pg-'));
  const dataDir = join(baseDir, 'data');
  let wrap = (command: string, args: string[]): [string, string[]] => [command, args];

  try {
    if (isRoot()) {
      const user = await unprivilegedUser();
      await chown(baseDir, user.uid, user.gid);
      wrap = (command, args) => ['runuser', ['-u', user.name, '--', command, ...args]];
    }

    await runChecked(
      ...wrap(`${PG_BIN}/initdb`, [
        '-D',
        dataDir,
        '-U',
        SUPERUSER,
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ]),
    );
  } catch (error) {
    await rm(baseDir, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const settings = [
    'listen_addresses=127.0.0.1',
    'fsync=off',
    'synchronous_commit=off',
    'full_page_writes=off',
    'max_connections=200',
  ];
  const [command, args] = wrap(`${PG_BIN}/postgres`, [
    ...['-D', dataDir, '-p', String(port), '-k', baseDir],
    ...settings.flatMap((setting) => ['-c', setting]),
  ]);
  const child = spawn(command, args, { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keepLog = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8_000));
  child.stdout.on('data', keepLog);
  child.stderr.on('data', keepLog);
  let hasExited = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      hasExited = true;
      resolve();
    }),
  );

  // With runuser in between, the postmaster is not our direct child: its PID is read
  // from postmaster.pid once it is up.
  let postmasterPid: number | undefined;
  const signalPostmaster = (signal: NodeJS.Signals) => {
    if (postmasterPid && isAlive(postmasterPid)) process.kill(postmasterPid, signal);
    child.kill(signal);
  };

  // Last resort if the process exits without calling stop().
  const onExit = () => {
    signalPostmaster('SIGKILL');
    rmSync(baseDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    if (!hasExited) {
      // SIGINT is PostgreSQL's "fast shutdown".
      signalPostmaster('SIGINT');
      const timeout = new AbortController();
      const timedOut = await Promise.race([
        exited.then(() => false),
        sleep(STOP_TIMEOUT_MS, true, { signal: timeout.signal }),
      ]);
      timeout.abort();
      if (timedOut) {
        signalPostmaster('SIGKILL');
        await exited;
      }
    }
    await rm(baseDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (hasExited) throw new Error(`postgres exited during startup:\n${log}`);
      if (Date.now() > deadline) throw new Error(`postgres did not start in time:\n${log}`);
      const ready = await runCommand(`${PG_BIN}/pg_isready`, [
        '-q',
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        SUPERUSER,
        '-d',
        'postgres',
      ]);
      if (ready.code === 0) break;
      await sleep(100);
    }
    const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8');
    postmasterPid = Number(pidFile.split('\n')[0]);
  } catch (error) {
    await stop();
    throw error;
  }

  return { url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`, stop };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>) {
  const url = new URL(adminUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a database on the cluster behind adminUrl and returns its connection URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdentifier(name)}`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Drops a database, disconnecting any remaining sessions first. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
  );
}
