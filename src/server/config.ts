import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type HashAlgorithm = 'sha256' | 'sm3';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** postgres://… when PostgreSQL is used; undefined means SQLite under dataDir. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  secret: string;
  hashAlgorithm: HashAlgorithm;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginRateLimitPerMinute: number;
  /** Cases (and ratings, disputes) one IP address may file per hour without an account. */
  caseFilingRateLimitPerHour: number;
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example.gov.cn:587; none: e-mail is not sent. */
  smtpUrl: string | null;
  smtpFrom: string;
  uploadLimitBytes: number;
  demo: boolean;
  logLevel: string;
  /** Keep hot read results in memory until their tables change (QF_READ_CACHE=0 turns it off). */
  readCache: boolean;
  /** Log every request (QF_ACCESS_LOG=1); errors are always logged. */
  accessLog: boolean;
  /** Start the job scheduler (off in tests, which run jobs by hand). */
  jobs: boolean;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

/** Read the secret from QF_SECRET or from the data folder, creating it there on first use. */
function loadSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.QF_SECRET) return env.QF_SECRET;
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Configuration from the environment (QF_*, DATABASE_URL); see README for the table. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.QF_DATA_DIR ?? './data');
  const hash = env.QF_HASH ?? 'sha256';
  if (hash !== 'sha256' && hash !== 'sm3') {
    throw new Error(`QF_HASH must be sha256 or sm3, got "${hash}"`);
  }
  const databaseUrl = env.DATABASE_URL ? env.DATABASE_URL : undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset for SQLite)');
  }
  return {
    host: env.QF_HOST ?? '127.0.0.1',
    port: intFrom(env, 'QF_PORT', 8080),
    dataDir,
    databaseUrl,
    sqlitePath: path.join(dataDir, 'qingfeng.sqlite'),
    secret: loadSecret(env, dataDir),
    hashAlgorithm: hash,
    sessionIdleMinutes: intFrom(env, 'QF_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: intFrom(env, 'QF_SESSION_ABSOLUTE_HOURS', 12),
    loginRateLimitPerMinute: intFrom(env, 'QF_LOGIN_RATE_LIMIT', 20),
    caseFilingRateLimitPerHour: intFrom(env, 'QF_CASE_RATE_LIMIT', 20),
    smtpUrl: env.QF_SMTP_URL?.trim() || null,
    smtpFrom: env.QF_SMTP_FROM?.trim() || 'qingfeng@localhost',
    uploadLimitBytes: intFrom(env, 'QF_UPLOAD_LIMIT_MB', 20) * 1024 * 1024,
    demo: env.QF_DEMO !== '0',
    logLevel: env.QF_LOG_LEVEL ?? 'info',
    accessLog: env.QF_ACCESS_LOG === '1',
    readCache: env.QF_READ_CACHE !== '0',
    jobs: env.QF_JOBS !== '0',
  };
}
