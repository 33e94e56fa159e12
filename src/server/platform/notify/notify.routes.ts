import { z } from 'zod';
import { regionPrefix } from '../../../shared/region.js';
import { Id, Ok, RegionCode } from '../../../shared/schemas/common.js';
import type { Db } from '../../db/schema.js';
import { regionInScope, requirePermission, scopeOf, type Principal } from '../access/access.js';
import {
  deleteAudited,
  insertAudited,
  transact,
  updateAudited,
  type Actor,
} from '../audit/audit.js';
import { fieldError, notFound } from '../errors.js';
import { actorOf, principalOf, type App } from '../http/types.js';
import { ChannelDto, NewChannelBody, OutboundDto } from '../../../shared/schemas/notify.js';
import { NOTIFY_KINDS } from './notify.js';
import { newId } from '../ids.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function unitRegion(db: Db, principal: Principal, unitId: string): Promise<string> {
  const unit = await db
    .selectFrom('unit')
    .select('region_code')
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw fieldError('unitId', 'unknown unit', 'unit.unknown');
  requirePermission(principal, 'case.config', unit.region_code);
  return unit.region_code;
}

/** A unit's e-mail addresses and group-robot webhooks, and the messages sent to them. */
export function registerNotifyRoutes(app: App): void {
  const { db } = app;
  const tags = ['notifications'];
  const config = { access: { permission: 'case.config' as const } };

  app.get(
    '/api/v1/notify-channels',
    {
      schema: {
        tags,
        querystring: z.object({ unitId: Id }),
        response: { 200: z.array(ChannelDto) },
      },
      config,
    },
    async (request) => {
      await unitRegion(db, principalOf(request), request.query.unitId);
      const rows = await db
        .selectFrom('notify_channel')
        .selectAll()
        .where('unit_id', '=', request.query.unitId)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        unitId: r.unit_id,
        kind: r.kind as (typeof NOTIFY_KINDS)[number],
        target: r.target,
        createdAt: r.created_at,
      }));
    },
  );

  app.post(
    '/api/v1/notify-channels',
    { schema: { tags, body: NewChannelBody, response: { 201: ChannelDto } }, config },
    async (request, reply) => {
      const { unitId, kind, target } = request.body;
      const regionCode = await unitRegion(db, principalOf(request), unitId);
      if (kind === 'email' && !EMAIL.test(target))
        throw fieldError('target', 'not an e-mail address', 'notify.email');
      if (kind === 'webhook' && !/^https?:\/\/[^\s]+$/.test(target))
        throw fieldError('target', 'not a web address', 'notify.webhook');
      const actor: Actor = actorOf(request);
      const row = await transact(db, (trx) =>
        insertAudited(trx, actor, 'notify_channel', {
          id: newId(),
          unit_id: unitId,
          region_code: regionCode,
          kind,
          target,
          created_at: new Date().toISOString(),
          created_by: actor.id,
        }),
      );
      return reply
        .status(201)
        .send({ id: row.id, unitId, kind, target, createdAt: row.created_at });
    },
  );

  app.delete(
    '/api/v1/notify-channels/:id',
    { schema: { tags, params: z.object({ id: Id }), response: { 200: Ok } }, config },
    async (request) => {
      const row = await db
        .selectFrom('notify_channel')
        .select(['id', 'unit_id'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound('channel');
      await unitRegion(db, principalOf(request), row.unit_id);
      await transact(db, (trx) => deleteAudited(trx, actorOf(request), 'notify_channel', row.id));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/outbound',
    {
      schema: {
        tags,
        querystring: z.object({
          regionCode: RegionCode,
          status: z.enum(['pending', 'sent', 'failed']).optional(),
        }),
        response: { 200: z.array(OutboundDto) },
      },
      config,
    },
    async (request) => {
      const principal = principalOf(request);
      requirePermission(principal, 'case.config', request.query.regionCode);
      const prefix = regionPrefix(request.query.regionCode);
      let query = db
        .selectFrom('outbound_message')
        .selectAll()
        .where('region_code', '>=', prefix)
        .where('region_code', '<', prefix + ':')
        .where(regionInScope('outbound_message.region_code', scopeOf(principal, 'case.config')));
      if (request.query.status) query = query.where('status', '=', request.query.status);
      const rows = await query.orderBy('created_at', 'desc').limit(200).execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        target: r.target,
        subject: r.subject,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        nextAttemptAt: r.next_attempt_at,
        createdAt: r.created_at,
        sentAt: r.sent_at,
      }));
    },
  );

  app.post(
    '/api/v1/outbound/:id/retry',
    { schema: { tags, params: z.object({ id: Id }), response: { 200: Ok } }, config },
    async (request) => {
      const row = await db
        .selectFrom('outbound_message')
        .select(['id', 'region_code', 'status'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row || !row.region_code) throw notFound('message');
      requirePermission(principalOf(request), 'case.config', row.region_code);
      await transact(db, (trx) =>
        updateAudited(
          trx,
          actorOf(request),
          'outbound_message',
          row.id,
          { status: 'pending', attempts: 0, next_attempt_at: new Date().toISOString() },
          'outbound_message.retry',
        ),
      );
      return { ok: true as const };
    },
  );
}
