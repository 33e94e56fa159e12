import { localDate } from '../../../shared/calendar.js';
import {
  attendanceRatio,
  meetingOutcome,
  meetingProblems,
} from '../../../shared/decision-rules.js';
import { scrubText } from '../../../shared/redact.js';
import { regionLevel } from '../../../shared/region.js';
import {
  DECISION_STEPS,
  type DecisionDto,
  type DecisionListItem,
  type DecisionStatus,
  type DecisionStep,
  type MeetingDto,
  type NewDecisionBody,
  type NewMeetingBody,
} from '../../../shared/schemas/decision.js';
import type { Attachment } from '../../../shared/schemas/ledger.js';
import type { Db, Row, Trx } from '../../db/schema.js';
import { can, requirePermission, scopeOf, type Principal } from '../../platform/access/access.js';
import { insertAudited, transact, updateAudited, type Actor } from '../../platform/audit/audit.js';
import {
  AppError,
  fieldError,
  notFound,
  problemsError,
  type Problem,
} from '../../platform/errors.js';
import { dueDateFor, publishSnapshot } from '../disclosure/disclosure.service.js';
import { EXPORT_LIMIT, policyLookup } from '../ledger/ledger.service.js';
import { entriesOfDecision } from '../ledger/ledger.queries.js';
import { redactDecision } from '../ledger/ledger.snapshot.js';
import { findRegion, regionNames } from '../regions/regions.queries.js';
import {
  findDecision,
  listDecisions as listDecisionRows,
  meetingsOf,
} from './decisions.queries.js';
import { newId } from '../../platform/ids.js';

function toListItem(row: Row<'decision'>, names: Map<string, string>): DecisionListItem {
  return {
    id: row.id,
    regionCode: row.region_code,
    regionName: names.get(row.region_code) ?? row.region_code,
    title: row.title,
    amount: row.amount,
    status: row.status as DecisionStatus,
    step: (row.step as DecisionStep | null) ?? null,
    commentFrom: row.comment_from,
    updatedAt: row.updated_at,
  };
}

function toMeeting(m: Row<'decision_meeting'>): MeetingDto {
  return {
    id: m.id,
    step: m.step as DecisionStep,
    heldOn: m.held_on,
    form: m.form as MeetingDto['form'],
    expected: m.expected,
    present: m.present,
    votesFor: m.votes_for,
    votesAgainst: m.votes_against,
    votesAbstain: m.votes_abstain,
    content: m.content,
    attendees: JSON.parse(m.attendees) as string[],
    officials: JSON.parse(m.officials) as string[],
    attachments: JSON.parse(m.attachments) as Attachment[],
    outcome: m.outcome as MeetingDto['outcome'],
    ratio: attendanceRatio(m.expected === 0 ? { ...counts(m) } : counts(m)),
    createdAt: m.created_at,
  };
}

function counts(m: Row<'decision_meeting'>) {
  return {
    expected: m.expected,
    present: m.present,
    votesFor: m.votes_for,
    votesAgainst: m.votes_against,
    votesAbstain: m.votes_abstain,
  };
}

/** The step that may be recorded next: after the last one passed or posted. */
export function nextStepOf(row: Pick<Row<'decision'>, 'status' | 'step'>): DecisionStep | null {
  if (row.status === 'rejected' || row.status === 'completed') return null;
  const index = row.step ? DECISION_STEPS.indexOf(row.step as DecisionStep) + 1 : 0;
  return DECISION_STEPS[index] ?? null;
}

async function loadDecision(db: Db, principal: Principal | null, id: string) {
  const row = await findDecision(db, id);
  if (!row || !can(principal, 'ledger.read', row.region_code)) throw notFound('decision');
  return row;
}

export async function getDecision(
  db: Db,
  principal: Principal | null,
  id: string,
): Promise<DecisionDto> {
  const row = await loadDecision(db, principal, id);
  const names = await regionNames(db, [row.region_code]);
  const policy = (await policyLookup(db, row.region_code))(localDate(new Date()));
  return {
    ...toListItem(row, names),
    content: row.content,
    meetings: (await meetingsOf(db, id)).map(toMeeting),
    nextStep: nextStepOf(row),
    commentPeriodDays: policy.commentPeriodDays,
    entries: await entriesOfDecision(db, id),
    createdAt: row.created_at,
  };
}

export async function listDecisions(
  db: Db,
  principal: Principal,
  query: {
    regionCode: string;
    status?: DecisionStatus | undefined;
    page: number;
    pageSize: number;
  },
) {
  requirePermission(principal, 'ledger.read', query.regionCode);
  const { rows, total } = await listDecisionRows(db, scopeOf(principal, 'ledger.read'), query, {
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

/** Open a matter for the 四议两公开 procedure in a village. */
export async function createDecision(
  db: Db,
  principal: Principal,
  actor: Actor,
  body: NewDecisionBody,
): Promise<DecisionDto> {
  if (!(await findRegion(db, body.regionCode)))
    throw fieldError('regionCode', 'unknown region', 'region.unknown');
  if (regionLevel(body.regionCode) !== 'village')
    throw fieldError('regionCode', 'a village', 'ledger.notVillage');
  requirePermission(principal, 'ledger.write', body.regionCode);
  const now = new Date().toISOString();
  const id = newId();
  await transact(db, (trx) =>
    insertAudited(trx, actor, 'decision', {
      id,
      region_code: body.regionCode,
      title: body.title,
      content: body.content,
      amount: body.amount,
      status: 'in_progress',
      step: null,
      comment_from: null,
      created_at: now,
      created_by: actor.id,
      updated_at: now,
    }),
  );
  return getDecision(db, principal, id);
}

async function publishDecision(
  trx: Trx,
  actor: Actor,
  row: Row<'decision'>,
  reason: string,
  postedOn?: string,
) {
  const meetings = await meetingsOf(trx, row.id);
  const redacted = redactDecision(row, meetings);
  const policy = (await policyLookup(trx, row.region_code))(localDate(new Date()));
  const vote = meetings.find((m) => m.step === 'representatives' && m.outcome === 'passed');
  const dueOn =
    reason === 'resolutionDisclosure' && vote
      ? await dueDateFor(trx, row.region_code, 'decision', row.amount, vote.held_on, policy)
      : null;
  const version = await trx
    .selectFrom('disclosure')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject_id', '=', row.id)
    .executeTakeFirstOrThrow();
  await publishSnapshot(trx, actor, {
    subjectType: 'decision',
    subjectId: row.id,
    regionCode: row.region_code,
    kind: 'decision',
    title: row.title,
    amount: row.amount,
    occurredOn: meetings[0]?.held_on ?? localDate(new Date(row.created_at)),
    stage: row.step ?? 'proposal',
    voided: false,
    version: Number(version.n) + 1,
    snapshot: {
      ...redacted,
      content: scrubText(row.content),
      amount: row.amount,
      commentFrom: row.comment_from,
      entries: await entriesOfDecision(trx, row.id),
    },
    searchText: `${scrubText(row.title)} ${scrubText(row.content)}`.toLowerCase(),
    reason,
    dueOn,
    // A posting recorded after the day it went up on the notice board counts from that day.
    publishedAt:
      postedOn && postedOn < localDate(new Date())
        ? new Date(`${postedOn}T12:00:00+08:00`).toISOString()
        : new Date().toISOString(),
  });
}

/**
 * Open the public-comment period before the representatives vote (where the county has
 * one): the matter is published, and the vote may not come before the period ends.
 */
export async function openComment(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  from: string,
): Promise<DecisionDto> {
  const row = await loadDecision(db, principal, id);
  requirePermission(principal, 'ledger.write', row.region_code);
  const next = nextStepOf(row);
  if (row.comment_from || !next || DECISION_STEPS.indexOf(next) > 3) {
    throw new AppError(
      'CONFLICT',
      'comment period not possible now',
      undefined,
      'decision.commentNotNow',
    );
  }
  await transact(db, async (trx) => {
    const updated = await updateAudited(
      trx,
      actor,
      'decision',
      id,
      { comment_from: from, updated_at: new Date().toISOString() },
      'decision.comment',
    );
    await publishDecision(trx, actor, updated, 'comment');
  });
  return getDecision(db, principal, id);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Record the meeting of the next step. The quorum and passing rules decide its outcome:
 * a vote that fails rejects the matter; a meeting without quorum may be held again; the
 * representatives may not vote before the county's comment period has run. The two 公开
 * steps publish the decision.
 */
export async function recordMeeting(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: string,
  body: NewMeetingBody,
  today = localDate(new Date()),
): Promise<DecisionDto> {
  const row = await loadDecision(db, principal, id);
  requirePermission(principal, 'ledger.write', row.region_code);
  const next = nextStepOf(row);
  if (body.step !== next) {
    throw new AppError(
      'CONFLICT',
      `step ${body.step} is not next (${next ?? 'none'})`,
      { step: body.step, nextStep: next },
      'decision.stepOrder',
    );
  }
  const problems: Problem[] = meetingProblems(body.step, body).map((p) => ({
    field: p.field,
    messageKey: p.messageKey,
  }));
  const meetings = await meetingsOf(db, id);
  const last = meetings.at(-1);
  if (body.heldOn > today) problems.push({ field: 'heldOn', messageKey: 'meeting.future' });
  if (last && body.heldOn < last.held_on)
    problems.push({ field: 'heldOn', messageKey: 'meeting.beforePrevious' });
  if (body.step === 'representatives') {
    const policy = (await policyLookup(db, row.region_code))(body.heldOn);
    if (policy.commentPeriodDays > 0) {
      if (!row.comment_from || body.heldOn < addDays(row.comment_from, policy.commentPeriodDays))
        problems.push({ field: 'heldOn', messageKey: 'decision.commentPeriod' });
    }
  }
  if (problems.length > 0) throw problemsError(problems);
  const outcome = meetingOutcome(body.step, body);
  const now = new Date().toISOString();
  await transact(db, async (trx) => {
    await insertAudited(trx, actor, 'decision_meeting', {
      id: newId(),
      decision_id: id,
      region_code: row.region_code,
      step: body.step,
      held_on: body.heldOn,
      form: body.form,
      expected: body.expected,
      present: body.present,
      votes_for: body.votesFor,
      votes_against: body.votesAgainst,
      votes_abstain: body.votesAbstain,
      content: body.content,
      attendees: JSON.stringify(body.attendees),
      officials: JSON.stringify(body.officials),
      attachments: JSON.stringify(body.attachments),
      outcome,
      created_at: now,
      created_by: actor.id,
    });
    if (outcome === 'no_quorum') {
      await updateAudited(trx, actor, 'decision', id, { updated_at: now }, 'decision.noQuorum');
      return;
    }
    const status: DecisionStatus =
      outcome === 'rejected'
        ? 'rejected'
        : body.step === 'representatives'
          ? 'passed'
          : body.step === 'resultDisclosure'
            ? 'completed'
            : (row.status as DecisionStatus);
    const updated = await updateAudited(
      trx,
      actor,
      'decision',
      id,
      { step: outcome === 'rejected' ? row.step : body.step, status, updated_at: now },
      `decision.${body.step}`,
    );
    if (body.step === 'resolutionDisclosure' || body.step === 'resultDisclosure') {
      await publishDecision(trx, actor, updated, body.step, body.heldOn);
    }
  });
  return getDecision(db, principal, id);
}

/** Every decision matching the list's filter, for an xlsx export. */
export async function exportDecisions(
  db: Db,
  principal: Principal,
  query: { regionCode: string; status?: DecisionStatus | undefined },
): Promise<DecisionListItem[]> {
  return (await listDecisions(db, principal, { ...query, page: 1, pageSize: EXPORT_LIMIT })).items;
}
