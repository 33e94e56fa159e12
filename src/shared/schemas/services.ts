import { z } from 'zod';
import { CASE_TYPES } from '../case-machine.js';
import type { Locale } from '../messages.js';
import { Id, RegionCode } from './common.js';

/**
 * Service points (党群微家) and legal studios (银采法官), their duty roster (值班) and service
 * log; alliances (西街管家) with member units and a stall registry (摊位). Dates are local
 * dates YYYY-MM-DD; times ISO-8601 UTC.
 */

/** `service`: a 党群微家 point (unit kind service_point); `legal`: a legal studio (legal_studio). */
export const SERVICE_POINT_KINDS = ['service', 'legal'] as const;
export type ServicePointKind = (typeof SERVICE_POINT_KINDS)[number];

/** Who hosts the point: 村(社区)办公场所, 企业, 党小组, 学校, 其他. */
export const HOST_TYPES = [
  'village_office',
  'enterprise',
  'party_group',
  'school',
  'other',
] as const;
export type HostType = (typeof HOST_TYPES)[number];

/** The "六有" standard: 有场所, 有设施, 有标识, 有旗帜, 有书籍, 有制度. */
export const STANDARD_ITEMS = ['place', 'facilities', 'sign', 'flag', 'books', 'rules'] as const;
export type StandardItem = (typeof STANDARD_ITEMS)[number];

/** 达标 (all six pass), 未达标, 未评定 (no checklist recorded yet). */
export const STANDARD_STATUSES = ['met', 'notMet', 'unassessed'] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];

/** Half-days of the duty roster: 上午, 下午. A full day is two rows. */
export const DUTY_HALVES = ['am', 'pm'] as const;
export type DutyHalf = (typeof DUTY_HALVES)[number];

/** Kinds of service log entries: 接待, 咨询, 调解, 活动, 走访, 代办, 其他. */
export const SERVICE_LOG_KINDS = [
  'reception',
  'consultation',
  'mediation',
  'activity',
  'visit',
  'errand',
  'other',
] as const;

/** 业态: 餐饮, 零售, 服务, 农产品, 其他. */
export const BUSINESS_TYPES = ['catering', 'retail', 'services', 'produce', 'other'] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];
export const BUSINESS_TYPE_NAMES: Record<Locale, Record<BusinessType, string>> = {
  'zh-CN': { catering: '餐饮', retail: '零售', services: '服务', produce: '农产品', other: '其他' },
  'en-US': {
    catering: 'Catering',
    retail: 'Retail',
    services: 'Services',
    produce: 'Farm produce',
    other: 'Other',
  },
};
export const STALL_STATUSES = ['active', 'closed'] as const;

/** Case types a point or alliance takes when none are given. */
export const DEFAULT_POINT_CASE_TYPES = {
  service: ['request'],
  legal: ['consultation', 'dispute'],
} as const satisfies Record<ServicePointKind, readonly (typeof CASE_TYPES)[number][]>;
export const DEFAULT_ALLIANCE_CASE_TYPES = ['request', 'complaint'] as const;
/** The only types a legal studio takes. */
export const LEGAL_CASE_TYPES = ['consultation', 'dispute'] as const;

/** A licence warning is raised this many days before it expires. */
export const LICENCE_WARNING_DAYS = 30;

/** A real local date (2026-02-30 is refused), with a message naming the field. */
const LocalDate = (messageKey: string) => z.iso.date({ message: messageKey });
const Text = (min: number, max: number) => z.string().trim().min(min).max(max);
const CaseTypes = z
  .array(z.enum(CASE_TYPES, { message: 'services.caseType' }))
  .min(1, 'services.caseTypesEmpty')
  .max(CASE_TYPES.length);
const AreaCodes = z.array(RegionCode).min(1, 'services.areaEmpty').max(60);

export const StandardCheck = z.object({
  pass: z.boolean(),
  note: Text(1, 500).optional(),
  /** A photo (an image file of the point's village). */
  photoFileId: Id.optional(),
});
export type StandardCheck = z.infer<typeof StandardCheck>;
export const Standard = z.object({
  place: StandardCheck,
  facilities: StandardCheck,
  sign: StandardCheck,
  flag: StandardCheck,
  books: StandardCheck,
  rules: StandardCheck,
});
export type Standard = z.infer<typeof Standard>;

const Host = {
  hostType: z.enum(HOST_TYPES, { message: 'services.hostType' }),
  hostName: Text(1, 100),
};

/** Register a unit of kind service_point or legal_studio as a point. */
export const NewServicePointBody = z.object({
  unitId: Id,
  address: Text(1, 200),
  ...Host,
  /** The town or villages of the point's town it serves. */
  areaCodes: AreaCodes,
  /** Default: request for a service point, consultation and dispute for a legal studio. */
  caseTypes: CaseTypes.optional(),
  standard: Standard.optional(),
});
export type NewServicePointBody = z.infer<typeof NewServicePointBody>;

export const PatchServicePointBody = z.object({
  address: Text(1, 200).optional(),
  hostType: Host.hostType.optional(),
  hostName: Host.hostName.optional(),
  areaCodes: AreaCodes.optional(),
  caseTypes: CaseTypes.optional(),
  standard: Standard.optional(),
});
export type PatchServicePointBody = z.infer<typeof PatchServicePointBody>;

export const AreaDto = z.object({ regionCode: RegionCode, name: z.string() });

export const ServicePointDto = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.enum(SERVICE_POINT_KINDS),
  regionCode: RegionCode,
  regionName: z.string(),
  address: z.string(),
  hostType: z.enum(HOST_TYPES),
  hostName: z.string(),
  area: z.array(AreaDto),
  caseTypes: z.array(z.enum(CASE_TYPES)),
  standard: Standard.nullable(),
  standardStatus: z.enum(STANDARD_STATUSES),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ServicePointDto = z.infer<typeof ServicePointDto>;

export const ServicePointListQuery = z.object({
  regionCode: RegionCode,
  kind: z.enum(SERVICE_POINT_KINDS).optional(),
});
export const PointParams = z.object({ unitId: Id });

export const NewDutyShiftBody = z.object({
  date: LocalDate('duty.date'),
  half: z.enum(DUTY_HALVES, { message: 'duty.half' }),
  personName: Text(1, 40),
  /** The staff member's account, when they have one. */
  userId: Id.optional(),
});
export type NewDutyShiftBody = z.infer<typeof NewDutyShiftBody>;

export const DutyShiftDto = z.object({
  id: z.string(),
  unitId: z.string(),
  date: z.string(),
  half: z.enum(DUTY_HALVES),
  personName: z.string(),
  userId: z.string().nullable(),
});
export type DutyShiftDto = z.infer<typeof DutyShiftDto>;

export const ShiftParams = z.object({ id: Id });

/** A period of local dates; by default the coming weeks (duty) or the last months (log). */
export const DateRangeQuery = z.object({
  from: LocalDate('date.invalid').optional(),
  to: LocalDate('date.invalid').optional(),
});

export const NewServiceLogBody = z.object({
  date: LocalDate('serviceLog.date'),
  kind: z.enum(SERVICE_LOG_KINDS, { message: 'services.logKind' }),
  content: Text(2, 2000),
  peopleServed: z.number().int().min(0).max(100_000),
});
export type NewServiceLogBody = z.infer<typeof NewServiceLogBody>;

export const ServiceLogDto = z.object({
  id: z.string(),
  unitId: z.string(),
  date: z.string(),
  kind: z.enum(SERVICE_LOG_KINDS),
  content: z.string(),
  peopleServed: z.number().int(),
  createdAt: z.string(),
});

/** What residents see when they pick a point on the report form: no personal data but the names of officials on duty. */
export const PublicServicePoint = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.enum(SERVICE_POINT_KINDS),
  regionName: z.string(),
  address: z.string(),
  hostType: z.enum(HOST_TYPES),
  hostName: z.string(),
  areaNames: z.array(z.string()),
  caseTypes: z.array(z.enum(CASE_TYPES)),
  standardStatus: z.enum(STANDARD_STATUSES),
  /** Today's and the next 7 days' shifts. */
  duty: z.array(z.object({ date: z.string(), half: z.enum(DUTY_HALVES), personName: z.string() })),
});
export type PublicServicePoint = z.infer<typeof PublicServicePoint>;
export const PublicServicePointQuery = z.object({ regionCode: RegionCode });

export const NewAllianceBody = z.object({
  /** The town the alliance belongs to. */
  regionCode: RegionCode,
  name: Text(2, 100),
  /** The street or area, in words (e.g. 西街及农贸市场周边). */
  areaDescription: Text(2, 500),
  /** The town or villages of the town it covers. */
  areaCodes: AreaCodes,
  caseTypes: CaseTypes.optional(),
});
export type NewAllianceBody = z.infer<typeof NewAllianceBody>;

export const PatchAllianceBody = z.object({
  name: Text(2, 100).optional(),
  areaDescription: Text(2, 500).optional(),
  areaCodes: AreaCodes.optional(),
  caseTypes: CaseTypes.optional(),
});
export type PatchAllianceBody = z.infer<typeof PatchAllianceBody>;

export const AllianceMemberDto = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.string(),
  joinedAt: z.string(),
});

export const AllianceDto = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  name: z.string(),
  areaDescription: z.string(),
  area: z.array(AreaDto),
  caseTypes: z.array(z.enum(CASE_TYPES)),
  members: z.array(AllianceMemberDto),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AllianceDto = z.infer<typeof AllianceDto>;
export const AllianceListQuery = z.object({ regionCode: RegionCode });
export const AllianceParams = z.object({ id: Id });
export const MemberParams = z.object({ id: Id, unitId: Id });
export const NewMemberBody = z.object({ unitId: Id });

export const NewStallBody = z.object({
  stallNo: Text(1, 20),
  holderName: Text(1, 60),
  businessType: z.enum(BUSINESS_TYPES, { message: 'stall.businessType' }),
  licenceNo: Text(1, 60),
  licenceValidUntil: LocalDate('stall.licenceDate'),
  status: z.enum(STALL_STATUSES, { message: 'stall.status' }).default('active'),
});
export type NewStallBody = z.infer<typeof NewStallBody>;

export const PatchStallBody = z.object({
  stallNo: NewStallBody.shape.stallNo.optional(),
  holderName: NewStallBody.shape.holderName.optional(),
  businessType: NewStallBody.shape.businessType.optional(),
  licenceNo: NewStallBody.shape.licenceNo.optional(),
  licenceValidUntil: LocalDate('stall.licenceDate').optional(),
  status: z.enum(STALL_STATUSES, { message: 'stall.status' }).optional(),
});
export type PatchStallBody = z.infer<typeof PatchStallBody>;

export const StallDto = z.object({
  id: z.string(),
  allianceId: z.string(),
  stallNo: z.string(),
  holderName: z.string(),
  businessType: z.enum(BUSINESS_TYPES),
  licenceNo: z.string(),
  licenceValidUntil: z.string(),
  status: z.enum(STALL_STATUSES),
  /** ok, expiring (within 30 days) or expired, on today's date. */
  licenceState: z.enum(['ok', 'expiring', 'expired']),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type StallDto = z.infer<typeof StallDto>;
export const StallParams = z.object({ id: Id });

export const AllianceFigures = z.object({
  members: z.number().int(),
  stalls: z.number().int(),
  licencesExpiring: z.number().int(),
  licencesExpired: z.number().int(),
  cases: z.object({
    /** Cases of the alliance's types in its area (within the caller's scope). */
    total: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    takenByMembers: z.number().int(),
    closed: z.number().int(),
    closedOnTime: z.number().int(),
    /** 1–5, or null when nothing was rated. */
    averageRating: z.number().nullable(),
  }),
});
export type AllianceFigures = z.infer<typeof AllianceFigures>;
