/**
 * A whole county of data for the benchmarks (`npm run bench:data -- --scale county --dir D`): at
 * factor 1, 15 towns × 25 villages over 5 years, about 2 million ledger entries with the
 * resolutions of their large projects and their disclosures, 200,000 cases in every state,
 * and supervision: about 5,600 inspections and 14,000 findings (county-supervision.ts). Everything is written through the platform's own service functions — the same
 * checks, rows and audit chain as the web app — so `qingfeng verify` passes on the result.
 */
import type { Db } from '../db/schema.js';
import { insertAudited, SYSTEM_ACTOR, transact, type Actor } from '../platform/audit/audit.js';
import { hashPassword } from '../platform/auth/password.js';
import { scanOverdue } from '../modules/cases/cases.service.js';
import { fileCasesFor } from './demo-cases.js';
import { villagePlan } from './demo-ledgers.js';
import { mulberry32 } from './demo-town.js';
import { insertAccount, loadLedgerPlan } from './seed.js';
import { newId } from '../platform/ids.js';
import type { Config } from '../config.js';
import { superviseVillage } from './county-supervision.js';

/** The generated county: a fictional 清河县 beside the demo's 清源县. */
export const GENERATED_COUNTY = '339950000000';

export interface CountyShape {
  villages: number;
  villagesPerTown: number;
  years: number;
  entriesPerVillageYear: number;
  casesPerVillageYear: number;
}

/** The shape at a scale factor: factor 1 is a county of 375 villages over 5 years. */
export function countyShape(factor: number): CountyShape {
  return {
    villages: Math.max(1, Math.round(375 * factor)),
    villagesPerTown: 25,
    years: 5,
    // 2,000,000 / (375 × 5) and 200,000 / (375 × 5), rounded up.
    entriesPerVillageYear: 1067,
    casesPerVillageYear: 107,
  };
}

export interface GenerateReport {
  towns: number;
  villages: number;
  entries: number;
  decisions: number;
  cases: number;
  inspections: number;
  findings: number;
  seconds: number;
}

const TOWN_NAMES = [
  '东',
  '西',
  '南',
  '北',
  '中',
  '新',
  '安',
  '和',
  '平',
  '兴',
  '丰',
  '宁',
  '永',
  '长',
  '清',
];

/** The accounts the load benchmark logs in with (password Qingfeng@2026). */
export const BENCH_ACCOUNTS = [
  {
    username: 'bench-county',
    displayName: '清河县(压测)',
    role: 'county_viewer',
    region: GENERATED_COUNTY,
  },
  {
    username: 'bench-town',
    displayName: '东河镇(压测)',
    role: 'town_admin',
    region: '339950101000',
  },
  {
    username: 'bench-cadre',
    displayName: '东河1村(压测)',
    role: 'village_cadre',
    region: '339950101201',
  },
] as const;

/** Create the benchmark's accounts that are missing. */
export async function ensureBenchAccounts(db: Db, actor: Actor): Promise<void> {
  const passwordHash = await hashPassword('Qingfeng@2026');
  const now = new Date().toISOString();
  await transact(db, async (trx) => {
    for (const account of BENCH_ACCOUNTS) {
      const exists = await trx
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', account.username)
        .executeTakeFirst();
      if (exists) continue;
      await insertAccount(trx, actor, {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        regionCode: account.region,
        unitId:
          account.role === 'town_admin'
            ? `office-${account.region}`
            : account.role === 'village_cadre'
              ? `committee-${account.region}`
              : null,
        mobile: null,
        passwordHash,
        now,
      });
    }
  });
}

/** Build the county; `log` hears of each village as it is done. */
export async function generateCounty(
  db: Db,
  shape: CountyShape,
  options: {
    end?: string;
    now?: Date;
    log?: (line: string) => void;
    /** With the instance's configuration (for the evidence photos), each village is inspected. */
    config?: Config;
  } = {},
): Promise<GenerateReport> {
  const started = performance.now();
  const end = options.end ?? '2026-10-31';
  const now = options.now ?? new Date(`${end}T18:00:00+08:00`);
  const actor = { ...SYSTEM_ACTOR, name: 'generator' };
  const towns = Math.ceil(shape.villages / shape.villagesPerTown);
  const villages: { code: string; name: string; town: string }[] = [];
  const at = new Date().toISOString();
  await transact(db, async (trx) => {
    const has = async (code: string) =>
      (await trx
        .selectFrom('region')
        .select('code')
        .where('code', '=', code)
        .executeTakeFirst()) !== undefined;
    const region = async (code: string, parent: string | null, name: string, level: string) => {
      if (await has(code)) return;
      await insertAudited(trx, actor, 'region', {
        code,
        parent_code: parent,
        name,
        level,
        kind: level === 'village' ? 'village' : null,
        sort: 0,
      });
    };
    const unit = async (id: string, regionCode: string, name: string, kind: string) => {
      const exists = await trx
        .selectFrom('unit')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (exists) return;
      await insertAudited(trx, actor, 'unit', {
        id,
        region_code: regionCode,
        name,
        kind,
        credit_code: null,
        status: 'active',
        created_at: at,
      });
    };
    const routed = async (code: string, caseType: string) =>
      (await trx
        .selectFrom('case_route')
        .select('id')
        .where('region_code', '=', code)
        .where('case_type', '=', caseType)
        .executeTakeFirst()) !== undefined;
    await region('330000000000', null, '浙江省', 'province');
    await region('339900000000', '330000000000', '清江市', 'city');
    await region(GENERATED_COUNTY, '339900000000', '清河县', 'county');
    for (let t = 0; t < towns; t++) {
      const townCode = `339950${String(101 + t)}000`;
      const townName = `${TOWN_NAMES[t % TOWN_NAMES.length]}${t >= TOWN_NAMES.length ? Math.floor(t / TOWN_NAMES.length) + 1 : ''}河镇`;
      await region(townCode, GENERATED_COUNTY, townName, 'town');
      await unit(`office-${townCode}`, townCode, `${townName}人民政府`, 'town_office');
      await unit(`discipline-${townCode}`, townCode, `${townName}纪委`, 'discipline_office');
      const count = Math.min(shape.villagesPerTown, shape.villages - t * shape.villagesPerTown);
      for (let v = 0; v < count; v++) {
        const code = `${townCode.slice(0, 9)}${String(201 + v)}`;
        const name = `${townName.slice(0, -1)}${v + 1}村`;
        await region(code, townCode, name, 'village');
        await unit(`committee-${code}`, code, `${name}村民委员会`, 'village_committee');
        await unit(`station-${code}`, code, `${name}监察工作联络站`, 'liaison_station');
        villages.push({ code, name, town: townCode });
        for (const caseType of ['request', 'dispute']) {
          if (await routed(code, caseType)) continue;
          await insertAudited(trx, actor, 'case_route', {
            id: newId(),
            region_code: code,
            case_type: caseType,
            category: '',
            unit_id: `committee-${code}`,
            updated_at: at,
            updated_by: null,
          });
        }
      }
      for (const caseType of ['complaint', 'consultation']) {
        if (await routed(townCode, caseType)) continue;
        await insertAudited(trx, actor, 'case_route', {
          id: newId(),
          region_code: townCode,
          case_type: caseType,
          category: '',
          unit_id: `office-${townCode}`,
          updated_at: at,
          updated_by: null,
        });
      }
    }
  });
  await ensureBenchAccounts(db, actor);
  let entries = 0;
  let decisions = 0;
  let cases = 0;
  const rand = mulberry32(50_000);
  let resumed = 0;
  for (const [i, village] of villages.entries()) {
    // A county left half-built (a stopped run) is completed, not doubled: a village that has
    // entries was committed whole.
    const done = await db
      .selectFrom('ledger_entry')
      .select('id')
      .where('region_code', '=', village.code)
      .limit(1)
      .executeTakeFirst();
    if (done) {
      resumed++;
      continue;
    }
    const plan = villagePlan(
      village,
      shape.entriesPerVillageYear * shape.years,
      shape.years,
      end,
      1_000 + i,
    );
    const count = shape.casesPerVillageYear * shape.years;
    // One transaction per village: every service call joins it, so a village commits once.
    const loaded = await transact(db, async (trx) => {
      const result = await loadLedgerPlan(trx, plan);
      await fileCasesFor(trx, [village.code], count, now, shape.years * 365, rand);
      return result;
    });
    entries += loaded.entries;
    decisions += loaded.decisions;
    cases += count;
    options.log?.(
      `${i + 1}/${villages.length} ${village.name}: ${entries} entries, ${decisions} resolutions, ${cases} cases, ${Math.round((performance.now() - started) / 1000)} s`,
    );
  }
  if (resumed > 0) options.log?.(`${resumed} villages were already there and were kept`);
  let inspections = 0;
  let findings = 0;
  if (options.config) {
    const supervisionRand = mulberry32(60_000);
    for (const [i, village] of villages.entries()) {
      // As with the ledgers, a village already inspected is kept (a county generated before
      // supervision existed gets it added).
      const inspected = await db
        .selectFrom('inspection')
        .select('id')
        .where('region_code', '=', village.code)
        .limit(1)
        .executeTakeFirst();
      if (inspected) continue;
      const done = await transact(db, (trx) =>
        superviseVillage(
          trx,
          options.config!,
          actor,
          {
            code: village.code,
            stationUnitId: `station-${village.code}`,
            committeeUnitId: `committee-${village.code}`,
          },
          shape.years,
          end,
          supervisionRand,
        ),
      );
      inspections += done.inspections;
      findings += done.findings;
      options.log?.(
        `${i + 1}/${villages.length} ${village.name}: ${inspections} inspections, ${findings} findings, ${Math.round((performance.now() - started) / 1000)} s`,
      );
    }
  }
  await scanOverdue(db, now);
  return {
    towns,
    villages: villages.length,
    entries,
    decisions,
    cases,
    inspections,
    findings,
    seconds: (performance.now() - started) / 1000,
  };
}
