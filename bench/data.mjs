#!/usr/bin/env node
// A generated county (清河县) in a folder, for the county load benchmark (bench/county.mjs).
//
//   npm run bench:data -- --scale <county|factor> --dir <dir> [--db sqlite|postgres]
//   npm run bench:data -- --dir <dir> --db postgres --from <sqlite data dir>
//
// sqlite (the default): `qingfeng generate` with QF_DATA_DIR=<dir>/sqlite.
// postgres: a private PostgreSQL 15 cluster made by initdb in <dir>/pg (kept), its database
// qingfeng_bench, and `qingfeng generate` with DATABASE_URL and QF_DATA_DIR=<dir>/pg-app
// (the instance's secret and key); the cluster is stopped at the end. With --from, the
// PostgreSQL database is not generated but copied row for row from a generated SQLite county
// (`qingfeng copy-to-postgres`: the same rows and audit chain, in minutes instead of hours),
// and the SQLite data folder's keys are copied to <dir>/pg-app.
//
// Refuses a target that already holds data. Prints and writes <dir>/<db>-generate.json:
// the scale, the seconds taken, the generator's summary line and the size of the database.
// The cluster runs with fsync off while it is generated (it is stopped cleanly at the end).
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  BenchError,
  commandLine,
  openReader,
  requireBuiltServer,
  runBench,
  runCommand,
  SERVER_MAIN,
  serverEnv,
  startPostgres,
} from './lib.mjs';

const USAGE =
  'usage: node bench/data.mjs --scale <county|factor> --dir <dir> [--db sqlite|postgres]\n' +
  '       node bench/data.mjs --dir <dir> --db postgres --from <sqlite data dir>';
const GENERATE_TIMEOUT_MS = 2 ** 31 - 1; // about 24 days: a whole county takes hours
const GENERATE_FLAGS = ['--max-old-space-size=1024']; // as package.json ran it before

function options() {
  const values = commandLine(
    {
      scale: { type: 'string' },
      dir: { type: 'string' },
      db: { type: 'string', default: 'sqlite' },
      from: { type: 'string' },
    },
    USAGE,
  );
  if (values.from) {
    if (!values.dir || values.db !== 'postgres') throw new BenchError(USAGE);
    return { dir: path.resolve(values.dir), db: 'postgres', from: path.resolve(values.from) };
  }
  if (!values.scale || !values.dir) throw new BenchError(USAGE);
  if (values.scale !== 'county' && !(Number(values.scale) > 0)) {
    throw new BenchError(
      `--scale takes 'county' or a factor above 0, got "${values.scale}"\n${USAGE}`,
    );
  }
  if (values.db !== 'sqlite' && values.db !== 'postgres') {
    throw new BenchError(`--db takes sqlite or postgres, got "${values.db}"\n${USAGE}`);
  }
  return { scale: values.scale, dir: path.resolve(values.dir), db: values.db, from: null };
}

/** Copies a SQLite county into the cluster; returns its wall-clock seconds and summary. */
async function copyFrom(from, url, appDir) {
  if (!existsSync(path.join(from, 'qingfeng.sqlite'))) {
    throw new BenchError(`${from} holds no qingfeng.sqlite`);
  }
  // The instance key and secret (and any uploaded files) go with the data.
  for (const name of readdirSync(from)) {
    if (!name.startsWith('qingfeng.sqlite')) {
      cpSync(path.join(from, name), path.join(appDir, name), { recursive: true });
    }
  }
  console.log(`copying: qingfeng copy-to-postgres (from ${from})`);
  const started = performance.now();
  const { code, output } = await runCommand(
    process.execPath,
    [...GENERATE_FLAGS, SERVER_MAIN, 'copy-to-postgres', url],
    {
      env: serverEnv(from, 0, undefined, { QF_DEMO: '0' }),
      timeoutMs: GENERATE_TIMEOUT_MS,
      echo: true,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0)
    throw new BenchError(`copy-to-postgres failed (${code}):\n${output.slice(-3_000)}`);
  const summary = output.split('\n').findLast((line) => /rows\/s/.test(line)) ?? null;
  return { seconds, summary };
}

const holdsData = (dir) => existsSync(dir) && readdirSync(dir).length > 0;

/** Runs the generator; returns its wall-clock seconds and its summary line. */
async function generate(scale, env) {
  console.log(`generating: qingfeng generate --scale ${scale}`);
  const started = performance.now();
  const { code, output } = await runCommand(
    process.execPath,
    [...GENERATE_FLAGS, SERVER_MAIN, 'generate', '--scale', scale],
    { env, timeoutMs: GENERATE_TIMEOUT_MS, echo: true },
  );
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0)
    throw new BenchError(`qingfeng generate failed (${code}):\n${output.slice(-3_000)}`);
  const summary = output.split('\n').findLast((line) => line.startsWith('Generated ')) ?? null;
  return { seconds, summary };
}

async function main() {
  requireBuiltServer();
  const { scale, dir, db, from } = options();
  let result;
  let sizeBytes;
  let settings = [];
  if (db === 'sqlite') {
    const dataDir = path.join(dir, 'sqlite');
    const sqlitePath = path.join(dataDir, 'qingfeng.sqlite');
    if (existsSync(sqlitePath)) {
      throw new BenchError(`${sqlitePath} already holds a database: choose another --dir`);
    }
    mkdirSync(dataDir, { recursive: true });
    result = await generate(scale, serverEnv(dataDir, 0, undefined, { QF_DEMO: '0' }));
    const reader = await openReader({ sqlitePath });
    sizeBytes = await reader.sizeBytes();
    await reader.close();
  } else {
    const pgData = path.join(dir, 'pg');
    if (holdsData(pgData)) {
      throw new BenchError(`${pgData} already holds a PostgreSQL cluster: choose another --dir`);
    }
    mkdirSync(dir, { recursive: true });
    // Durability is not needed while generating (the cluster is stopped cleanly at the end,
    // which writes everything out); the benchmark itself runs PostgreSQL's durable defaults.
    const cluster = await startPostgres({ dataDir: pgData, fast: true });
    settings = cluster.settings;
    console.log(`PostgreSQL ${cluster.version} in ${pgData}`);
    const appDir = path.join(dir, 'pg-app');
    mkdirSync(appDir, { recursive: true });
    result = from
      ? await copyFrom(from, cluster.url, appDir)
      : await generate(scale, serverEnv(appDir, 0, cluster.url, { QF_DEMO: '0' }));
    const reader = await openReader({ url: cluster.url });
    sizeBytes = await reader.sizeBytes();
    await reader.close();
    await cluster.stop();
  }

  const report = {
    database: db,
    scale: scale ?? null,
    ...(from ? { copiedFrom: from } : {}),
    seconds: Number(result.seconds.toFixed(1)),
    summary: result.summary,
    dbSizeBytes: sizeBytes,
    ...(settings.length > 0 ? { settings } : {}),
    generatedAt: new Date().toISOString(),
    node: process.version,
  };
  const file = path.join(dir, `${db}-generate.json`);
  const json = JSON.stringify(report, null, 2) + '\n';
  writeFileSync(file, json);
  console.log(`\n${json}written: ${file}`);
}

await runBench(main, GENERATE_TIMEOUT_MS);
