import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type TestContext,
} from '../../../../test/support/context.js';
import type { ErrorBody } from '../../../shared/errors.js';
import type { NewLedgerEntryBody } from '../../../shared/schemas/ledger.js';
import type { SupervisionFigures } from '../../../shared/supervision/figures.js';
import type { Db } from '../../db/schema.js';
import type { XlsxBytes } from '../../platform/documents/xlsx.js';
import { AppError } from '../../platform/errors.js';
import { storeFile } from '../../platform/files/files.service.js';
import { seedPrincipal, sitePhoto } from '../../seed/demo-supervision.js';
import { commandCase } from '../cases/cases.service.js';
import { createEntry, voidEntry } from '../ledger/ledger.service.js';
import { rectifyFinding, syncWarnings } from './findings.service.js';
import { figuresPeriod } from './figures.service.js';
import { answerItem, feedBack, planInspections, submitInspection } from './inspections.service.js';

const A = DEMO.villageA; // 石桥村
const B = DEMO.villageB; // 溪东村
const POINTS = ['D01', 'D07', 'D13', 'D20', 'D27', 'D33'];

/** A local time in China. */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

const squash = (s: string) => s.replace(/\s+/g, '');

describe('the period of the figures', () => {
  const now = at('2026-11-27', '15:00');

  it('runs from 1 January to today by default, and is read as of its end or now', () => {
    expect(figuresPeriod({}, now)).toMatchObject({
      from: '2026-01-01',
      to: '2026-11-27',
      start: '2025-12-31T16:00:00.000Z',
      end: '2026-11-27T16:00:00.000Z',
      asOf: now.toISOString(),
    });
    expect(figuresPeriod({ from: '2026-01-01', to: '2026-04-30' }, now)).toMatchObject({
      end: '2026-04-30T16:00:00.000Z',
      asOf: '2026-04-30T16:00:00.000Z',
    });
    expect(figuresPeriod({ to: '2025-03-31' }, now).from).toBe('2025-01-01');
  });

  it('refuses a period that runs backwards or spans more than a year, naming the field', () => {
    const refused = (query: { from?: string; to?: string }) => {
      try {
        figuresPeriod(query, now);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).details?.fields?.[0]?.field;
      }
    };
    expect(refused({ from: '2026-05-01', to: '2026-04-30' })).toBe('to');
    // Only `from` given: the default end is today, so `from` is the field at fault.
    expect(refused({ from: '2026-12-01' })).toBe('from');
    expect(refused({ from: '2025-01-01', to: '2026-01-03' })).toBe('to');
    expect(refused({ from: '2025-01-01', to: '2026-01-02' })).toBeNull();
    expect(refused({ from: '2026-04-30', to: '2026-04-30' })).toBeNull();
  });
});

/** A fund payment of a village, recorded by its cadre through the ledger service. */
function payment(
  regionCode: string,
  occurredOn: string,
  method: 'cash' | 'transfer',
): NewLedgerEntryBody {
  return {
    kind: 'fund',
    regionCode,
    title: method === 'cash' ? '支付临时工工资（现金）' : '支付保洁员工资',
    amount: 360_000,
    occurredOn,
    fields: {
      direction: 'expense',
      counterparty: '王五',
      method,
      purpose: '工资',
      approvals: [],
    } as never,
    attachments: [],
  };
}

/**
 * The data the figures are checked against, each step on its own day through the services:
 *
 * 石桥村 (A): four payments (one in December 2025, one voided); an inspection on 20 February
 * with one problem (before the period); one on 10 March with three: D01 rectified on time and
 * closed out on 18 March, D07 rectified late and closed out on 23 March, D13 never rectified
 * (overdue from 18 March).
 * 溪东村 (B): a cash payment raising a warning on 10 April, voided and cleared on 20 April,
 * and another raising one on 25 April; the 10 March inspection with D20 (closed out on 7
 * April, on time) and D27 (60 working days to rectify, still open); an inspection on 14 April
 * with D33, not fed back.
 */
async function loadFigures(db: Db, ctx: TestContext): Promise<void> {
  const town = await seedPrincipal(db, 'jiwei');
  const cadreA = await seedPrincipal(db, `cadre-${A}-secretary`);
  const cadreB = await seedPrincipal(db, `cadre-${B}-secretary`);
  const heads: Record<string, Awaited<ReturnType<typeof seedPrincipal>>> = {
    [A]: await seedPrincipal(db, `liaison-${A}-1`),
    [B]: await seedPrincipal(db, `liaison-${B}-1`),
  };

  for (const on of ['2025-12-31', '2026-03-02', '2026-03-20', '2026-04-30'])
    await createEntry(db, cadreA.principal, cadreA.actor, payment(A, on, 'transfer'));
  const voided = await createEntry(
    db,
    cadreA.principal,
    cadreA.actor,
    payment(A, '2026-03-05', 'transfer'),
  );
  await voidEntry(db, cadreA.principal, cadreA.actor, voided.id, '重复录入');

  const cashB = await createEntry(
    db,
    cadreB.principal,
    cadreB.actor,
    payment(B, '2026-04-08', 'cash'),
  );
  expect(await syncWarnings(db, B, at('2026-04-10'))).toEqual({ raised: 1, cleared: 0 });
  await voidEntry(db, cadreB.principal, cadreB.actor, cashB.id, '误录，已改为转账支付');
  expect(await syncWarnings(db, B, at('2026-04-20'))).toEqual({ raised: 0, cleared: 1 });
  await createEntry(db, cadreB.principal, cadreB.actor, payment(B, '2026-04-22', 'cash'));
  expect(await syncWarnings(db, B, at('2026-04-25'))).toEqual({ raised: 1, cleared: 0 });

  /** Plan, answer and submit; feed back when `issuedOn` is given. Returns finding ids by point. */
  const inspect = async (
    plannedOn: string,
    problems: Record<string, { point: string; days: number }[]>,
    issuedOn?: string,
  ) => {
    const planned = await planInspections(
      db,
      town.principal,
      town.actor,
      {
        regionCodes: Object.keys(problems),
        plannedOn,
        title: '村级小微权力专项监督检查',
        officers: ['陈纪平'],
        pointCodes: POINTS,
      },
      at(plannedOn, '08:00'),
    );
    const found = new Map<string, string>();
    for (const summary of planned) {
      const head = heads[summary.regionCode]!;
      const mine = problems[summary.regionCode]!;
      for (const point of POINTS) {
        const problem = mine.find((p) => p.point === point);
        await answerItem(
          db,
          head.principal,
          head.actor,
          summary.id,
          point,
          problem
            ? {
                result: 'problem',
                note: `${point}存在问题，需要整改`,
                photos: [],
                rectifyDays: problem.days,
              }
            : { result: 'pass', photos: [] },
          at(plannedOn, '10:00'),
        );
      }
      let dto = await submitInspection(
        db,
        head.principal,
        head.actor,
        summary.id,
        { expectedVersion: summary.version, signedBy: head.actor.name },
        at(plannedOn, '16:00'),
      );
      if (issuedOn)
        dto = await feedBack(
          db,
          town.principal,
          town.actor,
          summary.id,
          { expectedVersion: dto.version, issuedOn },
          at(issuedOn),
        );
      for (const item of dto.items)
        if (item.findingId) found.set(`${summary.regionCode}:${item.pointCode}`, item.findingId);
    }
    return found;
  };

  const version = async (id: string) =>
    (await db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow())
      .version;
  let photo = 0;
  /** Rectified on one day, verified and closed out on another. */
  const closeOut = async (
    regionCode: string,
    id: string,
    rectifiedOn: string,
    closedOn: string,
  ) => {
    const cadre = regionCode === A ? cadreA : cadreB;
    const file = await storeFile(db, ctx.config, cadre.principal, cadre.actor, {
      bytes: sitePhoto(++photo),
      originalName: '整改照片.png',
      regionCode,
      isPublic: false,
    });
    await rectifyFinding(
      db,
      cadre.principal,
      cadre.actor,
      id,
      { expectedVersion: await version(id), text: '已整改到位', evidence: [file.id] },
      at(rectifiedOn),
    );
    const head = heads[regionCode]!;
    await commandCase(
      db,
      head.principal,
      head.actor,
      id,
      { type: 'verify', expectedVersion: await version(id) },
      at(closedOn, '09:00'),
    );
    await commandCase(
      db,
      town.principal,
      town.actor,
      id,
      { type: 'close', expectedVersion: await version(id) },
      at(closedOn, '15:00'),
    );
  };

  await inspect('2026-02-20', { [A]: [{ point: 'D01', days: 5 }] }, '2026-02-24');
  const march = await inspect(
    '2026-03-10',
    {
      [A]: [
        { point: 'D01', days: 10 },
        { point: 'D07', days: 3 },
        { point: 'D13', days: 3 },
      ],
      [B]: [
        { point: 'D20', days: 20 },
        { point: 'D27', days: 60 },
      ],
    },
    '2026-03-12',
  );
  await closeOut(A, march.get(`${A}:D01`)!, '2026-03-16', '2026-03-18');
  // Due at the end of 17 March: rectified on the 20th, late.
  await closeOut(A, march.get(`${A}:D07`)!, '2026-03-20', '2026-03-23');
  await closeOut(B, march.get(`${B}:D20`)!, '2026-04-02', '2026-04-07');
  await inspect('2026-04-14', { [B]: [{ point: 'D33', days: 10 }] });
}

describe.each(DB_KINDS)('supervision figures on %s', (kind) => {
  let ctx: TestContext;
  let jiwei: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    await loadFigures(ctx.db, ctx);
    jiwei = await ctx.login('jiwei');
  }, 120_000);
  afterAll(() => ctx.close());

  const figuresOf = async (query: string, client = jiwei) => {
    const reply = await client.get(`/api/v1/supervision/figures?${query}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.json<SupervisionFigures>();
  };
  const MAR_APR = `regionCode=${DEMO.town}&from=2026-03-01&to=2026-04-30`;

  it('counts each village over March–April as it stood at the end of April', async () => {
    const figures = await figuresOf(MAR_APR);
    expect(figures).toMatchObject({
      regionName: '清溪镇',
      regionLevel: 'town',
      townName: '清溪镇',
      from: '2026-03-01',
      to: '2026-04-30',
      asOf: '2026-04-30T16:00:00.000Z',
    });
    expect(figures.rows).toHaveLength(28);
    const a = figures.rows.find((r) => r.regionCode === A)!;
    const b = figures.rows.find((r) => r.regionCode === B)!;
    expect(a).toMatchObject({
      regionName: '石桥村',
      entries: 3,
      inspections: 1,
      findings: 3,
      byCategory: { decision: 1, power: 1, fund: 1, project: 0, duty: 0, service: 0 },
      fedBack: 3,
      rectified: 2,
      rectifiedOnTime: 1,
      rectifiedLate: 1,
      open: 1,
      overdue: 1,
      warningsRaised: 0,
      warningsCleared: 0,
    });
    expect(b).toMatchObject({
      regionName: '溪东村',
      entries: 1,
      inspections: 2,
      findings: 3,
      byCategory: { decision: 0, power: 0, fund: 0, project: 1, duty: 1, service: 1 },
      fedBack: 2,
      rectified: 1,
      rectifiedOnTime: 1,
      rectifiedLate: 0,
      open: 2,
      overdue: 0,
      warningsRaised: 2,
      warningsCleared: 1,
    });
    expect(figures.total).toMatchObject({
      entries: 4,
      inspections: 3,
      findings: 6,
      fedBack: 5,
      rectified: 3,
      rectifiedOnTime: 2,
      rectifiedLate: 1,
      open: 3,
      overdue: 1,
      warningsRaised: 2,
      warningsCleared: 1,
    });
    const others = figures.rows.filter((r) => r.regionCode !== A && r.regionCode !== B);
    expect(others.every((r) => r.entries + r.findings + r.inspections === 0)).toBe(true);
  });

  it('reads March alone as it stood at the end of March', async () => {
    const figures = await figuresOf(`regionCode=${DEMO.town}&from=2026-03-01&to=2026-03-31`);
    // B's D20 was closed out on 7 April: still open at the end of March, and not yet overdue.
    expect(figures.total).toMatchObject({
      entries: 2,
      inspections: 2,
      findings: 5,
      fedBack: 5,
      rectified: 2,
      rectifiedOnTime: 1,
      open: 3,
      overdue: 1,
      warningsRaised: 0,
    });
    // April alone: the warnings of B, raised on the 10th (cleared on the 20th) and the 25th.
    const april = await figuresOf(`regionCode=${B}&from=2026-04-01&to=2026-04-30`);
    expect(april.rows.map((r) => r.regionCode)).toEqual([B]);
    expect(april).toMatchObject({ regionLevel: 'village', regionKind: 'village' });
    expect(april.total).toMatchObject({ warningsRaised: 2, warningsCleared: 1, inspections: 1 });
    // Up to 15 April: the first warning is raised and not yet cleared.
    const early = await figuresOf(`regionCode=${B}&from=2026-04-01&to=2026-04-15`);
    expect(early.total).toMatchObject({ warningsRaised: 1, warningsCleared: 0 });
  });

  it('writes the brief from the figures, in PDF and DOCX', async () => {
    const sentence =
      '3至4月，全镇录入村级工程、村级采购、劳务用工等各类数据4条，开展监督检查3次，发现问题6个，已反馈5个，整改到位3个，其余3个正在整改中（其中逾期1个）。';
    const pdf = await jiwei.get(`/api/v1/supervision/brief?${MAR_APR}&format=pdf&issue=2`);
    expect(pdf.status).toBe(200);
    expect(pdf.raw.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.raw.headers['content-disposition'])).toContain(
      encodeURIComponent('清风监督工作简报-第2期-清溪镇'),
    );
    const { text } = await extractText(new Uint8Array(pdf.raw.rawPayload), { mergePages: true });
    const flat = squash(text);
    expect(flat).toContain('清风监督工作简报');
    expect(flat).toContain('第2期');
    expect(flat).toContain(squash(sentence));
    expect(flat).toContain('系统自动预警2条，已消除1条。');
    expect(flat).toContain('石桥村');

    const docx = await jiwei.get(`/api/v1/supervision/brief?${MAR_APR}&format=docx`);
    expect(docx.status).toBe(200);
    const xml = await (
      await JSZip.loadAsync(docx.raw.rawPayload)
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain(sentence);
    expect(xml).toContain(
      '从问题类别看，小决策1个、小权力1个、小资金1个、小项目1个、小职责1个、小服务1个。',
    );
    expect(xml).toContain('清溪镇纪委');
    expect(xml).not.toContain('第2期');
  });

  it('exports the villages to a workbook with Chinese headers and a total', async () => {
    const reply = await jiwei.get(`/api/v1/supervision/figures.xlsx?${MAR_APR}`, {
      'x-qf-locale': 'zh-CN',
    });
    expect(reply.status).toBe(200);
    expect(String(reply.raw.headers['content-type'])).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(reply.raw.rawPayload as unknown as XlsxBytes);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([
      '村（社区）',
      '录入数据(条)',
      '监督检查(次)',
      '发现问题(个)',
      '小决策',
      '小权力',
      '小资金',
      '小项目',
      '小职责',
      '小服务',
      '已反馈(个)',
      '整改到位(个)',
      '按期整改(个)',
      '超期整改(个)',
      '正在整改(个)',
      '逾期未整改(个)',
      '系统预警(条)',
      '已消除(条)',
    ]);
    expect(sheet.rowCount).toBe(28 + 2);
    const rowOf = (name: string) => {
      for (let r = 2; r <= sheet.rowCount; r++)
        if (sheet.getRow(r).getCell(1).value === name)
          return (sheet.getRow(r).values as unknown[]).slice(1);
      return null;
    };
    expect(rowOf('石桥村')).toEqual(['石桥村', 3, 1, 3, 1, 1, 1, 0, 0, 0, 3, 2, 1, 1, 1, 1, 0, 0]);
    expect(rowOf('合计')).toEqual(['合计', 4, 3, 6, 1, 1, 1, 1, 1, 1, 5, 3, 2, 1, 3, 1, 2, 1]);
  });

  it('keeps a village cadre to the village, another town out, and asks for a login', async () => {
    const cadre = await ctx.login('cadre');
    expect((await cadre.get(`/api/v1/supervision/figures?${MAR_APR}`)).status).toBe(403);
    const own = await figuresOf(`regionCode=${A}&from=2026-03-01&to=2026-04-30`, cadre);
    expect(own.rows.map((r) => r.regionName)).toEqual(['石桥村']);
    expect(own.total.findings).toBe(3);
    expect((await cadre.get(`/api/v1/supervision/brief?regionCode=${B}&format=docx`)).status).toBe(
      403,
    );
    const town2 = await ctx.login('town2');
    expect((await town2.get(`/api/v1/supervision/figures.xlsx?${MAR_APR}`)).status).toBe(403);
    expect((await ctx.anon.get(`/api/v1/supervision/figures?${MAR_APR}`)).status).toBe(401);
    // A county viewer may read the town's figures.
    const county = await ctx.login('county');
    expect((await figuresOf(MAR_APR, county)).total.findings).toBe(6);
  });

  it('refuses bad input with 400, naming the field in Chinese', async () => {
    const zh = { 'x-qf-locale': 'zh-CN' };
    const fieldOf = async (url: string) => {
      const reply = await jiwei.get(url, zh);
      expect(reply.status, url).toBe(400);
      return reply.json<ErrorBody>().error.details?.fields?.[0];
    };
    expect(
      await fieldOf(
        `/api/v1/supervision/figures?regionCode=${DEMO.town}&from=2026-05-01&to=2026-04-01`,
      ),
    ).toEqual({ field: 'to', message: '结束日期不能早于开始日期，且相隔不超过一年' });
    expect(await fieldOf(`/api/v1/supervision/figures?regionCode=${DEMO.county}`)).toEqual({
      field: 'regionCode',
      message: '请选择一个乡镇（街道）',
    });
    expect(
      await fieldOf(`/api/v1/supervision/figures.xlsx?regionCode=${DEMO.town}&from=2026-02-30`),
    ).toEqual({ field: 'from', message: '请输入真实存在的日期（YYYY-MM-DD）' });
    expect(await fieldOf(`/api/v1/supervision/brief?regionCode=${DEMO.town}&to=2026-4-1`)).toEqual({
      field: 'to',
      message: '请输入真实存在的日期（YYYY-MM-DD）',
    });
    expect(
      (await fieldOf(`/api/v1/supervision/brief?regionCode=${DEMO.town}&format=xls`))?.field,
    ).toBe('format');
  });
});
