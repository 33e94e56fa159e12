import type { Db, Trx } from '../db/schema.js';
import { insertAudited, SYSTEM_ACTOR, transact, type Actor } from '../platform/audit/audit.js';
import { hashPassword } from '../platform/auth/password.js';
import { newUserRow } from '../modules/users/users.service.js';
import { KIND_FIELDS } from '../../shared/schemas/ledger.js';
import type { Principal } from '../platform/access/access.js';
import { updateAudited } from '../platform/audit/audit.js';
import { createDecision, recordMeeting } from '../modules/decisions/decisions.service.js';
import {
  amendEntry,
  checkEntryState,
  checkNewEntry,
  insertEntry,
  publishEntry,
  type CheckedEntry,
  type EntrySnapshot,
} from '../modules/ledger/ledger.service.js';
import { demoLedgers, type PlannedEntry } from './demo-ledgers.js';
import { DEMO_PROVINCE_CODE, demoTown, type DemoAccount } from './demo-town.js';
import { newId } from '../platform/ids.js';

/** An account that needs no password change, with one grant over its region. */
export interface SeedAccount {
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  unitId: string | null;
  mobile: string | null;
  passwordHash: string;
  now: string;
}

export async function insertAccount(trx: Trx, actor: Actor, account: SeedAccount): Promise<void> {
  const id = newId();
  await insertAudited(
    trx,
    actor,
    'app_user',
    newUserRow({ ...account, id, mustChangePassword: false }),
  );
  await insertAudited(trx, actor, 'role_grant', {
    id: newId(),
    user_id: id,
    role: account.role,
    region_code: account.regionCode,
    created_at: account.now,
    created_by: null,
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('region').select('code').limit(1).executeTakeFirst();
  return row === undefined;
}

export interface SeedSummary {
  regions: number;
  units: number;
  users: number;
  accounts: DemoAccount[];
  password: string;
}

/**
 * Load the fictional demo town (清溪镇 in 清源县) through the audited write path: regions,
 * units, one account per role and the people of the liaison stations.
 */
export async function seedDemo(db: Db): Promise<SeedSummary> {
  const town = demoTown();
  // Demo data only: every demo login shares one password, so it is hashed once.
  const passwordHash = await hashPassword(town.password);
  const now = new Date().toISOString();
  const actor = { ...SYSTEM_ACTOR, name: 'seed' };
  let users = 0;
  await transact(db, async (trx) => {
    for (const [sort, region] of town.regions.entries()) {
      await insertAudited(trx, actor, 'region', {
        code: region.code,
        parent_code: region.parentCode,
        name: region.name,
        level: region.level,
        kind: region.kind ?? null,
        sort,
      });
    }
    for (const unit of town.units) {
      await insertAudited(trx, actor, 'unit', {
        id: unit.key,
        region_code: unit.regionCode,
        name: unit.name,
        kind: unit.kind,
        credit_code: null,
        status: 'active',
        created_at: now,
      });
    }
    const logins = [
      ...town.accounts.map((a) => ({ ...a, unitKey: a.unitKey ?? null })),
      ...town.people.map((p) => ({
        username: p.key,
        displayName: p.name,
        role: p.role,
        regionCode: p.regionCode,
        unitKey: p.unitKey,
        mobile: p.mobile,
      })),
    ];
    for (const login of logins) {
      await insertAccount(trx, actor, { ...login, unitId: login.unitKey, passwordHash, now });
      users++;
    }
  });
  return {
    regions: town.regions.length,
    units: town.units.length,
    users,
    accounts: town.accounts,
    password: town.password,
  };
}

/** A province-wide administrator, for loading demo records through the services. */
export const SEED_PRINCIPAL: Principal = {
  userId: 'seed',
  username: 'seed',
  displayName: 'seed',
  unitId: null,
  regionCode: DEMO_PROVINCE_CODE,
  locale: 'zh-CN',
  grants: [{ id: 'seed', role: 'sysadmin', regionCode: DEMO_PROVINCE_CODE }],
  sessionId: 'seed',
};

function noonOf(date: string, days = 0): string {
  const d = new Date(`${date}T10:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString();
}

/**
 * Load the demo town's ledgers for January–April 2026 (2,334 entries), with the resolutions
 * of its larger projects, through the same checks and audited writes as the web app. Each
 * entry is checked as a whole before it is stored; publications carry the day they went up.
 */
export async function seedDemoLedgers(db: Db): Promise<{ entries: number; decisions: number }> {
  return loadLedgerPlan(db, demoLedgers());
}

/**
 * Load planned entries through the services: each large project's resolution meeting by
 * meeting, each entry checked as a whole, then stored and published in one transaction.
 */
export async function loadLedgerPlan(
  db: Db,
  plan: readonly PlannedEntry[],
): Promise<{ entries: number; decisions: number }> {
  const actor = { ...SYSTEM_ACTOR, name: 'seed' };
  let decisions = 0;
  const checked: { planned: PlannedEntry; entry: CheckedEntry }[] = [];
  for (const planned of plan) {
    let decisionId: string | null = null;
    if (planned.decision) {
      const decision = await createDecision(db, SEED_PRINCIPAL, actor, {
        regionCode: planned.body.regionCode,
        title: planned.decision.title,
        content: planned.decision.content,
        amount: planned.body.amount,
      });
      for (const m of planned.decision.meetings) {
        await recordMeeting(db, SEED_PRINCIPAL, actor, decision.id, {
          step: m.step,
          heldOn: m.heldOn,
          form: m.step === 'resolutionDisclosure' ? 'notice_board' : 'in_person',
          expected: m.expected,
          present: m.present,
          votesFor: m.votesFor,
          votesAgainst: m.step === 'resolutionDisclosure' ? 0 : m.present - m.votesFor,
          votesAbstain: 0,
          content: `${planned.decision.title}：${planned.decision.content}`,
          attendees: [],
          officials:
            m.step === 'partyMembers' || m.step === 'representatives' ? ['镇包村干部'] : [],
          attachments: [],
        });
      }
      decisionId = decision.id;
      decisions++;
    }
    const body = { ...planned.body, decisionId };
    const entry = await checkNewEntry(db, SEED_PRINCIPAL, body);
    const state = { ...entry.state, stage: planned.stage as EntrySnapshot['stage'] };
    state.fields = KIND_FIELDS[body.kind].parse(planned.fields);
    await checkEntryState(db, body.regionCode, body.kind, state, false);
    checked.push({ planned, entry: { ...entry, state } });
  }
  const now = new Date().toISOString();
  const amendments: { id: string; reason: string; amount: number }[] = [];
  await transact(db, async (trx) => {
    for (const { planned, entry } of checked) {
      const id = await insertEntry(trx, actor, entry, now);
      if (planned.disclosure.mode !== 'none') {
        const row = await trx
          .selectFrom('ledger_entry')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const lag = planned.disclosure.lagDays;
        const publishedAt =
          planned.disclosure.mode === 'late'
            ? noonOf(entry.dueOn, lag)
            : noonOf(entry.dueOn, -lag) < noonOf(row.occurred_on)
              ? noonOf(row.occurred_on)
              : noonOf(entry.dueOn, -lag);
        await publishEntry(trx, actor, row, entry.dueOn, null, publishedAt);
        await updateAudited(
          trx,
          actor,
          'ledger_entry',
          id,
          { disclosed_version: 1, disclosure_due_on: null },
          'ledger_entry.disclose',
        );
        if (planned.amendment) amendments.push({ id, ...planned.amendment });
      }
    }
  });
  for (const a of amendments) {
    await amendEntry(db, SEED_PRINCIPAL, actor, a.id, {
      expectedVersion: 1,
      reason: a.reason,
      amount: a.amount,
    });
  }
  return { entries: checked.length, decisions };
}
