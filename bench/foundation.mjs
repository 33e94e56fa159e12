#!/usr/bin/env node
// Foundation benchmark: the real server on SQLite and on PostgreSQL against a bare Fastify
// ceiling, all on this machine over 127.0.0.1.
//
//   npm run bench:foundation     (builds, then runs this file)
//
// The generic parts (child processes, PostgreSQL, autocannon, sampling) live in bench/lib.mjs.
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
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  fmtInt,
  fmtMs,
  fmtPct,
  freePort,
  HOST,
  launchServer,
  loadProblems,
  loadSettings,
  login,
  mark,
  mb,
  mb2,
  measure,
  measureCeiling,
  reportHeader,
  reportOf,
  requireBuiltServer,
  RESULTS_DIR,
  runBench,
  runVerify,
  serverEnv,
  sqliteVersion,
  START_FLAGS,
  startPostgres,
  startServer,
  stopServer,
  tempDir,
  waitUntilReady,
  withProblems,
  writeReport,
} from './lib.mjs';

const REGION = '339901101000';
const LIST_PATH = `/api/v1/users?regionCode=${REGION}&pageSize=20`;
const LOCALE_PATH = '/api/v1/auth/locale';
const GLOBAL_TIMEOUT_MS = 20 * 60_000;

const BUDGETS = {
  listRatio: 0.4, // scoped list ≥ 40 % of the ceiling
  writesPerSec: 2_000, // audited writes ≥ 2,000/s
  coldStartMs: 1_000, // cold start ≤ 1,000 ms
  rssMb: 200, // peak RSS ≤ 200 MB
};

// ---------------------------------------------------------------------------------------------
// The real server.

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
  const first = startServer(`${name} server (first start)`, {
    env: serverEnv(dataDir, port, databaseUrl),
    logFile,
  });
  const firstStartMs = await waitUntilReady(first, port, '/healthz');
  await first.stop();
  console.log(`  first start (migrate + seed): ${firstStartMs.toFixed(0)} ms`);

  // Second start against the existing database: the cold start that counts.
  // The server runs as `npm start` runs it.
  const launched = await launchServer(`${name} server`, {
    env: (p) => serverEnv(dataDir, p, databaseUrl),
    logFile,
    profileAs: name.toLowerCase(),
    coldStart: true,
  });
  const { server, rss, coldStartMs, inProcessStartMs } = launched;
  port = launched.port;

  const auth = await login(port, 'town');
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
  await stopServer(server);

  // The same list with the read cache off: every request runs its SQL.
  const uncached = await launchServer(`${name} server (read cache off)`, {
    env: (p) => serverEnv(dataDir, p, databaseUrl, { QF_READ_CACHE: '0' }),
    logFile,
  });
  port = uncached.port;
  const uncachedRss = uncached.rss;
  const uncachedAuth = await login(port, 'town');
  const listUncached = await measure(
    'listUncached',
    'scoped list, read cache off',
    port,
    { method: 'GET', path: LIST_PATH, headers: { cookie: uncachedAuth.cookie } },
    uncachedRss,
  );
  uncachedRss.stop();
  await uncached.server.stop();

  // The audit chain must be intact after the load.
  const verify = await runVerify(serverEnv(dataDir, 0, databaseUrl));

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
  const lines = [
    ...reportHeader('Qingfeng foundation benchmark', report),
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
  return withProblems(lines, report);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  requireBuiltServer();
  const startedAt = new Date();
  const workDir = tempDir('qingfeng-bench-');
  const load = loadSettings();

  const ceiling = await measureCeiling(workDir);
  const databases = [await benchDatabase('SQLite', workDir, ceiling)];
  const cluster = await startPostgres();
  databases.push(await benchDatabase('PostgreSQL', workDir, ceiling, cluster));
  await cluster.stop();

  const report = reportOf(startedAt, { load, budgets: BUDGETS, ceiling, databases });
  for (const db of databases) db.budgetsMet = budgetsOf(db);
  writeReport(RESULTS_DIR, `${report.date}-foundation`, report, markdown(report));
}

await runBench(main, GLOBAL_TIMEOUT_MS);
