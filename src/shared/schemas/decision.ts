import { z } from 'zod';
import { Id, pageOf, PageQuery, RegionCode } from './common.js';
import { Attachment, Fen, LocalDate } from './ledger.js';

/**
 * The village decision procedure 四议两公开: six steps in order, each with its meeting record.
 * 党支部提议 → 两委商议 → 党员大会审议 → 村民代表会议决议 → 决议公开 → 实施结果公开.
 */
export const DECISION_STEPS = [
  'proposal',
  'committees',
  'partyMembers',
  'representatives',
  'resolutionDisclosure',
  'resultDisclosure',
] as const;
export type DecisionStep = (typeof DECISION_STEPS)[number];
/** Steps decided by a vote; the two 公开 steps record a posting instead. */
export const VOTING_STEPS: readonly DecisionStep[] = [
  'proposal',
  'committees',
  'partyMembers',
  'representatives',
];

export const DECISION_STATUSES = ['in_progress', 'passed', 'rejected', 'completed'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
/** passed | rejected: the vote's result; no_quorum: too few present, the step may be held again. */
export const MEETING_OUTCOMES = ['passed', 'rejected', 'no_quorum', 'posted'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];
export const MEETING_FORMS = ['in_person', 'online', 'written', 'notice_board', 'app'] as const;

export const NewDecisionBody = z.object({
  regionCode: RegionCode,
  title: z.string().trim().min(2).max(200),
  content: z.string().trim().min(2).max(4000),
  /** The estimated amount of the matter, fen. */
  amount: Fen,
});
export type NewDecisionBody = z.infer<typeof NewDecisionBody>;

export const NewMeetingBody = z.object({
  step: z.enum(DECISION_STEPS),
  heldOn: LocalDate,
  form: z.enum(MEETING_FORMS),
  /** People entitled to attend (members, representatives); 0 for the two 公开 steps. */
  expected: z.number().int().min(0).max(10_000),
  present: z.number().int().min(0).max(10_000),
  votesFor: z.number().int().min(0).max(10_000).default(0),
  votesAgainst: z.number().int().min(0).max(10_000).default(0),
  votesAbstain: z.number().int().min(0).max(10_000).default(0),
  content: z.string().trim().min(2).max(4000),
  attendees: z.array(z.string().trim().min(1).max(40)).max(2000).default([]),
  /** 镇(街道)干部 present (包村干部, 驻村指导员). */
  officials: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  attachments: z.array(Attachment).max(20).default([]),
});
export type NewMeetingBody = z.infer<typeof NewMeetingBody>;

export const OpenCommentBody = z.object({ from: LocalDate });

export const MeetingDto = NewMeetingBody.extend({
  id: z.string(),
  outcome: z.enum(MEETING_OUTCOMES),
  /** present / expected, 0..1; null when nobody was expected. */
  ratio: z.number().nullable(),
  createdAt: z.string(),
});
export type MeetingDto = z.infer<typeof MeetingDto>;

export const DecisionListItem = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  title: z.string(),
  amount: z.number().int(),
  status: z.enum(DECISION_STATUSES),
  /** The last step passed or posted; null before the first. */
  step: z.enum(DECISION_STEPS).nullable(),
  commentFrom: z.string().nullable(),
  updatedAt: z.string(),
});
export type DecisionListItem = z.infer<typeof DecisionListItem>;

export const DecisionDto = DecisionListItem.extend({
  content: z.string(),
  meetings: z.array(MeetingDto),
  /** The step that may be recorded next, or null when the procedure is over. */
  nextStep: z.enum(DECISION_STEPS).nullable(),
  /** Days of public comment the county requires before the representatives vote. */
  commentPeriodDays: z.number().int(),
  /** Ledger entries this decision authorises. */
  entries: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string() })),
  createdAt: z.string(),
});
export type DecisionDto = z.infer<typeof DecisionDto>;

export const DecisionListQuery = PageQuery.extend({
  regionCode: RegionCode,
  status: z.enum(DECISION_STATUSES).optional(),
});
export const DecisionPage = pageOf(DecisionListItem);
export const DecisionIdParams = z.object({ id: Id });
