import { localDate } from '../../../shared/calendar.js';
import { diffValues } from '../../../shared/diff.js';
import {
  countyOf,
  disclosedAtOnce,
  needsResolution,
  procurementMethod,
  withDefaults,
  worksMethod,
  DEFAULT_POLICY,
  type CountyPolicy,
} from '../../../shared/policy.js';
import { regionLevel } from '../../../shared/region.js';
import {
  KIND_FIELDS,
  type AmendLedgerBody,
  type Attachment,
  type LedgerAction,
  type LedgerActionBody,
  type LedgerEntryDto,
  type LedgerKind,
  type LedgerListItem,
  type LedgerListQuery,
  type LedgerStage,
  type LedgerStatus,
  type NewLedgerEntryBody,
  type ReviewStatus,
} from '../../../shared/schemas/ledger.js';
import type { Db, NewRow, Row, Trx } from '../../db/schema.js';
import { can, requirePermission, scopeOf, type Principal } from '../../platform/access/access.js';
import {
  insertAudited,
  insertManyAudited,
  transact,
  updateAudited,
  type Actor,
} from '../../platform/audit/audit.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import {
  AppError,
  fieldError,
  notFound,
  problemsError,
  type Problem,
} from '../../platform/errors.js';
import { dueDateFor, publishSnapshot, workingDaysAfter } from '../disclosure/disclosure.service.js';
import { latestOfSubject } from '../disclosure/disclosure.queries.js';
import { policyVersions } from '../policy/policy.queries.js';
import { findRegion, regionNames } from '../regions/regions.queries.js';
import { findDecision, meetingsOf } from '../decisions/decisions.queries.js';
import {
  allEntries,
  entryVersions,
  findEntry,
  listEntries,
  type LedgerFilter,
} from './ledger.queries.js';
import { allowedActions, entryProblems, stageAfter } from './ledger.rules.js';
import {
  publicAttachments,
  publicSearchTextOf,
  redactDecision,
  redactFields,
  searchTextOf,
} from './ledger.snapshot.js';
import { newId } from '../../platform/ids.js';

type Json = Record<string, unknown>;

/** The entry as one version records it; versions are diffed field by field. */
export interface EntrySnapshot {
  title: string;
  amount: number;
  occurredOn: string;
  stage: LedgerStage;
  status: LedgerStatus;
  decisionId: string | null;
  attachments: Attachment[];
  fields: Json;
  voidReason?: string;
}

/** The county's rules on any date, from its versions (cached until a version is added). */
export async function policyLookup(
  db: Db,
  regionCode: string,
): Promise<(date: string) => CountyPolicy> {
  const countyCode = countyOf(regionCode);
  const versions = await cachedRead(db, `policy-versions:${countyCode}`, ['county_policy'], () =>
    policyVersions(db, countyCode),
  );
  return (date) => {
    const row = versions.find((v) => v.effective_from <= date);
    return row ? withDefaults(JSON.parse(row.policy) as Partial<CountyPolicy>) : DEFAULT_POLICY;
  };
}

function snapshotOf(row: Row<'ledger_entry'>): EntrySnapshot {
  return {
    title: row.title,
    amount: row.amount,
    occurredOn: row.occurred_on,
    stage: row.stage as LedgerStage,
    status: row.status as LedgerStatus,
    decisionId: row.decision_id,
    attachments: JSON.parse(row.attachments) as Attachment[],
    fields: JSON.parse(row.fields) as Json,
    ...(row.void_reason ? { voidReason: row.void_reason } : {}),
  };
}

function toListItem(
  row: Pick<
    Row<'ledger_entry'>,
    | 'id'
    | 'kind'
    | 'region_code'
    | 'title'
    | 'amount'
    | 'occurred_on'
    | 'stage'
    | 'status'
    | 'version'
    | 'review_status'
    | 'disclosure_due_on'
    | 'disclosed_version'
    | 'updated_at'
  >,
  names: Map<string, string>,
): LedgerListItem {
  return {
    id: row.id,
    kind: row.kind as LedgerKind,
    regionCode: row.region_code,
    regionName: names.get(row.region_code) ?? row.region_code,
    title: row.title,
    amount: row.amount,
    occurredOn: row.occurred_on,
    stage: row.stage as LedgerStage,
    status: row.status as LedgerStatus,
    version: row.version,
    reviewStatus: row.review_status as ReviewStatus,
    disclosureDueOn: row.disclosure_due_on,
    disclosedVersion: row.disclosed_version,
    updatedAt: row.updated_at,
  };
}

/** Parse stored or merged fields with the kind's schema, as problems on `fields.*`. */
function parseFields(kind: LedgerKind, fields: unknown): { fields?: Json; problems: Problem[] } {
  const parsed = KIND_FIELDS[kind].safeParse(fields);
  if (parsed.success) return { fields: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => ({
      field: ['fields', ...issue.path.map(String)].join('.'),
      messageKey: DETAIL_KEYS.has(issue.message) ? issue.message : 'field.invalid',
    })),
  };
}
const DETAIL_KEYS = new Set(['amount.fen', 'date.format', 'creditCode.format']);

async function checkDecision(
  db: Db,
  decisionId: string | null,
): Promise<{ regionCode: string; passed: boolean } | null> {
  if (!decisionId) return null;
  const decision = await findDecision(db, decisionId);
  if (!decision) return null;
  return {
    regionCode: decision.region_code,
    passed: decision.status === 'passed' || decision.status === 'completed',
  };
}

/** Check an entry as a whole against every rule (the demo loader checks its plan this way). */
export async function checkEntryState(
  db: Db,
  regionCode: string,
  kind: LedgerKind,
  state: EntrySnapshot,
  overridden: boolean,
): Promise<void> {
  const problems: Problem[] = [];
  if (state.decisionId) {
    const decision = await findDecision(db, state.decisionId);
    if (!decision) problems.push({ field: 'decisionId', messageKey: 'ledger.decisionUnknown' });
    else if (decision.region_code !== regionCode)
      problems.push({ field: 'decisionId', messageKey: 'ledger.decisionOtherVillage' });
  }
  problems.push(...(await attachmentProblems(db, regionCode, state.attachments)));
  if (problems.length === 0) {
    problems.push(
      ...entryProblems(
        {
          kind,
          amount: state.amount,
          occurredOn: state.occurredOn,
          stage: state.stage,
          decisionId: state.decisionId,
          fields: state.fields,
          overridden,
        },
        {
          policyOn: await policyLookup(db, regionCode),
          decision: await checkDecision(db, state.decisionId),
          regionCode,
        },
      ),
    );
  }
  if (problems.length > 0) throw problemsError(problems);
}

async function attachmentProblems(
  db: Db,
  regionCode: string,
  attachments: Attachment[],
): Promise<Problem[]> {
  if (attachments.length === 0) return [];
  const rows = await db
    .selectFrom('file')
    .select(['id', 'region_code'])
    .where(
      'id',
      'in',
      attachments.map((a) => a.fileId),
    )
    .execute();
  const known = new Map(rows.map((r) => [r.id, r.region_code]));
  return attachments.flatMap((a, i) =>
    known.get(a.fileId) === regionCode
      ? []
      : [{ field: `attachments.${i}.fileId`, messageKey: 'file.unknown' }],
  );
}

async function requireVillage(db: Db, regionCode: string): Promise<void> {
  const region = await findRegion(db, regionCode);
  if (!region) throw fieldError('regionCode', 'unknown region', 'region.unknown');
  if (regionLevel(regionCode) !== 'village') {
    throw fieldError('regionCode', 'ledgers belong to a village', 'ledger.notVillage');
  }
}

async function writeVersion(
  trx: Trx,
  actor: Actor,
  row: Row<'ledger_entry'>,
  action: string,
  reason: string | null,
): Promise<void> {
  await insertAudited(
    trx,
    actor,
    'ledger_version',
    versionRowOf(row, actor, action, reason),
    `ledger_version.${action}`,
  );
}

function versionRowOf(
  row: Row<'ledger_entry'>,
  actor: Actor,
  action: string,
  reason: string | null,
): NewRow<'ledger_version'> {
  return {
    id: newId(),
    entry_id: row.id,
    version: row.version,
    region_code: row.region_code,
    action,
    reason,
    snapshot: JSON.stringify(snapshotOf(row)),
    created_at: row.updated_at,
    created_by: actor.id,
    actor_name: actor.name,
  };
}

/** A new entry as checked, with the date its first disclosure falls due. */
export interface CheckedEntry {
  body: NewLedgerEntryBody;
  state: EntrySnapshot;
  dueOn: string;
}

/** Validate a new entry without writing it: the import checks every row this way first. */
export async function checkNewEntry(
  db: Db,
  principal: Principal,
  body: NewLedgerEntryBody,
): Promise<CheckedEntry> {
  await requireVillage(db, body.regionCode);
  requirePermission(principal, 'ledger.write', body.regionCode);
  const parsed = parseFields(body.kind, { ...body.fields });
  if (!parsed.fields) throw problemsError(parsed.problems);
  const state: EntrySnapshot = {
    title: body.title,
    amount: body.amount,
    occurredOn: body.occurredOn,
    stage: body.kind === 'project' || body.kind === 'procurement' ? 'initiated' : 'recorded',
    status: 'active',
    decisionId: body.decisionId ?? null,
    attachments: body.attachments,
    fields: parsed.fields,
  };
  await checkEntryState(db, body.regionCode, body.kind, state, false);
  const policy = (await policyLookup(db, body.regionCode))(body.occurredOn);
  const dueOn = await dueDateFor(
    db,
    body.regionCode,
    body.kind,
    body.amount,
    body.occurredOn,
    policy,
  );
  return { body, state, dueOn };
}

/**
 * Record a new entry (version 1) in a village the caller may write. Its first disclosure
 * falls due by the county's catalogue: at once above the immediate amount.
 */
export async function createEntry(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: NewLedgerEntryBody,
): Promise<LedgerEntryDto> {
  const checked = await checkNewEntry(db, principal, body);
  const id = await transact(db, (trx) => insertEntry(trx, actor, checked));
  return getEntry(db, principal, id);
}

/** Insert a checked entry and its first version, in the caller's transaction. */
export async function insertEntry(
  trx: Trx,
  actor: Actor,
  checked: CheckedEntry,
  now = new Date().toISOString(),
): Promise<string> {
  const [id] = await insertEntries(trx, actor, [checked], now);
  return id!;
}

/** Insert checked entries and their first versions, a few hundred to a statement (an import). */
export async function insertEntries(
  trx: Trx,
  actor: Actor,
  checked: readonly CheckedEntry[],
  now = new Date().toISOString(),
): Promise<string[]> {
  const rows = await insertManyAudited(
    trx,
    actor,
    'ledger_entry',
    checked.map((entry) => entryRowOf(entry, actor, now)),
  );
  await insertManyAudited(
    trx,
    actor,
    'ledger_version',
    rows.map((row) => versionRowOf(row, actor, 'create', null)),
    'ledger_version.create',
  );
  return rows.map((row) => row.id);
}

function entryRowOf(
  { body, state, dueOn }: CheckedEntry,
  actor: Actor,
  now: string,
): NewRow<'ledger_entry'> {
  return {
    id: newId(),
    region_code: body.regionCode,
    kind: body.kind,
    title: state.title,
    amount: state.amount,
    occurred_on: state.occurredOn,
    period: state.occurredOn.slice(0, 7),
    stage: state.stage,
    status: 'active',
    version: 1,
    fields: JSON.stringify(state.fields),
    attachments: JSON.stringify(state.attachments),
    decision_id: state.decisionId,
    review_status: 'none',
    review_note: null,
    override_reason: null,
    override_by: null,
    override_at: null,
    void_reason: null,
    disclosure_due_on: dueOn,
    disclosed_version: null,
    search_text: searchTextOf(state.title, body.kind, state.fields),
    created_at: now,
    created_by: actor.id,
    updated_at: now,
  };
}

async function loadForWrite(
  db: Db,
  principal: Principal,
  id: string,
  expectedVersion?: number,
): Promise<Row<'ledger_entry'>> {
  const row = await findEntry(db, id);
  if (!row || !can(principal, 'ledger.read', row.region_code)) throw notFound('ledger entry');
  requirePermission(principal, 'ledger.write', row.region_code);
  if (row.status === 'voided') {
    throw new AppError('CONFLICT', 'voided', undefined, 'ledger.voided');
  }
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new AppError('CONFLICT', 'stale version', { version: row.version }, 'ledger.stale');
  }
  return row;
}

/**
 * Store a changed entry as its next version, in one transaction with the guard that no one
 * else wrote meanwhile. When the entry was public and the change is a correction, the
 * correction is published at once (unless the county's town review comes first).
 */
async function saveVersion(
  db: Db,
  actor: Actor,
  row: Row<'ledger_entry'>,
  next: EntrySnapshot,
  change: { action: string; reason: string | null; eventDate: string; correction: boolean },
  extra: Partial<Row<'ledger_entry'>> = {},
): Promise<void> {
  const kind = row.kind as LedgerKind;
  const policy = (await policyLookup(db, row.region_code))(next.occurredOn);
  const now = new Date().toISOString();
  const wasPublic = row.disclosed_version !== null;
  let dueOn = row.disclosure_due_on;
  let republish = false;
  if (wasPublic && change.action === 'void') republish = true;
  else if (wasPublic && dueOn === null) {
    if (change.correction && !policy.townReviewRequired) republish = true;
    else if (change.correction) dueOn = await workingDaysAfter(db, localDate(new Date()), 5);
    else dueOn = await dueDateFor(db, row.region_code, kind, next.amount, change.eventDate, policy);
  }
  await transact(db, async (trx) => {
    const current = await trx
      .selectFrom('ledger_entry')
      .select('version')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    if (current.version !== row.version) {
      throw new AppError('CONFLICT', 'stale version', undefined, 'ledger.stale');
    }
    const updated = await updateAudited(
      trx,
      actor,
      'ledger_entry',
      row.id,
      {
        title: next.title,
        amount: next.amount,
        occurred_on: next.occurredOn,
        period: next.occurredOn.slice(0, 7),
        stage: next.stage,
        status: next.status,
        version: row.version + 1,
        fields: JSON.stringify(next.fields),
        attachments: JSON.stringify(next.attachments),
        decision_id: next.decisionId,
        void_reason: next.voidReason ?? null,
        review_status: 'none',
        review_note: null,
        disclosure_due_on: dueOn,
        search_text: searchTextOf(next.title, kind, next.fields),
        updated_at: now,
        ...extra,
      },
      `ledger_entry.${change.action}`,
    );
    await writeVersion(trx, actor, updated, change.action, change.reason);
    if (republish) {
      const published = await publishEntry(trx, actor, updated, null, change.reason);
      await updateAudited(trx, actor, 'ledger_entry', row.id, {
        disclosed_version: published.version,
      });
    }
  });
}

/**
 * Correct an entry: a new version with a reason. `fields` is merged over the stored fields
 * and the whole entry is checked again, so a correction cannot break an earlier rule.
 */
export async function amendEntry(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: AmendLedgerBody,
): Promise<LedgerEntryDto> {
  const row = await loadForWrite(db, principal, id, body.expectedVersion);
  const kind = row.kind as LedgerKind;
  const before = snapshotOf(row);
  const parsed = parseFields(kind, {
    ...before.fields,
    ...unmaskWorkers(kind, before.fields, body.fields ?? {}),
  });
  if (!parsed.fields) throw problemsError(parsed.problems);
  const next: EntrySnapshot = {
    ...before,
    title: body.title ?? before.title,
    amount: body.amount ?? before.amount,
    occurredOn: body.occurredOn ?? before.occurredOn,
    decisionId: body.decisionId === undefined ? before.decisionId : body.decisionId,
    attachments: body.attachments ?? before.attachments,
    fields: parsed.fields,
  };
  if (diffValues(before, next).length === 0) {
    throw new AppError('BAD_REQUEST', 'nothing changed', undefined, 'ledger.noChange');
  }
  await checkEntryState(db, row.region_code, kind, next, row.override_at !== null);
  await saveVersion(db, actor, row, next, {
    action: 'amend',
    reason: body.reason,
    eventDate: localDate(new Date()),
    correction: true,
  });
  return getEntry(db, principal, id);
}

/** The field a stage action fills in, or the list an action appends to. */
const ACTION_FIELD: Record<LedgerAction, { field: string } | { list: string }> = {
  trade: { field: 'trade' },
  contract: { field: 'contract' },
  startWorks: { field: 'works' },
  settle: { field: 'settlement' },
  priceAudit: { field: 'priceAudit' },
  accept: { list: 'acceptances' },
  pay: { list: 'payments' },
  addWorker: { list: 'workers' },
  confirmWork: { list: 'confirmations' },
  approve: { list: 'approvals' },
  payRent: { list: 'rentPayments' },
};

/** Apply an action to the kind's fields: the field a stage fills, or a list it extends. */
function applyAction(fields: Json, body: LedgerActionBody): Json {
  const { action, expectedVersion: _version, ...data } = body;
  const target = ACTION_FIELD[action];
  const next =
    'field' in target
      ? { ...fields, [target.field]: data }
      : {
          ...fields,
          [target.list]: [...((fields[target.list] as Json[] | undefined) ?? []), data],
        };
  // Drop undefined optional values so that the stored JSON and its diff stay minimal.
  return JSON.parse(JSON.stringify(next)) as Json;
}

function actionDate(body: LedgerActionBody): string {
  return 'on' in body ? body.on : localDate(new Date());
}

/**
 * Take the entry's next step — a stage, a payment, a work confirmation, an approval. The
 * step must be one the entry allows now, and the entry it produces must keep every rule:
 * e.g. a payment before the contract, or a contract above the tier without a passed
 * resolution, is refused with the reason.
 */
export async function actOnEntry(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: LedgerActionBody,
): Promise<LedgerEntryDto> {
  const row = await loadForWrite(db, principal, id, body.expectedVersion);
  const kind = row.kind as LedgerKind;
  const before = snapshotOf(row);
  if (!allowedActions(kind, before.stage, before.fields).includes(body.action)) {
    throw new AppError(
      'CONFLICT',
      `${body.action} not allowed in ${before.stage}`,
      { action: body.action, stage: before.stage },
      'ledger.actionNotAllowed',
    );
  }
  const parsed = parseFields(kind, applyAction(before.fields, body));
  if (!parsed.fields) throw problemsError(parsed.problems.map(toActionField));
  const next: EntrySnapshot = {
    ...before,
    fields: parsed.fields,
    stage: stageAfter(kind, before.stage, body.action, parsed.fields),
  };
  try {
    await checkEntryState(db, row.region_code, kind, next, row.override_at !== null);
  } catch (error) {
    if (error instanceof AppError && error.details?.fields) {
      throw problemsError(
        error.details.fields.map((f) => toActionField({ field: f.field, messageKey: f.key ?? '' })),
      );
    }
    throw error;
  }
  await saveVersion(db, actor, row, next, {
    action: body.action,
    reason: null,
    eventDate: actionDate(body),
    correction: false,
  });
  return getEntry(db, principal, id);
}

/** A problem on a list item the action appended (`fields.payments.3.on`) names the form's field. */
function toActionField(p: Problem): Problem {
  const match =
    /^fields\.(?:[a-zA-Z]+\.\d+|trade|contract|works|settlement|priceAudit)\.(.+)$/.exec(p.field);
  return match?.[1] ? { field: match[1], messageKey: p.messageKey } : p;
}

/** Void an entry, with a reason; a public entry shows as voided at once. */
export async function voidEntry(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  reason: string,
): Promise<LedgerEntryDto> {
  const row = await loadForWrite(db, principal, id);
  const next: EntrySnapshot = { ...snapshotOf(row), status: 'voided', voidReason: reason };
  await saveVersion(
    db,
    actor,
    row,
    next,
    { action: 'void', reason, eventDate: localDate(new Date()), correction: true },
    { disclosure_due_on: null },
  );
  return getEntry(db, principal, id);
}

/**
 * Let an entry above the county's tier reach 合同 without a passed resolution. Only a town
 * officer may, with a reason; the override is audited and listed for supervision.
 */
export async function overrideResolution(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  reason: string,
): Promise<LedgerEntryDto> {
  const row = await findEntry(db, id);
  if (!row || !can(principal, 'ledger.read', row.region_code)) throw notFound('ledger entry');
  requirePermission(principal, 'ledger.override', row.region_code);
  if (row.status === 'voided') throw new AppError('CONFLICT', 'voided', undefined, 'ledger.voided');
  const now = new Date().toISOString();
  await transact(db, async (trx) => {
    const updated = await updateAudited(
      trx,
      actor,
      'ledger_entry',
      id,
      {
        override_reason: reason,
        override_by: actor.name,
        override_at: now,
        version: row.version + 1,
        updated_at: now,
      },
      'ledger_entry.override',
    );
    await writeVersion(trx, actor, updated, 'override', reason);
  });
  return getEntry(db, principal, id);
}

/** Send the current version to the town for review (where the county requires it). */
export async function submitForReview(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  expectedVersion: number,
): Promise<LedgerEntryDto> {
  const row = await loadForWrite(db, principal, id, expectedVersion);
  if (row.review_status === 'pending' || row.review_status === 'approved') {
    throw new AppError('CONFLICT', 'already submitted', undefined, 'ledger.alreadySubmitted');
  }
  await transact(db, (trx) =>
    updateAudited(
      trx,
      actor,
      'ledger_entry',
      id,
      { review_status: 'pending', review_note: null },
      'ledger_entry.submit',
    ),
  );
  return getEntry(db, principal, id);
}

/** The town approves the submitted version for disclosure, or returns it with a note. */
export async function reviewEntry(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: { expectedVersion: number; approve: boolean; note?: string | undefined },
): Promise<LedgerEntryDto> {
  const row = await findEntry(db, id);
  if (!row || !can(principal, 'ledger.read', row.region_code)) throw notFound('ledger entry');
  requirePermission(principal, 'ledger.review', row.region_code);
  if (row.version !== body.expectedVersion) {
    throw new AppError('CONFLICT', 'stale version', undefined, 'ledger.stale');
  }
  if (row.review_status !== 'pending') {
    throw new AppError('CONFLICT', 'not submitted', undefined, 'ledger.notSubmitted');
  }
  if (!body.approve && !body.note) throw fieldError('note', 'a note is required', 'required');
  await transact(db, (trx) =>
    updateAudited(
      trx,
      actor,
      'ledger_entry',
      id,
      { review_status: body.approve ? 'approved' : 'returned', review_note: body.note ?? null },
      body.approve ? 'ledger_entry.approve' : 'ledger_entry.return',
    ),
  );
  return getEntry(db, principal, id);
}

/** Publish an entry's redacted snapshot in the caller's transaction. */
export async function publishEntry(
  trx: Trx,
  actor: Actor,
  row: Row<'ledger_entry'>,
  dueOn: string | null,
  reason: string | null,
  publishedAt = new Date().toISOString(),
) {
  const kind = row.kind as LedgerKind;
  const snapshot = snapshotOf(row);
  const redacted = redactFields(kind, snapshot.fields);
  let decision = null;
  if (row.decision_id) {
    const d = await findDecision(trx, row.decision_id);
    if (d) decision = redactDecision(d, await meetingsOf(trx, d.id));
  }
  return publishSnapshot(trx, actor, {
    subjectType: 'ledger',
    subjectId: row.id,
    regionCode: row.region_code,
    kind,
    title: row.title,
    amount: row.amount,
    occurredOn: row.occurred_on,
    stage: row.stage,
    voided: row.status === 'voided',
    version: row.version,
    snapshot: {
      title: row.title,
      amount: row.amount,
      occurredOn: row.occurred_on,
      stage: row.stage,
      status: row.status,
      ...(row.void_reason ? { voidReason: row.void_reason } : {}),
      fields: redacted,
      attachments: publicAttachments(snapshot.attachments),
      decision,
      override: row.override_at ? { reason: row.override_reason, at: row.override_at } : null,
    },
    searchText: publicSearchTextOf(row.title, kind, redacted),
    reason,
    dueOn,
    publishedAt,
  });
}

/**
 * Publish the current version (公开): a redacted snapshot, not the live row. Where the
 * county requires it, the town must have approved this version first. Attachments marked
 * public become readable by anyone.
 */
export async function discloseEntry(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  expectedVersion: number,
): Promise<LedgerEntryDto> {
  const row = await loadForWrite(db, principal, id, expectedVersion);
  const policy = (await policyLookup(db, row.region_code))(row.occurred_on);
  if (policy.townReviewRequired && row.review_status !== 'approved') {
    throw new AppError('CONFLICT', 'review first', undefined, 'ledger.reviewRequired');
  }
  const latest = await latestOfSubject(db, id);
  if (latest && latest.version >= row.version) {
    throw new AppError('CONFLICT', 'already public', undefined, 'ledger.alreadyDisclosed');
  }
  const attachments = JSON.parse(row.attachments) as Attachment[];
  await transact(db, async (trx) => {
    for (const a of publicAttachments(attachments)) {
      const file = await trx
        .selectFrom('file')
        .select('is_public')
        .where('id', '=', a.fileId)
        .executeTakeFirst();
      if (file && file.is_public !== 1) {
        await updateAudited(trx, actor, 'file', a.fileId, { is_public: 1 }, 'file.publish');
      }
    }
    await publishEntry(trx, actor, row, row.disclosure_due_on, null);
    await updateAudited(
      trx,
      actor,
      'ledger_entry',
      id,
      { disclosed_version: row.version, disclosure_due_on: null },
      'ledger_entry.disclose',
    );
  });
  return getEntry(db, principal, id);
}

/** An entry with its versions and the diff each made, for staff who may read its village. */
export async function getEntry(
  db: Db,
  principal: Principal | null,
  id: string,
): Promise<LedgerEntryDto> {
  const row = await findEntry(db, id);
  if (!row || !can(principal, 'ledger.read', row.region_code)) throw notFound('ledger entry');
  const kind = row.kind as LedgerKind;
  const versions = await entryVersions(db, id);
  const names = await regionNames(db, [row.region_code]);
  const policy = (await policyLookup(db, row.region_code))(row.occurred_on);
  const snapshot = snapshotOf(row);
  const writable = row.status === 'active' && can(principal, 'ledger.write', row.region_code);
  const sensitive = can(principal, 'user.readSensitive', row.region_code);
  let previous: unknown = {};
  return {
    ...toListItem(row, names),
    fields: sensitive ? snapshot.fields : maskWorkers(kind, snapshot.fields),
    decisionId: row.decision_id,
    attachments: snapshot.attachments,
    reviewNote: row.review_note,
    voidReason: row.void_reason,
    override:
      row.override_at && row.override_reason && row.override_by
        ? { reason: row.override_reason, by: row.override_by, at: row.override_at }
        : null,
    rules: {
      worksMethod: kind === 'project' ? worksMethod(policy, row.amount) : null,
      procurementMethod: kind === 'procurement' ? procurementMethod(policy, row.amount) : null,
      needsResolution:
        (kind === 'project' || kind === 'procurement') && needsResolution(policy, row.amount),
      disclosedAtOnce: disclosedAtOnce(policy, row.amount),
      reviewRequired: policy.townReviewRequired,
    },
    allowedActions: writable ? allowedActions(kind, snapshot.stage, snapshot.fields) : [],
    versions: versions.map((v) => {
      const current = JSON.parse(v.snapshot) as unknown;
      const changes = v.version === 1 ? [] : diffValues(previous, current);
      previous = current;
      return {
        version: v.version,
        action: v.action,
        reason: v.reason,
        at: v.created_at,
        actorName: v.actor_name,
        changes,
      };
    }),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/**
 * Workers' ID numbers and phones, for staff who may not read sensitive data: the first and
 * last characters only (the entry itself keeps them whole).
 */
function maskWorkers(kind: LedgerKind, fields: Json): Json {
  if (kind !== 'labour') return fields;
  const workers = (fields.workers as { idNumber?: string; phone?: string }[] | undefined) ?? [];
  return {
    ...fields,
    workers: workers.map((w) => ({
      ...w,
      ...(w.idNumber
        ? { idNumber: `${w.idNumber.slice(0, 6)}********${w.idNumber.slice(-4)}` }
        : {}),
      ...(w.phone ? { phone: `${w.phone.slice(0, 3)}****${w.phone.slice(-4)}` } : {}),
    })),
  };
}

/** A correction sent back with masked ID numbers or phones keeps the stored ones. */
function unmaskWorkers(kind: LedgerKind, stored: Json, incoming: Json): Json {
  if (kind !== 'labour' || !Array.isArray(incoming.workers)) return incoming;
  const masked = maskWorkers(kind, stored).workers as { idNumber?: string; phone?: string }[];
  const original = (stored.workers as { idNumber?: string; phone?: string }[] | undefined) ?? [];
  return {
    ...incoming,
    workers: (incoming.workers as { idNumber?: string; phone?: string }[]).map((w, i) => ({
      ...w,
      ...(w.idNumber && w.idNumber === masked[i]?.idNumber
        ? { idNumber: original[i]?.idNumber }
        : {}),
      ...(w.phone && w.phone === masked[i]?.phone ? { phone: original[i]?.phone } : {}),
    })),
  };
}

function filterOf(query: LedgerListQuery): LedgerFilter {
  const { page: _page, pageSize: _size, ...rest } = query;
  return { ...rest, today: localDate(new Date()) };
}

/** Entries under a region the caller may read, newest first. */
export async function listLedger(db: Db, principal: Principal, query: LedgerListQuery) {
  requirePermission(principal, 'ledger.read', query.regionCode);
  const scope = scopeOf(principal, 'ledger.read');
  const { rows, total } = await listEntries(db, scope, filterOf(query), {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const names = await regionNames(
    db,
    rows.map((r) => r.region_code),
  );
  return {
    items: rows.map((r) => toListItem(r, names)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** At most this many rows go into one export. */
export const EXPORT_LIMIT = 100_000;

/** Every entry matching the list's filter, for an xlsx export. */
export async function exportLedger(
  db: Db,
  principal: Principal,
  query: LedgerListQuery,
): Promise<LedgerListItem[]> {
  requirePermission(principal, 'ledger.read', query.regionCode);
  const rows = await allEntries(
    db,
    scopeOf(principal, 'ledger.read'),
    filterOf(query),
    EXPORT_LIMIT,
  );
  const names = await regionNames(db, [...new Set(rows.map((r) => r.region_code))]);
  return rows.map((r) => toListItem(r, names));
}

export type { LedgerAction };
