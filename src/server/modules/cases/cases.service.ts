import { createHash, randomBytes } from 'node:crypto';
import { nanoid } from 'nanoid';
import { addWorkingDays } from '../../../shared/calendar.js';
import {
  CASE_CATEGORIES,
  DEFAULT_CASE_LIMITS,
  isCategoryOf,
  type CaseLimitsRow,
} from '../../../shared/case-categories.js';
import {
  allowedCommands,
  COMMAND_ROLES,
  isSupervisionType,
  transition,
  type AnyCaseType,
  type CaseCommand,
  type SupervisionCaseType,
  type CaseRole,
  type CaseState,
  type CaseStatus,
  type CaseType,
} from '../../../shared/case-machine.js';
import { regionLevel } from '../../../shared/region.js';
import type {
  CaseCommandBody,
  CaseDto,
  CaseListItem,
  CaseListQuery,
  NewCaseBody,
  PublicCaseView,
  TimelineItem,
} from '../../../shared/schemas/cases.js';
import type { Db, Row, Trx } from '../../db/schema.js';
import {
  can,
  canAnywhere,
  requirePermission,
  requirePermissionAnywhere,
  scopeOf,
  type Principal,
} from '../../platform/access/access.js';
import { insertAudited, transact, updateAudited, type Actor } from '../../platform/audit/audit.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { workingCalendar } from '../../platform/calendar/calendar.service.js';
import { enqueueOutbound } from '../../platform/notify/notify.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { findRegion, regionNames } from '../regions/regions.queries.js';
import {
  caseEvents,
  casesFromMobile,
  casesPastDue,
  findCase,
  findCaseByCode,
  listCases,
  mostSpecific,
  disciplineOffice,
  townOffice,
  unitsByIds,
} from './cases.queries.js';
import { newId } from '../../platform/ids.js';

/** Cases one mobile number may file in a day. */
export const CASES_PER_MOBILE_PER_DAY = 5;

/** Steps residents see on the track page, and those whose text they see too. */
const PUBLIC_ACTIONS = new Set([
  'receive',
  'dispatch',
  'sign',
  'start',
  'return',
  'grantExtension',
  'reply',
  'verify',
  'close',
  'reopen',
  'escalate',
  'rate',
]);
const PUBLIC_NOTES = new Set(['reply', 'reopen', 'rate']);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** QF26-7K3M9P: year and six characters a resident can read out over the phone. */
function randomCode(now: Date): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const bytes = randomBytes(6);
  const tail = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `QF${String(now.getUTCFullYear()).slice(2)}-${tail}`;
}

/**
 * A tracking code no case has yet. A year's codes are 31^6 ≈ 887 million: with a county's
 * 40,000 cases a year, one filing in 20,000 draws a code already given, so it draws again.
 */
export async function newCode(db: Db, now: Date, draw = randomCode): Promise<string> {
  for (;;) {
    const code = draw(now);
    if (!(await findCaseByCode(db, code))) return code;
  }
}

function stateOf(row: Row<'cases'>): CaseState {
  return {
    status: row.status as CaseStatus,
    unitId: row.unit_id,
    coUnitIds: JSON.parse(row.co_unit_ids) as string[],
    extension: row.extension ? (JSON.parse(row.extension) as CaseState['extension']) : null,
    extensionDays: row.extension_days,
    escalation: row.escalation,
    reply: row.reply,
    verifiedBy: row.verified_by,
    rating: row.rating,
    reopenCount: row.reopen_count,
  };
}

/** The limits of a case's type and category in its region (most specific row wins). */
export async function limitsFor(
  db: Db,
  regionCode: string,
  type: AnyCaseType,
  category: string,
): Promise<CaseLimitsRow> {
  const row = await mostSpecific(db, 'case_deadline', regionCode, type, category);
  return row
    ? {
        signDays: row.sign_days,
        handleDays: row.handle_days,
        maxExtensionDays: row.max_extension_days,
        returnDays: row.return_days,
      }
    : DEFAULT_CASE_LIMITS[type];
}

/** Whether a unit serves the case's region for its type (a service point, an alliance member). */
async function servesArea(db: Db, unitId: string, row: Row<'cases'>): Promise<boolean> {
  const ancestors = [
    row.region_code,
    row.region_code.slice(0, 9).padEnd(12, '0'),
    row.region_code.slice(0, 6).padEnd(12, '0'),
  ];
  const areas = await db
    .selectFrom('unit_area')
    .select('case_types')
    .where('unit_id', '=', unitId)
    .where('region_code', 'in', ancestors)
    .execute();
  return areas.some((a) => (JSON.parse(a.case_types) as string[]).includes(row.type));
}

/** The roles a staff member holds on a case. */
export async function rolesOn(
  db: Db,
  principal: Principal | null,
  row: Row<'cases'>,
): Promise<CaseRole[]> {
  if (!principal) return [];
  if (isSupervisionType(row.type)) return supervisionRolesOn(db, principal, row);
  const roles: CaseRole[] = [];
  if (can(principal, 'case.dispatch', row.region_code)) roles.push('dispatcher');
  if (can(principal, 'case.verify', row.region_code)) roles.push('verifier');
  if (principal.unitId && canAnywhere(principal, 'case.handle')) {
    if (principal.unitId === row.unit_id) roles.push('unit');
    else if ((JSON.parse(row.co_unit_ids) as string[]).includes(principal.unitId))
      roles.push('coUnit');
    if (await servesArea(db, principal.unitId, row)) roles.push('taker');
  }
  return roles;
}

/** The village's liaison station (监察工作联络站) as a unit. */
export function stationUnitOf(db: Db, villageCode: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('region_code', '=', villageCode)
    .where('kind', '=', 'liaison_station')
    .executeTakeFirst();
}

/**
 * On a finding, clue or warning: the town (supervision.manage) feeds back, dispatches and
 * closes out; the village's station verifies; the unit holding it (the village committee for
 * a finding, the station for a clue or warning) handles it. Nobody takes one.
 */
async function supervisionRolesOn(
  db: Db,
  principal: Principal,
  row: Row<'cases'>,
): Promise<CaseRole[]> {
  const roles: CaseRole[] = [];
  if (can(principal, 'supervision.manage', row.region_code)) roles.push('dispatcher');
  if (principal.unitId && row.unit_id === principal.unitId && canAnywhere(principal, 'case.handle'))
    roles.push('unit');
  if (principal.unitId && can(principal, 'supervision.duty', row.region_code)) {
    const station = await stationUnitOf(db, row.region_code);
    if (station?.id === principal.unitId) roles.push('verifier');
  }
  return roles;
}

async function canRead(db: Db, principal: Principal | null, row: Row<'cases'>): Promise<boolean> {
  if (isSupervisionType(row.type)) {
    // A clue may be about the village's own cadres: only supervision staff read it.
    const permission = row.type === 'clue' ? 'supervision.duty' : 'supervision.read';
    return (
      can(principal, permission, row.region_code) || (await rolesOn(db, principal, row)).length > 0
    );
  }
  return (
    can(principal, 'case.read', row.region_code) || (await rolesOn(db, principal, row)).length > 0
  );
}

async function deadlines(
  db: Db,
  row: Pick<Row<'cases'>, 'region_code' | 'type' | 'category'>,
  dispatchedAt: Date,
  extensionDays: number,
) {
  const limits = await limitsFor(db, row.region_code, row.type as AnyCaseType, row.category);
  const cal = await workingCalendar(db);
  return {
    limits,
    sign_due_at: addWorkingDays(cal, dispatchedAt, limits.signDays).toISOString(),
    handle_due_at: addWorkingDays(
      cal,
      dispatchedAt,
      limits.handleDays + extensionDays,
    ).toISOString(),
    return_due_at: addWorkingDays(cal, dispatchedAt, limits.returnDays).toISOString(),
  };
}

interface EventInput {
  action: string;
  role: CaseRole | 'resident';
  from: CaseStatus | null;
  to: CaseStatus;
  note?: string | null | undefined;
  data?: Record<string, unknown>;
}

async function addEvent(
  trx: Trx,
  actor: Actor,
  row: Row<'cases'>,
  input: EventInput,
  at: Date,
  /** The event's number in the case when known (a case just filed), else the next one. */
  seq?: number,
) {
  const last =
    seq === undefined
      ? await trx
          .selectFrom('case_event')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('case_id', '=', row.id)
          .executeTakeFirst()
      : { seq: seq - 1 };
  await insertAudited(
    trx,
    actor,
    'case_event',
    {
      id: newId(),
      case_id: row.id,
      seq: Number(last?.seq ?? 0) + 1,
      region_code: row.region_code,
      at: at.toISOString(),
      actor_id: actor.id,
      actor_name: actor.name,
      role: input.role,
      action: input.action,
      from_status: input.from,
      to_status: input.to,
      note: input.note ?? null,
      public: PUBLIC_ACTIONS.has(input.action) ? 1 : 0,
      data: JSON.stringify(input.data ?? {}),
    },
    `case_event.${input.action}`,
  );
}

/**
 * Put a message in a unit's (or a region's) in-app inbox and queue it for the unit's e-mail
 * and robot channels, in the caller's transaction. Other modules notify through this too.
 */
export async function addNotification(
  trx: Trx,
  actor: Actor,
  target: { unitId?: string | null; regionCode?: string | null },
  message: { caseId: string | null; kind: string; title: string; body: string },
  outbound: { subject: string; body: string },
  at: Date,
): Promise<Row<'notification'>> {
  const notification = await insertAudited(trx, actor, 'notification', {
    id: newId(),
    region_code: target.regionCode ?? null,
    unit_id: target.unitId ?? null,
    case_id: message.caseId,
    kind: message.kind,
    title: message.title,
    body: message.body,
    created_at: at.toISOString(),
    read_at: null,
  });
  await enqueueOutbound(trx, notification, outbound);
  return notification;
}

async function notifyUnit(
  trx: Trx,
  actor: Actor,
  target: { unitId?: string | null; regionCode?: string | null },
  row: Row<'cases'>,
  kind: string,
  title: string,
  body: string,
  at: Date,
) {
  await addNotification(
    trx,
    actor,
    target,
    { caseId: row.id, kind, title, body },
    {
      subject: `【清风】${NOTIFY_SUBJECTS[kind] ?? kind} ${row.code}`,
      body: `${row.title}\n${body === row.title ? '' : body}`.trim(),
    },
    at,
  );
}

/** Subjects of the e-mails and robot messages (staff read them in Chinese). */
const NOTIFY_SUBJECTS: Record<string, string> = {
  available: '有新诉求可接单',
  dispatched: '新派工单',
  overdue: '工单已超期',
  escalated: '工单已督办',
  reopen: '群众申请重办',
  return: '工单被退回',
  requestExtension: '申请延期',
};

/**
 * A resident files a complaint, request, dispute or question for a village, without an
 * account. Contact details are never shown publicly; only a complaint may be anonymous.
 * A mobile number may file a few cases a day. Where the town has a route for the type and
 * category, the case goes straight to that unit.
 */
export async function fileCase(
  db: Db,
  actor: Actor,
  body: NewCaseBody,
  channel: 'web' | 'staff' | 'open311' = 'web',
  now = new Date(),
): Promise<{ code: string; token: string; trackPath: string }> {
  if (!isCategoryOf(body.type, body.category)) {
    throw fieldError('category', `not a category of ${body.type}`, 'case.categoryUnknown');
  }
  const region = await findRegion(db, body.regionCode);
  if (!region || regionLevel(body.regionCode) !== 'village') {
    throw fieldError('regionCode', 'a village', 'ledger.notVillage');
  }
  const mobile = body.anonymous ? null : (body.reporterMobile ?? null);
  if (mobile) {
    const since = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
    if ((await casesFromMobile(db, mobile, since)) >= CASES_PER_MOBILE_PER_DAY) {
      throw new AppError(
        'RATE_LIMITED',
        'too many cases from this mobile',
        undefined,
        'case.tooMany',
      );
    }
  }
  if (body.photos.length > 0) {
    const files = await db
      .selectFrom('file')
      .select(['id', 'mime'])
      .where('id', 'in', body.photos)
      .execute();
    if (
      files.length !== new Set(body.photos).size ||
      files.some((f) => !f.mime.startsWith('image/'))
    )
      throw fieldError('photos', 'unknown photo', 'file.unknown');
  }
  if (body.servicePointId) {
    const point = await db
      .selectFrom('unit')
      .select(['id', 'kind'])
      .where('id', '=', body.servicePointId)
      .executeTakeFirst();
    if (!point || (point.kind !== 'service_point' && point.kind !== 'legal_studio'))
      throw fieldError('servicePointId', 'not a service point', 'case.servicePointUnknown');
  }
  const token = nanoid(24);
  const code = await newCode(db, now);
  const id = newId();
  const at = now.toISOString();
  const title = body.description.replace(/\s+/g, ' ').slice(0, 40);
  const route = body.servicePointId
    ? { unit_id: body.servicePointId }
    : await mostSpecific(db, 'case_route', body.regionCode, body.type, body.category);
  const dispatch = route
    ? await deadlines(
        db,
        { region_code: body.regionCode, type: body.type, category: body.category },
        now,
        0,
      )
    : null;
  // A routed case is stored already dispatched: one write of the row, with both steps in its
  // history (received from the resident, then dispatched by the system).
  const routed = route && dispatch ? { unitId: route.unit_id, ...dispatch } : null;
  await transact(db, async (trx) => {
    const row = await insertAudited(trx, actor, 'cases', {
      id,
      code,
      token_hash: sha256(token),
      type: body.type,
      category: body.category,
      region_code: body.regionCode,
      status: routed ? 'dispatched' : 'received',
      title,
      description: body.description,
      address: body.address ?? null,
      location: body.location ? JSON.stringify(body.location) : null,
      photos: JSON.stringify(body.photos),
      reporter_name: body.anonymous ? null : (body.reporterName ?? null),
      reporter_mobile: mobile,
      anonymous: body.anonymous ? 1 : 0,
      channel,
      service_point_id: body.servicePointId ?? null,
      unit_id: routed?.unitId ?? null,
      co_unit_ids: '[]',
      extension: null,
      extension_days: 0,
      escalation: 0,
      reply: null,
      verified_by: null,
      rating: null,
      rating_comment: null,
      reopen_count: 0,
      dispatched_at: routed ? at : null,
      signed_at: null,
      replied_at: null,
      closed_at: null,
      sign_due_at: routed?.sign_due_at ?? null,
      handle_due_at: routed?.handle_due_at ?? null,
      return_due_at: routed?.return_due_at ?? null,
      overdue: 0,
      search_text: `${code} ${body.description} ${body.address ?? ''}`.toLowerCase(),
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await addEvent(
      trx,
      actor,
      row,
      { action: 'receive', role: 'resident', from: null, to: 'received' },
      now,
      1,
    );
    if (!route) {
      // No route: the service points and alliance members serving the village may take it.
      const ancestors = [
        body.regionCode,
        body.regionCode.slice(0, 9).padEnd(12, '0'),
        body.regionCode.slice(0, 6).padEnd(12, '0'),
      ];
      const takers = await trx
        .selectFrom('unit_area')
        .select(['unit_id', 'case_types'])
        .where('region_code', 'in', ancestors)
        .execute();
      for (const taker of takers) {
        if ((JSON.parse(taker.case_types) as string[]).includes(body.type))
          await notifyUnit(
            trx,
            actor,
            { unitId: taker.unit_id },
            row,
            'available',
            row.code,
            row.title,
            now,
          );
      }
    }
    if (routed) {
      const system: Actor = { id: null, name: 'system' };
      await addEvent(
        trx,
        system,
        row,
        {
          action: 'dispatch',
          role: 'system',
          from: 'received',
          to: 'dispatched',
          data: { unitId: routed.unitId, routed: true },
        },
        now,
        2,
      );
      await notifyUnit(
        trx,
        system,
        { unitId: routed.unitId },
        row,
        'dispatched',
        row.code,
        row.title,
        now,
      );
    }
  });
  return { code, token, trackPath: `/public/track/${code}?k=${token}` };
}

export interface SupervisionCaseInput {
  type: SupervisionCaseType;
  category: string;
  regionCode: string;
  title: string;
  description: string;
  photos: readonly string[];
  /** Who reported it (an informant's name); null for a finding or a warning. */
  reporterName: string | null;
  channel: 'inspection' | 'informant' | 'rules';
  /** When given, the case is stored already dispatched to this unit. */
  unitId: string | null;
}

/**
 * Open a finding, clue or warning inside the caller's transaction: the case row and its
 * first steps, as `fileCase` does for a resident, but never public and with no tracking key.
 */
export async function openSupervisionCase(
  trx: Trx,
  actor: Actor,
  input: SupervisionCaseInput,
  now: Date,
): Promise<Row<'cases'>> {
  const code = await newCode(trx, now);
  const at = now.toISOString();
  const due = input.unitId
    ? await deadlines(
        trx,
        { region_code: input.regionCode, type: input.type, category: input.category },
        now,
        0,
      )
    : null;
  const row = await insertAudited(trx, actor, 'cases', {
    id: newId(),
    code,
    token_hash: sha256(randomBytes(24).toString('hex')),
    type: input.type,
    category: input.category,
    region_code: input.regionCode,
    status: input.unitId ? 'dispatched' : 'received',
    title: input.title.slice(0, 80),
    description: input.description,
    address: null,
    location: null,
    photos: JSON.stringify(input.photos),
    reporter_name: input.reporterName,
    reporter_mobile: null,
    anonymous: 0,
    channel: input.channel,
    service_point_id: null,
    unit_id: input.unitId,
    co_unit_ids: '[]',
    extension: null,
    extension_days: 0,
    escalation: 0,
    reply: null,
    verified_by: null,
    rating: null,
    rating_comment: null,
    reopen_count: 0,
    dispatched_at: input.unitId ? at : null,
    signed_at: null,
    replied_at: null,
    closed_at: null,
    sign_due_at: due?.sign_due_at ?? null,
    handle_due_at: due?.handle_due_at ?? null,
    return_due_at: due?.return_due_at ?? null,
    overdue: 0,
    search_text: `${code} ${input.title} ${input.description}`.toLowerCase(),
    created_at: at,
    updated_at: at,
    version: 1,
  });
  await addEvent(
    trx,
    actor,
    row,
    {
      action: 'receive',
      role: 'system',
      from: null,
      to: 'received',
      data: { channel: input.channel },
    },
    now,
    1,
  );
  if (input.unitId) {
    await addEvent(
      trx,
      actor,
      row,
      {
        action: 'dispatch',
        role: 'system',
        from: 'received',
        to: 'dispatched',
        data: { unitId: input.unitId, routed: true },
      },
      now,
      2,
    );
    await notifyUnit(
      trx,
      actor,
      { unitId: input.unitId },
      row,
      'dispatched',
      row.code,
      row.title,
      now,
    );
  }
  return row;
}

/** The working-day deadline `days` after `from`, on the engine's calendar. */
export async function workingDaysAfter(db: Db, from: Date, days: number): Promise<string> {
  return addWorkingDays(await workingCalendar(db), from, days).toISOString();
}

async function unitNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const units = await unitsByIds(
    db,
    ids.filter((id): id is string => !!id),
  );
  return new Map(units.map((u) => [u.id, u.name]));
}

function timelineOf(
  events: Row<'case_event'>[],
  names: Map<string, string>,
  publicOnly: boolean,
): TimelineItem[] {
  return events
    .filter((e) => !publicOnly || e.public === 1)
    .map((e) => {
      const data = JSON.parse(e.data) as { unitId?: string; days?: number };
      const actor =
        e.role === 'resident'
          ? '—'
          : publicOnly
            ? ((data.unitId ? names.get(data.unitId) : undefined) ??
              (e.role === 'system' ? 'system' : ''))
            : e.actor_name;
      return {
        at: e.at,
        action: e.action,
        toStatus: e.to_status as CaseStatus,
        actor,
        note:
          publicOnly && !PUBLIC_NOTES.has(e.action)
            ? null
            : (e.note ?? (data.unitId && !publicOnly ? (names.get(data.unitId) ?? null) : null)),
        public: e.public === 1,
      };
    });
}

/** The public track page: the case's public steps; no personal data, no internal notes. */
export async function publicCase(db: Db, code: string, token?: string): Promise<PublicCaseView> {
  const row = await findCaseByCode(db, code);
  if (!row || isSupervisionType(row.type)) throw notFound('case');
  const events = await caseEvents(db, row.id);
  const ids = [
    row.unit_id,
    ...events.map((e) => (JSON.parse(e.data) as { unitId?: string }).unitId ?? null),
  ];
  const names = await unitNames(db, ids);
  const regions = await regionNames(db, [row.region_code]);
  const holder = token !== undefined && sha256(token) === row.token_hash;
  return {
    code: row.code,
    type: row.type as CaseType,
    category: row.category,
    regionName: regions.get(row.region_code) ?? row.region_code,
    status: row.status as CaseStatus,
    createdAt: row.created_at,
    handleDueAt: row.handle_due_at,
    overdue: row.overdue > 0 && row.status !== 'closed',
    escalation: row.escalation,
    unitName: row.unit_id ? (names.get(row.unit_id) ?? null) : null,
    reply: row.reply,
    rating: row.rating,
    timeline: timelineOf(events, names, true),
    tokenValid: token === undefined ? null : holder,
    canRate: holder && row.status === 'closed' && row.rating === null,
    canDispute: holder && row.status === 'closed',
  };
}

async function loadByToken(db: Db, code: string, token: string) {
  const row = await findCaseByCode(db, code);
  if (!row || isSupervisionType(row.type)) throw notFound('case');
  if (sha256(token) !== row.token_hash)
    throw new AppError('FORBIDDEN', 'wrong token', undefined, 'case.wrongToken');
  return row;
}

/** The resident rates the result, once, 1 to 5, with an optional comment. */
export async function rateCase(
  db: Db,
  actor: Actor,
  code: string,
  input: { token: string; score: number; comment?: string | undefined },
  now = new Date(),
): Promise<PublicCaseView> {
  const row = await loadByToken(db, code, input.token);
  await applyCommand(
    db,
    actor,
    row,
    { type: 'rate', score: input.score, comment: input.comment },
    'resident',
    now,
    {
      rating_comment: input.comment ?? null,
    },
  );
  return publicCase(db, code, input.token);
}

/** The resident disputes the closure: the case reopens and goes one level up. */
export async function disputeCase(
  db: Db,
  actor: Actor,
  code: string,
  input: { token: string; reason: string },
  now = new Date(),
): Promise<PublicCaseView> {
  const row = await loadByToken(db, code, input.token);
  await applyCommand(db, actor, row, { type: 'reopen', reason: input.reason }, 'resident', now);
  return publicCase(db, code, input.token);
}

function refusalError(refusal: 'role' | 'state' | 'invalid', command: string): AppError {
  if (refusal === 'role')
    return new AppError('FORBIDDEN', `not your step: ${command}`, undefined, 'case.notYourStep');
  if (refusal === 'state')
    return new AppError('CONFLICT', `${command} not possible now`, undefined, 'case.notNow');
  return new AppError('VALIDATION', `${command} refused`, undefined, 'case.invalid');
}

function noteOf(command: CaseCommand): string | null {
  switch (command.type) {
    case 'return':
    case 'refuseExtension':
    case 'rejectReply':
    case 'reopen':
    case 'escalate':
      return command.reason;
    case 'requestExtension':
      return command.reason;
    case 'reply':
    case 'note':
      return command.text;
    case 'rate':
      return command.comment ?? null;
    default:
      return null;
  }
}

/**
 * Apply one command through the state machine, in one transaction with its timeline entry,
 * the deadlines it sets and the notifications it sends. The machine decides; this writes.
 */
export async function applyCommand(
  db: Db,
  actor: Actor,
  row: Row<'cases'>,
  command: CaseCommand,
  role: CaseRole,
  now: Date,
  extra: Partial<Row<'cases'>> = {},
): Promise<void> {
  const limits = await limitsFor(db, row.region_code, row.type as AnyCaseType, row.category);
  const before = stateOf(row);
  const outcome = transition(before, command, role, limits);
  if (!outcome.ok) throw refusalError(outcome.refusal, command.type);
  const after = outcome.state;
  const at = now.toISOString();
  const patch: Partial<Row<'cases'>> = {
    status: after.status,
    unit_id: after.unitId,
    co_unit_ids: JSON.stringify(after.coUnitIds),
    extension: after.extension ? JSON.stringify(after.extension) : null,
    extension_days: after.extensionDays,
    escalation: after.escalation,
    reply: after.reply,
    verified_by: after.verifiedBy,
    rating: after.rating,
    reopen_count: after.reopenCount,
    updated_at: at,
    version: row.version + 1,
  };
  switch (command.type) {
    case 'dispatch': {
      const { limits: _limits, ...due } = await deadlines(db, row, now, 0);
      Object.assign(patch, due, {
        dispatched_at: at,
        signed_at: null,
        overdue: 0,
        extension_days: 0,
      });
      break;
    }
    case 'take': {
      const { limits: _limits, ...due } = await deadlines(db, row, now, 0);
      Object.assign(patch, due, {
        dispatched_at: at,
        signed_at: at,
        overdue: 0,
        extension_days: 0,
      });
      break;
    }
    case 'sign':
      patch.signed_at = at;
      break;
    case 'return':
      if (row.return_due_at && at > row.return_due_at)
        throw new AppError('CONFLICT', 'too late to return', undefined, 'case.returnTooLate');
      break;
    case 'grantExtension': {
      const due = await deadlines(db, row, new Date(row.dispatched_at ?? at), after.extensionDays);
      patch.handle_due_at = due.handle_due_at;
      if (row.overdue === 2 && due.handle_due_at > at) patch.overdue = 1;
      break;
    }
    case 'reply':
      patch.replied_at = at;
      break;
    case 'close':
      patch.closed_at = at;
      break;
    case 'reopen':
      patch.closed_at = null;
      patch.rating_comment = null;
      break;
    case 'clear':
      patch.closed_at = at;
      break;
    default:
      break;
  }
  // The caller's own fields win: a finding fed back carries its own rectification deadline.
  Object.assign(patch, extra);
  await transact(db, async (trx) => {
    const current = await trx
      .selectFrom('cases')
      .select('version')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    if (current.version !== row.version)
      throw new AppError('CONFLICT', 'stale', undefined, 'ledger.stale');
    const updated = await updateAudited(
      trx,
      actor,
      'cases',
      row.id,
      patch,
      `cases.${command.type}`,
    );
    await addEvent(
      trx,
      actor,
      updated,
      {
        action: command.type,
        role,
        from: before.status,
        to: after.status,
        note: noteOf(command),
        data: {
          ...(command.type === 'dispatch'
            ? { unitId: command.unitId, coUnitIds: after.coUnitIds }
            : {}),
          ...(command.type === 'requestExtension' ? { days: command.days } : {}),
          ...(command.type === 'grantExtension' ? { days: before.extension?.days } : {}),
          ...(command.type === 'escalate' || command.type === 'reopen'
            ? { level: after.escalation }
            : {}),
        },
      },
      now,
    );
    if (command.type === 'dispatch') {
      for (const unitId of [command.unitId, ...after.coUnitIds])
        await notifyUnit(
          trx,
          actor,
          { unitId },
          updated,
          'dispatched',
          updated.code,
          updated.title,
          now,
        );
    }
    if (
      command.type === 'reopen' ||
      command.type === 'return' ||
      command.type === 'requestExtension'
    ) {
      const office = await townOffice(trx, row.region_code.slice(0, 9).padEnd(12, '0'));
      if (office)
        await notifyUnit(
          trx,
          actor,
          { unitId: office.id },
          updated,
          command.type,
          updated.code,
          noteOf(command) ?? '',
          now,
        );
    }
  });
}

/** A case staff record for a resident (a phone call, a visit), in a village they may handle. */
export async function fileStaffCase(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: NewCaseBody,
  now = new Date(),
) {
  requirePermission(principal, 'case.handle', body.regionCode);
  return fileCase(db, actor, body, 'staff', now);
}

/**
 * Steps a supervision case takes through its own endpoints, not the generic command: a finding
 * is dispatched by its feedback notice and answered with rectification evidence; a warning
 * closes only when the rules no longer find its cause.
 */
function refuseOutsideSupervisionLoop(row: Row<'cases'>, type: CaseCommandBody['type']): void {
  if (row.type === 'warning' && !['sign', 'start', 'note', 'escalate'].includes(type))
    throw new AppError('CONFLICT', 'a warning clears itself', undefined, 'warning.clearsItself');
  if (row.type === 'finding' && type === 'dispatch')
    throw new AppError('CONFLICT', 'feed back first', undefined, 'finding.feedbackFirst');
  if (row.type === 'finding' && type === 'reply')
    throw new AppError('CONFLICT', 'evidence required', undefined, 'finding.evidenceRequired');
  if (type === 'take' || type === 'reopen')
    throw new AppError('CONFLICT', `${type} not possible`, undefined, 'case.notNow');
}

/** Give a command on a case as the caller, with the version they saw. */
export async function commandCase(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: CaseCommandBody,
  now = new Date(),
): Promise<CaseDto> {
  const row = await findCase(db, id);
  if (!row || !(await canRead(db, principal, row))) throw notFound('case');
  if (row.version !== body.expectedVersion)
    throw new AppError('CONFLICT', 'stale', { version: row.version }, 'ledger.stale');
  const roles = await rolesOn(db, principal, row);
  if (isSupervisionType(row.type)) refuseOutsideSupervisionLoop(row, body.type);
  // On supervision cases the town closes out (销号), never the station that verified.
  const eligible =
    isSupervisionType(row.type) && body.type === 'close'
      ? roles.filter((r) => r === 'dispatcher')
      : roles;
  const role = eligible.find((r) => COMMAND_ROLES[body.type].includes(r));
  if (!role) {
    throw can(principal, 'case.read', row.region_code) && roles.length === 0
      ? new AppError('READ_ONLY', 'read only', undefined, 'case.notYourStep')
      : new AppError('FORBIDDEN', 'not your step', undefined, 'case.notYourStep');
  }
  const { expectedVersion: _v, ...rest } = body;
  let command = rest as CaseCommand;
  if (body.type === 'verify') command = { type: 'verify', by: actor.name };
  if (body.type === 'take') command = { type: 'take', unitId: principal.unitId ?? '' };
  if (body.type === 'dispatch') {
    const units = await unitsByIds(db, [body.unitId, ...body.coUnitIds]);
    if (units.length !== new Set([body.unitId, ...body.coUnitIds]).size)
      throw fieldError('unitId', 'unknown unit', 'unit.unknown');
  }
  await transact(db, async (trx) => {
    await applyCommand(trx, actor, row, command, role, now);
    // A finding closed out (销号): whether it was rectified by its deadline.
    if (row.type === 'finding' && command.type === 'close') {
      const finding = await trx
        .selectFrom('finding')
        .select(['rectified_at', 'inspection_id'])
        .where('id', '=', row.id)
        .executeTakeFirst();
      if (finding) {
        await updateAudited(trx, actor, 'finding', row.id, {
          closed_at: now.toISOString(),
          on_time:
            finding.rectified_at !== null &&
            (row.handle_due_at === null || finding.rectified_at <= row.handle_due_at)
              ? 1
              : 0,
        });
        // The last finding of an inspection closed out: the inspection is done.
        const open = await trx
          .selectFrom('finding')
          .select('id')
          .where('inspection_id', '=', finding.inspection_id)
          .where('closed_at', 'is', null)
          .limit(1)
          .executeTakeFirst();
        if (!open) {
          const inspection = await trx
            .selectFrom('inspection')
            .select(['id', 'version'])
            .where('id', '=', finding.inspection_id)
            .executeTakeFirstOrThrow();
          await updateAudited(trx, actor, 'inspection', inspection.id, {
            status: 'done',
            updated_at: now.toISOString(),
            version: inspection.version + 1,
          });
        }
      }
    }
  });
  return getCase(db, principal, id);
}

/** Dispatch many cases to one unit; each is dispatched or refused on its own. */
export async function bulkDispatch(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: { ids: string[]; unitId: string; coUnitIds: string[] },
  messageOf: (error: AppError) => string,
  now = new Date(),
) {
  const dispatched: string[] = [];
  const refused: { id: string; message: string }[] = [];
  for (const id of body.ids) {
    try {
      const row = await findCase(db, id);
      if (!row) throw notFound('case');
      await commandCase(
        db,
        principal,
        actor,
        id,
        {
          type: 'dispatch',
          expectedVersion: row.version,
          unitId: body.unitId,
          coUnitIds: body.coUnitIds,
        },
        now,
      );
      dispatched.push(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push({ id, message: messageOf(error) });
    }
  }
  return { dispatched, refused };
}

function maskMobile(mobile: string | null): string | null {
  return mobile ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : null;
}

async function toListItems(db: Db, rows: Row<'cases'>[]): Promise<CaseListItem[]> {
  const names = await unitNames(
    db,
    rows.map((r) => r.unit_id),
  );
  const regions = await regionNames(db, [...new Set(rows.map((r) => r.region_code))]);
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    type: row.type as AnyCaseType,
    category: row.category,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code) ?? row.region_code,
    status: row.status as CaseStatus,
    title: row.title,
    unitId: row.unit_id,
    unitName: row.unit_id ? (names.get(row.unit_id) ?? null) : null,
    escalation: row.escalation,
    overdue: row.status === 'closed' ? 0 : row.overdue,
    signDueAt: row.sign_due_at,
    handleDueAt: row.handle_due_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  }));
}

/** A case with its whole timeline (internal notes too) for staff who may read it. */
export async function getCase(db: Db, principal: Principal, id: string): Promise<CaseDto> {
  const row = await findCase(db, id);
  if (!row || !(await canRead(db, principal, row))) throw notFound('case');
  const [item] = await toListItems(db, [row]);
  const state = stateOf(row);
  const events = await caseEvents(db, id);
  const names = await unitNames(db, [...state.coUnitIds]);
  const roles = await rolesOn(db, principal, row);
  const limits = await limitsFor(db, row.region_code, row.type as AnyCaseType, row.category);
  const commands = new Set(roles.flatMap((r) => allowedCommands(state, r, limits)));
  const sensitive = can(principal, 'user.readSensitive', row.region_code);
  return {
    ...(item as CaseListItem),
    description: row.description,
    address: row.address,
    location: row.location ? (JSON.parse(row.location) as { lat: number; lng: number }) : null,
    photos: JSON.parse(row.photos) as string[],
    channel: row.channel,
    anonymous: row.anonymous === 1,
    reporterName: row.reporter_name,
    reporterMobile: sensitive ? row.reporter_mobile : maskMobile(row.reporter_mobile),
    coUnits: state.coUnitIds.map((u) => ({ id: u, name: names.get(u) ?? u })),
    extension: state.extension,
    extensionDays: row.extension_days,
    returnDueAt: row.return_due_at,
    reply: row.reply,
    verifiedBy: row.verified_by,
    rating: row.rating,
    ratingComment: row.rating_comment,
    reopenCount: row.reopen_count,
    timeline: timelineOf(
      events,
      await unitNames(
        db,
        events.map((e) => (JSON.parse(e.data) as { unitId?: string }).unitId ?? null),
      ),
      false,
    ),
    roles,
    allowedCommands: [...commands],
  };
}

/** The caller's inbox or a region's cases: open and overdue first, nearest deadline next. */
export async function listCasesFor(db: Db, principal: Principal, query: CaseListQuery) {
  if (query.regionCode) {
    if (!can(principal, 'case.read', query.regionCode) && !query.mine)
      requirePermission(principal, 'case.read', query.regionCode);
  } else if (!principal.unitId) {
    requirePermissionAnywhere(principal, 'case.read');
  }
  const scope = scopeOf(principal, 'case.read');
  // A staff inbox is read again and again between two changes of any case.
  const key = `cases:${JSON.stringify([scope.roots, principal.unitId, query])}`;
  return cachedRead(db, key, ['cases', 'unit', 'region'], async () => {
    const { rows, total } = await listCases(db, scope, principal.unitId, query);
    return {
      items: await toListItems(db, rows),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
}

/**
 * The deadline scan: every open case past its sign-for or handling limit is flagged overdue
 * once per missed limit, escalated one level (village → town office → county) and notified.
 * `now` is the engine's clock; tests move it instead of sleeping.
 */
export async function scanOverdue(db: Db, now = new Date()): Promise<number> {
  const system: Actor = { id: null, name: 'system' };
  const rows = await casesPastDue(db, now.toISOString());
  let flagged = 0;
  for (const row of rows) {
    // The handling limit missed outranks the sign-for limit.
    const missed = row.handle_due_at !== null && row.handle_due_at < now.toISOString() ? 2 : 1;
    const state = stateOf(row);
    const escalate = state.escalation < 2;
    const at = now.toISOString();
    await transact(db, async (trx) => {
      const updated = await updateAudited(
        trx,
        system,
        'cases',
        row.id,
        {
          overdue: missed,
          escalation: escalate ? state.escalation + 1 : state.escalation,
          updated_at: at,
          version: row.version + 1,
        },
        'cases.overdue',
      );
      await addEvent(
        trx,
        system,
        updated,
        {
          action: 'escalate',
          role: 'system',
          from: state.status,
          to: state.status,
          note: missed === 2 ? 'handle' : 'sign',
          data: { level: updated.escalation, missed: missed === 2 ? 'handle' : 'sign' },
        },
        now,
      );
      if (row.unit_id)
        await notifyUnit(
          trx,
          system,
          { unitId: row.unit_id },
          updated,
          'overdue',
          updated.code,
          updated.title,
          now,
        );
      // An overdue finding, clue or warning goes to the town's discipline office (镇纪委).
      const townCode = row.region_code.slice(0, 9).padEnd(12, '0');
      const office = isSupervisionType(row.type)
        ? await disciplineOffice(trx, townCode)
        : await townOffice(trx, townCode);
      if (updated.escalation >= 1 && office)
        await notifyUnit(
          trx,
          system,
          { unitId: office.id },
          updated,
          'escalated',
          updated.code,
          updated.title,
          now,
        );
      if (updated.escalation >= 2)
        await notifyUnit(
          trx,
          system,
          { regionCode: row.region_code.slice(0, 6).padEnd(12, '0') },
          updated,
          'escalated',
          updated.code,
          updated.title,
          now,
        );
    });
    flagged++;
  }
  return flagged;
}

export { CASE_CATEGORIES };
