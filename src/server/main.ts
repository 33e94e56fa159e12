#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { sql } from 'kysely';
import { ROLE_CODES, type RoleCode } from '../shared/permissions.js';
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { migrateToLatest, openDatabase } from './db/connection.js';
import { startWalCheckpointer } from './db/wal-checkpointer.js';
import { copyToPostgres } from './db/copy.js';
import { ensureSearchIndex } from './platform/search/search-index.js';
import { ensureTallies } from './platform/tally/tally.js';
import { dialectOf } from './db/dialect.js';
import type { Db } from './db/schema.js';
import { createUser, resetPassword, setUserStatus } from './modules/users/users.service.js';
import type { Principal } from './platform/access/access.js';
import { initAudit } from './platform/audit/audit.js';
import { isRegionCode } from '../shared/region.js';
import { rescanWarnings } from './modules/supervision/findings.service.js';
import { warningRescanJob } from './modules/supervision/supervision.jobs.js';
import { verifyAudit } from './platform/audit/verify.js';
import { findUserByLogin } from './platform/auth/auth.queries.js';
import { AppError } from './platform/errors.js';
import { runJob, startScheduler } from './platform/jobs/jobs.js';
import { checkpointJob, platformJobs } from './platform/jobs/platform.jobs.js';
import { caseScanJob } from './modules/cases/cases.jobs.js';
import { licenceWarningJob } from './modules/services/services.jobs.js';
import { deliverJob } from './platform/notify/notify.jobs.js';
import { isEmpty, seedDemo, seedDemoLedgers, type SeedSummary } from './seed/seed.js';
import { seedDemoCases } from './seed/demo-cases.js';
import { countyShape, generateCounty } from './seed/county.js';
import { seedDemoServices } from './seed/demo-services.js';
import { seedDemoSupervision } from './seed/demo-supervision.js';

async function open(config: Config): Promise<Db> {
  const db = openDatabase(config);
  await migrateToLatest(db);
  await initAudit(db, config.hashAlgorithm);
  await ensureTallies(db);
  await ensureSearchIndex(db);
  return db;
}

/** The command line acts as a system administrator over every root region. */
async function cliPrincipal(db: Db): Promise<Principal> {
  const roots = await db
    .selectFrom('region')
    .select('code')
    .where('parent_code', 'is', null)
    .execute();
  return {
    userId: 'cli',
    username: 'cli',
    displayName: 'cli',
    unitId: null,
    regionCode: roots[0]?.code ?? '000000000000',
    locale: 'en-US',
    grants: roots.map((r, i) => ({ id: `cli-${i}`, role: 'sysadmin', regionCode: r.code })),
    sessionId: 'cli',
  };
}

const CLI_ACTOR = { id: null, name: 'cli', ip: null };

/** The demo town, its people and its ledgers of January–April 2026. */
async function loadDemo(db: Db): Promise<void> {
  const summary = await seedDemo(db);
  const ledgers = await seedDemoLedgers(db);
  const cases = await seedDemoCases(db);
  const services = await seedDemoServices(db);
  const supervision = await seedDemoSupervision(db);
  printAccounts(summary);
  console.log(
    `Demo ledgers loaded: ${ledgers.entries} entries and ${ledgers.decisions} village resolutions; ${cases} cases; ${services.servicePoints} service points, ${services.legalStudios} legal studios, ${services.stalls} stalls.`,
  );
  console.log(
    `Demo supervision loaded: ${supervision.stations} liaison stations (${supervision.members} members), ${supervision.inspections} inspections, ${supervision.findings} problems rectified and closed out; ${supervision.warnings} warnings raised.`,
  );
}

function printAccounts(summary: SeedSummary): void {
  console.log(
    `Demo town loaded: ${summary.regions} regions, ${summary.units} units, ${summary.users} accounts.`,
  );
  console.log(`Demo accounts (password ${summary.password}):`);
  for (const account of summary.accounts) {
    console.log(
      `  ${account.username.padEnd(10)} ${account.role.padEnd(20)} ${account.displayName}`,
    );
  }
}

async function serve(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const db = await open(config);
  if (config.demo && (await isEmpty(db))) await loadDemo(db);
  const app = await buildApp({ db, config, logger: true });
  const stopCheckpointer = config.databaseUrl
    ? async () => {}
    : await startWalCheckpointer(db, config.sqlitePath, (msg) => app.log.error(msg));
  await app.listen({ host: config.host, port: config.port });
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite at ${config.sqlitePath}`;
  console.log(
    `Qingfeng is serving on http://${config.host}:${config.port} (${where}) after ${Math.round(performance.now() - started)} ms`,
  );
  let stopJobs = () => {};
  if (config.jobs) {
    stopJobs = startScheduler(
      [...platformJobs, caseScanJob, licenceWarningJob, deliverJob, warningRescanJob],
      { db, config },
      (msg) => app.log.error(msg),
    );
    const hasCheckpoint = await db
      .selectFrom('audit_checkpoint')
      .select('size')
      .limit(1)
      .executeTakeFirst();
    if (!hasCheckpoint) void runJob(checkpointJob, { db, config });
  }
  const stop = async () => {
    stopJobs();
    await app.close();
    await stopCheckpointer();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function withDb<T>(fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await open(config);
  try {
    return await fn(db, config);
  } finally {
    await db.destroy();
  }
}

function fail(error: unknown): never {
  if (error instanceof AppError) {
    const fields = error.details?.fields?.map((f) => `${f.field}: ${f.message}`).join('; ');
    console.error(`error: ${error.code} ${error.message}${fields ? ` (${fields})` : ''}`);
  } else {
    console.error(error instanceof Error ? `error: ${error.message}` : error);
  }
  process.exit(1);
}

async function userId(db: Db, login: string): Promise<string> {
  const user = await findUserByLogin(db, login);
  if (!user) throw new AppError('NOT_FOUND', `no user ${login}`);
  return user.id;
}

function backup(config: Config, target: string, db: Db): Promise<void> | void {
  mkdirSync(target, { recursive: true });
  for (const name of ['files', 'secret', 'instance-key.pem']) {
    const source = path.join(config.dataDir, name);
    if (existsSync(source)) cpSync(source, path.join(target, name), { recursive: true });
  }
  if (dialectOf(db) === 'postgres') {
    const result = spawnSync(
      'pg_dump',
      [
        '--format=custom',
        `--file=${path.join(target, 'qingfeng.pgdump')}`,
        config.databaseUrl ?? '',
      ],
      {
        stdio: 'inherit',
      },
    );
    if (result.status !== 0) throw new Error('pg_dump failed; is the PostgreSQL client installed?');
    return;
  }
  const file = path.join(target, 'qingfeng.sqlite');
  rmSync(file, { force: true });
  return sql`vacuum into ${file}`.execute(db).then(() => undefined);
}

function restore(config: Config, source: string): void {
  if (!existsSync(source)) throw new Error(`no backup at ${source}`);
  mkdirSync(config.dataDir, { recursive: true });
  for (const name of ['files', 'secret', 'instance-key.pem']) {
    const from = path.join(source, name);
    if (existsSync(from)) cpSync(from, path.join(config.dataDir, name), { recursive: true });
  }
  if (config.databaseUrl) {
    const dump = path.join(source, 'qingfeng.pgdump');
    const result = spawnSync(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, dump],
      { stdio: 'inherit' },
    );
    if (result.status !== 0) throw new Error('pg_restore failed');
    return;
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(config.sqlitePath + suffix, { force: true });
  cpSync(path.join(source, 'qingfeng.sqlite'), config.sqlitePath);
}

const program = new Command()
  .name('qingfeng')
  .description(
    'Qingfeng 清风 — grassroots governance platform. Configured by QF_* and DATABASE_URL (see README).',
  );

program
  .command('serve')
  .description(
    'run the web server (migrates; loads the demo town into an empty database unless QF_DEMO=0)',
  )
  .action(() => serve().catch(fail));

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDb(async (db) => {
      console.log('database is up to date');
      void db;
    }).catch(fail),
  );

program
  .command('generate')
  .description('build a whole county of data for the benchmarks (清河县)')
  .option('--scale <factor>', "'county' or a factor of a county (0.25, 1, 4 …)", 'county')
  .action((options: { scale: string }) =>
    withDb(async (db, config) => {
      const factor = options.scale === 'county' ? 1 : Number(options.scale);
      if (!Number.isFinite(factor) || factor <= 0 || factor > 16)
        throw new Error(`--scale takes 'county' or a factor from 0 to 16: ${options.scale}`);
      const report = await generateCounty(db, countyShape(factor), {
        log: (line) => console.log(line),
        config,
      });
      console.log(
        `Generated ${report.towns} towns, ${report.villages} villages: ${report.entries} ledger entries, ` +
          `${report.decisions} resolutions, ${report.cases} cases, ${report.inspections} inspections, ` +
          `${report.findings} findings in ${report.seconds.toFixed(1)} s ` +
          `(${Math.round((report.entries + report.cases) / report.seconds)} records/s).`,
      );
    }).catch(fail),
  );

program
  .command('seed')
  .description('load data')
  .option('--demo', 'load the fictional demo town')
  .action((options: { demo?: boolean }) =>
    withDb(async (db) => {
      if (!options.demo) throw new Error('say what to seed: --demo');
      if (!(await isEmpty(db)))
        throw new Error('the database is not empty; the demo town loads only into an empty one');
      await loadDemo(db);
    }).catch(fail),
  );

const user = program.command('user').description('manage accounts');
user
  .command('add')
  .requiredOption('--username <name>')
  .requiredOption('--name <display name>')
  .requiredOption('--region <code>', '12-digit region code of the account and its grant')
  .requiredOption('--role <role>', ROLE_CODES.join(' | '))
  .requiredOption('--password <password>')
  .option('--mobile <mobile>')
  .action(
    (o: {
      username: string;
      name: string;
      region: string;
      role: string;
      password: string;
      mobile?: string;
    }) =>
      withDb(async (db) => {
        if (!ROLE_CODES.includes(o.role as RoleCode))
          throw new Error(`role must be one of ${ROLE_CODES.join(', ')}`);
        const created = await createUser(db, await cliPrincipal(db), CLI_ACTOR, {
          username: o.username,
          displayName: o.name,
          regionCode: o.region,
          password: o.password,
          mobile: o.mobile,
          grants: [{ role: o.role as RoleCode, regionCode: o.region }],
        });
        console.log(`created ${created.username} (${created.id})`);
      }).catch(fail),
  );
user
  .command('reset-password')
  .argument('<login>', 'username or mobile')
  .requiredOption('--password <password>')
  .action((login: string, o: { password: string }) =>
    withDb(async (db) => {
      await resetPassword(
        db,
        await cliPrincipal(db),
        CLI_ACTOR,
        await userId(db, login),
        o.password,
      );
      console.log(`password of ${login} reset; it must be changed at next login`);
    }).catch(fail),
  );
user
  .command('disable')
  .argument('<login>', 'username or mobile')
  .action((login: string) =>
    withDb(async (db) => {
      await setUserStatus(
        db,
        await cliPrincipal(db),
        CLI_ACTOR,
        await userId(db, login),
        'disabled',
      );
      console.log(`${login} disabled`);
    }).catch(fail),
  );

program
  .command('verify')
  .description('recompute the audit chain and compare every audited row with its last event')
  .action(() =>
    withDb(async (db, config) => {
      const report = await verifyAudit(db, config);
      if (report.ok) {
        console.log(`audit chain OK: ${report.checkedEvents} events, ${report.checkedRows} rows`);
        return;
      }
      console.error(`audit chain BROKEN: first bad sequence number ${report.firstBadSeq ?? 'n/a'}`);
      for (const p of report.problems.slice(0, 50)) console.error(`  [${p.kind}] ${p.message}`);
      process.exitCode = 2;
    }).catch(fail),
  );

const rules = program
  .command('rules')
  .description('red-flag rules (负面清单 / 预警) over the ledgers');
rules
  .command('rescan')
  .option('--region <code>', 'a county or a town (default: every village)')
  .description('evaluate every rule over every village and report red, yellow and green')
  .action((options: { region?: string }) =>
    withDb(async (db) => {
      if (options.region && !isRegionCode(options.region)) {
        throw new Error(`--region: ${options.region} is not a 12-digit region code`);
      }
      const { scans, raised, cleared } = await rescanWarnings(db, options.region);
      for (const scan of scans.filter((s) => s.level !== 'green')) {
        const rules = new Map<string, number>();
        for (const hit of scan.hits) rules.set(hit.rule, (rules.get(hit.rule) ?? 0) + 1);
        console.log(
          `${scan.regionName} ${scan.regionCode}: ${scan.level}, red ${scan.red}, yellow ${scan.yellow} — ` +
            [...rules].map(([rule, n]) => `${rule} ${n}`).join(', '),
        );
      }
      const count = (level: string) => scans.filter((s) => s.level === level).length;
      console.log(
        `${scans.length} villages: ${count('red')} red, ${count('yellow')} yellow, ${count('green')} green`,
      );
      console.log(`warnings: ${raised} raised, ${cleared} cleared`);
    }).catch(fail),
  );

program
  .command('copy-to-postgres')
  .argument('<databaseUrl>', 'postgres://… of a new, empty database')
  .description('copy the SQLite database into a new PostgreSQL database (stop the server first)')
  .action((url: string) => {
    if (process.env.DATABASE_URL) {
      fail(new Error('DATABASE_URL is set: the copy reads the SQLite database of QF_DATA_DIR'));
    }
    withDb(async (db, config) => {
      const report = await copyToPostgres(db, url, { log: (line) => console.log(`  ${line}`) });
      console.log(
        `Copied ${report.rows} rows of ${report.tables.length} tables in ${report.seconds.toFixed(1)} s ` +
          `(${Math.round(report.rows / report.seconds)} rows/s); not copied: ${report.skipped.join(', ')} (users log in again).`,
      );
      console.log(
        `QF_DATA_DIR (${config.dataDir}) holds the instance key and the uploaded files, which the new deployment must keep using: ` +
          'start it with DATABASE_URL set and this QF_DATA_DIR, after `DATABASE_URL=<url> qingfeng verify`.',
      );
    }).catch(fail);
  });

program
  .command('backup')
  .argument('<folder>', 'where to write the backup')
  .description('copy the database, the uploaded files and the keys to a folder')
  .action((folder: string) =>
    withDb(async (db, config) => {
      await backup(config, path.resolve(folder), db);
      console.log(`backup written to ${path.resolve(folder)}`);
    }).catch(fail),
  );

program
  .command('restore')
  .argument('<folder>', 'a folder written by `qingfeng backup`')
  .description('replace the data with a backup (stop the server first)')
  .action((folder: string) => {
    try {
      restore(loadConfig(), path.resolve(folder));
      console.log('restored; run `qingfeng verify` to check it');
    } catch (error) {
      fail(error);
    }
  });

await program.parseAsync(process.argv);
