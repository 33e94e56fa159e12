import { z } from 'zod';
import {
  ALL_CASE_TYPES,
  CASE_COMMANDS,
  CASE_ROLES,
  CASE_STATUSES,
  CASE_TYPES,
} from '../case-machine.js';
import { Id, Mobile, pageOf, PageQuery, QueryFlag, RegionCode } from './common.js';

/** The case engine's API: residents file and track; staff dispatch, handle and close out. */
const Text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const Location = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

/** What a resident files, without an account. */
export const NewCaseBody = z
  .object({
    type: z.enum(CASE_TYPES),
    category: Text(1, 40),
    regionCode: RegionCode,
    description: Text(10, 2000),
    address: Text(1, 200).optional(),
    location: Location.optional(),
    photos: z.array(Id).max(9).default([]),
    reporterName: Text(1, 40).optional(),
    reporterMobile: z
      .string()
      .trim()
      .regex(/^1\d{10}$/, 'mobile.format')
      .optional(),
    /** Only a complaint may be anonymous; then name and mobile are dropped. */
    anonymous: z.boolean().default(false),
    servicePointId: Id.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.anonymous && body.type !== 'complaint') {
      ctx.addIssue({ code: 'custom', path: ['anonymous'], message: 'case.anonymousComplaintOnly' });
    }
    if (!body.anonymous && !body.reporterMobile) {
      ctx.addIssue({ code: 'custom', path: ['reporterMobile'], message: 'case.mobileRequired' });
    }
  });
export type NewCaseBody = z.infer<typeof NewCaseBody>;

export const FiledCase = z.object({
  code: z.string(),
  /** The secret of the resident's link: only its holder may rate or dispute. */
  token: z.string(),
  trackPath: z.string(),
});

export const TimelineItem = z.object({
  at: z.string(),
  action: z.string(),
  toStatus: z.enum(CASE_STATUSES),
  /** The unit or person acting, as the public may see it. */
  actor: z.string(),
  note: z.string().nullable(),
  public: z.boolean(),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

export const PublicCaseView = z.object({
  code: z.string(),
  type: z.enum(CASE_TYPES),
  category: z.string(),
  regionName: z.string(),
  status: z.enum(CASE_STATUSES),
  createdAt: z.string(),
  handleDueAt: z.string().nullable(),
  overdue: z.boolean(),
  escalation: z.number().int(),
  unitName: z.string().nullable(),
  reply: z.string().nullable(),
  rating: z.number().int().nullable(),
  timeline: z.array(TimelineItem),
  /** Whether the secret given is this case's; null when none was given. */
  tokenValid: z.boolean().nullable(),
  /** With the link's secret: what the resident may do now. */
  canRate: z.boolean(),
  canDispute: z.boolean(),
});
export type PublicCaseView = z.infer<typeof PublicCaseView>;

export const TokenQuery = z.object({ token: z.string().max(64).optional() });
export const RateBody = z.object({
  token: z.string().min(8).max(64),
  score: z.number().int().min(1).max(5),
  comment: Text(1, 500).optional(),
});
export const DisputeBody = z.object({
  token: z.string().min(8).max(64),
  reason: Text(5, 1000),
});

export const CaseListItem = z.object({
  id: z.string(),
  code: z.string(),
  type: z.enum(ALL_CASE_TYPES),
  category: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  status: z.enum(CASE_STATUSES),
  title: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  escalation: z.number().int(),
  /** 0 on time, 1 sign-for limit missed, 2 handling limit missed. */
  overdue: z.number().int(),
  signDueAt: z.string().nullable(),
  handleDueAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

export const CaseDto = CaseListItem.extend({
  description: z.string(),
  address: z.string().nullable(),
  location: Location.nullable(),
  photos: z.array(z.string()),
  channel: z.string(),
  anonymous: z.boolean(),
  reporterName: z.string().nullable(),
  /** Masked (138****5678) unless the caller may read sensitive data. */
  reporterMobile: z.string().nullable(),
  coUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  extension: z.object({ days: z.number().int(), reason: z.string() }).nullable(),
  extensionDays: z.number().int(),
  returnDueAt: z.string().nullable(),
  reply: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  reopenCount: z.number().int(),
  timeline: z.array(TimelineItem),
  /** The caller's roles on this case and the commands they may give now. */
  roles: z.array(z.enum(CASE_ROLES)),
  allowedCommands: z.array(z.enum(CASE_COMMANDS)),
});
export type CaseDto = z.infer<typeof CaseDto>;

export const CaseListQuery = PageQuery.extend({
  regionCode: RegionCode.optional(),
  /** Only cases my unit holds or co-handles. */
  mine: QueryFlag.optional(),
  /** Only cases a given unit holds (within the caller's region scope). */
  unitId: Id.optional(),
  status: z.enum(CASE_STATUSES).optional(),
  type: z.enum(ALL_CASE_TYPES).optional(),
  /** Open cases only (not closed). */
  open: QueryFlag.optional(),
  overdue: QueryFlag.optional(),
  q: z.string().trim().max(50).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;
export const CasePage = pageOf(CaseListItem);

const Versioned = { expectedVersion: z.number().int().min(1) };
export const CaseCommandBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('dispatch'),
    ...Versioned,
    unitId: Id,
    coUnitIds: z.array(Id).max(10).default([]),
  }),
  z.object({ type: z.literal('take'), ...Versioned }),
  z.object({ type: z.literal('sign'), ...Versioned }),
  z.object({ type: z.literal('return'), ...Versioned, reason: Text(2, 500) }),
  z.object({ type: z.literal('start'), ...Versioned }),
  z.object({
    type: z.literal('requestExtension'),
    ...Versioned,
    days: z.number().int().min(1).max(60),
    reason: Text(2, 500),
  }),
  z.object({ type: z.literal('grantExtension'), ...Versioned }),
  z.object({ type: z.literal('refuseExtension'), ...Versioned, reason: Text(2, 500) }),
  z.object({ type: z.literal('reply'), ...Versioned, text: Text(2, 2000) }),
  z.object({ type: z.literal('verify'), ...Versioned }),
  z.object({ type: z.literal('rejectReply'), ...Versioned, reason: Text(2, 500) }),
  z.object({ type: z.literal('close'), ...Versioned }),
  z.object({ type: z.literal('reopen'), ...Versioned, reason: Text(2, 500) }),
  z.object({ type: z.literal('escalate'), ...Versioned, reason: Text(2, 500) }),
  z.object({ type: z.literal('note'), ...Versioned, text: Text(1, 2000) }),
]);
export type CaseCommandBody = z.infer<typeof CaseCommandBody>;

export const BulkDispatchBody = z.object({
  ids: z.array(Id).min(1).max(200),
  unitId: Id,
  coUnitIds: z.array(Id).max(10).default([]),
});
export const BulkDispatchResult = z.object({
  dispatched: z.array(z.string()),
  refused: z.array(z.object({ id: z.string(), message: z.string() })),
});

export const DeadlineRow = z.object({
  id: z.string(),
  regionCode: RegionCode,
  caseType: z.enum(CASE_TYPES),
  /** '' applies to every category of the type. */
  category: z.string(),
  signDays: z.number().int().min(0).max(60),
  handleDays: z.number().int().min(1).max(180),
  maxExtensionDays: z.number().int().min(0).max(180),
  returnDays: z.number().int().min(0).max(30),
});
export const PutDeadlineBody = DeadlineRow.omit({ id: true });
export const RouteRow = z.object({
  id: z.string(),
  regionCode: RegionCode,
  caseType: z.enum(CASE_TYPES),
  category: z.string(),
  unitId: Id,
  unitName: z.string(),
});
export const PutRouteBody = RouteRow.omit({ id: true, unitName: true });
export const RegionQuery = z.object({ regionCode: RegionCode });

export const NotificationDto = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  caseId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export { Mobile };
