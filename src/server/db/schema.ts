import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

/**
 * Table types shared by SQLite and PostgreSQL. Columns use only text, integer and null so
 * that a row reads back identically on both dialects: times are ISO-8601 UTC strings
 * (`2026-11-26T08:00:00.000Z`), money is integer fen, flags are 0/1.
 */
export interface RegionTable {
  code: string;
  parent_code: string | null;
  name: string;
  level: string;
  kind: string | null;
  sort: number;
}

export interface UnitTable {
  id: string;
  region_code: string;
  name: string;
  kind: string;
  credit_code: string | null;
  status: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  mobile: string | null;
  display_name: string;
  password_hash: string;
  unit_id: string | null;
  region_code: string;
  status: string;
  locale: string;
  failed_logins: number;
  locked_until: string | null;
  must_change_password: number;
  password_changed_at: string;
  totp_secret: string | null;
  totp_enabled: number;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  region_code: string;
  created_at: string;
  created_by: string | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditEventTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string;
  region_code: string | null;
  data: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointTable {
  size: number;
  root: string;
  at: string;
  algorithm: string;
  key_id: string;
  signature: string;
}

export interface FileTable {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  region_code: string;
  is_public: number;
  uploaded_by: string | null;
  created_at: string;
}

export interface CalendarDayTable {
  date: string;
  kind: string;
  name: string | null;
  created_at: string;
  created_by: string | null;
}

/** A year whose official holiday schedule admins have entered in full. */
export interface CalendarYearTable {
  year: string;
  published_at: string;
  published_by: string | null;
}

/** A version of a county's spending rules (JSON of CountyPolicy), in force from a date. */
export interface CountyPolicyTable {
  id: string;
  region_code: string;
  effective_from: string;
  policy: string;
  reason: string;
  created_at: string;
  created_by: string | null;
}

/** A version of a town's supervision catalogue (JSON of Catalogue), used from a date. */
export interface SupervisionCatalogueTable {
  id: string;
  region_code: string;
  version: number;
  effective_from: string;
  catalogue: string;
  reason: string;
  created_at: string;
  created_by: string | null;
}

/** 监察工作联络站: one per village. */
export interface LiaisonStationTable {
  id: string;
  region_code: string;
  name: string;
  established_on: string;
  created_at: string;
  created_by: string | null;
}

/** A station's head, officers and informants; `mobile` is personal data. */
export interface LiaisonMemberTable {
  id: string;
  station_id: string;
  region_code: string;
  role: string;
  name: string;
  mobile: string | null;
  user_id: string | null;
  active: number;
  joined_on: string;
  left_on: string | null;
  created_at: string;
}

/** A line of a station's duty log (值班日志): a duty day, a visit, a meeting. */
export interface LiaisonDutyTable {
  id: string;
  station_id: string;
  region_code: string;
  on_date: string;
  officer_name: string;
  kind: string;
  content: string;
  created_at: string;
  created_by: string | null;
}

/**
 * An inspection (监督检查) of one village against the catalogue version in force on its planned
 * day; `batch` groups the inspections planned together; `officers` is a JSON array of names.
 * Status: planned → submitted (signed, every item answered) → fed back (notice issued).
 */
export interface InspectionTable {
  id: string;
  batch: string;
  region_code: string;
  title: string;
  catalogue_version: number;
  planned_on: string;
  officers: string;
  status: string;
  signed_by: string | null;
  submitted_at: string | null;
  notice_id: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

/** One supervision point of an inspection: pass, problem or not applicable, with notes and photos. */
export interface InspectionItemTable {
  id: string;
  inspection_id: string;
  region_code: string;
  seq: number;
  point_code: string;
  category: string;
  result: string | null;
  note: string | null;
  photos: string;
  rectify_days: number | null;
  finding_id: string | null;
  answered_at: string | null;
  answered_by: string | null;
}

/** A numbered feedback notice (反馈意见书), e.g. 清纪联〔2026〕3号, one per inspection fed back. */
export interface FeedbackNoticeTable {
  id: string;
  town_code: string;
  region_code: string;
  year: number;
  seq: number;
  doc_no: string;
  inspection_id: string;
  issued_on: string;
  issuer: string;
  created_at: string;
  created_by: string | null;
}

/** The supervision side of a case of type 'finding' (same id as the case). */
export interface FindingTable {
  id: string;
  region_code: string;
  inspection_id: string;
  item_id: string;
  point_code: string;
  category: string;
  rectify_days: number;
  found_on: string;
  notice_id: string | null;
  fed_back_at: string | null;
  /** JSON array of file ids: the village's rectification evidence. */
  evidence: string;
  rectified_at: string | null;
  closed_at: string | null;
  /** 1 when closed out by the rectification deadline, 0 when late, null while open. */
  on_time: number | null;
}

/** The supervision side of a case of type 'warning' (same id as the case): a rule's hit. */
export interface WarningTable {
  id: string;
  region_code: string;
  rule: string;
  hit_key: string;
  severity: string;
  entry_ids: string;
  evidence: string;
  threshold: string;
  raised_at: string;
  cleared_at: string | null;
}

/**
 * The current state of a ledger entry (台账). Every change also writes a `ledger_version`
 * row with the whole entry as it became: the entry itself is never silently overwritten.
 * `fields` is the JSON of the kind's own fields (KIND_FIELDS), `attachments` a JSON array.
 */
export interface LedgerEntryTable {
  id: string;
  region_code: string;
  kind: string;
  title: string;
  amount: number;
  occurred_on: string;
  /** YYYY-MM of occurred_on. */
  period: string;
  stage: string;
  status: string;
  version: number;
  fields: string;
  attachments: string;
  decision_id: string | null;
  review_status: string;
  review_note: string | null;
  override_reason: string | null;
  override_by: string | null;
  override_at: string | null;
  void_reason: string | null;
  /** When a disclosure is waiting: the date it is due. */
  disclosure_due_on: string | null;
  disclosed_version: number | null;
  /** Lower-cased text searched by staff. */
  search_text: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface LedgerVersionTable {
  id: string;
  entry_id: string;
  version: number;
  region_code: string;
  action: string;
  reason: string | null;
  /** JSON of the entry as this version made it (title, amount, occurredOn, stage, fields …). */
  snapshot: string;
  created_at: string;
  created_by: string | null;
  actor_name: string;
}

export interface DecisionTable {
  id: string;
  region_code: string;
  title: string;
  content: string;
  amount: number;
  status: string;
  /** The last step passed or posted. */
  step: string | null;
  comment_from: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface DecisionMeetingTable {
  id: string;
  decision_id: string;
  region_code: string;
  step: string;
  held_on: string;
  form: string;
  expected: number;
  present: number;
  votes_for: number;
  votes_against: number;
  votes_abstain: number;
  content: string;
  /** JSON arrays. */
  attendees: string;
  officials: string;
  attachments: string;
  outcome: string;
  created_at: string;
  created_by: string | null;
}

/** A published, redacted snapshot of a ledger entry or a decision: what the public sees. */
export interface DisclosureTable {
  id: string;
  subject_type: string;
  subject_id: string;
  region_code: string;
  kind: string;
  title: string;
  amount: number;
  period: string;
  occurred_on: string;
  stage: string;
  voided: number;
  version: number;
  snapshot: string;
  search_text: string;
  reason: string | null;
  /** The due date this publication met or missed; null for republished amendments. */
  due_on: string | null;
  on_time: number | null;
  /** 1 on the newest snapshot of its subject. */
  is_latest: number;
  published_at: string;
  published_by: string | null;
}

/** A county's disclosure catalogue (JSON array of CatalogueItem). */
export interface DisclosureCatalogueTable {
  region_code: string;
  items: string;
  updated_at: string;
  updated_by: string | null;
}

/** A case (工单) of the closed loop; `status` and the lead unit follow case-machine.ts. */
export interface CaseTable {
  id: string;
  /** The tracking code a resident keeps (e.g. QF26-7K3M9P). */
  code: string;
  /** SHA-256 of the secret in the resident's link: only its holder may rate or dispute. */
  token_hash: string;
  type: string;
  category: string;
  region_code: string;
  status: string;
  title: string;
  description: string;
  address: string | null;
  /** JSON {lat, lng} or null. */
  location: string | null;
  /** JSON array of file ids. */
  photos: string;
  reporter_name: string | null;
  reporter_mobile: string | null;
  anonymous: number;
  channel: string;
  service_point_id: string | null;
  unit_id: string | null;
  co_unit_ids: string;
  extension: string | null;
  extension_days: number;
  escalation: number;
  reply: string | null;
  verified_by: string | null;
  rating: number | null;
  rating_comment: string | null;
  reopen_count: number;
  dispatched_at: string | null;
  signed_at: string | null;
  replied_at: string | null;
  closed_at: string | null;
  sign_due_at: string | null;
  handle_due_at: string | null;
  return_due_at: string | null;
  overdue: number;
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One step of a case's timeline: who, when, what; public steps show on the track page. */
export interface CaseEventTable {
  id: string;
  case_id: string;
  /** 1, 2, 3 … within the case: the order of its steps. */
  seq: number;
  region_code: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  role: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  public: number;
  data: string;
}

/** Working-day limits for a type and category under a region ('' category: every one). */
export interface CaseDeadlineTable {
  id: string;
  region_code: string;
  case_type: string;
  category: string;
  sign_days: number;
  handle_days: number;
  max_extension_days: number;
  return_days: number;
  updated_at: string;
  updated_by: string | null;
}

/** The unit responsible for a type and category under a region ('' category: every one). */
export interface CaseRouteTable {
  id: string;
  region_code: string;
  case_type: string;
  category: string;
  unit_id: string;
  updated_at: string;
  updated_by: string | null;
}

/** A message in a unit's in-app inbox. */
export interface NotificationTable {
  id: string;
  region_code: string | null;
  unit_id: string | null;
  case_id: string | null;
  kind: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

/**
 * An area a unit serves and may take matters of (接单/领办): a service point's villages, an
 * alliance's street. `case_types` is a JSON array of the case types it takes.
 */
export interface UnitAreaTable {
  id: string;
  unit_id: string;
  region_code: string;
  case_types: string;
  created_at: string;
  created_by: string | null;
}

/** Where a unit also wants its notifications: an e-mail address or a group robot's webhook. */
export interface NotifyChannelTable {
  id: string;
  unit_id: string;
  region_code: string;
  /** email | webhook (the format DingTalk and WeCom group robots accept). */
  kind: string;
  target: string;
  created_at: string;
  created_by: string | null;
}

/** A notification on its way out by e-mail or webhook; retried until sent or given up. */
export interface OutboundMessageTable {
  id: string;
  notification_id: string;
  region_code: string | null;
  channel_id: string;
  kind: string;
  target: string;
  subject: string;
  body: string;
  /** pending | sent | failed */
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
}

/**
 * A service point (党群微家, kind `service`) or legal studio (银采法官, kind `legal`): the
 * registry row of a unit of kind service_point or legal_studio. `area_codes` (the town or its
 * villages) and `case_types` (JSON arrays) are copied into `unit_area` for the case engine;
 * `standard` is the JSON of the "六有" checklist, `standard_met` 1 only when all six pass.
 */
export interface ServicePointTable {
  unit_id: string;
  region_code: string;
  kind: string;
  address: string;
  /** village_office | enterprise | party_group | school | other */
  host_type: string;
  host_name: string;
  area_codes: string;
  case_types: string;
  standard: string | null;
  standard_met: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  version: number;
}

/** Half a day (am | pm) on duty (值班) at a point; one person is never booked twice a half-day. */
export interface DutyShiftTable {
  id: string;
  unit_id: string;
  region_code: string;
  /** The point's town: double bookings are refused across the town's points. */
  town_code: string;
  person_name: string;
  user_id: string | null;
  date: string;
  half: string;
  created_at: string;
  created_by: string | null;
}

/** One entry of a point's service log (服务台账): what was done, for how many people. */
export interface ServiceLogTable {
  id: string;
  unit_id: string;
  region_code: string;
  date: string;
  kind: string;
  content: string;
  people_served: number;
  created_at: string;
  created_by: string | null;
}

/**
 * An alliance (西街管家) of units managing a street or area of a town: `region_code` is the
 * town, `area_codes` the town or villages it covers, `case_types` what its members take.
 */
export interface AllianceTable {
  id: string;
  region_code: string;
  name: string;
  area_description: string;
  area_codes: string;
  case_types: string;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  version: number;
}

/** A member unit of an alliance; `region_code` is the alliance's town. */
export interface AllianceMemberTable {
  id: string;
  alliance_id: string;
  unit_id: string;
  region_code: string;
  joined_at: string;
  created_by: string | null;
}

/** A stall (摊位) of an alliance's street, its holder and business licence. */
export interface StallTable {
  id: string;
  alliance_id: string;
  /** The alliance's town. */
  region_code: string;
  stall_no: string;
  holder_name: string;
  /** catering | retail | services | produce | other (业态) */
  business_type: string;
  licence_no: string;
  licence_valid_until: string;
  /** active | closed */
  status: string;
  /** The expiry date the members were last warned about (once per stall and date). */
  warned_for: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  version: number;
}

export interface JobRunTable {
  id: Generated<number>;
  name: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  message: string | null;
}

/** A running total (platform/tally): one region, month, metric and category. */
export interface TallyTable {
  region_code: string;
  month: string;
  metric: string;
  category: string;
  n: number;
  amount: number;
}

/** One pair of adjacent characters of a searchable row (platform/search). */
export interface SearchGramTable {
  source: string;
  gram: string;
  region_code: string;
  sort_key: string;
  doc_id: string;
}

/** The root of a complete, aligned subtree of the audit chain's Merkle tree. */
export interface MerkleNodeTable {
  level: number;
  idx: number;
  hash: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  qf_meta: MetaTable;
  region: RegionTable;
  unit: UnitTable;
  app_user: UserTable;
  role_grant: RoleGrantTable;
  user_session: SessionTable;
  audit_event: AuditEventTable;
  audit_checkpoint: AuditCheckpointTable;
  file: FileTable;
  calendar_day: CalendarDayTable;
  calendar_year: CalendarYearTable;
  county_policy: CountyPolicyTable;
  supervision_catalogue: SupervisionCatalogueTable;
  liaison_station: LiaisonStationTable;
  liaison_member: LiaisonMemberTable;
  liaison_duty: LiaisonDutyTable;
  inspection: InspectionTable;
  inspection_item: InspectionItemTable;
  feedback_notice: FeedbackNoticeTable;
  finding: FindingTable;
  warning: WarningTable;
  ledger_entry: LedgerEntryTable;
  ledger_version: LedgerVersionTable;
  decision: DecisionTable;
  decision_meeting: DecisionMeetingTable;
  disclosure: DisclosureTable;
  disclosure_catalogue: DisclosureCatalogueTable;
  cases: CaseTable;
  case_event: CaseEventTable;
  case_deadline: CaseDeadlineTable;
  case_route: CaseRouteTable;
  notification: NotificationTable;
  unit_area: UnitAreaTable;
  notify_channel: NotifyChannelTable;
  outbound_message: OutboundMessageTable;
  job_run: JobRunTable;
  service_point: ServicePointTable;
  duty_shift: DutyShiftTable;
  service_log: ServiceLogTable;
  alliance: AllianceTable;
  alliance_member: AllianceMemberTable;
  stall: StallTable;
  tally: TallyTable;
  search_gram: SearchGramTable;
  merkle_node: MerkleNodeTable;
}

/** A database handle or an open transaction: every query function takes one first. */
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export type TableName = keyof Database;
export type Row<T extends TableName> = Selectable<Database[T]>;
export type NewRow<T extends TableName> = Insertable<Database[T]>;
export type RowPatch<T extends TableName> = Updateable<Database[T]>;
