// What the benchmark scripts share: child processes and their cleanup, the real server and its
// environment, a private PostgreSQL cluster, autocannon runs, RSS and CPU sampling, logins,
// reading a database, and the parts of a report that every benchmark writes the same way.
//
//   bench/foundation.mjs   the platform core against a bare Fastify ceiling (npm run bench:foundation)
//   bench/data.mjs         a generated county in a folder (npm run bench:data)
//   bench/county.mjs       the county load benchmark on generated data (npm run bench)
import { spawn } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_MAIN = path.join(ROOT, 'dist', 'server', 'main.js');
/** The Node flags of `npm start` (package.json), so the bench measures the server as run. */
export const START_FLAGS = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start.match(
    /node ((?:--\S+ )*)dist\/server\/main\.js/,
  )?.[1] ?? ''
)
  .trim()
  .split(/\s+/)
  .filter(Boolean);
const CEILING_MAIN = path.join(ROOT, 'bench', 'ceiling-server.mjs');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const HOST = '127.0.0.1';

export const DEMO_PASSWORD = 'Qingfeng@2026';

export const CONNECTIONS = 10;
export const PIPELINING = 1;
export const DURATION_S = boundedInt('BENCH_DURATION_S', 10, 1, 120);
export const WARMUP_S = boundedInt('BENCH_WARMUP_S', 2, 0, 30);
export const PG_FAST = process.env.BENCH_PG_FAST === '1';
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';

const START_TIMEOUT_MS = 60_000; // a first start also migrates and seeds
const STOP_TIMEOUT_MS = 10_000;
const COMMAND_TIMEOUT_MS = 120_000;
const RSS_SAMPLE_MS = 100;
const CLOCK_TICKS = 100; // USER_HZ on Linux

export function boundedInt(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Everything started here is registered for cleanup: async on the normal and the error path,
// and a synchronous SIGKILL + rm as the last resort when the process exits anyway.

const cleanups = [];
const pidsToKill = new Set();
const dirsToRemove = new Set();
let cleaning; // the one cleanup run, shared by the normal path and the signal handlers

export function onCleanup(fn) {
  if (cleaning) throw new Error('bench: shutting down');
  cleanups.push(fn);
}

export function cleanupAll() {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        console.error('bench: cleanup step failed:', error);
      }
    }
  })();
  return cleaning;
}

process.on('exit', () => {
  for (const pid of pidsToKill) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of dirsToRemove) rmSync(dir, { recursive: true, force: true });
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal}, stopping everything …`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

export function tempDir(prefix) {
  if (cleaning) throw new Error('bench: shutting down');
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirsToRemove.add(dir);
  onCleanup(() => {
    rmSync(dir, { recursive: true, force: true });
    dirsToRemove.delete(dir);
  });
  return dir;
}

/** A refusal or a usage mistake: reported by its message alone, without a stack. */
export class BenchError extends Error {}

/** The command line's options (node:util parseArgs); a mistake answers with the usage. */
export function commandLine(spec, usage) {
  try {
    return parseArgs({ options: spec }).values;
  } catch (error) {
    throw new BenchError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/** Fails early when the server has not been built. */
export function requireBuiltServer() {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} is missing: build first (node scripts/build.mjs)`);
  }
}

/**
 * Runs a benchmark's main function: a watchdog gives up after `timeoutMs`, a failure is
 * printed and sets a non-zero exit code, and everything started is stopped in the end.
 */
export async function runBench(main, timeoutMs) {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${timeoutMs / 60_000} min; giving up`);
    void cleanupAll().finally(() => process.exit(1));
  }, timeoutMs);
  watchdog.unref();
  try {
    await main();
  } catch (error) {
    if (error instanceof BenchError) console.error(`bench: ${error.message}`);
    else console.error('\nbench: FAILED —', error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  } finally {
    await cleanupAll();
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function tail(file, chars = 3_000) {
  try {
    return readFileSync(file, 'utf8').slice(-chars);
  } catch {
    return '(no log)';
  }
}

/** A bare GET on a fresh connection: its status code, or 0 when nothing answered. */
export function probe(port, urlPath, timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const request = http.get(
      { host: HOST, port, path: urlPath, agent: false, timeout: timeoutMs },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve(0));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/**
 * Runs a command to completion (bounded), collecting stdout and stderr together (the last
 * 20,000 characters); `echo` also copies its output to this process's stdout as it comes.
 */
export function runCommand(
  command,
  args,
  { env = process.env, timeoutMs = COMMAND_TIMEOUT_MS, echo = false } = {},
) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: os.tmpdir(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => {
      if (echo) process.stdout.write(chunk);
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\n(killed after ${timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export async function runChecked(command, args, options) {
  const { code, output } = await runCommand(command, args, options);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`);
  return output;
}

/**
 * Spawns a long-running child with its output going straight to a log file (so that the
 * benchmark process does not spend CPU on the server's request log). Returns a handle whose
 * stop() sends SIGTERM, then SIGKILL after STOP_TIMEOUT_MS.
 */
export function startChild(label, command, args, { env, logFile }) {
  if (cleaning) throw new Error('bench: shutting down');
  const fd = openSync(logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  pidsToKill.add(child.pid);
  let exitCode;
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      pidsToKill.delete(child.pid);
      resolve(exitCode);
    }),
  );
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const result = await Promise.race([exited, sleep(STOP_TIMEOUT_MS, 'timeout')]);
      if (result === 'timeout') {
        console.error(`bench: ${label} did not stop in time; killing it`);
        child.kill('SIGKILL');
        return exited;
      }
      return result;
    })();
    return stopping;
  };
  onCleanup(stop);
  return {
    label,
    pid: child.pid,
    spawnedAt,
    logFile,
    exited,
    stop,
    hasExited: () => exitCode !== undefined,
  };
}

/**
 * Starts `qingfeng serve` as `npm start` runs it (its Node flags), plus --cpu-prof when
 * BENCH_CPU_PROF=1 and `profileAs` names the folder bench/results/cpu-prof-<profileAs>/.
 */
export function startServer(label, { env, logFile, profileAs }) {
  const nodeArgs = [...START_FLAGS];
  if (CPU_PROF && profileAs) {
    const profDir = path.join(RESULTS_DIR, `cpu-prof-${profileAs}`);
    mkdirSync(profDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  }
  return startChild(label, process.execPath, [...nodeArgs, SERVER_MAIN, 'serve'], {
    env,
    logFile,
  });
}

/** The start-up time the server logs itself ("serving on … after N ms"), the latest one. */
function inProcessStartMs(logFile) {
  const reported = [...readFileSync(logFile, 'utf8').matchAll(/serving on .* after (\d+) ms/g)];
  return reported.length ? Number(reported.at(-1)[1]) : null;
}

/**
 * Starts the server on a free port (`env(port)` is its environment), samples its RSS and
 * waits for /healthz. With `coldStart`, prints the start: spawn → 200, and the time the
 * server logged itself.
 */
export async function launchServer(label, { env, logFile, profileAs, coldStart = false }) {
  const port = await freePort();
  const server = startServer(label, { env: env(port), logFile, profileAs });
  const rss = rssSampler(server.pid);
  const coldStartMs = await waitUntilReady(server, port, '/healthz');
  const startedInProcessMs = inProcessStartMs(logFile);
  if (coldStart) {
    console.log(
      `  cold start (existing database): ${coldStartMs.toFixed(0)} ms` +
        (startedInProcessMs === null ? '' : ` (${startedInProcessMs} ms inside the process)`),
    );
  }
  return { server, port, rss, coldStartMs, inProcessStartMs: startedInProcessMs };
}

/** Stops a server, saying so when it did not exit cleanly. */
export async function stopServer(server) {
  const exit = await server.stop();
  if (exit !== 0) console.error(`bench: ${server.label} exited with ${String(exit)}`);
}

/** `qingfeng verify` on the database of `env`: the audit chain must be intact after a load. */
export async function runVerify(env, timeoutMs) {
  const run = await runCommand(process.execPath, [SERVER_MAIN, 'verify'], { env, timeoutMs });
  const verify = { passed: run.code === 0, output: run.output.trim() };
  console.log(`  verify: ${verify.passed ? 'passed' : 'FAILED'} — ${verify.output}`);
  return verify;
}

/** Polls GET urlPath until it answers 200; returns ms since the child was spawned. */
export async function waitUntilReady(handle, port, urlPath, timeoutMs = START_TIMEOUT_MS) {
  const deadline = handle.spawnedAt + timeoutMs;
  while (performance.now() < deadline) {
    if (handle.hasExited()) {
      throw new Error(`${handle.label} exited during startup:\n${tail(handle.logFile)}`);
    }
    if ((await probe(port, urlPath)) === 200) return performance.now() - handle.spawnedAt;
    await sleep(10);
  }
  throw new Error(`${handle.label} not ready after ${timeoutMs} ms:\n${tail(handle.logFile)}`);
}

/** Samples VmRSS of a process; mark() returns the peak since the previous mark. */
export function rssSampler(pid) {
  let peak = 0;
  let segmentPeak = 0;
  const read = () => {
    try {
      const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) {
        const bytes = Number(match[1]) * 1024;
        peak = Math.max(peak, bytes);
        segmentPeak = Math.max(segmentPeak, bytes);
      }
    } catch {
      // the process is gone
    }
  };
  read();
  const timer = setInterval(read, RSS_SAMPLE_MS);
  onCleanup(() => clearInterval(timer));
  return {
    /** CPU time the process has used so far (user + system), in ms. */
    cpuMs() {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return Number.NaN;
      }
    },
    mark() {
      read();
      const value = segmentPeak;
      segmentPeak = 0;
      return value;
    },
    stop() {
      clearInterval(timer);
      read();
      return peak;
    },
  };
}

export const mb = (bytes) => bytes / (1024 * 1024);

/** A small deterministic PRNG (xorshift32) for rotating requests: the same seed, the same run. */
export function xorshift32(seed) {
  // Small seeds (1, 2, 3 …) are spread over all 32 bits first: xorshift starts slowly from them.
  let x = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Load.

/** Warm-up, then one measured autocannon run; returns the figures the report needs. */
export async function measure(key, name, port, { path: urlPath = '', ...options }, rss) {
  const base = {
    url: `http://${HOST}:${port}${urlPath}`,
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    ...options,
  };
  if (WARMUP_S > 0) await autocannon({ ...base, duration: WARMUP_S });
  rss?.mark();
  const cpuBefore = rss?.cpuMs() ?? Number.NaN;
  const result = await autocannon({ ...base, duration: DURATION_S });
  const cpuAfter = rss?.cpuMs() ?? Number.NaN;
  const figures = {
    key,
    name,
    reqPerSec: result.requests.mean,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    latencyMeanMs: result.latency.mean,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count]),
    ),
    durationS: result.duration,
    // Server CPU per request: steadier than req/s when the machine's neighbours are busy.
    cpuUsPerRequest: ((cpuAfter - cpuBefore) * 1000) / result.requests.total,
  };
  if (rss) figures.peakRssMb = mb(rss.mark());
  console.log(
    `  ${name}: ${figures.reqPerSec.toFixed(0)} req/s, p50 ${figures.p50Ms} ms, ` +
      `p99 ${figures.p99Ms} ms, non-2xx ${figures.non2xx}, errors ${figures.errors}`,
  );
  return figures;
}

export function loadProblems(database, scenario) {
  const problems = [];
  if (scenario.non2xx > 0) {
    problems.push(
      `${database} / ${scenario.name}: ${scenario.non2xx} non-2xx answers ` +
        `(${JSON.stringify(scenario.statusCodes)})`,
    );
  }
  if (scenario.errors > 0 || scenario.timeouts > 0) {
    problems.push(
      `${database} / ${scenario.name}: ${scenario.errors} errors, ${scenario.timeouts} timeouts`,
    );
  }
  if (scenario.requests === 0) problems.push(`${database} / ${scenario.name}: no requests at all`);
  return problems;
}

/** The ceiling: a bare Fastify hello-world (bench/ceiling-server.mjs) under the same load. */
export async function measureCeiling(workDir) {
  console.log('ceiling: bare Fastify hello-world');
  const port = await freePort();
  const handle = startChild('ceiling server', process.execPath, [CEILING_MAIN], {
    env: { ...process.env, BENCH_PORT: String(port) },
    logFile: path.join(workDir, 'ceiling.log'),
  });
  await waitUntilReady(handle, port, '/', 15_000);
  const rss = rssSampler(handle.pid);
  const scenario = await measure(
    'ceiling',
    'ceiling: bare Fastify GET /',
    port,
    { method: 'GET' },
    rss,
  );
  rss.stop();
  await handle.stop();
  return scenario;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a private cluster, in a temp folder or on a PGDATA folder that is kept.

export async function unprivilegedUser() {
  for (const name of ['postgres', 'qingfeng-pg']) {
    const { code } = await runCommand('id', ['-u', name]);
    if (code === 0) return name;
  }
  await runChecked('useradd', ['--system', '--no-create-home', 'qingfeng-pg']);
  return 'qingfeng-pg';
}

/**
 * Starts a private PostgreSQL 15 cluster on 127.0.0.1 (as an unprivileged user when running
 * as root) and returns its URL and stop().
 *
 * Without `dataDir` the cluster lives in a temp folder, made by initdb and removed at the end.
 * With `dataDir` it runs on that PGDATA folder, which initdb makes when it is missing or
 * empty, and which is kept, so that a generated database survives between runs.
 *
 * `database` is created when it does not exist, unless `create` is false: then it must.
 */
export async function startPostgres({
  dataDir: keptDataDir,
  database = 'qingfeng_bench',
  create = true,
  fast = PG_FAST,
} = {}) {
  let wrap = (command, args) => [command, args];
  let owner;
  if (process.getuid?.() === 0) {
    const user = await unprivilegedUser();
    const uid = Number((await runChecked('id', ['-u', user])).trim());
    const gid = Number((await runChecked('id', ['-g', user])).trim());
    owner = { user, uid, gid };
    wrap = (command, args) => ['runuser', ['-u', user, '--', command, ...args]];
  }
  const ownDir = (dir) => owner && chownSync(dir, owner.uid, owner.gid);

  // The socket folder: the temp base folder, or a temp folder beside a kept cluster.
  const socketDir = tempDir(keptDataDir ? 'qingfeng-bench-pgsock-' : 'qingfeng-bench-pg-');
  ownDir(socketDir);
  const dataDir = keptDataDir ? path.resolve(keptDataDir) : path.join(socketDir, 'data');
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (keptDataDir && !initialised) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    ownDir(dataDir);
    if (owner && (await runCommand(...wrap('test', ['-w', dataDir]))).code !== 0) {
      throw new Error(
        `${owner.user} cannot write to ${dataDir}: let it reach the folder (chmod o+x on its parents)`,
      );
    }
  }
  if (!initialised) {
    await runChecked(
      ...wrap(`${PG_BIN}/initdb`, [
        ...['-D', dataDir, '-U', 'qingfeng'],
        ...['--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      ]),
    );
  }

  const port = await freePort();
  const settings = ['listen_addresses=127.0.0.1', 'max_connections=100'];
  if (fast) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const [command, args] = wrap(`${PG_BIN}/postgres`, [
    ...['-D', dataDir, '-p', String(port), '-k', socketDir],
    ...settings.flatMap((setting) => ['-c', setting]),
  ]);
  // The log lives outside socketDir: socketDir belongs to the postgres user.
  const logDir = tempDir('qingfeng-bench-pglog-');
  const handle = startChild('postgres', command, args, {
    env: process.env,
    logFile: path.join(logDir, 'postgres.log'),
  });

  // Behind runuser the postmaster is not our child: signal it by the PID in postmaster.pid.
  let postmasterPid;
  const stop = async () => {
    if (postmasterPid && isAlive(postmasterPid)) process.kill(postmasterPid, 'SIGINT'); // fast
    const result = await Promise.race([handle.exited, sleep(STOP_TIMEOUT_MS, 'timeout')]);
    if (result === 'timeout' || (postmasterPid && isAlive(postmasterPid))) {
      if (postmasterPid && isAlive(postmasterPid)) process.kill(postmasterPid, 'SIGKILL');
      await handle.stop();
    }
    if (postmasterPid) pidsToKill.delete(postmasterPid);
  };
  onCleanup(stop); // runs before the cleanup of socketDir, registered earlier

  // A kept cluster may first replay its WAL after an unclean stop: give it longer.
  const deadline = performance.now() + (keptDataDir ? 300_000 : 30_000);
  for (;;) {
    if (handle.hasExited()) throw new Error(`postgres exited:\n${tail(handle.logFile)}`);
    if (performance.now() > deadline)
      throw new Error(`postgres not ready:\n${tail(handle.logFile)}`);
    const ready = await runCommand(`${PG_BIN}/pg_isready`, [
      ...['-q', '-h', HOST, '-p', String(port), '-U', 'qingfeng', '-d', 'postgres'],
    ]);
    if (ready.code === 0) break;
    await sleep(100);
  }
  postmasterPid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  pidsToKill.add(postmasterPid);

  const admin = new pg.Client({ connectionString: `postgres://qingfeng@${HOST}:${port}/postgres` });
  await admin.connect();
  let version;
  let created = false;
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      if (!create) throw new Error(`the cluster in ${dataDir} has no database ${database}`);
      await admin.query(`CREATE DATABASE ${database}`);
      created = true;
    }
    version = (await admin.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://qingfeng@${HOST}:${port}/${database}`,
    version,
    settings,
    dataDir,
    created,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// The real server.

export function serverEnv(dataDir, port, databaseUrl, extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('QF_') && key !== 'DATABASE_URL') env[key] = value;
  }
  Object.assign(env, {
    QF_DATA_DIR: dataDir,
    QF_HOST: HOST,
    QF_PORT: String(port),
    QF_JOBS: '0',
    QF_LOGIN_RATE_LIMIT: '100000',
    ...extra,
  });
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

/**
 * Logs in over HTTP; returns the session cookie, the CSRF token, the user's id and whether
 * the account must change its password.
 */
export async function login(port, username, password = DEMO_PASSWORD) {
  const response = await fetch(`http://${HOST}:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: username, password }),
  });
  if (response.status !== 200) {
    throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  }
  const body = await response.json();
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('qf_session='));
  if (!session || !body.csrfToken) throw new Error('login gave no session cookie or csrf token');
  return {
    cookie: session,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    mustChangePassword: body.user.mustChangePassword === true,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a Qingfeng database directly: facts for the scenarios and the size of the data.

/**
 * Opens a database read-only: SQLite by file, PostgreSQL by URL. all(sql, params) takes `?`
 * placeholders on both; sizeBytes() is the file (with its WAL) or pg_database_size.
 */
export async function openReader({ sqlitePath, url }) {
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const all = async (text, params = []) => {
      let n = 0;
      return (
        await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows;
    };
    return {
      all,
      sizeBytes: async () =>
        Number((await all('select pg_database_size(current_database()) as n'))[0].n),
      close: () => client.end(),
    };
  }
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  return {
    all: async (text, params = []) => db.prepare(text).all(...params),
    sizeBytes: async () => fileSize(sqlitePath) + fileSize(`${sqlitePath}-wal`),
    close: async () => db.close(),
  };
}

function fileSize(file) {
  return existsSync(file) ? statSync(file).size : 0;
}

// ---------------------------------------------------------------------------------------------
// Report.

export function sqliteVersion() {
  const db = new Database(':memory:');
  try {
    return db.prepare('select sqlite_version() as v').get().v;
  } finally {
    db.close();
  }
}

export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model;
  return {
    cpu: model ?? 'unknown',
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

export function autocannonVersion() {
  return JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules', 'autocannon', 'package.json'), 'utf8'),
  ).version;
}

/** The load settings every report records. */
export function loadSettings() {
  return {
    autocannon: autocannonVersion(),
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    warmupS: WARMUP_S,
    durationS: DURATION_S,
  };
}

export const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
export const fmtMs = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
export const fmtPct = (r) => `${(r * 100).toFixed(1)}%`;
export const mb2 = (n) => n.toFixed(0);
export const mark = (ok) => (ok ? '✓' : '✗');

/** A report: its date, start and machine, then `fields`, then every database's problems. */
export function reportOf(startedAt, fields) {
  return {
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    machine: machine(),
    ...fields,
    problems: fields.databases.flatMap((d) => d.problems),
  };
}

/** The title and the machine, versions and load lines that open every report. */
export function reportHeader(title, report) {
  const m = report.machine;
  return [
    `# ${title} — ${report.date}`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB memory, ${m.os}`,
    `- Node ${m.node}; ${report.databases.map((d) => d.version).join('; ')}`,
    `- Run at ${report.startedAt}; load: autocannon ${report.load.autocannon}, ` +
      `${report.load.connections} connections, pipelining ${report.load.pipelining}, ` +
      `${report.load.warmupS} s warm-up + ${report.load.durationS} s per scenario, ` +
      'load generator on the same machine, 127.0.0.1',
  ];
}

/** The markdown's end: its problems, if any, then the text. */
export function withProblems(lines, report) {
  if (report.problems.length > 0) {
    lines.push('## Problems', '', ...report.problems.map((p) => `- ${p}`), '');
  }
  return lines.join('\n');
}

/** Writes <dir>/<name>.json and .md, prints the markdown, and fails the run on problems. */
export function writeReport(dir, name, report, md) {
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, name);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(`${base}.md`, md);
  console.log(`\n${md}`);
  const shown = path.relative(ROOT, base).startsWith('..') ? base : path.relative(ROOT, base);
  console.log(`written: ${shown}.json, ${shown}.md`);

  if (report.problems.length > 0) {
    console.error('\nbench: FAILED');
    for (const problem of report.problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  }
}
