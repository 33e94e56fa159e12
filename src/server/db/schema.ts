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

export interface JobRunTable {
  id: Generated<number>;
  name: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  message: string | null;
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
  ledger_entry: LedgerEntryTable;
  ledger_version: LedgerVersionTable;
  decision: DecisionTable;
  decision_meeting: DecisionMeetingTable;
  disclosure: DisclosureTable;
  disclosure_catalogue: DisclosureCatalogueTable;
  job_run: JobRunTable;
}

/** A database handle or an open transaction: every query function takes one first. */
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export type TableName = keyof Database;
export type Row<T extends TableName> = Selectable<Database[T]>;
export type NewRow<T extends TableName> = Insertable<Database[T]>;
export type RowPatch<T extends TableName> = Updateable<Database[T]>;
