import { sql } from 'kysely';
import type { z } from 'zod';
import { localDate } from '../../../shared/calendar.js';
import { regionLevel } from '../../../shared/region.js';
import type {
  FindingDto,
  FindingListQuery,
  NewClueBody,
  RectifyBody,
  WarningDto,
} from '../../../shared/schemas/supervision.js';
import type { SupervisionCategoryId } from '../../../shared/supervision/catalogue.js';
import { DEMO_CATALOGUE } from '../../../shared/supervision/demo-catalogue.js';
import { RULES, rulesTouchedBy, type RuleHit } from '../../../shared/supervision/rules.js';
import type { LedgerKind } from '../../../shared/schemas/ledger.js';
import type { Db, Row } from '../../db/schema.js';
import {
  inRegion,
  regionInScope,
  requirePermission,
  scopeOf,
  type Principal,
  type Scope,
} from '../../platform/access/access.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { insertAudited, transact, updateAudited, type Actor } from '../../platform/audit/audit.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { findRegion, regionNames } from '../regions/regions.queries.js';
import {
  applyCommand,
  getCase,
  openSupervisionCase,
  rolesOn,
  stationUnitOf,
} from '../cases/cases.service.js';
import { disciplineOffice, findCase } from '../cases/cases.queries.js';
import { rescanRules, touchedHits, villageHits } from './rules.service.js';
import { docNumbers } from './inspections.service.js';
import { requireUploads } from '../../platform/files/files.service.js';

/**
 * What follows an inspection and what the rules raise: findings rectified with evidence,
 * verified by the station and closed out by the town; informants' clues; warnings that
 * clear only when the rules no longer find their cause.
 */

const SYSTEM: Actor = { id: null, name: 'system' };

function toFinding(
  row: Row<'finding'>,
  caseRow: Row<'cases'>,
  regionName: string,
  unitName: string | null,
  docNo: string | null,
  now: string,
): FindingDto {
  return {
    id: row.id,
    code: caseRow.code,
    regionCode: row.region_code,
    regionName,
    category: row.category as SupervisionCategoryId,
    pointCode: row.point_code,
    title: caseRow.title,
    description: caseRow.description,
    status: caseRow.status,
    unitName,
    foundOn: row.found_on,
    rectifyDays: row.rectify_days,
    docNo,
    fedBackAt: row.fed_back_at,
    dueAt: caseRow.handle_due_at,
    rectifiedAt: row.rectified_at,
    closedAt: row.closed_at,
    onTime: row.on_time === null ? null : row.on_time === 1,
    overdue:
      caseRow.status !== 'closed' &&
      (caseRow.overdue > 0 || (caseRow.handle_due_at !== null && caseRow.handle_due_at < now)),
    evidence: JSON.parse(row.evidence) as string[],
    inspectionId: row.inspection_id,
    version: caseRow.version,
  };
}

/** The findings of a town or village: open, overdue or closed; by the day they were found. */
export async function listFindings(
  db: Db,
  principal: Principal,
  query: z.infer<typeof FindingListQuery>,
  now = new Date(),
): Promise<FindingDto[]> {
  requirePermission(principal, 'supervision.read', query.regionCode);
  const scope = scopeOf(principal, 'supervision.read');
  // Overdue turns with the clock: a listing is kept for the minute it was made in.
  const minute = now.toISOString().slice(0, 16);
  return cachedRead(
    db,
    `findings:${JSON.stringify([scope.roots, query, minute])}`,
    ['finding', 'cases', 'feedback_notice', 'unit', 'region'],
    () => findingsOf(db, scope, query, now),
  );
}

async function findingsOf(
  db: Db,
  scope: Scope,
  query: z.infer<typeof FindingListQuery>,
  now: Date,
): Promise<FindingDto[]> {
  let select = db
    .selectFrom('finding')
    .innerJoin('cases', 'cases.id', 'finding.id')
    .selectAll('finding')
    .where(inRegion('finding.region_code', query.regionCode))
    .where(regionInScope('finding.region_code', scope));
  if (query.from) select = select.where('finding.found_on', '>=', query.from);
  if (query.to) select = select.where('finding.found_on', '<=', query.to);
  if (query.state === 'closed') select = select.where('cases.status', '=', 'closed');
  if (query.state === 'open') select = select.where('cases.status', '!=', 'closed');
  if (query.state === 'overdue')
    select = select
      .where('cases.status', '!=', 'closed')
      .where((eb) =>
        eb.or([eb('cases.overdue', '>', 0), eb('cases.handle_due_at', '<', now.toISOString())]),
      );
  const rows = await select
    .orderBy('finding.found_on', 'desc')
    .orderBy('finding.id', 'desc')
    .limit(1000)
    .execute();
  return findingDtos(db, rows, now);
}

async function findingDtos(db: Db, rows: Row<'finding'>[], now: Date): Promise<FindingDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const cases = new Map(
    (await db.selectFrom('cases').selectAll().where('id', 'in', ids).execute()).map((c) => [
      c.id,
      c,
    ]),
  );
  const unitIds = [...new Set([...cases.values()].map((c) => c.unit_id).filter((u) => u !== null))];
  const units = new Map(
    unitIds.length === 0
      ? []
      : (
          await db.selectFrom('unit').select(['id', 'name']).where('id', 'in', unitIds).execute()
        ).map((u) => [u.id, u.name]),
  );
  const notices = await docNumbers(
    db,
    rows.map((r) => r.notice_id),
  );
  const names = await regionNames(db, [...new Set(rows.map((r) => r.region_code))]);
  const iso = now.toISOString();
  return rows.flatMap((row) => {
    const caseRow = cases.get(row.id);
    if (!caseRow) return [];
    return [
      toFinding(
        row,
        caseRow,
        names.get(row.region_code) ?? row.region_code,
        caseRow.unit_id ? (units.get(caseRow.unit_id) ?? null) : null,
        row.notice_id ? (notices.get(row.notice_id) ?? null) : null,
        iso,
      ),
    ];
  });
}

/** One finding, for those who may read the village's supervision or hold it. */
export async function getFinding(
  db: Db,
  principal: Principal,
  id: string,
  now = new Date(),
): Promise<FindingDto> {
  const row = await db.selectFrom('finding').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('finding');
  await getCase(db, principal, id); // the case's own read check
  const [dto] = await findingDtos(db, [row], now);
  return dto!;
}

/**
 * The village's rectification (整改): what was done, with evidence that must be images or
 * PDF files of the village. Signs for the finding first when it has not been.
 */
export async function rectifyFinding(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: z.infer<typeof RectifyBody>,
  now = new Date(),
): Promise<FindingDto> {
  const row = await findCase(db, id);
  if (!row || row.type !== 'finding') throw notFound('finding');
  const roles = await rolesOn(db, principal, row);
  if (!roles.includes('unit')) {
    await getCase(db, principal, id); // not found to those who may not read it
    throw new AppError('FORBIDDEN', 'not your step', undefined, 'case.notYourStep');
  }
  if (row.version !== body.expectedVersion)
    throw new AppError('CONFLICT', 'stale', { version: row.version }, 'ledger.stale');
  await requireUploads(db, body.evidence, {
    regionCode: row.region_code,
    field: 'evidence',
    accept: 'photoOrPdf',
  });
  await transact(db, async (trx) => {
    let current = row;
    if (current.status === 'dispatched') {
      await applyCommand(trx, actor, current, { type: 'sign' }, 'unit', now);
      current = (await findCase(trx, id))!;
    }
    await applyCommand(trx, actor, current, { type: 'reply', text: body.text }, 'unit', now);
    await updateAudited(trx, actor, 'finding', id, {
      evidence: JSON.stringify(body.evidence),
      rectified_at: now.toISOString(),
    });
  });
  return getFinding(db, principal, id, now);
}

/**
 * An informant reports a clue (问题线索) about a village: it goes at once to the village's
 * liaison station (or, without one, the town's discipline office), never to the village.
 */
export async function fileClue(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: z.infer<typeof NewClueBody>,
  now = new Date(),
): Promise<{ id: string; code: string }> {
  if (regionLevel(body.regionCode) !== 'village' || !(await findRegion(db, body.regionCode)))
    throw fieldError('regionCode', 'a village', 'ledger.notVillage');
  requirePermission(principal, 'supervision.report', body.regionCode);
  await requireUploads(db, body.photos, {
    regionCode: body.regionCode,
    field: 'photos',
    accept: 'photo',
  });
  const unit =
    (await stationUnitOf(db, body.regionCode)) ??
    (await disciplineOffice(db, body.regionCode.slice(0, 9).padEnd(12, '0')));
  const row = await transact(db, (trx) =>
    openSupervisionCase(
      trx,
      actor,
      {
        type: 'clue',
        category: body.category,
        regionCode: body.regionCode,
        title: body.description.replace(/\s+/g, ' ').slice(0, 40),
        description: body.description,
        photos: body.photos,
        reporterName: actor.name,
        channel: 'informant',
        unitId: unit?.id ?? null,
      },
      now,
    ),
  );
  return { id: row.id, code: row.code };
}

/** The clues the caller reported, newest first, with where each stands. */
export async function myClues(db: Db, actor: Actor) {
  if (!actor.id) return [];
  const rows = await db
    .selectFrom('cases')
    .innerJoin('case_event', 'case_event.case_id', 'cases.id')
    .select([
      'cases.id',
      'cases.code',
      'cases.region_code',
      'cases.category',
      'cases.title',
      'cases.status',
      'cases.created_at',
    ])
    .where('cases.type', '=', 'clue')
    .where('case_event.seq', '=', 1)
    .where('case_event.actor_id', '=', actor.id)
    .orderBy('cases.created_at', 'desc')
    .limit(100)
    .execute();
  const names = await regionNames(db, [...new Set(rows.map((r) => r.region_code))]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    regionCode: r.region_code,
    regionName: names.get(r.region_code) ?? r.region_code,
    category: r.category,
    title: r.title,
    status: r.status,
    createdAt: r.created_at,
  }));
}

// ---- warnings ----

const RULE_TITLES = new Map(RULES.map((r) => [r.id, r.title]));

/** The category a rule's warning files under: the negative-list item that names the rule. */
function categoryOfRule(rule: string): SupervisionCategoryId {
  return DEMO_CATALOGUE.negativeList.find((n) => n.ruleId === rule)?.category ?? 'fund';
}

function warningTitle(hit: RuleHit): string {
  return `【预警】${RULE_TITLES.get(hit.rule)?.['zh-CN'] ?? hit.rule}`;
}

/** An evidence value as text: lists joined, records as JSON. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join('、');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function warningText(hit: RuleHit): string {
  const evidence = Object.entries(hit.evidence)
    .map(([k, v]) => `${k}: ${shown(v)}`)
    .join('；');
  return `规则「${RULE_TITLES.get(hit.rule)?.['zh-CN'] ?? hit.rule}」命中 ${hit.entryIds.length} 条台账。${evidence}`;
}

export interface WarningSync {
  raised: number;
  cleared: number;
}

/**
 * Bring a village's warnings in line with its rule hits: a new hit raises a warning case
 * routed to the village's station with its evidence; an open warning whose cause the rules
 * no longer find is cleared by the system. `rules` limits both sides to the rules a change
 * can touch; the full rescan passes none.
 */
export async function syncWarnings(
  db: Db,
  villageCode: string,
  now = new Date(),
  rules?: ReadonlySet<string>,
  hits?: readonly RuleHit[],
): Promise<WarningSync> {
  const today = localDate(now);
  const found =
    hits ??
    (rules
      ? await touchedHits(db, villageCode, rules, today)
      : await villageHits(db, villageCode, today));
  // Too large to evaluate at once: the nightly rescan brings it in line.
  if (found === null) return { raised: 0, cleared: 0 };
  const current = found.filter((h) => !rules || rules.has(h.rule));
  const open = (
    await db
      .selectFrom('warning')
      .selectAll()
      .where('region_code', '=', villageCode)
      .where('cleared_at', 'is', null)
      .execute()
  ).filter((w) => !rules || rules.has(w.rule));
  const openKeys = new Set(open.map((w) => w.hit_key));
  const hitKeys = new Set(current.map((h) => h.key));
  const toRaise = current.filter((h) => !openKeys.has(h.key));
  const toClear = open.filter((w) => !hitKeys.has(w.hit_key));
  if (toRaise.length === 0 && toClear.length === 0) return { raised: 0, cleared: 0 };
  const unit =
    (await stationUnitOf(db, villageCode)) ??
    (await disciplineOffice(db, villageCode.slice(0, 9).padEnd(12, '0')));
  const at = now.toISOString();
  // In slices: a village's first evaluation may raise hundreds, and other writes go between.
  for (let i = 0; i < toRaise.length; i += SYNC_SLICE) {
    await transact(db, async (trx) => {
      for (const hit of toRaise.slice(i, i + SYNC_SLICE)) {
        const row = await openSupervisionCase(
          trx,
          SYSTEM,
          {
            type: 'warning',
            category: categoryOfRule(hit.rule),
            regionCode: villageCode,
            title: warningTitle(hit),
            description: warningText(hit),
            photos: [],
            reporterName: null,
            channel: 'rules',
            unitId: unit?.id ?? null,
          },
          now,
        );
        await insertAudited(trx, SYSTEM, 'warning', {
          id: row.id,
          region_code: villageCode,
          rule: hit.rule,
          hit_key: hit.key,
          severity: hit.severity,
          entry_ids: JSON.stringify(hit.entryIds),
          evidence: JSON.stringify(hit.evidence),
          threshold: JSON.stringify(hit.threshold),
          raised_at: at,
          cleared_at: null,
        });
      }
    });
  }
  for (let i = 0; i < toClear.length; i += SYNC_SLICE) {
    await transact(db, async (trx) => {
      for (const warning of toClear.slice(i, i + SYNC_SLICE)) {
        const row = await findCase(trx, warning.id);
        if (row && row.status !== 'closed' && row.unit_id)
          await applyCommand(
            trx,
            SYSTEM,
            row,
            {
              type: 'clear',
              reason: `复核：规则「${RULE_TITLES.get(warning.rule as RuleHit['rule'])?.['zh-CN'] ?? warning.rule}」已不再命中`,
            },
            'system',
            now,
          );
        await updateAudited(trx, SYSTEM, 'warning', warning.id, { cleared_at: at });
      }
    });
  }
  return { raised: toRaise.length, cleared: toClear.length };
}

/** Warnings raised or cleared in one transaction. */
const SYNC_SLICE = 50;

/** Re-evaluate every village under a region (all when absent) and sync its warnings. */
export async function rescanWarnings(db: Db, regionCode?: string, now = new Date()) {
  const scans = await rescanRules(db, regionCode, localDate(now));
  let raised = 0;
  let cleared = 0;
  for (const scan of scans) {
    const sync = await syncWarnings(db, scan.regionCode, now, undefined, scan.hits);
    raised += sync.raised;
    cleared += sync.cleared;
  }
  return { scans, raised, cleared };
}

/**
 * How long a changed village waits before its warnings are synced, and how long at least
 * between two syncs of one village: a burst of writes (an import, a busy afternoon, a load
 * test) is evaluated once in a while, not once per write.
 */
const SYNC_DELAY_MS = 500;
const SYNC_INTERVAL_MS = 5_000;

/** A village waiting for its warnings to be brought in line, and the rules to evaluate. */
interface PendingSync {
  db: Db;
  code: string;
  /** Those a change touched (every rule after an import): evaluated under the size limit. */
  rules: Set<string>;
  timer: NodeJS.Timeout;
}

// Per database (a process serves one; a test process opens several) and village.
const pending = new Map<Db, Map<string, PendingSync>>();
const lastSync = new Map<Db, Map<string, number>>();
const running = new Set<Promise<void>>();

/**
 * After a ledger change of a village: sync its warnings for the rules that kind of entry can
 * touch, after the write has committed and off the writer's path.
 */
export function queueWarningSync(db: Db, villageCode: string, rules: readonly string[] | null) {
  const villages = pending.get(db) ?? new Map<string, PendingSync>();
  pending.set(db, villages);
  const waiting = villages.get(villageCode);
  if (waiting) {
    for (const rule of rules ?? RULES.map((r) => r.id)) waiting.rules.add(rule);
    return;
  }
  const last = lastSync.get(db)?.get(villageCode) ?? 0;
  const delay = Math.max(SYNC_DELAY_MS, last + SYNC_INTERVAL_MS - Date.now());
  const entry: PendingSync = {
    db,
    code: villageCode,
    rules: new Set(rules ?? RULES.map((r) => r.id)),
    timer: setTimeout(() => void runSync(entry), delay),
  };
  villages.set(villageCode, entry);
}

function runSync(entry: PendingSync): Promise<void> {
  clearTimeout(entry.timer);
  pending.get(entry.db)?.delete(entry.code);
  const times = lastSync.get(entry.db) ?? new Map<string, number>();
  lastSync.set(entry.db, times);
  times.set(entry.code, Date.now());
  const run = syncWarnings(entry.db, entry.code, new Date(), entry.rules)
    .then(() => undefined)
    .catch((error: unknown) => {
      // A failed sync is caught up by the next change of the village or the nightly rescan.
      console.error('warning sync failed', entry.code, error);
    })
    .finally(() => running.delete(run));
  running.add(run);
  return run;
}

/** After an entry changed: its village's warnings, for the rules its kind can touch. */
export function ledgerChanged<T extends { regionCode: string; kind: LedgerKind }>(
  db: Db,
  entry: T,
): T {
  queueWarningSync(
    db,
    entry.regionCode,
    rulesTouchedBy(entry.kind).map((r) => r.id),
  );
  return entry;
}

/** Run every queued warning sync now and wait for all of them (tests, shutdown). */
export async function settleWarnings(): Promise<void> {
  for (;;) {
    for (const villages of pending.values())
      for (const entry of villages.values()) void runSync(entry);
    if (running.size === 0) return;
    await Promise.all([...running]);
  }
}

/** The warnings of a town or village: open ones first, then the newest. */
export async function listWarnings(
  db: Db,
  principal: Principal,
  regionCode: string,
  open?: boolean,
): Promise<WarningDto[]> {
  requirePermission(principal, 'supervision.read', regionCode);
  let select = db
    .selectFrom('warning')
    .innerJoin('cases', 'cases.id', 'warning.id')
    .selectAll('warning')
    .select(['cases.code', 'cases.status'])
    .where(inRegion('warning.region_code', regionCode))
    .where(regionInScope('warning.region_code', scopeOf(principal, 'supervision.read')));
  if (open === true) select = select.where('warning.cleared_at', 'is', null);
  if (open === false) select = select.where('warning.cleared_at', 'is not', null);
  const rows = await select
    .orderBy(sql`case when warning.cleared_at is null then 0 else 1 end`)
    .orderBy('warning.raised_at', 'desc')
    .limit(1000)
    .execute();
  const names = await regionNames(db, [...new Set(rows.map((r) => r.region_code))]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    regionCode: r.region_code,
    regionName: names.get(r.region_code) ?? r.region_code,
    rule: r.rule,
    ruleTitle: RULE_TITLES.get(r.rule as RuleHit['rule'])?.['zh-CN'] ?? r.rule,
    severity: r.severity as 'red' | 'yellow',
    entryIds: JSON.parse(r.entry_ids) as string[],
    evidence: JSON.parse(r.evidence) as Record<string, unknown>,
    threshold: JSON.parse(r.threshold) as Record<string, unknown>,
    status: r.status,
    raisedAt: r.raised_at,
    clearedAt: r.cleared_at,
  }));
}
