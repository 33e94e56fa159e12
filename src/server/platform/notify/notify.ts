import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { Db, Row, Trx } from '../../db/schema.js';
import { insertAudited, transact, updateAudited, type Actor } from '../audit/audit.js';
import { newId } from '../ids.js';

/**
 * Notifications leave the platform by e-mail (SMTP) and by webhook in the text format that
 * DingTalk and WeCom group robots accept. Each is queued in the transaction that raised the
 * notification, sent by a job, retried with growing pauses, and kept visible when it fails.
 */
export const MAX_ATTEMPTS = 5;
export { NOTIFY_KINDS } from '../../../shared/schemas/notify.js';

const SYSTEM: Actor = { id: null, name: 'system' };

/** Queue a notification for every channel of its unit, in the caller's transaction. */
export async function enqueueOutbound(
  trx: Trx,
  notification: Row<'notification'>,
  text: { subject: string; body: string },
): Promise<void> {
  if (!notification.unit_id) return;
  const channels = await trx
    .selectFrom('notify_channel')
    .selectAll()
    .where('unit_id', '=', notification.unit_id)
    .execute();
  for (const channel of channels) {
    await insertAudited(trx, SYSTEM, 'outbound_message', {
      id: newId(),
      notification_id: notification.id,
      region_code: channel.region_code,
      channel_id: channel.id,
      kind: channel.kind,
      target: channel.target,
      subject: text.subject,
      body: text.body,
      status: 'pending',
      attempts: 0,
      last_error: null,
      next_attempt_at: notification.created_at,
      created_at: notification.created_at,
      sent_at: null,
    });
  }
}

async function sendEmail(config: Config, message: Row<'outbound_message'>): Promise<void> {
  if (!config.smtpUrl) throw new Error('no SMTP server is configured (QF_SMTP_URL)');
  const transport = nodemailer.createTransport(config.smtpUrl);
  try {
    await transport.sendMail({
      from: config.smtpFrom,
      to: message.target,
      subject: message.subject,
      text: message.body,
    });
  } finally {
    transport.close();
  }
}

async function sendWebhook(message: Row<'outbound_message'>): Promise<void> {
  const response = await fetch(message.target, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      msgtype: 'text',
      text: { content: `${message.subject}\n${message.body}` },
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  // DingTalk and WeCom answer 200 with {"errcode": n, "errmsg": …}; non-zero is a refusal.
  try {
    const body = JSON.parse(text) as { errcode?: number; errmsg?: string };
    if (typeof body.errcode === 'number' && body.errcode !== 0)
      throw new Error(`errcode ${body.errcode}: ${body.errmsg ?? ''}`);
  } catch (error) {
    if (error instanceof SyntaxError) return;
    throw error;
  }
}

/**
 * Send what is due at `now`. A failure is retried after 1, 2, 4, 8 … minutes; after
 * MAX_ATTEMPTS it is marked failed, with its last error, for an administrator to see and retry.
 */
export async function deliverDue(
  db: Db,
  config: Config,
  now = new Date(),
): Promise<{ sent: number; failed: number }> {
  const due = await db
    .selectFrom('outbound_message')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .limit(100)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const message of due) {
    let error: string | null = null;
    try {
      if (message.kind === 'email') await sendEmail(config, message);
      else await sendWebhook(message);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const attempts = message.attempts + 1;
    const patch = error
      ? {
          attempts,
          last_error: error.slice(0, 500),
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          next_attempt_at: new Date(now.getTime() + 2 ** (attempts - 1) * 60_000).toISOString(),
        }
      : { attempts, status: 'sent', sent_at: now.toISOString(), last_error: null };
    await transact(db, (trx) =>
      updateAudited(
        trx,
        SYSTEM,
        'outbound_message',
        message.id,
        patch,
        `outbound_message.${error ? 'fail' : 'send'}`,
      ),
    );
    if (error) failed++;
    else sent++;
  }
  return { sent, failed };
}
