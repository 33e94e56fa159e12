import { addWorkingDays, localDate, workingDaysBetween } from '../../../shared/calendar.js';
import { disclosureDueOn } from '../../../shared/disclosure-due.js';
import { diffValues } from '../../../shared/diff.js';
import { storedRanges } from '../../platform/audit/merkle-store.js';
import { countyOf, disclosedAtOnce, type CountyPolicy } from '../../../shared/policy.js';
import { regionLevel } from '../../../shared/region.js';
import type {
  CatalogueDto,
  CatalogueItem,
  ChainPlace,
  DisclosureStatus,
  DisclosureSubject,
  PublicEntryDetail,
  PublicEntrySummary,
} from '../../../shared/schemas/disclosure.js';
import type { LedgerKind } from '../../../shared/schemas/ledger.js';
import { inclusionProofOver, toHex } from '../../../shared/merkle.js';
import type { Db, Row, Trx } from '../../db/schema.js';
import { requirePermission, scopeOf, type Principal } from '../../platform/access/access.js';
import {
  hashAlgorithmOf,
  insertAudited,
  transact,
  updateAudited,
  type Actor,
} from '../../platform/audit/audit.js';
import { latestCheckpoint } from '../../platform/audit/audit.queries.js';
import { cachedRead } from '../../platform/cache/read-cache.js';
import { workingCalendar } from '../../platform/calendar/calendar.service.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { findRegion, regionNames } from '../regions/regions.queries.js';
import {
  disclosureEvent,
  findCatalogue,
  latestOfSubject,
  listPublic,
  type PublicQuery,
  publicPeriods,
  snapshotsOfSubject,
  statusCounts,
  overdueEntries,
} from './disclosure.queries.js';
import { newId } from '../../platform/ids.js';

/** The platform's catalogue where a county has not set its own (村委会组织法 §30). */
export const DEFAULT_CATALOGUE: readonly CatalogueItem[] = Object.freeze([
  {
    subject: 'decision',
    title: '四议两公开决议',
    cadence: 'immediate',
    withinWorkingDays: 5,
    discloser: '村民委员会',
    basis: '《村民委员会组织法》第三十条',
  },
  {
    subject: 'project',
    title: '村级工程项目',
    cadence: 'perStage',
    withinWorkingDays: 5,
    discloser: '村民委员会',
    basis: '村级小微权力清单',
  },
  {
    subject: 'procurement',
    title: '村级采购',
    cadence: 'monthly',
    withinWorkingDays: 5,
    discloser: '村民委员会',
    basis: '村级小微权力清单',
  },
  {
    subject: 'labour',
    title: '劳务用工',
    cadence: 'monthly',
    withinWorkingDays: 5,
    discloser: '村民委员会',
    basis: '村级小微权力清单',
  },
  {
    subject: 'fund',
    title: '财务收支',
    cadence: 'monthly',
    withinWorkingDays: 5,
    discloser: '村民委员会',
    basis: '《村民委员会组织法》第三十条',
  },
  {
    subject: 'asset',
    title: '集体资产资源租赁',
    cadence: 'quarterly',
    withinWorkingDays: 5,
    discloser: '村民委员会',
    basis: '《村民委员会组织法》第三十条',
  },
]);

/** The county's disclosure catalogue, or the platform's default. */
export async function catalogueOf(db: Db, regionCode: string): Promise<CatalogueDto> {
  const countyCode = countyOf(regionCode);
  return cachedRead(db, `catalogue:${countyCode}`, ['disclosure_catalogue'], async () => {
    const row = await findCatalogue(db, countyCode);
    return row
      ? {
          countyCode,
          custom: true,
          items: JSON.parse(row.items) as CatalogueItem[],
          updatedAt: row.updated_at,
        }
      : { countyCode, custom: false, items: [...DEFAULT_CATALOGUE], updatedAt: null };
  });
}

/** Replace a county's catalogue. Needs policy.write over the county; one item per subject. */
export async function putCatalogue(
  db: Db,
  principal: Principal,
  actor: Actor,
  countyCode: string,
  items: CatalogueItem[],
): Promise<CatalogueDto> {
  const county = await findRegion(db, countyCode);
  if (!county || regionLevel(countyCode) !== 'county') {
    throw fieldError('countyCode', `${countyCode} is not a county`, 'policy.notCounty');
  }
  requirePermission(principal, 'policy.write', countyCode);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.subject)) {
      throw fieldError(`items.${i}.subject`, 'listed twice', 'catalogue.subjectTwice');
    }
    seen.add(item.subject);
  });
  const now = new Date().toISOString();
  await transact(db, async (trx) => {
    const values = { items: JSON.stringify(items), updated_at: now, updated_by: actor.id };
    if (await findCatalogue(trx, countyCode)) {
      await updateAudited(trx, actor, 'disclosure_catalogue', countyCode, values);
    } else {
      await insertAudited(trx, actor, 'disclosure_catalogue', {
        region_code: countyCode,
        ...values,
      });
    }
  });
  return catalogueOf(db, countyCode);
}

/**
 * When a disclosure of this subject, happening on `eventDate`, is due: by the catalogue's
 * cadence in the working-day calendar, or at once (within the item's working days) when the
 * amount reaches the county's immediate-disclosure amount.
 */
export async function dueDateFor(
  db: Db,
  regionCode: string,
  subject: DisclosureSubject,
  amount: number,
  eventDate: string,
  policy: CountyPolicy,
): Promise<string> {
  const catalogue = await catalogueOf(db, regionCode);
  const item =
    catalogue.items.find((i) => i.subject === subject) ??
    DEFAULT_CATALOGUE.find((i) => i.subject === subject);
  const within = item?.withinWorkingDays ?? 5;
  const cadence =
    subject !== 'decision' && disclosedAtOnce(policy, amount)
      ? 'immediate'
      : (item?.cadence ?? 'monthly');
  return disclosureDueOn(await workingCalendar(db), cadence, eventDate, within);
}

export interface SnapshotInput {
  subjectType: 'ledger' | 'decision';
  subjectId: string;
  regionCode: string;
  kind: DisclosureSubject;
  title: string;
  amount: number;
  occurredOn: string;
  stage: string;
  voided: boolean;
  version: number;
  snapshot: Record<string, unknown>;
  searchText: string;
  reason: string | null;
  dueOn: string | null;
  publishedAt: string;
}

/**
 * Publish a redacted snapshot, in the caller's transaction: the previous snapshot of the
 * subject stays (it is the public history) but is no longer the latest. The event is
 * written without the caller's IP, since the public sees it in full as proof.
 */
export async function publishSnapshot(
  trx: Trx,
  actor: Actor,
  input: SnapshotInput,
): Promise<Row<'disclosure'>> {
  const previous = await latestOfSubject(trx, input.subjectId);
  const publicActor: Actor = { id: actor.id, name: actor.name, ip: null };
  if (previous) {
    await updateAudited(trx, publicActor, 'disclosure', previous.id, { is_latest: 0 });
  }
  const publishedOn = localDate(new Date(input.publishedAt));
  return insertAudited(trx, publicActor, 'disclosure', {
    id: newId(),
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    region_code: input.regionCode,
    kind: input.kind,
    title: input.title,
    amount: input.amount,
    period: input.occurredOn.slice(0, 7),
    occurred_on: input.occurredOn,
    stage: input.stage,
    voided: input.voided ? 1 : 0,
    version: input.version,
    snapshot: JSON.stringify(input.snapshot),
    search_text: input.searchText,
    reason: input.reason,
    due_on: input.dueOn,
    on_time: input.dueOn === null ? null : publishedOn <= input.dueOn ? 1 : 0,
    is_latest: 1,
    published_at: input.publishedAt,
    published_by: actor.id,
  });
}

function toSummary(row: Row<'disclosure'>, names: Map<string, string>): PublicEntrySummary {
  return {
    id: row.id,
    subjectType: row.subject_type === 'decision' ? 'decision' : 'ledger',
    subjectId: row.subject_id,
    kind: row.kind as DisclosureSubject,
    regionCode: row.region_code,
    regionName: names.get(row.region_code) ?? row.region_code,
    title: row.title,
    amount: row.amount,
    period: row.period,
    occurredOn: row.occurred_on,
    stage: row.stage,
    voided: row.voided === 1,
    version: row.version,
    publishedAt: row.published_at,
  };
}

/** The public list: the latest snapshot of each disclosed entry under a town or village. */
export async function publicEntries(db: Db, query: PublicQuery) {
  const key = `public-entries:${JSON.stringify(query)}`;
  return cachedRead(db, key, ['disclosure'], async () => {
    const { rows, total, more } = await listPublic(db, query);
    const names = await regionNames(
      db,
      rows.map((r) => r.region_code),
    );
    return {
      items: rows.map((r) => toSummary(r, names)),
      total,
      more,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
}

/** An entry's public page: the latest snapshot and every earlier one as a diff. */
export async function publicEntry(db: Db, subjectId: string): Promise<PublicEntryDetail> {
  return cachedRead(db, `public-entry:${subjectId}`, ['disclosure'], async () => {
    const rows = await snapshotsOfSubject(db, subjectId);
    const latest = rows.at(-1);
    if (!latest) throw notFound('disclosure');
    const names = await regionNames(db, [latest.region_code]);
    const history = rows.map((row, i) => {
      const prior = i > 0 ? rows[i - 1] : undefined;
      return {
        id: row.id,
        version: row.version,
        publishedAt: row.published_at,
        reason: row.reason,
        changes: prior
          ? diffValues(JSON.parse(prior.snapshot) as unknown, JSON.parse(row.snapshot) as unknown)
          : [],
      };
    });
    return {
      ...toSummary(latest, names),
      snapshot: JSON.parse(latest.snapshot) as Record<string, unknown>,
      history: history.reverse(),
    };
  });
}

/** A village's periods with published entries, and its on-time rate so far. */
export async function publicVillage(db: Db, regionCode: string, today = localDate(new Date())) {
  const region = await findRegion(db, regionCode);
  if (!region || region.level !== 'village' || !region.parent_code) throw notFound('village');
  const town = await findRegion(db, region.parent_code);
  return cachedRead(
    db,
    `public-village:${regionCode}:${today}`,
    ['disclosure', 'ledger_entry'],
    async () => {
      const periods = await publicPeriods(db, regionCode);
      const [counts] = await statusCounts(
        db,
        { roots: [regionCode] },
        regionCode,
        '0000-00-00',
        today,
      );
      return {
        regionCode,
        name: region.name,
        townCode: region.parent_code ?? '',
        townName: town?.name ?? '',
        periods,
        onTimeRate: counts ? rate(counts) : null,
      };
    },
  );
}

function rate(c: { on_time: number; late: number; overdue: number }): number | null {
  const due = c.on_time + c.late + c.overdue;
  return due === 0 ? null : c.on_time / due;
}

/**
 * Where one published snapshot sits in the audit chain: its event, and the inclusion proof
 * in the latest signed checkpoint that covers it — what the public page checks itself.
 */
export async function chainPlace(db: Db, disclosureId: string): Promise<ChainPlace> {
  const event = await disclosureEvent(db, disclosureId);
  if (!event) throw notFound('disclosure');
  const checkpoint = await latestCheckpoint(db);
  const algorithm = hashAlgorithmOf(db);
  let proof: ChainPlace['checkpoint'] = null;
  if (checkpoint && checkpoint.size >= event.seq) {
    const path = await inclusionProofOver(
      event.seq - 1,
      checkpoint.size,
      storedRanges(db, algorithm),
    );
    proof = {
      size: checkpoint.size,
      root: checkpoint.root,
      at: checkpoint.at,
      keyId: checkpoint.key_id,
      signature: checkpoint.signature,
      proof: path.map(toHex),
    };
  }
  return {
    seq: event.seq,
    algorithm,
    event: {
      seq: event.seq,
      at: event.at,
      actorId: event.actor_id,
      actorName: event.actor_name,
      action: event.action,
      entity: event.entity,
      entityId: event.entity_id,
      regionCode: event.region_code,
      data: event.data,
      ip: event.ip,
      prevHash: event.prev_hash,
      hash: event.hash,
    },
    checkpoint: proof,
  };
}

/**
 * The disclosure record of the villages under a region: how many disclosures fell due in
 * the window, how many went out on time or late, how many are overdue now; and the list of
 * overdue entries, most overdue first.
 */
export async function disclosureStatus(
  db: Db,
  principal: Principal,
  regionCode: string,
  window: { from?: string | undefined; to?: string | undefined },
  today = localDate(new Date()),
): Promise<DisclosureStatus> {
  requirePermission(principal, 'ledger.read', regionCode);
  const scope = scopeOf(principal, 'ledger.read');
  const from = window.from ?? `${today.slice(0, 4)}-01-01`;
  const to = window.to ?? today;
  const counts = await statusCounts(db, scope, regionCode, from, to < today ? to : today);
  const overdue = await overdueEntries(db, scope, regionCode, today, 500);
  const names = await regionNames(db, [
    ...counts.map((c) => c.region_code),
    ...overdue.map((o) => o.region_code),
  ]);
  const cal = await workingCalendar(db);
  const now = new Date(`${today}T12:00:00+08:00`);
  return {
    villages: counts.map((c) => ({
      regionCode: c.region_code,
      regionName: names.get(c.region_code) ?? c.region_code,
      due: c.on_time + c.late + c.overdue,
      onTime: c.on_time,
      late: c.late,
      overdue: c.overdue,
      onTimeRate: rate(c),
    })),
    overdue: overdue.map((o) => ({
      id: o.id,
      kind: o.kind as LedgerKind,
      regionCode: o.region_code,
      regionName: names.get(o.region_code) ?? o.region_code,
      title: o.title,
      amount: o.amount,
      dueOn: o.disclosure_due_on ?? today,
      daysLate: workingDaysBetween(cal, new Date(`${o.disclosure_due_on}T12:00:00+08:00`), now),
    })),
  };
}

/** The due date `n` working days after a local date (used for immediate re-disclosures). */
export async function workingDaysAfter(db: Db, date: string, n: number): Promise<string> {
  const cal = await workingCalendar(db);
  return localDate(addWorkingDays(cal, new Date(`${date}T12:00:00+08:00`), n));
}

export function assertSnapshotVersion(row: Row<'disclosure'> | undefined, version: number): void {
  if (row && row.version >= version) {
    throw new AppError(
      'CONFLICT',
      'this version is already public',
      undefined,
      'ledger.alreadyDisclosed',
    );
  }
}
