import type { DecisionStatus } from '../../../shared/schemas/decision.js';
import { regionPrefix } from '../../../shared/region.js';
import type { Db, Row } from '../../db/schema.js';
import { regionInScope, type Scope } from '../../platform/access/access.js';

export function findDecision(db: Db, id: string): Promise<Row<'decision'> | undefined> {
  return db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirst();
}

export function meetingsOf(db: Db, decisionId: string): Promise<Row<'decision_meeting'>[]> {
  return db
    .selectFrom('decision_meeting')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('held_on')
    .orderBy('created_at')
    .execute();
}

export async function listDecisions(
  db: Db,
  scope: Scope,
  filter: { regionCode: string; status?: DecisionStatus | undefined },
  page: { offset: number; limit: number },
): Promise<{ rows: Row<'decision'>[]; total: number }> {
  const prefix = regionPrefix(filter.regionCode);
  let base = db
    .selectFrom('decision')
    .where(regionInScope('decision.region_code', scope))
    .where('region_code', '>=', prefix)
    .where('region_code', '<', prefix + ':');
  if (filter.status) base = base.where('status', '=', filter.status);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
