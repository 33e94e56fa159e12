#!/usr/bin/env node
// County load benchmark: the real server on a generated county (bench/data.mjs), on SQLite
// and/or PostgreSQL, against a bare Fastify ceiling, all on this machine over 127.0.0.1.
//
//   npm run bench -- --dir <dir> [--db sqlite|postgres|both] [--label 0.25x]
//
//   --dir <dir>        a folder written by bench/data.mjs: <dir>/sqlite, <dir>/pg (+ <dir>/pg-app)
//   --data-dir <dir>   a SQLite data folder (QF_DATA_DIR, holding qingfeng.sqlite) used as it
//                      is, instead of <dir>/sqlite
//   --db <which>       sqlite, postgres or both (default: the ones found)
//   --label <label>    the scale in the results' name (default: from <dir>/<db>-generate.json,
//                      else the number of villages over a county's 375, e.g. 0.25x)
//   --read-only        leave out the two write scenarios (for a data set others share)
//   --only <keys>      run only these scenarios, comma-separated (e.g. fileCase,ledgerWrite)
//   --out <dir>        where the results go (default bench/results)
//
// For each database: applies pending migrations, creates the three bench accounts when they
// are missing (`qingfeng user add`; a new account changes its password on first login, as the
// web app makes it), starts the server as `npm start` does and measures the cold start, logs
// in, smoke-tests every scenario with one request, loads each for the warm-up + duration
// below, then starts the server again with QF_READ_CACHE=0 and loads the read scenarios once
// more, and finally runs `qingfeng verify`.
//
// Writes <out>/<date>-county-<label>.{json,md} and prints the table. Exits non-zero when a
// scenario saw a non-2xx answer, an error or a timeout, or when `qingfeng verify` fails.
// Budgets are shown as ✓/✗ but not asserted.
//
// Optional environment:
//   BENCH_DURATION_S   seconds measured per scenario (default 10, at most 120)
//   BENCH_WARMUP_S     seconds of warm-up per scenario (default 2, at most 30)
//   BENCH_TIMEOUT_MIN  give up after this many minutes (default 180; verify of a whole
//                      county takes a while)
//   BENCH_VERIFY=0     leave out `qingfeng verify` after the load (it reads the whole chain:
//                      minutes at county scale; run it on its own then)
//   BENCH_CPU_PROF=1   start the measured servers with --cpu-prof; profiles land in
//                      bench/results/cpu-prof-county-<database>/
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BenchError,
  commandLine,
  boundedInt,
  DEMO_PASSWORD,
  fmtInt,
  fmtMs,
  fmtPct,
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
  openReader,
  probe,
  reportHeader,
  reportOf,
  requireBuiltServer,
  RESULTS_DIR,
  ROOT,
  runBench,
  runChecked,
  runCommand,
  runVerify,
  SERVER_MAIN,
  serverEnv,
  sqliteVersion,
  START_FLAGS,
  startPostgres,
  stopServer,
  tempDir,
  withProblems,
  writeReport,
  xorshift32,
} from './lib.mjs';

/** The generator's last day (src/server/seed/county.ts): its cases were filed before this. */
const GENERATED_UNTIL = '2026-11-01T00:00:00.000Z';

const USAGE =
  'usage: node bench/county.mjs --dir <dir> [--data-dir <sqlite data dir>] ' +
  '[--db sqlite|postgres|both] [--label 0.25x] [--read-only] [--only <keys>] [--out <dir>]';
const TIMEOUT_MS = boundedInt('BENCH_TIMEOUT_MIN', 180, 1, 24 * 60) * 60_000;
const VERIFY = process.env.BENCH_VERIFY !== '0';

/** The generated county (src/server/seed/county.ts): 清河县, its first town and village. */
const COUNTY = '339950000000';
const FIRST_TOWN = '339950101000';
const CADRE_VILLAGE = '339950101201';
const VILLAGES_PER_COUNTY = 375;

const ACCOUNTS = [
  { username: 'bench-county', name: '清河县(压测)', role: 'county_viewer', region: COUNTY },
  { username: 'bench-town', name: '东河镇(压测)', role: 'town_admin', region: FIRST_TOWN },
  { username: 'bench-cadre', name: '东河1村(压测)', role: 'village_cadre', region: CADRE_VILLAGE },
];
/** A new account's first password: it changes it to DEMO_PASSWORD on its first login. */
const FIRST_PASSWORD = 'Bench#First2026';

const SERVER_SETTINGS = {
  QF_DEMO: '0',
  QF_CASE_RATE_LIMIT: '100000000', // every filing comes from 127.0.0.1
};

/** Words that occur in generated titles (src/server/seed/demo-ledgers.ts). */
const SEARCH_WORDS = [
  ['search2', '道路'], // 道路拓宽及排水沟改造工程, 支付道路养护费, 道路除草用工, 村道路面硬化工程
  ['search4', '路面硬化'], // 村道路面硬化工程
];
const PUBLIC_KINDS = ['project', 'procurement', 'labour', 'fund', 'asset', 'decision'];
const REQUEST_CATEGORIES = ['roads', 'water', 'sanitation', 'lighting', 'housing'];
const FUND_TITLES = ['支付保洁员工资', '支付道路养护费', '支付办公经费', '收到村集体经营收入'];
/**
 * How many different requests a read scenario rotates over: the hot set, half of what the read
 * cache holds (2,000 results), so that the cache-on run measures hits and the cache-off run
 * the SQL behind them.
 */
const ROTATION = 1_000;
const PAGE_SIZE = 20;
const SETTLED_MS = 50;
const SETTLE_TIMEOUT_MS = 300_000;

const BUDGETS = {
  readP99Ms: 20, // list, entry page, inbox, Open311: p99 ≤ 20 ms …
  readRatio: 0.3, // … and ≥ 30 % of the ceiling
  readRatioPostgres: 0.2, // ≥ 20 % on PostgreSQL
  searchP99Ms: 50,
  figuresP99Ms: 50,
  ledgerWritesPerSec: 2_000,
  filingsPerSec: 1_000,
  rssMb: 300,
  coldStartMs: 1_000,
};

function options() {
  const values = commandLine(
    {
      dir: { type: 'string' },
      'data-dir': { type: 'string' },
      db: { type: 'string' },
      label: { type: 'string' },
      'read-only': { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
    },
    USAGE,
  );
  const dir = values.dir ? path.resolve(values.dir) : undefined;
  const sqliteDir = values['data-dir']
    ? path.resolve(values['data-dir'])
    : dir && path.join(dir, 'sqlite');
  if (!sqliteDir) throw new BenchError(USAGE);
  const found = [];
  if (existsSync(path.join(sqliteDir, 'qingfeng.sqlite'))) found.push('sqlite');
  if (dir && existsSync(path.join(dir, 'pg', 'PG_VERSION'))) found.push('postgres');
  const wanted = values.db === 'both' ? ['sqlite', 'postgres'] : values.db ? [values.db] : found;
  if (wanted.length === 0)
    throw new BenchError(`no generated data found (bench/data.mjs)\n${USAGE}`);
  for (const db of wanted) {
    if (db !== 'sqlite' && db !== 'postgres') throw new BenchError(`--db: "${db}"?\n${USAGE}`);
    if (!found.includes(db)) {
      throw new BenchError(
        db === 'sqlite'
          ? `no ${path.join(sqliteDir, 'qingfeng.sqlite')}: generate it with bench/data.mjs`
          : `no PostgreSQL cluster in ${dir ? path.join(dir, 'pg') : '(no --dir)'}: generate it with bench/data.mjs --db postgres`,
      );
    }
  }
  return {
    dir,
    sqliteDir,
    databases: wanted,
    label: values.label,
    readOnly: values['read-only'],
    only: values.only ? values.only.split(',').map((key) => key.trim()) : undefined,
    out: values.out ? path.resolve(values.out) : RESULTS_DIR,
  };
}

/** The label of the scale: given, from the generator's record, or from the villages. */
function scaleLabel(opts, db, villages) {
  if (opts.label) return opts.label;
  const generated =
    opts.dir && (db !== 'sqlite' || opts.sqliteDir === path.join(opts.dir, 'sqlite'));
  const record = generated && path.join(opts.dir, `${db}-generate.json`);
  if (record && existsSync(record)) {
    const { scale } = JSON.parse(readFileSync(record, 'utf8'));
    return scale === 'county' ? '1x' : `${scale}x`;
  }
  return `${Number((villages / VILLAGES_PER_COUNTY).toPrecision(2))}x`;
}

// ---------------------------------------------------------------------------------------------
// The data: read directly from the database before the server starts.

async function readFacts(reader) {
  const count = async (sql) => Number((await reader.all(sql))[0].n);
  const regions = await reader.all(
    'select code, level from region where code >= ? and code < ? order by code',
    [COUNTY.slice(0, 6), `${COUNTY.slice(0, 6)}:`],
  );
  const towns = regions.filter((r) => r.level === 'town').map((r) => r.code);
  const villages = regions.filter((r) => r.level === 'village').map((r) => r.code);
  if (!towns.includes(FIRST_TOWN) || !villages.includes(CADRE_VILLAGE)) {
    throw new BenchError(`this database holds no generated county ${COUNTY} (bench/data.mjs)`);
  }
  // About 1,500 public entry pages from up to 100 villages spread over the county: the
  // latest ones, and some with more than one published version (a history to diff).
  const step = Math.max(1, Math.floor(villages.length / 100));
  const perVillage = Math.ceil(1_500 / Math.ceil(villages.length / step));
  const entryIds = new Set();
  for (let i = 0; i < villages.length; i += step) {
    const byVillage = 'select subject_id from disclosure where is_latest = 1 and region_code = ?';
    for (const sql of [
      `${byVillage} order by occurred_on desc limit ${Math.ceil(perVillage * 0.75)}`,
      `${byVillage} and version > 1 limit ${Math.ceil(perVillage * 0.25)}`,
    ]) {
      for (const row of await reader.all(sql, [villages[i]])) entryIds.add(row.subject_id);
    }
  }
  const periods = (
    await reader.all(
      'select distinct period from disclosure where is_latest = 1 and region_code = ? order by period desc',
      [CADRE_VILLAGE],
    )
  ).map((r) => r.period);
  const accounts = await reader.all(
    'select username, must_change_password from app_user where username in (?, ?, ?)',
    ACCOUNTS.map((a) => a.username),
  );
  return {
    towns,
    villages,
    entryIds: [...entryIds],
    periods: periods.slice(0, 24),
    // The generated cases only: the filings of earlier runs (channel web, filed "now") would
    // move the window onto themselves.
    latestCase: (
      await reader.all(`select max(created_at) as at from cases where created_at < ?`, [
        GENERATED_UNTIL,
      ])
    )[0].at,
    accounts: new Map(accounts.map((a) => [a.username, Number(a.must_change_password) === 1])),
    data: {
      towns: towns.length,
      villages: villages.length,
      ledgerEntries: await count('select count(*) as n from ledger_entry'),
      publishedEntries: await count('select count(*) as n from disclosure where is_latest = 1'),
      cases: await count('select count(*) as n from cases'),
      dbSizeBytes: await reader.sizeBytes(),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Accounts.

/** Creates the missing bench accounts with the CLI; returns who must change their password. */
async function ensureAccounts(facts, env) {
  const mustChange = new Set();
  for (const account of ACCOUNTS) {
    if (facts.accounts.has(account.username)) {
      if (facts.accounts.get(account.username)) mustChange.add(account.username);
      continue;
    }
    await runChecked(
      process.execPath,
      [
        ...[SERVER_MAIN, 'user', 'add', '--username', account.username, '--name', account.name],
        ...['--region', account.region, '--role', account.role, '--password', FIRST_PASSWORD],
      ],
      { env },
    );
    console.log(`  created ${account.username} (${account.role} over ${account.region})`);
    mustChange.add(account.username);
  }
  return mustChange;
}

/**
 * Logs every bench account in. An account that must change its password does so the way a
 * user does on the web app's password page (POST /api/v1/auth/password): from its first
 * password to DEMO_PASSWORD.
 */
async function logIn(port, mustChange, notes) {
  const sessions = {};
  for (const { username } of ACCOUNTS) {
    let session;
    if (mustChange.has(username)) {
      session = await login(port, username, FIRST_PASSWORD).catch(() => null);
      if (session?.mustChangePassword) {
        await post(port, session, '/api/v1/auth/password', {
          currentPassword: FIRST_PASSWORD,
          newPassword: DEMO_PASSWORD,
        });
        notes.add(`${username} changed its first password on its first login`);
        session.mustChangePassword = false;
      }
      mustChange.delete(username);
    }
    session ??= await login(port, username);
    if (session.mustChangePassword) {
      notes.add(`${username} must change its password; the API serves it all the same`);
    }
    sessions[username] = session;
  }
  return sessions;
}

async function post(port, session, urlPath, body) {
  const response = await fetch(`http://${HOST}:${port}${urlPath}`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`POST ${urlPath} answered ${response.status}: ${await response.text()}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios: each an autocannon `requests` array, rotated deterministically.

function shuffled(items, seed) {
  const rand = xorshift32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** ROTATION paths made by `make(pick)`, where pick(list) chooses with a seeded PRNG. */
function rotation(seed, make, size = ROTATION) {
  const rand = xorshift32(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  return Array.from({ length: size }, () => make(pick));
}

const query = (params) => new URLSearchParams(params).toString();
const pages = [1, 2, 3, 4, 5];
const gets = (paths) => paths.map((p) => ({ method: 'GET', path: p }));

/** A local date (Asia/Shanghai) some days back: the date of a new ledger entry. */
function localDate(daysBack) {
  const at = new Date(Date.now() + 8 * 3600_000 - daysBack * 86_400_000);
  return at.toISOString().slice(0, 10);
}

/** The scenarios, in order; `sessions` are the bench accounts' logins on this server. */
function scenarioPlan(facts, sessions, { readOnly, only }) {
  const county = sessions['bench-county'];
  const town = sessions['bench-town'];
  const cadre = sessions['bench-cadre'];
  const townVillages = facts.villages.filter((v) => v.startsWith(FIRST_TOWN.slice(0, 9)));
  const hasTotal = (body) => (body.total > 0 ? null : 'no entry matches');
  const plan = [
    {
      key: 'publicList',
      class: 'read',
      name: 'village disclosure list GET /api/v1/public/entries',
      detail:
        `one of ${facts.villages.length} villages, a kind or one of ${facts.periods.length} ` +
        `months, pages 1–5 of ${PAGE_SIZE} (newest first: the API has no sort parameter)`,
      load: {
        requests: gets(
          rotation(1, (pick) => {
            const filter =
              pick([0, 1]) === 0 ? { kind: pick(PUBLIC_KINDS) } : { period: pick(facts.periods) };
            const params = { regionCode: pick(facts.villages), ...filter, page: pick(pages) };
            return `/api/v1/public/entries?${query({ ...params, pageSize: PAGE_SIZE })}`;
          }),
        ),
      },
    },
    ...SEARCH_WORDS.map(([key, word], i) => ({
      key,
      class: 'search',
      name: `search ${word} (${word.length} characters) GET /api/v1/public/entries?q=`,
      detail: `q=${word} over one of ${facts.towns.length} towns or the county, pages 1–3`,
      check: hasTotal,
      load: {
        requests: gets(
          rotation(2 + i, (pick) => {
            const params = { regionCode: pick([COUNTY, ...facts.towns]), q: word };
            return `/api/v1/public/entries?${query({ ...params, page: pick([1, 2, 3]) })}`;
          }),
        ),
      },
    })),
    {
      key: 'entryPage',
      class: 'read',
      name: 'entry page with history GET /api/v1/public/entries/:id',
      detail: `${facts.entryIds.length} published entries of villages across the county`,
      load: {
        requests: gets(shuffled(facts.entryIds, 4).map((id) => `/api/v1/public/entries/${id}`)),
      },
    },
    {
      key: 'inbox',
      class: 'read',
      name: 'staff inbox GET /api/v1/cases (town account)',
      detail:
        `as bench-town: the town or one of its ${townVillages.length} villages; two in three ` +
        'open cases (overdue first: the server’s order), pages 1–3, one in three the overdue ' +
        'ones, page 1',
      load: {
        headers: { cookie: town.cookie },
        requests: gets(
          rotation(5, (pick) => {
            const tab =
              pick([0, 1, 2]) === 0 ? { overdue: 1, page: 1 } : { open: 1, page: pick([1, 2, 3]) };
            const params = { regionCode: pick([FIRST_TOWN, ...townVillages]), ...tab };
            return `/api/v1/cases?${query({ ...params, pageSize: PAGE_SIZE })}`;
          }),
        ),
      },
    },
  ];
  if (!readOnly) plan.push(filingScenario(facts), ledgerWriteScenario(cadre));
  plan.push(
    {
      key: 'dashboard',
      class: 'figures',
      name: 'county dashboard GET /api/v1/figures',
      detail: `as bench-county: regionCode=${COUNTY}, 2026-01 to 2026-12 (12 months × category)`,
      load: {
        headers: { cookie: county.cookie },
        requests: gets([`/api/v1/figures?regionCode=${COUNTY}&from=2026-01&to=2026-12`]),
      },
    },
    {
      key: 'townFigures',
      class: 'figures',
      name: 'town figures GET /api/v1/figures/children',
      detail: `as bench-town: regionCode=${FIRST_TOWN}, 2026-01 to 2026-10 (a row per village)`,
      load: {
        headers: { cookie: town.cookie },
        requests: gets([
          `/api/v1/figures/children?regionCode=${FIRST_TOWN}&from=2026-01&to=2026-10`,
        ]),
      },
    },
    open311Scenario(facts),
    {
      key: 'inspections',
      class: 'read',
      name: 'supervision inspections GET /api/v1/supervision/inspections',
      detail: `as bench-town: the town or one of its ${townVillages.length} villages, all or the fed-back ones`,
      load: {
        headers: { cookie: town.cookie },
        requests: gets(
          rotation(7, (pick) => {
            const params = { regionCode: pick([FIRST_TOWN, ...townVillages]) };
            if (pick([0, 1]) === 1) params.status = 'fed_back';
            return `/api/v1/supervision/inspections?${query(params)}`;
          }),
        ),
      },
    },
    {
      key: 'findings',
      class: 'read',
      name: 'supervision findings GET /api/v1/supervision/findings',
      detail: `as bench-town: one of the town's ${townVillages.length} villages, open or closed, in 2026`,
      load: {
        headers: { cookie: town.cookie },
        requests: gets(
          rotation(8, (pick) => {
            const params = {
              regionCode: pick(townVillages),
              state: pick(['open', 'closed']),
              from: '2026-01-01',
              to: '2026-12-31',
            };
            return `/api/v1/supervision/findings?${query(params)}`;
          }),
        ),
      },
    },
  );
  if (!only) return plan;
  const unknown = only.filter((key) => !plan.some((s) => s.key === key));
  if (unknown.length > 0 && !readOnly) {
    throw new BenchError(`--only: no scenario ${unknown.join(', ')} (${plan.map((s) => s.key)})`);
  }
  return plan.filter((s) => only.includes(s.key));
}

function open311Scenario(facts) {
  // GeoReport's default window is the last 90 days before now; the generated cases end on
  // the generator's last day, so the window is set to the 90 days before the latest case.
  const end = new Date(facts.latestCase ?? Date.now());
  const window = {
    start_date: new Date(end.getTime() - 90 * 86_400_000).toISOString(),
    end_date: end.toISOString(),
  };
  const places = [...facts.towns, ...facts.villages];
  return {
    key: 'open311',
    class: 'read',
    name: 'Open311 GET /open311/v2/requests.json',
    detail:
      `jurisdiction_id one of ${places.length} towns and villages, the 90 days before the ` +
      'latest case, default page_size (100)',
    load: {
      requests: gets(
        rotation(
          6,
          (pick) =>
            `/open311/v2/requests.json?${query({ jurisdiction_id: pick(places), ...window })}`,
        ),
      ),
    },
  };
}

/** A body per request: setupRequest builds it from a shared counter. */
function varying(urlPath, headers, bodyOf) {
  let n = 0;
  return [
    {
      method: 'POST',
      path: urlPath,
      headers: { 'content-type': 'application/json', ...headers },
      setupRequest: (request) => ({ ...request, body: JSON.stringify(bodyOf(++n)) }),
    },
  ];
}

function filingScenario(facts) {
  // Every filing has its own mobile number (at most 5 cases per number and day), unique
  // across runs: the run's start in ms plus the request's number.
  const first = Date.now() % 1e9;
  return {
    key: 'fileCase',
    class: 'write',
    name: 'resident files a case POST /api/v1/public/cases',
    detail:
      `no login: a request (roads, water, sanitation, lighting, housing) in one of ` +
      `${facts.villages.length} villages, each with its own text and mobile number`,
    load: {
      requests: varying('/api/v1/public/cases', {}, (n) => ({
        type: 'request',
        category: REQUEST_CATEGORIES[n % REQUEST_CATEGORIES.length],
        regionCode: facts.villages[(n * 7) % facts.villages.length],
        description: `村口路段破损，雨天积水，出行不便，请尽快处理（压测第${n}件）`,
        reporterName: '压测居民',
        reporterMobile: `13${String((first + n) % 1e9).padStart(9, '0')}`,
      })),
    },
  };
}

function ledgerWriteScenario(cadre) {
  const occurredOn = localDate(1);
  return {
    key: 'ledgerWrite',
    class: 'write',
    name: 'audited ledger write POST /api/v1/ledger (资金收支)',
    detail: `as bench-cadre: a fund movement in ${CADRE_VILLAGE} dated ${occurredOn}, its own title and amount each`,
    load: {
      requests: varying(
        '/api/v1/ledger',
        { cookie: cadre.cookie, 'x-csrf-token': cadre.csrfToken },
        (n) => {
          const title = FUND_TITLES[n % FUND_TITLES.length];
          return {
            kind: 'fund',
            regionCode: CADRE_VILLAGE,
            title: `${title}（压测第${n}笔）`,
            amount: 10_000 + ((n * 7_919) % 500_000),
            occurredOn,
            fields: {
              direction: title.startsWith('收到') ? 'income' : 'expense',
              counterparty: title.startsWith('收到') ? '清河县财政局' : '东河1村保洁队',
              method: 'transfer',
              purpose: title.replace(/^(支付|收到)/, ''),
            },
          };
        },
      ),
    },
  };
}

/** One request of the scenario before its load; a non-2xx answer is a problem. */
async function smokeTest(port, scenario) {
  const [first] = scenario.load.requests;
  const request = first.setupRequest ? first.setupRequest({ ...first }) : first;
  const response = await fetch(`http://${HOST}:${port}${request.path}`, {
    method: request.method,
    headers: { ...scenario.load.headers, ...request.headers },
    body: request.body,
  });
  const text = await response.text();
  let problem = null;
  let items = null;
  if (!response.ok) problem = `${response.status} ${text.slice(0, 300)}`;
  else {
    const body = JSON.parse(text);
    problem = scenario.check?.(body) ?? null;
    // A list: its page (Open311 answers a bare array).
    items = Array.isArray(body)
      ? body.length
      : Array.isArray(body.items)
        ? body.items.length
        : null;
  }
  const bytes = Buffer.byteLength(text);
  console.log(
    `  smoke ${scenario.key}: ${response.status}, ${fmtInt(bytes)} bytes` +
      (items === null ? '' : `, ${items} items`) +
      (problem ? ` — ${problem}` : ''),
  );
  return {
    key: scenario.key,
    request: `${request.method} ${request.path}`,
    status: response.status,
    bytes,
    items,
    problem,
  };
}

/**
 * Waits until the server answers /healthz within SETTLED_MS: requests left over from the
 * previous load (a query once started runs to its end) must not weigh on the next one.
 */
async function settle(port, next) {
  const started = performance.now();
  while (performance.now() - started < SETTLE_TIMEOUT_MS) {
    const asked = performance.now();
    const status = await probe(port, '/healthz', SETTLE_TIMEOUT_MS);
    if (status === 200 && performance.now() - asked < SETTLED_MS) {
      const waitedMs = performance.now() - started;
      if (waitedMs > 1_000) console.log(`  (waited ${fmtInt(waitedMs)} ms before ${next})`);
      return;
    }
    await sleep(100);
  }
  throw new Error(`the server is still busy ${SETTLE_TIMEOUT_MS} ms after the previous load`);
}

// ---------------------------------------------------------------------------------------------
// One database.

async function benchDatabase(target, workDir, ceiling, opts) {
  const { name, dataDir, cluster } = target;
  const key = name.toLowerCase();
  console.log(`\n${name}`);
  const env = (port, extra = {}) =>
    serverEnv(dataDir, port, cluster?.url, { ...SERVER_SETTINGS, ...extra });
  const logFile = path.join(workDir, `server-${key}.log`);
  const notes = new Set();

  // Pending migrations first, so that the start measured is a start on an existing database.
  const migrateStarted = performance.now();
  await runChecked(process.execPath, [SERVER_MAIN, 'migrate'], {
    env: env(0),
    timeoutMs: TIMEOUT_MS,
  });
  const migrateMs = performance.now() - migrateStarted;

  const reader = await openReader(
    cluster ? { url: cluster.url } : { sqlitePath: path.join(dataDir, 'qingfeng.sqlite') },
  );
  let facts;
  try {
    facts = await readFacts(reader);
  } finally {
    await reader.close();
  }
  const d = facts.data;
  console.log(
    `  data: ${d.villages} villages, ${fmtInt(d.ledgerEntries)} ledger entries, ` +
      `${fmtInt(d.cases)} cases, ${mb2(mb(d.dbSizeBytes))} MB`,
  );
  const mustChange = await ensureAccounts(facts, env(0));

  // As deployed: the read cache on.
  const deployed = await launchServer(`${name} server`, {
    env,
    logFile,
    profileAs: `county-${key}`,
    coldStart: true,
  });
  const { port, rss } = deployed;
  const plan = scenarioPlan(facts, await logIn(port, mustChange, notes), opts);
  const startupRssMb = mb(rss.mark());
  const smoke = [];
  for (const scenario of plan) smoke.push(await smokeTest(port, scenario));

  const measured = [];
  const run = async (scenario, portNow, sampler, cache) => {
    const suffix = cache === 'on' ? '' : ', read cache off';
    await settle(portNow, scenario.key);
    const figures = await measure(
      cache === 'on' ? scenario.key : `${scenario.key}Uncached`,
      scenario.name + suffix,
      portNow,
      scenario.load,
      sampler,
    );
    measured.push({ ...figures, scenario: scenario.key, class: scenario.class, cache });
  };
  for (const scenario of plan) await run(scenario, port, rss, 'on');
  const peakRssMb = mb(rss.stop());
  await stopServer(deployed.server);

  // The read scenarios again with the read cache off: every request runs its SQL.
  let uncachedPeakRssMb = null;
  if (plan.some((s) => s.class !== 'write')) {
    const uncached = await launchServer(`${name} server (read cache off)`, {
      env: (p) => env(p, { QF_READ_CACHE: '0' }),
      logFile,
    });
    const uncachedPlan = scenarioPlan(facts, await logIn(uncached.port, mustChange, notes), {
      readOnly: true,
      only: opts.only,
    });
    for (const scenario of uncachedPlan) await run(scenario, uncached.port, uncached.rss, 'off');
    uncachedPeakRssMb = mb(uncached.rss.stop());
    await stopServer(uncached.server);
  }

  let verify = { passed: true, skipped: true, output: 'skipped (BENCH_VERIFY=0)', seconds: 0 };
  if (VERIFY) {
    const verifyStarted = performance.now();
    verify = await runVerify(env(0), TIMEOUT_MS);
    verify.seconds = (performance.now() - verifyStarted) / 1000;
  }

  const scenarios = [
    { ...ceiling, scenario: 'ceiling', class: 'ceiling', cache: '' },
    ...measured,
  ].map((s) => ({ ...s, ratioToCeiling: s.reqPerSec / ceiling.reqPerSec }));
  const result = {
    database: name,
    version: cluster ? `PostgreSQL ${cluster.version}` : `SQLite ${sqliteVersion()}`,
    settings: cluster ? cluster.settings : ['journal_mode=WAL', 'synchronous=NORMAL'],
    location: cluster ? cluster.dataDir : path.join(dataDir, 'qingfeng.sqlite'),
    data: facts.data,
    migrateMs,
    coldStartMs: deployed.coldStartMs,
    inProcessStartMs: deployed.inProcessStartMs,
    startupRssMb,
    peakRssMb,
    uncachedPeakRssMb,
    scenarios,
    details: Object.fromEntries(plan.map((s) => [s.key, s.detail])),
    smoke,
    notes: [...notes],
    verify,
    problems: [
      ...smoke
        .filter((s) => s.problem)
        .map((s) => `${name} / smoke ${s.key}: ${s.request} → ${s.problem}`),
      ...measured.flatMap((s) => loadProblems(name, s)),
      ...(verify.passed ? [] : [`${name}: qingfeng verify failed after the load`]),
    ],
  };
  result.budgetsMet = budgetsOf(result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Report.

/** The budget a measured row is held to: its text and whether it is met (null: none). */
function budgetOf(db, s) {
  if (s.cache !== 'on')
    return s.class === 'ceiling' ? null : { text: '(for comparison)', ok: null };
  const failed = s.non2xx > 0 || s.errors > 0 || s.requests === 0;
  const p99 = (limit) => ({ text: `p99 ≤ ${limit} ms`, ok: !failed && s.p99Ms <= limit });
  const rate = (limit) => ({ text: `≥ ${fmtInt(limit)}/s`, ok: !failed && s.reqPerSec >= limit });
  switch (s.class) {
    case 'read': {
      const ratio = db.database === 'PostgreSQL' ? BUDGETS.readRatioPostgres : BUDGETS.readRatio;
      const latency = p99(BUDGETS.readP99Ms);
      return {
        text: `${latency.text}, ≥ ${fmtPct(ratio)} of ceiling`,
        ok: latency.ok && s.ratioToCeiling >= ratio,
      };
    }
    case 'search':
      return p99(BUDGETS.searchP99Ms);
    case 'figures':
      return p99(BUDGETS.figuresP99Ms);
    case 'write':
      return rate(s.scenario === 'fileCase' ? BUDGETS.filingsPerSec : BUDGETS.ledgerWritesPerSec);
    default:
      return null;
  }
}

function budgetsOf(db) {
  const met = {};
  for (const s of db.scenarios) {
    const budget = budgetOf(db, s);
    if (budget?.ok !== null && budget?.ok !== undefined) met[s.key] = budget.ok;
  }
  met.coldStart = db.coldStartMs <= BUDGETS.coldStartMs;
  met.rss = db.peakRssMb <= BUDGETS.rssMb;
  return met;
}

function databaseSection(db) {
  const d = db.data;
  const lines = [
    `## ${db.database}`,
    '',
    `${db.version}; ${db.settings.join(', ')}; ${db.location}`,
    '',
    `Data: ${d.towns} towns, ${d.villages} villages; ${fmtInt(d.ledgerEntries)} ledger entries, ` +
      `${fmtInt(d.publishedEntries)} published; ${fmtInt(d.cases)} cases; database ` +
      `${fmtInt(mb(d.dbSizeBytes))} MB (before the load)`,
    '',
    '| scenario | read cache | req/s | p50 ms | p99 ms | ratio to ceiling | server CPU µs/req | non-2xx | budget |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const s of db.scenarios) {
    const budget = budgetOf(db, s);
    const shown = !budget
      ? ''
      : budget.ok === null
        ? budget.text
        : `${budget.text} ${mark(budget.ok)}`;
    lines.push(
      `| ${s.name} | ${s.cache} | ${fmtInt(s.reqPerSec)} | ${fmtMs(s.p50Ms)} | ${fmtMs(s.p99Ms)} | ` +
        `${fmtPct(s.ratioToCeiling)} | ${Number.isFinite(s.cpuUsPerRequest) ? s.cpuUsPerRequest.toFixed(1) : '–'} | ` +
        `${s.non2xx > 0 ? `**${fmtInt(s.non2xx)}**` : '0'} | ${shown} |`,
    );
  }
  const ok = db.budgetsMet;
  const smokeFailed = db.smoke.filter((s) => s.problem);
  lines.push(
    '',
    `- Cold start (existing database, spawn → /healthz 200): **${fmtInt(db.coldStartMs)} ms** ` +
      `(budget ≤ ${fmtInt(BUDGETS.coldStartMs)} ms ${mark(ok.coldStart)})` +
      (db.inProcessStartMs === null ? '' : `; ${db.inProcessStartMs} ms inside the process`) +
      `; \`qingfeng migrate\` before it: ${fmtInt(db.migrateMs)} ms`,
    `- Peak RSS: **${mb2(db.peakRssMb)} MB** (budget ≤ ${BUDGETS.rssMb} MB ${mark(ok.rss)}); ` +
      `after start-up and login ${mb2(db.startupRssMb)} MB` +
      (db.uncachedPeakRssMb === null
        ? ''
        : `; with the read cache off ${mb2(db.uncachedPeakRssMb)} MB`),
    `- Smoke test, one request per scenario before the load: ` +
      (smokeFailed.length === 0
        ? `all ${db.smoke.length} answered 2xx`
        : smokeFailed.map((s) => `**${s.key}: ${s.problem}**`).join('; ')) +
      db.smoke
        .filter((s) => s.items === 0)
        .map((s) => `; ${s.key} answered an empty page (${s.request})`)
        .join(''),
    ...db.notes.map((n) => `- ${n}`),
    db.verify.skipped
      ? '- `qingfeng verify` after the load: skipped (BENCH_VERIFY=0)'
      : `- \`qingfeng verify\` after the load (${db.verify.seconds.toFixed(0)} s): ` +
          `${db.verify.passed ? 'passed' : '**FAILED**'} — ${db.verify.output}`,
    '',
  );
  return lines;
}

function markdown(report) {
  const lines = [
    ...reportHeader(`Qingfeng county benchmark, ${report.label}`, report),
    `- Code: qingfeng ${report.versions.qingfeng}, commit ${report.versions.commit}; ` +
      `dist/server built ${report.versions.serverBuilt}`,
    `- Server: \`node ${[...START_FLAGS, 'dist/server/main.js'].join(' ')} serve\` (as npm start), ` +
      `QF_JOBS=0, QF_DEMO=0, QF_LOGIN_RATE_LIMIT=100000, QF_CASE_RATE_LIMIT=100000000, ` +
      'default log level (info); read cache on as deployed, then a second start with ' +
      'QF_READ_CACHE=0 for the read scenarios',
    '- Ratio to ceiling: req/s over the ceiling’s req/s in this run. Server CPU: the ' +
      'server’s CPU time per request (from /proc/<pid>/stat), steadier than req/s on a ' +
      'shared machine.',
    '',
    '## Scenarios',
    '',
    ...Object.entries(report.databases[0]?.details ?? {}).map(
      ([key, detail]) => `- **${key}**: ${detail}`,
    ),
    '',
  ];
  for (const db of report.databases) lines.push(...databaseSection(db));
  return withProblems(lines, report);
}

async function codeVersions() {
  const git = async (...args) => (await runCommand('git', ['-C', ROOT, ...args])).output.trim();
  const commit = await git('rev-parse', '--short', 'HEAD');
  const dirty = (await git('status', '--porcelain', '--untracked-files=no')).length > 0;
  const stamp = path.join(ROOT, 'dist', '.server-built');
  return {
    qingfeng: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    commit: dirty ? `${commit} (with uncommitted changes)` : commit,
    serverBuilt: existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : 'unknown',
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  requireBuiltServer();
  const opts = options();
  const startedAt = new Date();
  const workDir = tempDir('qingfeng-bench-county-');
  const load = loadSettings();
  const versions = await codeVersions();

  const ceiling = await measureCeiling(workDir);
  const databases = [];
  for (const db of opts.databases) {
    if (db === 'sqlite') {
      databases.push(
        await benchDatabase({ name: 'SQLite', dataDir: opts.sqliteDir }, workDir, ceiling, opts),
      );
      continue;
    }
    const cluster = await startPostgres({ dataDir: path.join(opts.dir, 'pg'), create: false });
    const target = { name: 'PostgreSQL', dataDir: path.join(opts.dir, 'pg-app'), cluster };
    databases.push(await benchDatabase(target, workDir, ceiling, opts));
    await cluster.stop();
  }

  const first = databases[0];
  const label = scaleLabel(opts, opts.databases[0], first.data.villages).replace(/[^\w.-]+/g, '_');
  const report = reportOf(startedAt, {
    label,
    readOnly: opts.readOnly,
    versions,
    load,
    budgets: BUDGETS,
    ceiling,
    databases,
  });
  writeReport(opts.out, `${report.date}-county-${label}`, report, markdown(report));
}

await runBench(main, TIMEOUT_MS);
