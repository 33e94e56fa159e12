import { localDate } from '../../../shared/calendar.js';
import { regionLevel, regionPrefix } from '../../../shared/region.js';
import { KIND_FIELDS, type LedgerKind } from '../../../shared/schemas/ledger.js';
import {
  evaluateRules,
  RULES,
  thresholdsFromPolicy,
  type RuleEntry,
  type RuleHit,
} from '../../../shared/supervision/rules.js';
import type { Db } from '../../db/schema.js';
import {
  regionInScope,
  requirePermission,
  scopeOf,
  type Principal,
} from '../../platform/access/access.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { fieldError } from '../../platform/errors.js';
import { policyInForce } from '../policy/policy.service.js';
import { regionNames } from '../regions/regions.queries.js';

/** The tables the rules read: a write to any of them re-evaluates. */
const RULE_TABLES = ['ledger_entry', 'decision', 'disclosure', 'county_policy'] as const;

/** China's local date of an ISO instant. */
function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A village's ledger entries as the rules read them: the fields parsed, the linked
 * resolution passed or not, and the due date and publication day of its disclosure.
 */
export async function ruleEntriesOf(
  db: Db,
  villageCode: string,
  kinds?: readonly LedgerKind[],
): Promise<RuleEntry[]> {
  let select = db.selectFrom('ledger_entry').selectAll().where('region_code', '=', villageCode);
  if (kinds) select = select.where('kind', 'in', [...kinds]);
  const rows = await select.execute();
  const decisions = new Map(
    (
      await db
        .selectFrom('decision')
        .select(['id', 'status'])
        .where('region_code', '=', villageCode)
        .execute()
    ).map((d) => [d.id, d.status === 'passed' || d.status === 'completed']),
  );
  // The first publication of each entry that had a due date: when it was due, when it came.
  const published = new Map<string, { dueOn: string; on: string }>();
  const disclosures = await db
    .selectFrom('disclosure')
    .select(['subject_id', 'due_on', 'published_at'])
    .where('region_code', '=', villageCode)
    .where('subject_type', '=', 'ledger')
    .where('due_on', 'is not', null)
    .orderBy('published_at')
    .execute();
  for (const d of disclosures) {
    if (!published.has(d.subject_id)) {
      published.set(d.subject_id, { dueOn: d.due_on!, on: chinaDate(d.published_at) });
    }
  }
  const entries: RuleEntry[] = [];
  for (const row of rows) {
    const kind = row.kind as LedgerKind;
    const parsed = KIND_FIELDS[kind].safeParse(JSON.parse(row.fields));
    if (!parsed.success) continue;
    const disclosure = published.get(row.id);
    entries.push({
      id: row.id,
      regionCode: row.region_code,
      kind,
      title: row.title,
      amount: row.amount,
      occurredOn: row.occurred_on,
      stage: row.stage,
      status: row.status,
      decision: row.decision_id
        ? decisions.has(row.decision_id)
          ? { passed: decisions.get(row.decision_id)! }
          : null
        : null,
      disclosureDueOn: row.disclosure_due_on ?? disclosure?.dueOn ?? null,
      disclosedOn: row.disclosure_due_on ? null : (disclosure?.on ?? null),
      fields: parsed.data,
    } as RuleEntry);
  }
  return entries;
}

/** Every rule over a village's ledgers, with the county's thresholds of `today`. */
export async function villageHits(
  db: Db,
  villageCode: string,
  today = localDate(new Date()),
): Promise<RuleHit[]> {
  return cachedRead(db, `rule-hits:${villageCode}:${today}`, RULE_TABLES, () =>
    evaluateVillage(db, villageCode, today),
  );
}

/** Every rule over a village's ledgers, read from the tables. */
async function evaluateVillage(db: Db, villageCode: string, today: string): Promise<RuleHit[]> {
  const { policy } = await policyInForce(db, villageCode, today);
  return evaluateRules(await ruleEntriesOf(db, villageCode), thresholdsFromPolicy(policy), today);
}

/**
 * A village's entries above which a change does not re-evaluate at once: the nightly rescan
 * does (a village keeps a few thousand entries a year; this many means an import gone wrong
 * or a load test, and evaluating it would hold the server for seconds).
 */
export const INCREMENTAL_ENTRY_LIMIT = 50_000;

/**
 * Only the rules a change can touch, over only the entries of the kinds they read: what a
 * ledger change re-evaluates. Null when the village is too large to evaluate at once.
 */
export async function touchedHits(
  db: Db,
  villageCode: string,
  ruleIds: ReadonlySet<string>,
  today: string,
): Promise<RuleHit[] | null> {
  const rules = RULES.filter((r) => ruleIds.has(r.id));
  const kinds = [...new Set(rules.flatMap((r) => r.kinds))];
  if (kinds.length === 0) return [];
  // Counted from the region index alone: cheap even for a village far over the limit.
  const size = await db
    .selectFrom('ledger_entry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_code', '=', villageCode)
    .executeTakeFirstOrThrow();
  if (Number(size.n) > INCREMENTAL_ENTRY_LIMIT) return null;
  const { policy } = await policyInForce(db, villageCode, today);
  const entries = await ruleEntriesOf(db, villageCode, kinds);
  const thresholds = thresholdsFromPolicy(policy);
  return rules.flatMap((rule) => rule.evaluate(entries, thresholds, today));
}

/** A village's place in the grid: red with any red hit, yellow with only yellow ones. */
function cellOf(regionCode: string, regionName: string, hits: readonly RuleHit[]): GridCell {
  const red = hits.filter((h) => h.severity === 'red').length;
  const yellow = hits.length - red;
  return {
    regionCode,
    regionName,
    red,
    yellow,
    level: red > 0 ? 'red' : yellow > 0 ? 'yellow' : 'green',
  };
}

export interface GridCell {
  regionCode: string;
  regionName: string;
  red: number;
  yellow: number;
  /** red with any red hit, yellow with only yellow ones, else green. */
  level: 'red' | 'yellow' | 'green';
}

/** The town's villages, each red, yellow or green by its rule hits (the town map's grid). */
export async function townGrid(
  db: Db,
  principal: Principal,
  regionCode: string,
  today = localDate(new Date()),
): Promise<GridCell[]> {
  const level = regionLevel(regionCode);
  if (level !== 'town' && level !== 'village') {
    throw fieldError('regionCode', 'a town or a village', 'supervision.notTown');
  }
  requirePermission(principal, 'supervision.read', regionCode);
  const prefix = regionPrefix(regionCode);
  const villages = await db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'village')
    .where('code', '>=', prefix)
    .where('code', '<', prefix + ':')
    .where(regionInScope('code', scopeOf(principal, 'supervision.read')))
    .orderBy('code')
    .execute();
  const names = await regionNames(
    db,
    villages.map((v) => v.code),
  );
  const cells: GridCell[] = [];
  for (const { code } of villages) {
    cells.push(cellOf(code, names.get(code) ?? code, await villageHits(db, code, today)));
  }
  return cells;
}

export interface VillageScan extends GridCell {
  hits: RuleHit[];
}

/**
 * Evaluate every rule over every village under `regionCode` (a county or a town; all the
 * villages when absent): what `qingfeng rules rescan` reports. Reads straight from the
 * tables, not from the cache.
 */
export async function rescanRules(
  db: Db,
  regionCode?: string,
  today = localDate(new Date()),
): Promise<VillageScan[]> {
  let query = db.selectFrom('region').select('code').where('level', '=', 'village');
  if (regionCode) {
    const prefix = regionPrefix(regionCode);
    query = query.where('code', '>=', prefix).where('code', '<', prefix + ':');
  }
  const villages = (await query.orderBy('code').execute()).map((v) => v.code);
  const names = await regionNames(db, villages);
  const scans: VillageScan[] = [];
  for (const code of villages) {
    const hits = await evaluateVillage(db, code, today);
    scans.push({ ...cellOf(code, names.get(code) ?? code, hits), hits });
  }
  return scans;
}
