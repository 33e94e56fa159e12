import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntry } from '../../src/server/modules/ledger/ledger.service.js';
import type { Principal } from '../../src/server/platform/access/access.js';
import { SYSTEM_ACTOR } from '../../src/server/platform/audit/audit.js';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type TestContext,
  countRows,
} from '../support/context.js';

describe.each(DB_KINDS)('platform endpoints and errors on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
  });
  afterAll(() => ctx.close());

  it('answers /healthz and /metrics', async () => {
    expect((await ctx.anon.get('/healthz')).json()).toEqual({ status: 'ok' });
    await ctx.anon.get('/api/v1/public/towns');
    const metrics = await ctx.anon.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.raw.body).toContain('qingfeng_http_request_duration_seconds_bucket');
    expect(metrics.raw.body).toContain('route="/api/v1/public/towns"');
  });

  it('sends security headers: a few on API answers, the full set with a CSP on pages', async () => {
    const api = await ctx.anon.get('/api/v1/public/towns');
    expect(api.raw.headers['x-content-type-options']).toBe('nosniff');
    expect(api.raw.headers['x-frame-options']).toBe('SAMEORIGIN');
    const page = await ctx.anon.get('/public');
    expect(page.raw.headers['content-type']).toContain('text/html');
    expect(page.raw.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.raw.headers['x-content-type-options']).toBe('nosniff');
  });

  it('publishes an OpenAPI 3 document generated from the schemas', async () => {
    const doc = (await ctx.anon.get('/api/docs')).json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/users', '/api/v1/auth/login', '/api/v1/audit']),
    );
    const create = doc.paths['/api/v1/users']?.post as {
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
    };
    expect(create.requestBody.content['application/json']?.schema.required).toEqual(
      expect.arrayContaining(['username', 'displayName', 'regionCode', 'password']),
    );
  });

  it('names the bad fields in the caller’s language and never answers 500 to bad input', async () => {
    const town = await ctx.login('town');
    const zh = await town.post('/api/v1/users', {
      username: '中',
      regionCode: '123',
      password: 'x',
    });
    expect(zh.status).toBe(400);
    const zhBody = zh.json<{
      error: {
        code: string;
        message: string;
        details: { fields: { field: string; message: string }[] };
      };
    }>();
    expect(zhBody.error.code).toBe('VALIDATION');
    expect(zhBody.error.message).toMatch(/[\u4e00-\u9fff]/);
    const fields = zhBody.error.details.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'displayName', 'regionCode']));
    expect(zhBody.error.details.fields.find((f) => f.field === 'displayName')?.message).toBe(
      '此项必填',
    );

    const en = await town.post(
      '/api/v1/users',
      { username: 'ok_name', displayName: 'x', regionCode: DEMO.villageA, password: 'weak' },
      { 'x-qf-locale': 'en-US' },
    );
    expect(en.status).toBe(422);
    expect(
      en.json<{ error: { details: { fields: { field: string; message: string }[] } } }>().error
        .details.fields[0],
    ).toEqual({
      field: 'password',
      message: 'At least 8 characters with three of: upper-case, lower-case, digits, symbols',
    });

    const malformed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ error: { code: 'BAD_REQUEST' } });

    const unknown = await ctx.anon.get('/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: '找不到该记录' } });

    const badQuery = await town.get('/api/v1/users?page=0&pageSize=100000');
    expect(badQuery.status).toBe(400);
  });

  it('computes deadlines in working days over the National Day week', async () => {
    const reply = await ctx.anon.get(
      '/api/v1/calendar/deadline?start=2025-09-30T10:00:00%2B08:00&days=2',
    );
    // 10-01..10-08 are holidays; 10-09 and 10-10 are the first two working days.
    expect(reply.json()).toEqual({ dueAt: '2025-10-10T15:59:59.999Z', uncoveredYears: [] });
  });
});

describe('qingfeng backup and restore', () => {
  it('restores a backup that still verifies', async () => {
    const ctx = await createTestContext('sqlite');
    const backupDir = mkdtempSync(path.join(os.tmpdir(), 'qf-backup-'));
    const env = { ...process.env, QF_DATA_DIR: ctx.config.dataDir, QF_SECRET: ctx.config.secret };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
        env,
        encoding: 'utf8',
      });
    try {
      const users = () => countRows(ctx.db, 'app_user');
      const before = await users();
      expect(cli('backup', backupDir).status).toBe(0);
      const added = cli(
        'user',
        'add',
        '--username',
        'after_backup',
        '--name',
        '备份后',
        '--region',
        DEMO.villageA,
        '--role',
        'village_cadre',
        '--password',
        'After#Backup1',
      );
      expect(added.status, added.stderr).toBe(0);
      expect(await users()).toBe(before + 1);
      await ctx.db.destroy();
      expect(cli('restore', backupDir).status).toBe(0);
      const verify = cli('verify');
      expect(verify.stdout).toContain('audit chain OK');
      const reopened = await ctx.openAnother();
      expect(await countRows(reopened, 'app_user')).toBe(before);
    } finally {
      await ctx.close().catch(() => undefined);
      rmSync(backupDir, { recursive: true, force: true });
    }
  });
});

const COUNTY_ADMIN: Principal = {
  userId: 'test',
  username: 'test',
  displayName: 'test',
  unitId: null,
  regionCode: DEMO.county,
  locale: 'zh-CN',
  grants: [{ id: 'g', role: 'sysadmin', regionCode: DEMO.county }],
  sessionId: 'test',
};

describe('qingfeng rules rescan', () => {
  it('reports each village red, yellow or green, and refuses a malformed region', async () => {
    const ctx = await createTestContext('sqlite');
    const env = { ...process.env, QF_DATA_DIR: ctx.config.dataDir, QF_SECRET: ctx.config.secret };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
        env,
        encoding: 'utf8',
      });
    try {
      const scan = cli('rules', 'rescan', '--region', DEMO.town);
      expect(scan.status, scan.stderr).toBe(0);
      expect(scan.stdout).toMatch(/^\d+ villages: 0 red, 0 yellow, \d+ green$/m);
      expect(scan.stdout).toContain('warnings: 0 raised, 0 cleared');

      // A cash payment above the county's limit, written past the web (no sync queued): the
      // rescan turns 石桥村 red and raises its warning, once.
      await createEntry(ctx.db, COUNTY_ADMIN, SYSTEM_ACTOR, {
        kind: 'fund',
        regionCode: DEMO.villageA,
        title: '支付砌墙工资（现金）',
        amount: 300_000,
        occurredOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
        fields: {
          direction: 'expense',
          counterparty: '王五',
          method: 'cash',
          purpose: '砌墙工资',
          approvals: [],
        },
        attachments: [],
      });
      const red = cli('rules', 'rescan', '--region', DEMO.town);
      expect(red.status, red.stderr).toBe(0);
      expect(red.stdout).toMatch(/^石桥村 339901101201: red, red 1, yellow 0 — cashPayment 1$/m);
      expect(red.stdout).toContain('warnings: 1 raised, 0 cleared');
      const again = cli('rules', 'rescan', '--region', DEMO.town);
      expect(again.stdout).toContain('warnings: 0 raised, 0 cleared');
      const bad = cli('rules', 'rescan', '--region', '3399');
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain('not a 12-digit region code');
    } finally {
      await ctx.close();
    }
  });
});
