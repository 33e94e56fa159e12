/**
 * Demo cases of 清溪镇 over the autumn of 2026: residents' requests, complaints, disputes and
 * questions in its villages, each taken through the case engine's own steps at the times they
 * happened — most closed out and rated, some still being handled, a few overdue or reopened.
 * Routes send requests to each village's committee and complaints to the discipline office.
 */
import { CASE_CATEGORIES } from '../../shared/case-categories.js';
import type { CaseCommand, CaseRole, CaseType } from '../../shared/case-machine.js';
import type { Db } from '../db/schema.js';
import { insertAudited, SYSTEM_ACTOR, transact, type Actor } from '../platform/audit/audit.js';
import { applyCommand, fileCase, scanOverdue } from '../modules/cases/cases.service.js';
import { findCaseByCode } from '../modules/cases/cases.queries.js';
import {
  committeeKey,
  disciplineOfficeKey,
  DEMO_TOWN_CODE,
  mulberry32,
  pick,
  QINGXI_VILLAGES,
} from './demo-town.js';
import { newId } from '../platform/ids.js';

export const DEMO_CASE_TOTAL = 160;

let mobiles = 0;
/** A distinct made-up mobile number per filing (a number may file only a few a day). */
const nextMobile = () => `139${String(++mobiles % 100_000_000).padStart(8, '0')}`;

const TEXTS: Record<CaseType, Record<string, string[]>> = {
  request: {
    roads: ['村口道路出现坑洼，雨天积水严重，请安排修补。', '通往水库的机耕路塌方，农机无法通行。'],
    water: ['自来水压力不足，三楼以上经常停水。', '排水沟堵塞，下雨后污水漫到路面。'],
    sanitation: ['垃圾收集点三天没有清运，气味很大。', '河道里漂浮垃圾较多，请组织清理。'],
    lighting: ['村东桥头路灯坏了一个多月，晚上出行不安全。', '广场路灯全部不亮，请维修。'],
    housing: ['老房子墙体开裂，担心雨季安全。'],
    welfare: ['想了解高龄津贴怎么申请。', '低保年审材料不清楚，请帮助指导。'],
    employment: ['家里有残疾人想找份能做的工作。'],
    other: ['村里健身器材损坏，请更换。'],
  },
  complaint: {
    cadreConduct: ['村干部办事推诿，多次去村委会都没人处理。'],
    villageAffairs: ['村务公开栏半年没有更新。'],
    funds: ['道路养护费的支出没有公开，请核查。'],
    projects: ['村里道路工程质量差，刚修好就开裂。'],
    other: ['村委会办公时间经常找不到人。'],
  },
  dispute: {
    neighbours: ['邻居加盖房屋挡住采光，协商不成。', '邻居在公共道路上堆放杂物。'],
    land: ['承包地边界有争议，请村里调解。'],
    family: ['赡养老人问题兄弟间有分歧。'],
    wages: ['在村里工程干活的工钱拖欠两个月。'],
    other: ['养狗扰民，多次沟通无果。'],
  },
  consultation: {
    legal: ['宅基地继承需要办理哪些手续？', '劳务合同没有签，工伤怎么认定？'],
    policy: ['农房改造补助政策是怎样的？'],
    other: ['社保转移接续怎么办理？'],
  },
};

const REPLIES = [
  '已安排人员到现场处理，问题已解决。',
  '已联系相关单位完成维修，并加强日常巡查。',
  '经调解双方达成一致意见，已签订调解协议。',
  '已电话答复并上门指导办理。',
  '经核查情况属实，已责令整改并公开结果。',
];

const DAY = 86_400_000;

/** Load the demo cases through the case engine with their own clock; returns how many. */
export async function seedDemoCases(db: Db, now = new Date()): Promise<number> {
  const rand = mulberry32(20261127);
  const townPrefix = DEMO_TOWN_CODE.slice(0, 9);
  const villages = QINGXI_VILLAGES.map((v) => townPrefix + v.suffix);
  const seed: Actor = { ...SYSTEM_ACTOR, name: 'seed' };
  // Routes: requests and disputes to each village's committee, complaints to the discipline office.
  await transact(db, async (trx) => {
    const at = now.toISOString();
    const route = (regionCode: string, caseType: string, unitId: string) =>
      insertAudited(trx, seed, 'case_route', {
        id: newId(),
        region_code: regionCode,
        case_type: caseType,
        category: '',
        unit_id: unitId,
        updated_at: at,
        updated_by: null,
      });
    for (const village of villages) {
      await route(village, 'request', committeeKey(village));
      await route(village, 'dispute', committeeKey(village));
    }
    await route(DEMO_TOWN_CODE, 'complaint', disciplineOfficeKey(DEMO_TOWN_CODE));
    await route(DEMO_TOWN_CODE, 'consultation', `office-${DEMO_TOWN_CODE}`);
  });
  await fileCasesFor(db, villages, DEMO_CASE_TOTAL, now, 70, rand);
  await scanOverdue(db, now);
  return DEMO_CASE_TOTAL;
}

/**
 * File `count` cases over the last `days` days in the given villages and take each as far as
 * its age allows, through the engine with its own clock (routes must be set beforehand).
 */
export async function fileCasesFor(
  db: Db,
  villages: readonly string[],
  count: number,
  now: Date,
  days: number,
  rand: () => number,
): Promise<void> {
  const seed: Actor = { ...SYSTEM_ACTOR, name: 'seed' };
  const types: CaseType[] = [
    'request',
    'request',
    'request',
    'request',
    'dispute',
    'complaint',
    'consultation',
  ];
  for (let i = 0; i < count; i++) {
    const type = pick(rand, types);
    const category = pick(
      rand,
      CASE_CATEGORIES[type].filter((c) => TEXTS[type][c]),
    );
    const description = pick(rand, TEXTS[type][category] ?? ['请帮助处理。']);
    const village = pick(rand, villages);
    // Filed over the last ten weeks; older ones further along.
    const ageDays = 1 + Math.floor(rand() * days);
    let clock = now.getTime() - ageDays * DAY + Math.floor(rand() * 8) * 3_600_000;
    const anonymous = type === 'complaint' && rand() < 0.5;
    const filed = await fileCase(
      db,
      { id: null, name: 'resident', ip: null },
      {
        type,
        category,
        regionCode: village,
        description,
        photos: [],
        anonymous,
        ...(anonymous ? {} : { reporterMobile: nextMobile() }),
      },
      'web',
      new Date(clock),
    );
    const progress = ageDays > Math.min(20, days / 3) ? rand() : rand() * 0.7;
    const steps: [CaseCommand, CaseRole][] = [];
    if (progress > 0.1) steps.push([{ type: 'sign' }, 'unit']);
    if (progress > 0.2) steps.push([{ type: 'start' }, 'unit']);
    if (progress > 0.35) steps.push([{ type: 'reply', text: pick(rand, REPLIES) }, 'unit']);
    if (progress > 0.45) steps.push([{ type: 'verify', by: 'town' }, 'verifier']);
    if (progress > 0.5) steps.push([{ type: 'close' }, 'dispatcher']);
    if (progress > 0.55) steps.push([{ type: 'rate', score: rand() < 0.85 ? 5 : 3 }, 'resident']);
    for (const [command, role] of steps) {
      clock += (0.3 + rand() * (command.type === 'reply' ? 6 : 1.5)) * DAY;
      if (clock > now.getTime()) break;
      const row = await findCaseByCode(db, filed.code);
      if (!row) break;
      const actor: Actor =
        role === 'resident'
          ? { id: null, name: 'resident', ip: null }
          : { ...seed, name: role === 'unit' ? 'cadre' : 'town' };
      await applyCommand(db, actor, row, command, role, new Date(clock));
    }
  }
}
