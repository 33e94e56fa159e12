import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../../test/support/context.js';
import type { ErrorBody } from '../../../shared/errors.js';
import { deliverDue, MAX_ATTEMPTS } from './notify.js';

const COMMITTEE_A = `committee-${DEMO.villageA}`;

describe.each(DB_KINDS)('outbound notifications on %s', (kind) => {
  let ctx: TestContext;
  let town: Client;
  let smtp: SMTPServer;
  let robot: Server;
  const mails: string[] = [];
  const posts: unknown[] = [];
  let robotFailures = 1;
  let robotUrl = '';

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    robot = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (robotFailures > 0) {
          robotFailures--;
          res.writeHead(500).end('busy');
          return;
        }
        posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    robotUrl = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/robot/send`;
    ctx = await createTestContext(kind, {
      env: { QF_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, QF_SMTP_FROM: 'qingfeng@qx.gov.cn' },
    });
    town = await ctx.login('town');
  });
  afterAll(async () => {
    await ctx.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => robot.close(() => resolve()));
  });

  it('sends a dispatch by e-mail and to a group robot, retrying a failed send', async () => {
    const badMail = await town.post('/api/v1/notify-channels', {
      unitId: COMMITTEE_A,
      kind: 'email',
      target: 'not-an-address',
    });
    expect(badMail.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'target', message: '请输入有效的电子邮箱地址' },
    ]);
    expect(
      (
        await (
          await ctx.login('cadre')
        ).post('/api/v1/notify-channels', {
          unitId: COMMITTEE_A,
          kind: 'email',
          target: 'shiqiao@qx.gov.cn',
        })
      ).status,
    ).toBe(403);
    for (const [k, target] of [
      ['email', 'shiqiao@qx.gov.cn'],
      ['webhook', robotUrl],
    ] as const) {
      const added = await town.post('/api/v1/notify-channels', {
        unitId: COMMITTEE_A,
        kind: k,
        target,
      });
      expect(added.status).toBe(201);
    }
    await town.post('/api/v1/case-routes', {
      regionCode: DEMO.town,
      caseType: 'request',
      category: 'lighting',
      unitId: COMMITTEE_A,
    });
    const filed = await ctx.anon.post('/api/v1/public/cases', {
      type: 'request',
      category: 'lighting',
      regionCode: DEMO.villageA,
      description: '村东桥头路灯坏了一个多月，晚上出行不安全。',
      reporterMobile: '13800007777',
    });
    const code = filed.json<{ code: string }>().code;

    const now = new Date();
    expect(await deliverDue(ctx.db, ctx.config, now)).toEqual({ sent: 1, failed: 1 });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('To: shiqiao@qx.gov.cn');
    expect(mails[0]).toContain('qingfeng@qx.gov.cn');
    // Nothing more is due until the pause after the failure has passed.
    expect(await deliverDue(ctx.db, ctx.config, now)).toEqual({ sent: 0, failed: 0 });
    const later = new Date(now.getTime() + 2 * 60_000);
    expect(await deliverDue(ctx.db, ctx.config, later)).toEqual({ sent: 1, failed: 0 });
    expect(posts).toHaveLength(1);
    const post = posts[0] as { msgtype: string; text: { content: string } };
    expect(post.msgtype).toBe('text');
    expect(post.text.content).toContain(`【清风】新派工单 ${code}`);
    expect(post.text.content).toContain('路灯坏了');
    const rows = await ctx.db
      .selectFrom('outbound_message')
      .select(['kind', 'status', 'attempts'])
      .orderBy('kind')
      .execute();
    expect(rows).toEqual([
      { kind: 'email', status: 'sent', attempts: 1 },
      { kind: 'webhook', status: 'sent', attempts: 2 },
    ]);
  });

  it('gives up after repeated failures, shows the failure, and retries on request', async () => {
    const channels = (await town.get(`/api/v1/notify-channels?unitId=${COMMITTEE_A}`)).json<
      { id: string; kind: string }[]
    >();
    const hook = channels.find((c) => c.kind === 'webhook')!;
    await ctx.db
      .updateTable('notify_channel')
      .set({ target: 'http://127.0.0.1:9/closed' })
      .where('id', '=', hook.id)
      .execute();
    await ctx.anon.post('/api/v1/public/cases', {
      type: 'request',
      category: 'lighting',
      regionCode: DEMO.villageA,
      description: '村西路口路灯不亮，请安排维修。',
      reporterMobile: '13800008888',
    });
    let clock = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverDue(ctx.db, ctx.config, new Date(clock));
      clock += 60 * 60_000;
    }
    const failed = await town.get(`/api/v1/outbound?regionCode=${DEMO.town}&status=failed`);
    const list = failed.json<{ id: string; attempts: number; lastError: string | null }[]>();
    expect(list).toHaveLength(1);
    expect(list[0]!.attempts).toBe(MAX_ATTEMPTS);
    expect(list[0]!.lastError).toBeTruthy();
    expect((await town.post(`/api/v1/outbound/${list[0]!.id}/retry`)).status).toBe(200);
    const pending = await town.get(`/api/v1/outbound?regionCode=${DEMO.town}&status=pending`);
    expect(pending.json<unknown[]>()).toHaveLength(1);
  });
});
