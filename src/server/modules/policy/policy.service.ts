import { localDate } from '../../../shared/calendar.js';
import {
  countyOf,
  DEFAULT_POLICY,
  withDefaults,
  type CountyPolicy,
} from '../../../shared/policy.js';
import { regionLevel } from '../../../shared/region.js';
import type { NewPolicyVersionBody, PolicyVersionDto } from '../../../shared/schemas/policy.js';
import type { Db, Row } from '../../db/schema.js';
import { requirePermission, type Principal } from '../../platform/access/access.js';
import { insertAudited, transact, type Actor } from '../../platform/audit/audit.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { findRegion } from '../regions/regions.queries.js';
import { policyVersions, versionInForce } from './policy.queries.js';
import { newId } from '../../platform/ids.js';

function toDto(row: Row<'county_policy'>): PolicyVersionDto {
  return {
    id: row.id,
    countyCode: row.region_code,
    effectiveFrom: row.effective_from,
    policy: withDefaults(JSON.parse(row.policy) as Partial<CountyPolicy>),
    reason: row.reason,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** Every version of a county's rules, newest first. County rules are public policy. */
export async function listPolicyVersions(db: Db, countyCode: string): Promise<PolicyVersionDto[]> {
  return (await policyVersions(db, countyOf(countyCode))).map(toDto);
}

/**
 * The rules that judge a record of `regionCode` dated `date` (Asia/Shanghai, default today):
 * the county's version in force that day, or the platform defaults when it has none.
 */
export async function policyInForce(db: Db, regionCode: string, date = localDate(new Date())) {
  const countyCode = countyOf(regionCode);
  return cachedRead(db, `policy:${countyCode}:${date}`, ['county_policy'], async () => {
    const row = await versionInForce(db, countyCode, date);
    return {
      countyCode,
      date,
      versionId: row?.id ?? null,
      effectiveFrom: row?.effective_from ?? null,
      policy: row ? withDefaults(JSON.parse(row.policy) as Partial<CountyPolicy>) : DEFAULT_POLICY,
    };
  });
}

/**
 * Add a version of a county's rules, in force from a date not before today: records already
 * made keep being judged by the rules of their day. Needs policy.write over the county.
 */
export async function addPolicyVersion(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: NewPolicyVersionBody,
  today = localDate(new Date()),
): Promise<PolicyVersionDto> {
  const county = await findRegion(db, body.countyCode);
  if (!county || regionLevel(body.countyCode) !== 'county') {
    throw fieldError('countyCode', `${body.countyCode} is not a county`, 'policy.notCounty');
  }
  requirePermission(principal, 'policy.write', body.countyCode);
  if (body.effectiveFrom < today) {
    throw fieldError(
      'effectiveFrom',
      `${body.effectiveFrom} is before ${today}`,
      'policy.pastDate',
    );
  }
  const taken = (await policyVersions(db, body.countyCode)).some(
    (v) => v.effective_from === body.effectiveFrom,
  );
  if (taken) {
    throw new AppError(
      'CONFLICT',
      'a version takes effect that day',
      { fields: [{ field: 'effectiveFrom', message: 'taken' }] },
      'policy.dateTaken',
    );
  }
  const row = await transact(db, (trx) =>
    insertAudited(trx, actor, 'county_policy', {
      id: newId(),
      region_code: body.countyCode,
      effective_from: body.effectiveFrom,
      policy: JSON.stringify(body.policy),
      reason: body.reason,
      created_at: new Date().toISOString(),
      created_by: actor.id,
    }),
  );
  return toDto(row);
}
