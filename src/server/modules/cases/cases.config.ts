import { isCategoryOf } from '../../../shared/case-categories.js';
import type { CaseType } from '../../../shared/case-machine.js';
import { regionLevel } from '../../../shared/region.js';
import type { Db, Row } from '../../db/schema.js';
import { requirePermission, type Principal } from '../../platform/access/access.js';
import { insertAudited, transact, updateAudited, type Actor } from '../../platform/audit/audit.js';
import { fieldError } from '../../platform/errors.js';
import { findRegion } from '../regions/regions.queries.js';
import { rowsUnder, unitsByIds } from './cases.queries.js';
import { newId } from '../../platform/ids.js';

/**
 * The town's table of case limits (working days to sign for, handle, extend, return) and of
 * routes (which unit a type and category goes to), per region: a village's row beats its
 * town's, a town's beats its county's; '' as category covers every category of the type.
 */
interface Keyed {
  regionCode: string;
  caseType: CaseType;
  category: string;
}

async function checkKey(db: Db, principal: Principal, key: Keyed) {
  const region = await findRegion(db, key.regionCode);
  if (
    !region ||
    regionLevel(key.regionCode) === 'province' ||
    regionLevel(key.regionCode) === 'city'
  )
    throw fieldError('regionCode', 'county, town or village', 'region.unknown');
  requirePermission(principal, 'case.config', key.regionCode);
  if (key.category !== '' && !isCategoryOf(key.caseType, key.category))
    throw fieldError('category', 'unknown category', 'case.categoryUnknown');
}

async function upsert<T extends 'case_deadline' | 'case_route'>(
  db: Db,
  actor: Actor,
  table: T,
  key: Keyed,
  values: Record<string, unknown>,
) {
  await transact(db, async (trx) => {
    const existing = await trx
      .selectFrom(table as 'case_deadline')
      .select('id')
      .where('region_code', '=', key.regionCode)
      .where('case_type', '=', key.caseType)
      .where('category', '=', key.category)
      .executeTakeFirst();
    const row = { ...values, updated_at: new Date().toISOString(), updated_by: actor.id };
    if (existing) await updateAudited(trx, actor, table, existing.id, row as never);
    else
      await insertAudited(trx, actor, table, {
        id: newId(),
        region_code: key.regionCode,
        case_type: key.caseType,
        category: key.category,
        ...row,
      } as never);
  });
}

const toDeadline = (r: Row<'case_deadline'>) => ({
  id: r.id,
  regionCode: r.region_code,
  caseType: r.case_type as CaseType,
  category: r.category,
  signDays: r.sign_days,
  handleDays: r.handle_days,
  maxExtensionDays: r.max_extension_days,
  returnDays: r.return_days,
});

export async function listDeadlines(db: Db, principal: Principal, regionCode: string) {
  requirePermission(principal, 'case.read', regionCode);
  return (await rowsUnder(db, 'case_deadline', regionCode)).map(toDeadline);
}

/** Set the limits of a type (and category) in a region. Needs case.config there. */
export async function putDeadline(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: Keyed & {
    signDays: number;
    handleDays: number;
    maxExtensionDays: number;
    returnDays: number;
  },
) {
  await checkKey(db, principal, body);
  await upsert(db, actor, 'case_deadline', body, {
    sign_days: body.signDays,
    handle_days: body.handleDays,
    max_extension_days: body.maxExtensionDays,
    return_days: body.returnDays,
  });
  return listDeadlines(db, principal, body.regionCode);
}

export async function listRoutes(db: Db, principal: Principal, regionCode: string) {
  requirePermission(principal, 'case.read', regionCode);
  const rows = await rowsUnder(db, 'case_route', regionCode);
  const units = new Map(
    (
      await unitsByIds(
        db,
        rows.map((r) => r.unit_id),
      )
    ).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    caseType: r.case_type as CaseType,
    category: r.category,
    unitId: r.unit_id,
    unitName: units.get(r.unit_id) ?? r.unit_id,
  }));
}

/** Route a type (and category) in a region to a unit. Needs case.config there. */
export async function putRoute(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: Keyed & { unitId: string },
) {
  await checkKey(db, principal, body);
  if ((await unitsByIds(db, [body.unitId])).length === 0)
    throw fieldError('unitId', 'unknown unit', 'unit.unknown');
  await upsert(db, actor, 'case_route', body, { unit_id: body.unitId });
  return listRoutes(db, principal, body.regionCode);
}
