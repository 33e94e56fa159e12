import type { z } from 'zod';
import { localDate } from '../../../shared/calendar.js';
import { regionLevel } from '../../../shared/region.js';
import type {
  AnswerItemBody,
  FeedbackBody,
  InspectionDto,
  InspectionItemDto,
  InspectionListQuery,
  InspectionStatus,
  InspectionSummaryDto,
  ItemResult,
  PlanInspectionsBody,
  SubmitInspectionBody,
} from '../../../shared/schemas/supervision.js';
import type { RiskLevel, SupervisionPoint } from '../../../shared/supervision/catalogue.js';
import type { Db, Row, Trx } from '../../db/schema.js';
import {
  can,
  inRegion,
  regionInScope,
  requirePermission,
  scopeOf,
  type Principal,
} from '../../platform/access/access.js';
import { insertAudited, transact, updateAudited, type Actor } from '../../platform/audit/audit.js';
import { AppError, fieldError, notFound, problemsError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireUploads } from '../../platform/files/files.service.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { findRegion, regionNames } from '../regions/regions.queries.js';
import { applyCommand, openSupervisionCase, workingDaysAfter } from '../cases/cases.service.js';
import { findCase } from '../cases/cases.queries.js';
import { catalogueByVersion, catalogueInForce } from './catalogue.service.js';

/**
 * 监督检查: a town plans inspections of its villages against the catalogue in force on the
 * day; an officer answers every point on a phone (pass, problem, not applicable), signs and
 * submits; each problem becomes a finding (a case of type 'finding'); the town feeds the
 * findings back to the village with a numbered notice (反馈意见书), which sets each one's
 * rectification deadline in working days.
 */

/** Working days to rectify a problem, by the point's risk, when the officer sets none. */
export const RECTIFY_DAYS: Record<RiskLevel, number> = { high: 5, medium: 10, low: 15 };

const townOf = (code: string) => code.slice(0, 9).padEnd(12, '0');

/** The prefix of a town's notice numbers: 清溪镇 → 清纪联 (the town's 纪委 and 联络站). */
export function noticePrefix(townName: string): string {
  return `${townName.slice(0, 1)}纪联`;
}

/** 清纪联〔2026〕3号. */
export function noticeNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}

async function pointsOf(db: Db, row: Row<'inspection'>): Promise<Map<string, SupervisionPoint>> {
  const version = await catalogueByVersion(db, townOf(row.region_code), row.catalogue_version);
  return new Map(version.catalogue.points.map((p) => [p.code, p]));
}

interface ItemCounts {
  total: number;
  answered: number;
  problems: number;
}

function countsOf(items: readonly Pick<Row<'inspection_item'>, 'result'>[]): ItemCounts {
  return {
    total: items.length,
    answered: items.filter((i) => i.result !== null).length,
    problems: items.filter((i) => i.result === 'problem').length,
  };
}

function summaryOf(
  row: Row<'inspection'>,
  regionName: string,
  counts: ItemCounts,
  docNo: string | null,
): InspectionSummaryDto {
  return {
    id: row.id,
    batch: row.batch,
    regionCode: row.region_code,
    regionName,
    title: row.title,
    catalogueVersion: row.catalogue_version,
    plannedOn: row.planned_on,
    officers: JSON.parse(row.officers) as string[],
    status: row.status as InspectionStatus,
    signedBy: row.signed_by,
    submittedAt: row.submitted_at,
    noticeId: row.notice_id,
    docNo,
    ...counts,
    version: row.version,
  };
}

function itemOf(
  row: Row<'inspection_item'>,
  point: SupervisionPoint | undefined,
): InspectionItemDto {
  return {
    id: row.id,
    seq: row.seq,
    pointCode: row.point_code,
    category: row.category as InspectionItemDto['category'],
    title: point?.title ?? row.point_code,
    whatToCheck: point?.whatToCheck ?? '',
    basis: point?.basis ?? '',
    risk: point?.risk ?? 'medium',
    evidence: point?.evidence ?? [],
    result: row.result as ItemResult | null,
    note: row.note,
    photos: JSON.parse(row.photos) as string[],
    rectifyDays: row.rectify_days,
    findingId: row.finding_id,
    answeredAt: row.answered_at,
    answeredBy: row.answered_by,
  };
}

function itemsOf(db: Db, inspectionId: string) {
  return db
    .selectFrom('inspection_item')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy('seq')
    .execute();
}

/** The numbers (文号) of feedback notices by id. */
export async function docNumbers(
  db: Db,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('feedback_notice')
    .select(['id', 'doc_no'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((n) => [n.id, n.doc_no]));
}

async function docNoOf(db: Db, noticeId: string | null): Promise<string | null> {
  if (!noticeId) return null;
  const notice = await db
    .selectFrom('feedback_notice')
    .select('doc_no')
    .where('id', '=', noticeId)
    .executeTakeFirst();
  return notice?.doc_no ?? null;
}

/**
 * An inspection the caller may read; one of a village outside their scope answers as if it
 * did not exist. Then the step's own permission, when the step needs more than reading.
 */
async function loadInspection(
  db: Db,
  id: string,
  principal?: Principal,
  permission?: 'supervision.duty' | 'supervision.manage',
): Promise<Row<'inspection'>> {
  const row = await db.selectFrom('inspection').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('inspection');
  if (principal) {
    if (!can(principal, 'supervision.read', row.region_code)) throw notFound('inspection');
    if (permission) requirePermission(principal, permission, row.region_code);
  }
  return row;
}

/** An inspection with every point, for those who may read the village's supervision. */
export async function getInspection(
  db: Db,
  principal: Principal,
  id: string,
): Promise<InspectionDto> {
  const row = await loadInspection(db, id, principal);
  const [items, points, names, docNo] = await Promise.all([
    itemsOf(db, id),
    pointsOf(db, row),
    regionNames(db, [row.region_code]),
    docNoOf(db, row.notice_id),
  ]);
  return {
    ...summaryOf(row, names.get(row.region_code) ?? row.region_code, countsOf(items), docNo),
    items: items.map((item) => itemOf(item, points.get(item.point_code))),
  };
}

/** The inspections of a town or village, newest planned first. */
export async function listInspections(
  db: Db,
  principal: Principal,
  query: z.infer<typeof InspectionListQuery>,
): Promise<InspectionSummaryDto[]> {
  requirePermission(principal, 'supervision.read', query.regionCode);
  const scope = scopeOf(principal, 'supervision.read');
  return cachedRead(
    db,
    `inspections:${JSON.stringify([scope.roots, query])}`,
    ['inspection', 'inspection_item', 'feedback_notice', 'region'],
    async () => {
      let select = db
        .selectFrom('inspection')
        .selectAll()
        .where(inRegion('region_code', query.regionCode))
        .where(regionInScope('region_code', scope));
      if (query.status) select = select.where('status', '=', query.status);
      if (query.from) select = select.where('planned_on', '>=', query.from);
      if (query.to) select = select.where('planned_on', '<=', query.to);
      const rows = await select
        .orderBy('planned_on', 'desc')
        .orderBy('id', 'desc')
        .limit(500)
        .execute();
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      const counts = new Map(
        (
          await db
            .selectFrom('inspection_item')
            .select((eb) => [
              'inspection_id',
              eb.fn.countAll<number>().as('total'),
              eb.fn.count<number>('result').as('answered'),
              eb.fn
                .sum<number>(eb.case().when('result', '=', 'problem').then(1).else(0).end())
                .as('problems'),
            ])
            .where('inspection_id', 'in', ids)
            .groupBy('inspection_id')
            .execute()
        ).map((c) => [
          c.inspection_id,
          { total: Number(c.total), answered: Number(c.answered), problems: Number(c.problems) },
        ]),
      );
      const names = await regionNames(db, [...new Set(rows.map((r) => r.region_code))]);
      const notices = await docNumbers(
        db,
        rows.map((r) => r.notice_id),
      );
      return rows.map((row) =>
        summaryOf(
          row,
          names.get(row.region_code) ?? row.region_code,
          counts.get(row.id) ?? { total: 0, answered: 0, problems: 0 },
          row.notice_id ? (notices.get(row.notice_id) ?? null) : null,
        ),
      );
    },
  );
}

/**
 * Plan one inspection per village, all on one day by the same officers, against the chosen
 * points of the catalogue version in force that day (which each inspection keeps).
 */
export async function planInspections(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: z.infer<typeof PlanInspectionsBody>,
  now = new Date(),
): Promise<InspectionSummaryDto[]> {
  const codes = [...new Set(body.regionCodes)];
  for (const [index, code] of codes.entries()) {
    if (regionLevel(code) !== 'village' || !(await findRegion(db, code)))
      throw fieldError(`regionCodes.${index}`, 'not a village', 'ledger.notVillage');
    if (townOf(code) !== townOf(codes[0]!))
      throw fieldError(`regionCodes.${index}`, 'another town', 'inspection.oneTown');
    requirePermission(principal, 'supervision.manage', code);
  }
  const version = await catalogueInForce(db, codes[0]!, body.plannedOn);
  const points = version.catalogue.points;
  const known = new Set(points.map((p) => p.code));
  const chosen = body.pointCodes ? [...new Set(body.pointCodes)] : points.map((p) => p.code);
  const unknown = chosen.findIndex((code) => !known.has(code));
  if (unknown >= 0)
    throw fieldError(`pointCodes.${unknown}`, 'no such point', 'inspection.unknownPoint');
  const order = points.filter((p) => chosen.includes(p.code));
  const batch = newId();
  const at = now.toISOString();
  const ids = await transact(db, async (trx) => {
    const created: string[] = [];
    for (const code of codes) {
      const inspection = await insertAudited(trx, actor, 'inspection', {
        id: newId(),
        batch,
        region_code: code,
        title: body.title,
        catalogue_version: version.version,
        planned_on: body.plannedOn,
        officers: JSON.stringify(body.officers),
        status: 'planned',
        signed_by: null,
        submitted_at: null,
        notice_id: null,
        created_at: at,
        created_by: actor.id,
        updated_at: at,
        version: 1,
      });
      for (const [seq, point] of order.entries()) {
        await insertAudited(trx, actor, 'inspection_item', {
          id: newId(),
          inspection_id: inspection.id,
          region_code: code,
          seq: seq + 1,
          point_code: point.code,
          category: point.category,
          result: null,
          note: null,
          photos: '[]',
          rectify_days: null,
          finding_id: null,
          answered_at: null,
          answered_by: null,
        });
      }
      created.push(inspection.id);
    }
    return created;
  });
  const names = await regionNames(db, codes);
  const summaries: InspectionSummaryDto[] = [];
  for (const id of ids) {
    const row = await loadInspection(db, id);
    summaries.push(
      summaryOf(
        row,
        names.get(row.region_code) ?? row.region_code,
        countsOf(await itemsOf(db, id)),
        null,
      ),
    );
  }
  return summaries;
}

/**
 * Answer one point of a planned inspection (saved as the officer goes, so a lost signal
 * loses nothing). A problem needs a note; its rectification limit defaults by risk.
 */
export async function answerItem(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  pointCode: string,
  body: z.infer<typeof AnswerItemBody>,
  now = new Date(),
): Promise<InspectionDto> {
  const row = await loadInspection(db, id, principal, 'supervision.duty');
  if (row.status !== 'planned')
    throw new AppError('CONFLICT', 'inspection submitted', undefined, 'inspection.submitted');
  const item = await db
    .selectFrom('inspection_item')
    .selectAll()
    .where('inspection_id', '=', id)
    .where('point_code', '=', pointCode)
    .executeTakeFirst();
  if (!item) throw notFound('inspection point');
  const note = body.note?.trim() ? body.note.trim() : null;
  if (body.result === 'problem' && (note === null || note.length < 4))
    throw fieldError('note', 'describe the problem', 'inspection.noteRequired');
  await requireUploads(db, body.photos, {
    regionCode: row.region_code,
    field: 'photos',
    accept: 'photo',
  });
  const point = (await pointsOf(db, row)).get(pointCode);
  await transact(db, (trx) =>
    updateAudited(trx, actor, 'inspection_item', item.id, {
      result: body.result,
      note,
      photos: JSON.stringify(body.photos),
      rectify_days:
        body.result === 'problem'
          ? (body.rectifyDays ?? RECTIFY_DAYS[point?.risk ?? 'medium'])
          : null,
      answered_at: now.toISOString(),
      answered_by: actor.name,
    }),
  );
  return getInspection(db, principal, id);
}

/**
 * Sign and submit: refused while any point is unanswered (each one named). Every problem
 * becomes a finding of the village; an inspection with none is done.
 */
export async function submitInspection(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: z.infer<typeof SubmitInspectionBody>,
  now = new Date(),
): Promise<InspectionDto> {
  const row = await loadInspection(db, id, principal, 'supervision.duty');
  if (row.status !== 'planned')
    throw new AppError('CONFLICT', 'inspection submitted', undefined, 'inspection.submitted');
  if (row.version !== body.expectedVersion)
    throw new AppError('CONFLICT', 'stale', { version: row.version }, 'ledger.stale');
  const items = await itemsOf(db, id);
  const unanswered = items.filter((i) => i.result === null);
  if (unanswered.length > 0)
    throw problemsError(
      unanswered.map((i) => ({
        field: `items.${i.point_code}`,
        messageKey: 'inspection.unanswered',
      })),
    );
  const points = await pointsOf(db, row);
  const problems = items.filter((i) => i.result === 'problem');
  const at = now.toISOString();
  await transact(db, async (trx) => {
    const current = await trx
      .selectFrom('inspection')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (current.version !== row.version)
      throw new AppError('CONFLICT', 'stale', undefined, 'ledger.stale');
    for (const item of problems) {
      const point = points.get(item.point_code);
      const finding = await openSupervisionCase(
        trx,
        actor,
        {
          type: 'finding',
          category: item.category,
          regionCode: row.region_code,
          title: point?.title ?? item.point_code,
          description: item.note ?? '',
          photos: JSON.parse(item.photos) as string[],
          reporterName: null,
          channel: 'inspection',
          unitId: null,
        },
        now,
      );
      await insertAudited(trx, actor, 'finding', {
        id: finding.id,
        region_code: row.region_code,
        inspection_id: row.id,
        item_id: item.id,
        point_code: item.point_code,
        category: item.category,
        rectify_days: item.rectify_days ?? RECTIFY_DAYS[point?.risk ?? 'medium'],
        found_on: row.planned_on,
        notice_id: null,
        fed_back_at: null,
        evidence: '[]',
        rectified_at: null,
        closed_at: null,
        on_time: null,
      });
      await updateAudited(trx, actor, 'inspection_item', item.id, { finding_id: finding.id });
    }
    await updateAudited(trx, actor, 'inspection', row.id, {
      status: problems.length > 0 ? 'submitted' : 'done',
      signed_by: body.signedBy,
      submitted_at: at,
      updated_at: at,
      version: row.version + 1,
    });
  });
  return getInspection(db, principal, id);
}

/** The village committee: the unit answerable for a finding in its village. */
export function committeeOf(db: Db, villageCode: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('region_code', '=', villageCode)
    .where('kind', '=', 'village_committee')
    .executeTakeFirst();
}

async function nextNoticeSeq(trx: Trx, townCode: string, year: number): Promise<number> {
  const last = await trx
    .selectFrom('feedback_notice')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('town_code', '=', townCode)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(last?.seq ?? 0) + 1;
}

/**
 * Feed the findings of a submitted inspection back to the village: the town's next notice
 * number for the year (清纪联〔2026〕3号), and each finding dispatched to the village committee
 * with its rectification deadline, that many working days from the day of issue.
 */
export async function feedBack(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: z.infer<typeof FeedbackBody>,
  now = new Date(),
): Promise<InspectionDto> {
  const row = await loadInspection(db, id, principal, 'supervision.manage');
  if (row.status !== 'submitted')
    throw new AppError('CONFLICT', 'not submitted', undefined, 'inspection.notSubmitted');
  if (row.version !== body.expectedVersion)
    throw new AppError('CONFLICT', 'stale', { version: row.version }, 'ledger.stale');
  const issuedOn = body.issuedOn ?? localDate(now);
  if (issuedOn < row.planned_on || issuedOn > localDate(now))
    throw fieldError('issuedOn', 'between the inspection and today', 'inspection.issuedOn');
  const townCode = townOf(row.region_code);
  const town = await findRegion(db, townCode);
  const committee = await committeeOf(db, row.region_code);
  if (!committee) throw fieldError('regionCode', 'no village committee', 'unit.unknown');
  const findings = await db
    .selectFrom('finding')
    .selectAll()
    .where('inspection_id', '=', id)
    .execute();
  const year = Number(issuedOn.slice(0, 4));
  const issued = new Date(`${issuedOn}T09:00:00+08:00`);
  const at = now.toISOString();
  await transact(db, async (trx) => {
    const seq = await nextNoticeSeq(trx, townCode, year);
    const notice = await insertAudited(trx, actor, 'feedback_notice', {
      id: newId(),
      town_code: townCode,
      region_code: row.region_code,
      year,
      seq,
      doc_no: noticeNumber(noticePrefix(town?.name ?? ''), year, seq),
      inspection_id: id,
      issued_on: issuedOn,
      issuer: `${town?.name ?? ''}纪委`,
      created_at: at,
      created_by: actor.id,
    });
    for (const finding of findings) {
      const caseRow = await findCase(trx, finding.id);
      if (!caseRow) continue;
      await applyCommand(
        trx,
        actor,
        caseRow,
        { type: 'dispatch', unitId: committee.id },
        'dispatcher',
        issued,
        { handle_due_at: await workingDaysAfter(trx, issued, finding.rectify_days) },
      );
      await updateAudited(trx, actor, 'finding', finding.id, {
        notice_id: notice.id,
        fed_back_at: issued.toISOString(),
      });
    }
    await updateAudited(trx, actor, 'inspection', id, {
      status: 'fed_back',
      notice_id: notice.id,
      updated_at: at,
      version: row.version + 1,
    });
  });
  return getInspection(db, principal, id);
}
