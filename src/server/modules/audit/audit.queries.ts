import { sql } from 'kysely';
import type { AuditQuery } from '../../../shared/schemas/audit.js';
import type { Db } from '../../db/schema.js';
import { regionInScope, type Scope } from '../../platform/access/access.js';

/**
 * Audit events in the scope, newest first. Events of no region (system-wide) are shown
 * only to callers whose scope holds a county or more.
 */
export async function listAuditEvents(
  db: Db,
  scope: Scope,
  seesGlobal: boolean,
  filter: AuditQuery,
) {
  let query = db
    .selectFrom('audit_event')
    .where((eb) =>
      seesGlobal
        ? eb.or([regionInScope('region_code', scope)(eb), eb('region_code', 'is', null)])
        : regionInScope('region_code', scope)(eb),
    );
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actor) query = query.where('actor_name', '=', filter.actor);
  if (filter.regionCode)
    query = query.where(regionInScope('region_code', { roots: [filter.regionCode] }));
  if (filter.from) query = query.where('at', '>=', new Date(filter.from).toISOString());
  if (filter.to) query = query.where('at', '<', new Date(filter.to).toISOString());
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
