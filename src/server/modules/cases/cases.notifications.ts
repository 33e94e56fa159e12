import type { Db } from '../../db/schema.js';
import type { Principal } from '../../platform/access/access.js';
import { transact, updateAudited, type Actor } from '../../platform/audit/audit.js';
import { notFound } from '../../platform/errors.js';
import { notificationsOf } from './cases.queries.js';

/** The in-app inbox of the caller's unit: newest first. */
export async function listNotifications(db: Db, principal: Principal) {
  if (!principal.unitId) return [];
  return (await notificationsOf(db, principal.unitId, 100)).map((n) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    caseId: n.case_id,
    createdAt: n.created_at,
    readAt: n.read_at,
  }));
}

/** Mark one of the unit's notifications read. */
export async function markRead(db: Db, principal: Principal, actor: Actor, id: string) {
  const row = await db
    .selectFrom('notification')
    .select(['id', 'unit_id', 'read_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !principal.unitId || row.unit_id !== principal.unitId) throw notFound('notification');
  if (!row.read_at) {
    await transact(db, (trx) =>
      updateAudited(trx, actor, 'notification', id, { read_at: new Date().toISOString() }),
    );
  }
  return { ok: true as const };
}
