/**
 * Demo supervision of 清溪镇 (六小一督) for January–April 2026, the figures the town reported:
 * a 监察工作联络站 in each of its 28 villages with its head, officers and informants (60 and
 * 343); 27 inspections in nine batches, 68 problems found, every one fed back with a numbered
 * notice, rectified with evidence, verified by the station and closed out on time, all inside
 * January–April. Then three planted red flags in the autumn ledgers — a split contract in
 * 竹林村, a cash payment in 枫岭村, a disclosure left overdue in 上塘村 — raised as warnings by
 * the rules' rescan, as the nightly job would.
 *
 * Everything goes through the services with the principals of the demo's own people and the
 * clock of the day each step happened, so the audit chain reads as the work was done.
 */
import zlib from 'node:zlib';
import { addWorkingDays, type WorkingCalendar } from '../../shared/calendar.js';
import { creditCodeCheckChar } from '../../shared/identifiers.js';
import { DEFAULT_POLICY, worksMethod } from '../../shared/policy.js';
import type { RoleCode } from '../../shared/permissions.js';
import { loadConfig, type Config } from '../config.js';
import type { Db } from '../db/schema.js';
import type { Principal } from '../platform/access/access.js';
import { SYSTEM_ACTOR, type Actor } from '../platform/audit/audit.js';
import { workingCalendar } from '../platform/calendar/calendar.service.js';
import { storeFile } from '../platform/files/files.service.js';
import { commandCase } from '../modules/cases/cases.service.js';
import { rectifyFinding, rescanWarnings } from '../modules/supervision/findings.service.js';
import {
  answerItem,
  feedBack,
  planInspections,
  submitInspection,
} from '../modules/supervision/inspections.service.js';
import { addMember, createStation } from '../modules/supervision/stations.service.js';
import type { PlannedEntry } from './demo-ledgers.js';
import { DEMO_TOWN_CODE, demoTown, mulberry32, pick, QINGXI_VILLAGES } from './demo-town.js';
import { loadLedgerPlan, SEED_PRINCIPAL } from './seed.js';

export const DEMO_INSPECTIONS = 27;
export const DEMO_FINDINGS = 68;
/** The day the stations were set up, before the first inspection. */
export const DEMO_STATIONS_ON = '2025-12-01';
/** Nothing of the demo's supervision is left open after this instant (29 April, 18:00). */
const CLOSE_BY = Date.parse('2026-04-29T18:00:00+08:00');

const TOWN_OFFICERS = ['陈纪平', '周晓清'];

/** The problem an officer notes under each point, and what the village did about it. */
const PROBLEMS: Record<string, [problem: string, fix: string]> = {
  D01: [
    '村道维修工程（预算8.6万元）未经村民代表会议决议即组织实施',
    '已补开村民代表会议审议并公开决议，今后严格执行“四议两公开”程序',
  ],
  D02: [
    '村民代表会议签到表缺少3名代表签名，到会人数无法核实',
    '已补全签到记录并由参会代表签字确认，规范会议记录格式',
  ],
  D03: [
    '重大事项决策前未报镇备案审查，未书面征求群众意见',
    '已向镇报备并张贴征求意见公告，补充意见汇总材料',
  ],
  D04: ['一季度未召开村民代表会议', '已召开村民代表会议并制定全年会议计划'],
  D05: ['征地补偿费分配方案未经村民会议讨论决定', '已提交村民会议讨论通过，分配方案张榜公示'],
  D06: ['决议事项实施结果未在公开栏公开', '已在公开栏和清风平台公开实施结果'],
  D07: ['部分小微权力事项未按清单流程登记办理', '已按清单流程补登记，完善办理台账'],
  D08: ['村级印章使用登记簿记录不全，缺少审批人签字', '已补全用章登记并落实“一事一审批”'],
  D09: ['低保对象评定民主评议结果未公示', '已补充公示民主评议结果，公示期满无异议'],
  D10: ['1户宅基地申请材料缺少村民小组意见', '已补充村民小组意见并重新审核上报'],
  D11: ['耕地地力补贴发放名单未经公示', '已在村务公开栏公示发放名单并接受群众监督'],
  D12: ['村级证明出具无登记台账', '已建立证明出具登记台账，统一编号管理'],
  D13: ['上月财务收支明细未按时公开', '已补充公开，并明确每月10日前公开上月收支'],
  D14: ['一笔6.8万元支出未即时公开', '已补充公开，并在平台设置即时公开提醒'],
  D15: ['3张报账票据缺少经手人、审批人签字', '已补全签字，并对全年票据开展自查'],
  D16: ['存在单笔超过1000元的现金支付', '已改为银行转账结算，组织财务人员学习现金管理规定'],
  D17: ['村集体店面出租未进入公开交易平台', '已终止私下协议，重新通过公开交易平台招租'],
  D18: ['集体厂房租金逾期未足额收缴', '已催缴到位，并与承租方补签履约承诺'],
  D19: ['高龄津贴发放台账与银行代发名单不一致', '已核对更正，并逐户电话回访确认'],
  D20: ['绿化提升工程立项未编制预算', '已补编预算并经村两委会议审议'],
  D21: ['一项工程发包方式与限额标准不符', '已按限额标准重新确定发包方式并报镇备案'],
  D22: ['两项道路工程疑似拆分发包规避招标', '已合并核查并报镇纪委备案，完善工程立项审查'],
  D23: ['工程量变更未履行审批手续', '已补办变更审批并完善现场签证资料'],
  D24: ['已完工工程未组织验收即支付尾款', '已组织验收，尾款待审计完成后支付'],
  D25: ['办公设备采购缺少询价比价记录', '已补充三家询价记录，规范采购流程'],
  D26: ['保洁用工名单未公开，部分考勤记录缺失', '已公开用工名单并补全考勤记录'],
  D27: ['值班表未上墙公示，值班记录不全', '已公示值班表并落实值班记录'],
  D28: ['年度承诺事项推进台账未及时更新', '已更新推进台账并在公开栏公示进度'],
  D29: ['村务监督委员会监督记录缺失', '已补充监督记录，建立月度例会制度'],
  D30: ['村务档案归档不及时，部分会议记录缺失', '已完成归档整理，落实专人管理'],
  D31: ['村干部年度民主评议材料不完整', '已补充评议材料并公布评议结果'],
  D32: ['负面清单预警未按期核查', '已完成核查并填报处置结果'],
  D33: ['2件群众诉求超期未办结', '已办结并电话回访，群众表示满意'],
  D34: ['便民服务事项清单未公开', '已在服务大厅和平台公开服务事项清单'],
  D35: ['代办事项收取材料费未公示依据', '已退还费用并公开收费依据，杜绝违规收费'],
  D36: ['1件投诉举报答复超期', '已书面答复投诉人，并落实首问负责制'],
  D37: ['困难群众走访记录不全', '已补充走访并建立走访台账'],
  D38: ['党群服务中心开放时间未公示', '已公示开放时间并落实专人值守'],
};

/** Nine batches over the four months: the day, the theme and the eight points checked. */
const BATCHES: readonly { plannedOn: string; title: string; points: readonly string[] }[] = [
  {
    plannedOn: '2026-01-08',
    title: '2025年度村级财务收支专项监督检查',
    points: ['D13', 'D14', 'D15', 'D16', 'D17', 'D18', 'D19', 'D30'],
  },
  {
    plannedOn: '2026-01-20',
    title: '村级“三资”管理和小微权力运行监督检查',
    points: ['D07', 'D08', 'D12', 'D13', 'D15', 'D17', 'D18', 'D30'],
  },
  {
    plannedOn: '2026-02-03',
    title: '春节前惠民资金发放和作风纪律监督检查',
    points: ['D09', 'D11', 'D19', 'D27', 'D33', 'D35', 'D36', 'D37'],
  },
  {
    plannedOn: '2026-03-04',
    title: '村级工程项目专项监督检查',
    points: ['D01', 'D06', 'D14', 'D20', 'D21', 'D22', 'D23', 'D24'],
  },
  {
    plannedOn: '2026-03-12',
    title: '“四议两公开”落实情况监督检查',
    points: ['D01', 'D02', 'D03', 'D04', 'D05', 'D06', 'D29', 'D31'],
  },
  {
    plannedOn: '2026-03-24',
    title: '村级采购和劳务用工监督检查',
    points: ['D07', 'D08', 'D13', 'D15', 'D16', 'D21', 'D25', 'D26'],
  },
  {
    plannedOn: '2026-04-08',
    title: '一季度“六小一督”常态化监督检查',
    points: ['D03', 'D04', 'D10', 'D13', 'D20', 'D28', 'D34', 'D38'],
  },
  {
    plannedOn: '2026-04-14',
    title: '便民服务和群众诉求办理监督检查',
    points: ['D12', 'D27', 'D33', 'D34', 'D35', 'D36', 'D37', 'D38'],
  },
  {
    plannedOn: '2026-04-21',
    title: '村干部履职和负面清单预警处置监督检查',
    points: ['D09', 'D10', 'D27', 'D28', 'D29', 'D30', 'D31', 'D32'],
  },
];

export interface PlannedInspection {
  regionCode: string;
  /** The station head who answers, signs and later verifies. */
  head: { username: string; name: string };
  /** The village cadre who rectifies. */
  cadre: string;
  problems: { pointCode: string; note: string; fix: string }[];
}

export interface PlannedBatch {
  plannedOn: string;
  title: string;
  officers: string[];
  pointCodes: string[];
  inspections: PlannedInspection[];
}

/**
 * The plan: 27 of the 28 villages inspected once each, three to a batch, with two or three
 * problems each (68 in all). Pure and deterministic.
 */
export function demoSupervisionPlan(): PlannedBatch[] {
  const rand = mulberry32(20260108);
  const town = demoTown();
  const prefix = DEMO_TOWN_CODE.slice(0, 9);
  const villages = QINGXI_VILLAGES.map((v) => prefix + v.suffix);
  // Shuffle, then leave the last one out: one village had no inspection in these months.
  for (let i = villages.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [villages[i], villages[j]] = [villages[j]!, villages[i]!];
  }
  const inspected = villages.slice(0, DEMO_INSPECTIONS);
  let index = 0;
  return BATCHES.map((batch, b) => {
    const codes = inspected.slice(b * 3, b * 3 + 3);
    const inspections = codes.map((code): PlannedInspection => {
      const head = town.people.find((p) => p.regionCode === code && p.head)!;
      const count = index++ % 2 === 0 ? 3 : 2;
      const points = [...batch.points];
      const problems: PlannedInspection['problems'] = [];
      while (problems.length < count) {
        const pointCode = pick(rand, points);
        points.splice(points.indexOf(pointCode), 1);
        const [note, fix] = PROBLEMS[pointCode]!;
        problems.push({ pointCode, note, fix });
      }
      return {
        regionCode: code,
        head: { username: head.key, name: head.name },
        cadre: `cadre-${code}-secretary`,
        problems,
      };
    });
    return {
      plannedOn: batch.plannedOn,
      title: batch.title,
      officers: [...TOWN_OFFICERS, ...inspections.map((i) => i.head.name)],
      pointCodes: [...batch.points],
      inspections,
    };
  });
}

/** A demo person acting through the services: their account's grants and unit. */
export async function seedPrincipal(
  db: Db,
  username: string,
): Promise<{ principal: Principal; actor: Actor }> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'unit_id', 'region_code'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom('role_grant')
    .select(['id', 'role', 'region_code'])
    .where('user_id', '=', user.id)
    .execute();
  return {
    principal: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      unitId: user.unit_id,
      regionCode: user.region_code,
      locale: 'zh-CN',
      grants: grants.map((g) => ({
        id: g.id,
        role: g.role as RoleCode,
        regionCode: g.region_code,
      })),
      sessionId: 'seed',
    },
    actor: { id: user.id, name: user.display_name },
  };
}

const DAY = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** 09:30 on a local date, and so on. */
function at(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** The working day `n` working days after a local date. */
function workingDayAfter(cal: WorkingCalendar, date: string, n: number): string {
  return addWorkingDays(cal, at(date, '12:00'), n).toISOString().slice(0, 10);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small photo of the rectified site: a 96×72 RGB PNG, its colours varied by `seed`. */
export function sitePhoto(seed: number): Buffer {
  const width = 96;
  const height = 72;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) {
      const sky = y < height / 2;
      rows.push(sky ? 150 + ((seed * 7) % 60) : 60 + ((x + seed) % 40));
      rows.push(sky ? 190 + ((seed * 3) % 50) : 110 + ((y * seed) % 60));
      rows.push(sky ? 230 : 50 + ((seed * 11) % 40));
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.from(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

async function caseVersion(db: Db, id: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Station and members, straight from the demo town's people. */
async function seedStations(db: Db): Promise<{ stations: number; members: number }> {
  const actor: Actor = { ...SYSTEM_ACTOR, name: 'seed' };
  const town = demoTown();
  const users = new Map(
    (await db.selectFrom('app_user').select(['id', 'username']).execute()).map((u) => [
      u.username,
      u.id,
    ]),
  );
  let members = 0;
  const prefix = DEMO_TOWN_CODE.slice(0, 9);
  for (const village of QINGXI_VILLAGES) {
    const code = prefix + village.suffix;
    const station = await createStation(db, SEED_PRINCIPAL, actor, {
      regionCode: code,
      name: `${village.name}监察工作联络站`,
      establishedOn: DEMO_STATIONS_ON,
    });
    const people = town.people.filter(
      (p) => p.regionCode === code && (p.role === 'liaison_officer' || p.role === 'informant'),
    );
    // The head first, then the officers, then the informants.
    people.sort((a, b) => Number(!!b.head) - Number(!!a.head) || a.key.localeCompare(b.key));
    for (const person of people) {
      await addMember(db, SEED_PRINCIPAL, actor, station.id, {
        role: person.role === 'informant' ? 'informant' : person.head ? 'head' : 'officer',
        name: person.name,
        mobile: person.mobile,
        userId: users.get(person.key),
        joinedOn: DEMO_STATIONS_ON,
      });
      members++;
    }
  }
  return { stations: QINGXI_VILLAGES.length, members };
}

/**
 * Run each planned inspection through the loop on the days it happened: planned three days
 * ahead, answered and submitted on the day, fed back two working days later; each finding
 * signed for, rectified with a photo, verified and closed out before its deadline and before
 * the end of April.
 */
async function seedInspections(
  db: Db,
  config: Config,
  plan: readonly PlannedBatch[],
): Promise<{ inspections: number; findings: number }> {
  const rand = mulberry32(20260429);
  const cal = await workingCalendar(db);
  const town = await seedPrincipal(db, 'jiwei');
  let inspections = 0;
  let findings = 0;
  let photo = 0;
  for (const batch of plan) {
    const planned = await planInspections(
      db,
      town.principal,
      town.actor,
      {
        regionCodes: batch.inspections.map((i) => i.regionCode),
        plannedOn: batch.plannedOn,
        title: batch.title,
        officers: batch.officers,
        pointCodes: batch.pointCodes,
      },
      new Date(at(batch.plannedOn, '09:00').getTime() - 3 * DAY),
    );
    const issuedOn = workingDayAfter(cal, batch.plannedOn, 2);
    for (const item of batch.inspections) {
      const summary = planned.find((p) => p.regionCode === item.regionCode)!;
      const head = await seedPrincipal(db, item.head.username);
      const problems = new Map(item.problems.map((p) => [p.pointCode, p]));
      let minute = 30;
      for (const pointCode of batch.pointCodes) {
        const problem = problems.get(pointCode);
        await answerItem(
          db,
          head.principal,
          head.actor,
          summary.id,
          pointCode,
          problem
            ? { result: 'problem', note: problem.note, photos: [] }
            : { result: 'pass', photos: [] },
          new Date(at(batch.plannedOn, '09:00').getTime() + minute * 60_000),
        );
        minute += 12;
      }
      const submitted = await submitInspection(
        db,
        head.principal,
        head.actor,
        summary.id,
        { expectedVersion: summary.version, signedBy: item.head.name },
        at(batch.plannedOn, '16:30'),
      );
      const fed = await feedBack(
        db,
        town.principal,
        town.actor,
        summary.id,
        { expectedVersion: submitted.version, issuedOn },
        at(issuedOn, '10:00'),
      );
      inspections++;
      const cadre = await seedPrincipal(db, item.cadre);
      for (const answered of fed.items.filter((i) => i.findingId)) {
        const id = answered.findingId!;
        const problem = problems.get(answered.pointCode)!;
        const due = await db
          .selectFrom('cases')
          .select(['handle_due_at'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const start = at(issuedOn, '09:00').getTime();
        const end = Math.min(Date.parse(due.handle_due_at!), CLOSE_BY);
        const span = end - start;
        const when = (share: number) => new Date(start + Math.round(span * share));
        const signed = 0.04 + rand() * 0.06;
        const rectified = 0.35 + rand() * 0.3;
        const verified = rectified + (1 - rectified) * (0.3 + rand() * 0.2);
        const closed = verified + (1 - verified) * (0.3 + rand() * 0.3);
        await commandCase(
          db,
          cadre.principal,
          cadre.actor,
          id,
          { type: 'sign', expectedVersion: await caseVersion(db, id) },
          when(signed),
        );
        const evidence = await storeFile(db, config, cadre.principal, cadre.actor, {
          bytes: sitePhoto(++photo),
          originalName: `整改后现场照片-${answered.pointCode}.png`,
          regionCode: item.regionCode,
          isPublic: false,
        });
        await rectifyFinding(
          db,
          cadre.principal,
          cadre.actor,
          id,
          {
            expectedVersion: await caseVersion(db, id),
            text: problem.fix,
            evidence: [evidence.id],
          },
          when(rectified),
        );
        await commandCase(
          db,
          head.principal,
          head.actor,
          id,
          { type: 'verify', expectedVersion: await caseVersion(db, id) },
          when(verified),
        );
        await commandCase(
          db,
          town.principal,
          town.actor,
          id,
          { type: 'close', expectedVersion: await caseVersion(db, id) },
          when(closed),
        );
        findings++;
      }
    }
  }
  return { inspections, findings };
}

function creditCode(seed: number): string {
  const first17 = `913399${String(100000 + ((seed * 7919) % 899999))}MA2H7`;
  return first17 + creditCodeCheckChar(first17);
}

/** The three villages with a planted red flag, by the rule it trips. */
export const PLANTED_VILLAGES = {
  contractSplitting: { code: `${DEMO_TOWN_CODE.slice(0, 9)}203`, name: '竹林村' },
  cashPayment: { code: `${DEMO_TOWN_CODE.slice(0, 9)}204`, name: '枫岭村' },
  disclosureOverdue: { code: `${DEMO_TOWN_CODE.slice(0, 9)}205`, name: '上塘村' },
} as const;

/** Titles of the planted entries, so a test can find them. */
export const PLANTED_TITLES = {
  contractSplitting: ['竹林村太阳能路灯安装工程（一期）', '竹林村太阳能路灯安装工程（二期）'],
  cashPayment: ['支付道路养护费（现金）'],
  disclosureOverdue: ['支付村委会办公经费'],
} as const;

/**
 * The planted entries, in the autumn (after the January–April period the figures report):
 * two works of one contractor 17 days apart, each under the ¥100,000 tier and together over
 * it; an ¥8,600 road-maintenance payment in cash; an office-expense payment never disclosed.
 */
export function plantedEntries(): PlannedEntry[] {
  const contractor = { name: '清源县通达市政工程有限公司', creditCode: creditCode(17) };
  const split = (title: string, on: string, budget: number): PlannedEntry => {
    const tradeOn = addDays(on, 3);
    const contractOn = addDays(on, 6);
    const description = '沿村主干道安装太阳能路灯';
    return {
      body: {
        kind: 'project',
        regionCode: PLANTED_VILLAGES.contractSplitting.code,
        title,
        amount: budget,
        occurredOn: on,
        attachments: [],
        fields: { location: '竹林村', description },
      },
      fields: {
        location: '竹林村',
        description,
        trade: { on: tradeOn, method: worksMethod(DEFAULT_POLICY, budget) },
        contract: {
          on: contractOn,
          party: contractor.name,
          creditCode: contractor.creditCode,
          amount: budget,
        },
        acceptances: [],
        payments: [],
      },
      stage: 'contracted',
      disclosure: { mode: 'onTime', lagDays: 0 },
    };
  };
  const approvals = (on: string) => [
    { role: 'committee_head', name: '李建国', on },
    { role: 'secretary', name: '王春华', on },
    { role: 'supervision_committee', name: '张德福', on },
  ];
  const cash = {
    direction: 'expense',
    counterparty: '刘海林',
    method: 'cash',
    invoiceNo: '3326100815',
    purpose: '道路养护费',
    approvals: approvals('2026-10-15'),
  };
  const office = {
    direction: 'expense',
    counterparty: '清源县百货商行',
    method: 'transfer',
    invoiceNo: '3326091802',
    purpose: '村委会办公经费',
    approvals: approvals('2026-09-18'),
  };
  return [
    split(PLANTED_TITLES.contractSplitting[0], '2026-09-08', 6_800_000),
    split(PLANTED_TITLES.contractSplitting[1], '2026-09-25', 5_900_000),
    {
      body: {
        kind: 'fund',
        regionCode: PLANTED_VILLAGES.cashPayment.code,
        title: PLANTED_TITLES.cashPayment[0],
        amount: 860_000,
        occurredOn: '2026-10-15',
        attachments: [],
        fields: cash as never,
      },
      fields: cash,
      stage: 'recorded',
      disclosure: { mode: 'onTime', lagDays: 1 },
    },
    {
      body: {
        kind: 'fund',
        regionCode: PLANTED_VILLAGES.disclosureOverdue.code,
        title: PLANTED_TITLES.disclosureOverdue[0],
        amount: 230_000,
        occurredOn: '2026-09-18',
        attachments: [],
        fields: office as never,
      },
      fields: office,
      stage: 'recorded',
      disclosure: { mode: 'none', lagDays: 0 },
    },
  ];
}

export interface DemoSupervisionSummary {
  stations: number;
  members: number;
  inspections: number;
  findings: number;
  planted: number;
  /** Warnings the rescan raised over the whole town (the demo ledgers' own hits included). */
  warnings: number;
}

/**
 * Load the demo town's supervision after its people and ledgers: stations, the inspections
 * of January–April 2026 to close-out, the planted red flags, and the rescan that raises the
 * warnings. `config` says where evidence photos are stored (the environment's by default).
 */
export async function seedDemoSupervision(
  db: Db,
  config: Config = loadConfig(),
  now = new Date(),
): Promise<DemoSupervisionSummary> {
  const { stations, members } = await seedStations(db);
  const { inspections, findings } = await seedInspections(db, config, demoSupervisionPlan());
  const planted = await loadLedgerPlan(db, plantedEntries());
  const { raised } = await rescanWarnings(db, DEMO_TOWN_CODE, now);
  return { stations, members, inspections, findings, planted: planted.entries, warnings: raised };
}
