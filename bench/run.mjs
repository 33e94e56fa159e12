#!/usr/bin/env node
// Foundation benchmark: the real server on SQLite and on PostgreSQL against a bare Fastify
// ceiling, all on this machine over 127.0.0.1.
//
//   npm run bench            (builds, then runs this file)
//
// Writes bench/results/<date>-foundation.{json,md} and prints the table. Exits non-zero when
// a scenario saw a non-2xx answer, an error or a timeout, or when `qingfeng verify` fails
// after the write load. Budgets are shown as ✓/✗ but not asserted.
//
// Optional environment:
//   BENCH_DURATION_S   seconds measured per scenario (default 10, at most 120)
//   BENCH_WARMUP_S     seconds of warm-up per scenario (default 2, at most 30)
//   BENCH_PG_FAST=1    run PostgreSQL like the test suite does (fsync, synchronous_commit and
//                      full_page_writes off); the default is PostgreSQL's durable defaults
//   BENCH_CPU_PROF=1   start the measured servers with --cpu-prof; profiles land in
//                      bench/results/cpu-prof-<database>/
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
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_MAIN = path.join(ROOT, 'dist', 'server', 'main.js');
/** The Node flags of `npm start` (package.json), so the bench measures the server as run. */
const START_FLAGS = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start.match(
    /node ((?:--\S+ )*)dist\/server\/main\.js/,
  )?.[1] ?? ''
)
  .trim()
  .split(/\s+/)
  .filter(Boolean);
const CEILING_MAIN = path.join(ROOT, 'bench', 'ceiling-server.mjs');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const PG_BIN = '/usr/lib/postgresql/15/bin';
const HOST = '127.0.0.1';

const DEMO_PASSWORD = 'Qingfeng@2026';
const REGION = '339901101000';
const LIST_PATH = `/api/v1/users?regionCode=${REGION}&pageSize=20`;
const LOCALE_PATH = '/api/v1/auth/locale';

const CONNECTIONS = 10;
const PIPELINING = 1;
const DURATION_S = boundedInt('BENCH_DURATION_S', 10, 1, 120);
const WARMUP_S = boundedInt('BENCH_WARMUP_S', 2, 0, 30);
const PG_FAST = process.env.BENCH_PG_FAST === '1';
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';

const START_TIMEOUT_MS = 60_000; // a first start also migrates and seeds
const STOP_TIMEOUT_MS = 10_000;
const COMMAND_TIMEOUT_MS = 120_000;
const GLOBAL_TIMEOUT_MS = 20 * 60_000;
const RSS_SAMPLE_MS = 100;

const BUDGETS = {
  listRatio: 0.4, // scoped list ≥ 40 % of the ceiling
  writesPerSec: 2_000, // audited writes ≥ 2,000/s
  coldStartMs: 1_000, // cold start ≤ 1,000 ms
  rssMb: 200, // peak RSS ≤ 200 MB
};

function boundedInt(name, fallback, min, max) {
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

function onCleanup(fn) {
  if (cleaning) throw new Error('bench: shutting down');
  cleanups.push(fn);
}

function cleanupAll() {
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

function tempDir(prefix) {
  if (cleaning) throw new Error('bench: shutting down');
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirsToRemove.add(dir);
  onCleanup(() => {
    rmSync(dir, { recursive: true, force: true });
    dirsToRemove.delete(dir);
  });
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function freePort() {
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

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file, chars = 3_000) {
  try {
    return readFileSync(file, 'utf8').slice(-chars);
  } catch {
    return '(no log)';
  }
}

/** A bare GET on a fresh connection: its status code, or 0 when nothing answered. */
function probe(port, urlPath, timeoutMs = 1_000) {
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

/** Runs a command to completion (bounded), collecting stdout and stderr together. */
function runCommand(command, args, { env = process.env, timeoutMs = COMMAND_TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: os.tmpdir(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => (output = (output + chunk.toString()).slice(-20_000));
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

async function runChecked(command, args, options) {
  const { code, output } = await runCommand(command, args, options);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`);
  return output;
}

/**
 * Spawns a long-running child with its output going straight to a log file (so that the
 * benchmark process does not spend CPU on the server's request log). Returns a handle whose
 * stop() sends SIGTERM, then SIGKILL after STOP_TIMEOUT_MS.
 */
function startChild(label, command, args, { env, logFile }) {
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

/** Polls GET urlPath until it answers 200; returns ms since the child was spawned. */
async function waitUntilReady(handle, port, urlPath, timeoutMs = START_TIMEOUT_MS) {
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
function rssSampler(pid) {
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

const mb = (bytes) => bytes / (1024 * 1024);
const CLOCK_TICKS = 100; // USER_HZ on Linux

// ---------------------------------------------------------------------------------------------
// Load.

/** Warm-up, then one measured autocannon run; returns the figures the report needs. */
async function measure(key, name, port, { path: urlPath = '', ...options }, rss) {
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

function loadProblems(database, scenario) {
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

// ---------------------------------------------------------------------------------------------
// The ceiling.

async function measureCeiling(workDir) {
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
// PostgreSQL: a private cluster in a temp folder.

async function unprivilegedUser() {
  for (const name of ['postgres', 'qingfeng-pg']) {
    const { code } = await runCommand('id', ['-u', name]);
    if (code === 0) return name;
  }
  await runChecked('useradd', ['--system', '--no-create-home', 'qingfeng-pg']);
  return 'qingfeng-pg';
}

async function startPostgres() {
  const baseDir = tempDir('qingfeng-bench-pg-');
  const dataDir = path.join(baseDir, 'data');
  let wrap = (command, args) => [command, args];
  if (process.getuid?.() === 0) {
    const user = await unprivilegedUser();
    const uid = Number((await runChecked('id', ['-u', user])).trim());
    const gid = Number((await runChecked('id', ['-g', user])).trim());
    chownSync(baseDir, uid, gid);
    wrap = (command, args) => ['runuser', ['-u', user, '--', command, ...args]];
  }
  await runChecked(
    ...wrap(`${PG_BIN}/initdb`, [
      ...['-D', dataDir, '-U', 'qingfeng'],
      ...['--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
    ]),
  );

  const port = await freePort();
  const settings = ['listen_addresses=127.0.0.1', 'max_connections=100'];
  if (PG_FAST) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const [command, args] = wrap(`${PG_BIN}/postgres`, [
    ...['-D', dataDir, '-p', String(port), '-k', baseDir],
    ...settings.flatMap((setting) => ['-c', setting]),
  ]);
  // The log lives outside baseDir: baseDir belongs to the postgres user.
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
  onCleanup(stop); // runs before the cleanup of baseDir, registered earlier

  const deadline = performance.now() + 30_000;
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
  try {
    await admin.query('CREATE DATABASE qingfeng_bench');
    version = (await admin.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://qingfeng@${HOST}:${port}/qingfeng_bench`,
    version,
    settings,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// The real server.

function serverEnv(dataDir, port, databaseUrl, extra = {}) {
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

async function login(port) {
  const response = await fetch(`http://${HOST}:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'town', password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) {
    throw new Error(`login as town failed: ${response.status} ${await response.text()}`);
  }
  const body = await response.json();
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('qf_session='));
  if (!session || !body.csrfToken) throw new Error('login gave no session cookie or csrf token');
  return { cookie: session, csrfToken: body.csrfToken, userId: body.user.id };
}

/** One request of each kind before the load, so that a broken setup fails early and clearly. */
async function smokeTest(port, auth) {
  const list = await fetch(`http://${HOST}:${port}${LIST_PATH}`, {
    headers: { cookie: auth.cookie },
  });
  const listBody = await list.text();
  if (list.status !== 200) throw new Error(`scoped list answered ${list.status}: ${listBody}`);
  const items = JSON.parse(listBody).items?.length ?? 0;
  if (items === 0) throw new Error('scoped list returned no users');
  const write = await fetch(`http://${HOST}:${port}${LOCALE_PATH}`, {
    method: 'POST',
    headers: {
      cookie: auth.cookie,
      'x-csrf-token': auth.csrfToken,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ locale: 'en-US' }),
  });
  if (write.status !== 200) throw new Error(`locale write answered ${write.status}`);
  return { listItems: items };
}

async function benchDatabase(name, workDir, ceiling, pgCluster) {
  console.log(`\n${name}`);
  const dataDir = path.join(workDir, `data-${name.toLowerCase()}`);
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = pgCluster?.url;
  const logFile = path.join(workDir, `server-${name.toLowerCase()}.log`);

  // First start: migrates and loads the demo town.
  let port = await freePort();
  const first = startChild(
    `${name} server (first start)`,
    process.execPath,
    [...START_FLAGS, SERVER_MAIN, 'serve'],
    {
      env: serverEnv(dataDir, port, databaseUrl),
      logFile,
    },
  );
  const firstStartMs = await waitUntilReady(first, port, '/healthz');
  await first.stop();
  console.log(`  first start (migrate + seed): ${firstStartMs.toFixed(0)} ms`);

  // Second start against the existing database: the cold start that counts.
  port = await freePort();
  // The server runs as `npm start` runs it.
  const nodeArgs = [...START_FLAGS];
  if (CPU_PROF) {
    const profDir = path.join(RESULTS_DIR, `cpu-prof-${name.toLowerCase()}`);
    mkdirSync(profDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  }
  const server = startChild(
    `${name} server`,
    process.execPath,
    [...nodeArgs, SERVER_MAIN, 'serve'],
    { env: serverEnv(dataDir, port, databaseUrl), logFile },
  );
  const rss = rssSampler(server.pid);
  const coldStartMs = await waitUntilReady(server, port, '/healthz');
  const reported = [...readFileSync(logFile, 'utf8').matchAll(/serving on .* after (\d+) ms/g)];
  const inProcessStartMs = reported.length ? Number(reported.at(-1)[1]) : null;
  console.log(
    `  cold start (existing database): ${coldStartMs.toFixed(0)} ms` +
      (inProcessStartMs === null ? '' : ` (${inProcessStartMs} ms inside the process)`),
  );

  const auth = await login(port);
  const smoke = await smokeTest(port, auth);
  const startupRssMb = mb(rss.mark());

  // The floor of this server: an unauthenticated route through every hook, answering from SQL.
  const health = await measure(
    'health',
    'floor: GET /healthz (all hooks, select 1)',
    port,
    { method: 'GET', path: '/healthz' },
    rss,
  );
  const list = await measure(
    'list',
    'scoped list GET /api/v1/users',
    port,
    { method: 'GET', path: LIST_PATH, headers: { cookie: auth.cookie } },
    rss,
  );
  const writeHeaders = {
    cookie: auth.cookie,
    'x-csrf-token': auth.csrfToken,
    'content-type': 'application/json',
  };
  // Each connection alternates the two values, so that every request changes the row.
  const write = await measure(
    'write',
    'audited write POST /api/v1/auth/locale',
    port,
    {
      requests: ['zh-CN', 'en-US'].map((locale) => ({
        method: 'POST',
        path: LOCALE_PATH,
        headers: writeHeaders,
        body: JSON.stringify({ locale }),
      })),
    },
    rss,
  );
  const peakRssMb = mb(rss.stop());
  const exit = await server.stop();
  if (exit !== 0) console.error(`bench: ${name} server exited with ${String(exit)}`);

  // The same list with the read cache off: every request runs its SQL.
  port = await freePort();
  const uncachedServer = startChild(
    `${name} server (read cache off)`,
    process.execPath,
    [...START_FLAGS, SERVER_MAIN, 'serve'],
    { env: serverEnv(dataDir, port, databaseUrl, { QF_READ_CACHE: '0' }), logFile },
  );
  const uncachedRss = rssSampler(uncachedServer.pid);
  await waitUntilReady(uncachedServer, port, '/healthz');
  const uncachedAuth = await login(port);
  const listUncached = await measure(
    'listUncached',
    'scoped list, read cache off',
    port,
    { method: 'GET', path: LIST_PATH, headers: { cookie: uncachedAuth.cookie } },
    uncachedRss,
  );
  uncachedRss.stop();
  await uncachedServer.stop();

  // The audit chain must be intact after the load.
  const verifyEnv = serverEnv(dataDir, 0, databaseUrl);
  const verifyRun = await runCommand(process.execPath, [SERVER_MAIN, 'verify'], { env: verifyEnv });
  const verify = { passed: verifyRun.code === 0, output: verifyRun.output.trim() };
  console.log(`  verify: ${verify.passed ? 'passed' : 'FAILED'} — ${verify.output}`);

  const scenarios = [ceiling, health, list, write, listUncached].map((s) => ({
    ...s,
    ratioToCeiling: s.reqPerSec / ceiling.reqPerSec,
    cpuRatioToCeiling: ceiling.cpuUsPerRequest / s.cpuUsPerRequest,
  }));
  return {
    database: name,
    version: pgCluster ? `PostgreSQL ${pgCluster.version}` : `SQLite ${sqliteVersion()}`,
    settings: pgCluster ? pgCluster.settings : ['journal_mode=WAL', 'synchronous=NORMAL'],
    firstStartMs,
    coldStartMs,
    inProcessStartMs,
    startupRssMb,
    peakRssMb,
    listItemsPerPage: smoke.listItems,
    scenarios,
    verify,
    problems: [
      ...loadProblems(name, health),
      ...loadProblems(name, list),
      ...loadProblems(name, write),
      ...loadProblems(name, listUncached),
      ...(verify.passed ? [] : [`${name}: qingfeng verify failed after the write load`]),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

function sqliteVersion() {
  const db = new Database(':memory:');
  try {
    return db.prepare('select sqlite_version() as v').get().v;
  } finally {
    db.close();
  }
}

function machine() {
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

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const fmtPct = (r) => `${(r * 100).toFixed(1)}%`;
const mb2 = (n) => n.toFixed(0);
const mark = (ok) => (ok ? '✓' : '✗');

function budgetsOf(db) {
  const [, , list, write] = db.scenarios;
  return {
    list: list.ratioToCeiling >= BUDGETS.listRatio,
    write: write.reqPerSec >= BUDGETS.writesPerSec,
    coldStart: db.coldStartMs <= BUDGETS.coldStartMs,
    rss: db.peakRssMb <= BUDGETS.rssMb,
  };
}

function markdown(report) {
  const m = report.machine;
  const lines = [
    `# Qingfeng foundation benchmark — ${report.date}`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB memory, ${m.os}`,
    `- Node ${m.node}; ${report.databases.map((d) => d.version).join('; ')}`,
    `- Run at ${report.startedAt}; load: autocannon ${report.load.autocannon}, ` +
      `${report.load.connections} connections, pipelining ${report.load.pipelining}, ` +
      `${report.load.warmupS} s warm-up + ${report.load.durationS} s per scenario, ` +
      'load generator on the same machine, 127.0.0.1',
    `- Server: \`node ${[...START_FLAGS, 'dist/server/main.js'].join(' ')} serve\` (as npm start), QF_JOBS=0, default log level (info), ` +
      `logged in as \`town\` (town_admin over ${REGION})`,
    '- Ratio to ceiling: req/s over the ceiling’s req/s in this run. CPU-cost ratio: the ' +
      'ceiling server’s CPU time per request over this server’s (from /proc/<pid>/stat); it ' +
      'moves less than req/s when other tenants load the machine.',
    '',
  ];
  for (const db of report.databases) {
    const ok = budgetsOf(db);
    const budget = [
      '',
      '(for comparison)',
      `≥ ${fmtPct(BUDGETS.listRatio)} of ceiling ${mark(ok.list)}`,
      `≥ ${fmtInt(BUDGETS.writesPerSec)}/s ${mark(ok.write)}`,
      '(for comparison)',
    ];
    lines.push(`## ${db.database}`, '', `${db.version}; ${db.settings.join(', ')}`, '');
    lines.push(
      '| scenario | req/s | p50 ms | p99 ms | ratio to ceiling | server CPU µs/req | CPU-cost ratio | budget |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    db.scenarios.forEach((s, i) => {
      lines.push(
        `| ${s.name} | ${fmtInt(s.reqPerSec)} | ${fmtMs(s.p50Ms)} | ${fmtMs(s.p99Ms)} | ` +
          `${fmtPct(s.ratioToCeiling)} | ${s.cpuUsPerRequest.toFixed(1)} | ${fmtPct(s.cpuRatioToCeiling)} | ${budget[i]} |`,
      );
    });
    lines.push('');
    lines.push(
      `- Cold start (second start, existing database, spawn → /healthz 200): ` +
        `**${fmtInt(db.coldStartMs)} ms** (budget ≤ ${fmtInt(BUDGETS.coldStartMs)} ms ` +
        `${mark(ok.coldStart)})` +
        (db.inProcessStartMs === null ? '' : `; ${db.inProcessStartMs} ms inside the process`) +
        `; first start with migration + demo seed: ${fmtInt(db.firstStartMs)} ms`,
    );
    lines.push(
      `- Peak RSS: **${mb2(db.peakRssMb)} MB** (budget ≤ ${BUDGETS.rssMb} MB ${mark(ok.rss)}); ` +
        `after start-up ${mb2(db.startupRssMb)} MB; ` +
        db.scenarios
          .slice(1)
          .map((s) => `during ${s.key} ${mb2(s.peakRssMb)} MB`)
          .join(', '),
    );
    lines.push(
      `- Non-2xx / errors / timeouts: ` +
        db.scenarios.map((s) => `${s.non2xx}/${s.errors}/${s.timeouts}`).join(', ') +
        ` (ceiling, floor, list, write, list with the read cache off)`,
    );
    lines.push(
      `- \`qingfeng verify\` after the write load: ${db.verify.passed ? 'passed' : '**FAILED**'} — ${db.verify.output}`,
    );
    lines.push('');
  }
  if (report.problems.length > 0) {
    lines.push('## Problems', '', ...report.problems.map((p) => `- ${p}`), '');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} is missing: build first (node scripts/build.mjs)`);
  }
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${GLOBAL_TIMEOUT_MS / 60_000} min; giving up`);
    void cleanupAll().finally(() => process.exit(1));
  }, GLOBAL_TIMEOUT_MS);
  watchdog.unref();

  const startedAt = new Date();
  const workDir = tempDir('qingfeng-bench-');
  const autocannonVersion = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules', 'autocannon', 'package.json'), 'utf8'),
  ).version;

  const ceiling = await measureCeiling(workDir);
  const databases = [await benchDatabase('SQLite', workDir, ceiling)];
  const cluster = await startPostgres();
  databases.push(await benchDatabase('PostgreSQL', workDir, ceiling, cluster));
  await cluster.stop();

  const report = {
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    machine: machine(),
    load: {
      autocannon: autocannonVersion,
      connections: CONNECTIONS,
      pipelining: PIPELINING,
      warmupS: WARMUP_S,
      durationS: DURATION_S,
    },
    budgets: BUDGETS,
    ceiling,
    databases,
    problems: databases.flatMap((d) => d.problems),
  };
  for (const db of databases) db.budgetsMet = budgetsOf(db);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const base = path.join(RESULTS_DIR, `${report.date}-foundation`);
  const md = markdown(report);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(`${base}.md`, md);
  console.log(`\n${md}`);
  console.log(`written: ${path.relative(ROOT, base)}.json, ${path.relative(ROOT, base)}.md`);

  if (report.problems.length > 0) {
    console.error('\nbench: FAILED');
    for (const problem of report.problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error('\nbench: FAILED —', error instanceof Error ? error.stack : error);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
