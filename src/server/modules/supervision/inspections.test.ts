import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type Reply,
  type TestContext,
} from '../../../../test/support/context.js';
import { makePdf, makePng, upload } from '../../../../test/support/uploads.js';
import type { ErrorBody } from '../../../shared/errors.js';
import type {
  FindingDto,
  InspectionDto,
  InspectionSummaryDto,
  WarningDto,
} from '../../../shared/schemas/supervision.js';
import { verifyAudit } from '../../platform/audit/verify.js';
import { scanOverdue } from '../cases/cases.service.js';
import { rescanWarnings, settleWarnings } from './findings.service.js';

const fieldsOf = (reply: Reply) =>
  (reply.json<ErrorBody>().error.details as { fields?: { field: string; message: string }[] })
    .fields ?? [];

describe.each(DB_KINDS)('inspections to close-out on %s', (kind) => {
  let ctx: TestContext;
  let town: Client;
  let liaison: Client;
  let cadre: Client;
  let cadre2: Client;
  let informant: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    town = await ctx.login('town');
    liaison = await ctx.login('liaison');
    cadre = await ctx.login('cadre');
    cadre2 = await ctx.login('cadre2');
    informant = await ctx.login('informant');
  });
  afterAll(() => ctx.close());

  const plan = async (pointCodes: string[], regionCodes = [DEMO.villageA]) => {
    const reply = await town.post('/api/v1/supervision/inspections', {
      regionCodes,
      plannedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      title: '村级小微权力专项监督检查',
      officers: ['李联络', '王纪检'],
      pointCodes,
    });
    expect(reply.status).toBe(201);
    return reply.json<InspectionSummaryDto[]>();
  };
  const answer = (id: string, point: string, body: Record<string, unknown>) =>
    liaison.post(`/api/v1/supervision/inspections/${id}/items/${point}`, body);
  const photo = async (client: Client, seed: number, region = DEMO.villageA) => {
    const reply = await upload(client, { name: `现场${seed}.png`, bytes: makePng(seed) }, region);
    expect(reply.status).toBe(201);
    return reply.json<{ id: string }>().id;
  };

  it('runs an inspection from plan to close-out, with a numbered notice as PDF and DOCX', async () => {
    const [planned] = await plan(['D01', 'D02', 'D03']);
    expect(planned).toMatchObject({
      status: 'planned',
      total: 3,
      answered: 0,
      catalogueVersion: 0,
    });
    const id = planned!.id;

    expect((await answer(id, 'D01', { result: 'pass' })).status).toBe(200);
    // A problem needs its description.
    const bare = await answer(id, 'D02', { result: 'problem', note: ' ' });
    expect(bare.status).toBe(400);
    expect(fieldsOf(bare)[0]).toMatchObject({ field: 'note' });
    // Photos must be images of the village.
    const pdf = await upload(liaison, { name: 'a.pdf', bytes: makePdf() });
    const notPhoto = await answer(id, 'D02', {
      result: 'problem',
      note: '村民代表会议记录缺少签到',
      photos: [pdf.json<{ id: string }>().id],
    });
    expect(notPhoto.status).toBe(400);
    expect(fieldsOf(notPhoto)[0]).toMatchObject({ field: 'photos' });
    const shot = await photo(liaison, 1);
    const answered = await answer(id, 'D02', {
      result: 'problem',
      note: '村民代表会议记录缺少签到',
      photos: [shot],
      rectifyDays: 7,
    });
    expect(answered.json<InspectionDto>()).toMatchObject({ answered: 2, problems: 1 });

    // Not every point answered: refused, naming the one left, and nothing written.
    const early = await liaison.post(`/api/v1/supervision/inspections/${id}/submit`, {
      expectedVersion: 1,
      signedBy: '李联络',
    });
    expect(early.status).toBe(400);
    expect(fieldsOf(early)).toEqual([{ field: 'items.D03', message: '该监督要点尚未作答' }]);
    expect(
      (await liaison.get(`/api/v1/supervision/inspections/${id}`)).json<InspectionDto>().status,
    ).toBe('planned');

    expect((await answer(id, 'D03', { result: 'na' })).status).toBe(200);
    // A village cadre does not inspect.
    expect(
      (
        await cadre.post(`/api/v1/supervision/inspections/${id}/submit`, {
          expectedVersion: 1,
          signedBy: '村干部',
        })
      ).status,
    ).toBe(403);
    const submitted = await liaison.post(`/api/v1/supervision/inspections/${id}/submit`, {
      expectedVersion: 1,
      signedBy: '李联络',
    });
    expect(submitted.status).toBe(200);
    const done = submitted.json<InspectionDto>();
    expect(done).toMatchObject({ status: 'submitted', signedBy: '李联络' });
    const findingId = done.items.find((i) => i.pointCode === 'D02')!.findingId!;
    expect(findingId).toBeTruthy();
    // Answers are closed once submitted.
    expect((await answer(id, 'D01', { result: 'na' })).status).toBe(409);

    // The finding waits for the feedback; it is not in the village's general inbox by region.
    const open = (
      await town.get(`/api/v1/supervision/findings?regionCode=${DEMO.town}&state=open`)
    ).json<FindingDto[]>();
    expect(open.map((f) => f.id)).toContain(findingId);
    expect(open.find((f) => f.id === findingId)).toMatchObject({
      status: 'received',
      category: 'decision',
      rectifyDays: 7,
      docNo: null,
    });
    // It cannot be dispatched by hand: it goes with its notice.
    const byHand = await town.post(`/api/v1/cases/${findingId}/commands`, {
      type: 'dispatch',
      expectedVersion: 1,
      unitId: 'x',
      coUnitIds: [],
    });
    expect(byHand.status).toBe(409);

    const fed = await town.post(`/api/v1/supervision/inspections/${id}/feedback`, {
      expectedVersion: 2,
    });
    expect(fed.status).toBe(200);
    const year = new Date().getFullYear();
    expect(fed.json<InspectionDto>()).toMatchObject({
      status: 'fed_back',
      docNo: `清纪联〔${year}〕1号`,
    });
    const finding = (
      await cadre.get(`/api/v1/supervision/findings/${findingId}`)
    ).json<FindingDto>();
    expect(finding).toMatchObject({
      status: 'dispatched',
      unitName: '石桥村村民委员会',
      docNo: `清纪联〔${year}〕1号`,
    });
    expect(finding.dueAt! > finding.fedBackAt!).toBe(true);

    // The notice as the village receives it, in both formats, read back.
    const noticeId = fed.json<InspectionDto>().noticeId!;
    const pdfReply = await cadre.get(`/api/v1/supervision/notices/${noticeId}/document?format=pdf`);
    expect(pdfReply.status).toBe(200);
    expect(pdfReply.raw.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(pdfReply.raw.rawPayload), {
      mergePages: true,
    });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(`清纪联〔${year}〕1号`);
    expect(flat).toContain('关于石桥村监督检查发现问题的反馈意见书');
    expect(flat).toContain('村民代表会议记录缺少签到');
    expect(flat).toContain('7个工作日');
    const docx = await cadre.get(`/api/v1/supervision/notices/${noticeId}/document?format=docx`);
    expect(docx.status).toBe(200);
    const xml = await (
      await JSZip.loadAsync(docx.raw.rawPayload)
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain(`清纪联〔${year}〕1号`);
    expect(xml).toContain('村民代表会议记录缺少签到');
    // To another village's cadre, neither the notice nor the inspection exists.
    expect(
      (await cadre2.get(`/api/v1/supervision/notices/${noticeId}/document?format=pdf`)).status,
    ).toBe(404);
    expect((await cadre2.get(`/api/v1/supervision/inspections/${id}`)).status).toBe(404);

    // Evidence must be an image or a PDF: a spreadsheet is refused, naming the field.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('整改').addRow(['整改情况', '已补全签到']);
    const sheet = await upload(cadre, {
      name: '整改.xlsx',
      bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    expect(sheet.status).toBe(201);
    const wrong = await cadre.post(`/api/v1/supervision/findings/${findingId}/rectify`, {
      expectedVersion: finding.version,
      text: '已补全签到',
      evidence: [sheet.json<{ id: string }>().id],
    });
    expect(wrong.status).toBe(400);
    expect(fieldsOf(wrong)[0]).toMatchObject({
      field: 'evidence',
      message: '整改佐证材料只能是照片或 PDF 文件',
    });
    const none = await cadre.post(`/api/v1/supervision/findings/${findingId}/rectify`, {
      expectedVersion: finding.version,
      text: '已补全签到',
      evidence: [],
    });
    expect(none.status).toBe(400);
    expect(fieldsOf(none)[0]).toMatchObject({ field: 'evidence' });
    // The station cannot rectify for the village.
    expect(
      (
        await liaison.post(`/api/v1/supervision/findings/${findingId}/rectify`, {
          expectedVersion: finding.version,
          text: '已补全签到',
          evidence: [shot],
        })
      ).status,
    ).toBe(403);
    const evidence = await upload(cadre, { name: '整改报告.pdf', bytes: makePdf(10) });
    const rectified = await cadre.post(`/api/v1/supervision/findings/${findingId}/rectify`, {
      expectedVersion: finding.version,
      text: '已补全签到并重新公示会议记录',
      evidence: [evidence.json<{ id: string }>().id, await photo(cadre, 2)],
    });
    expect(rectified.status).toBe(200);
    expect(rectified.json<FindingDto>()).toMatchObject({ status: 'replied' });

    // The station verifies; it does not close out. The town closes out.
    const caseNow = async () =>
      (await town.get(`/api/v1/cases/${findingId}`)).json<{ version: number; status: string }>();
    const verified = await liaison.post(`/api/v1/cases/${findingId}/commands`, {
      type: 'verify',
      expectedVersion: (await caseNow()).version,
    });
    expect(verified.status).toBe(200);
    const byStation = await liaison.post(`/api/v1/cases/${findingId}/commands`, {
      type: 'close',
      expectedVersion: (await caseNow()).version,
    });
    expect(byStation.status).toBe(403);
    const closed = await town.post(`/api/v1/cases/${findingId}/commands`, {
      type: 'close',
      expectedVersion: (await caseNow()).version,
    });
    expect(closed.status).toBe(200);
    expect(
      (await town.get(`/api/v1/supervision/findings/${findingId}`)).json<FindingDto>(),
    ).toMatchObject({ status: 'closed', onTime: true, overdue: false });
    // Its only finding closed out, the inspection is done.
    expect(
      (await town.get(`/api/v1/supervision/inspections/${id}`)).json<InspectionDto>().status,
    ).toBe('done');
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('keeps an inspection on the catalogue version it was planned with', async () => {
    const [planned] = await plan(['D01']);
    const catalogue = (
      await town.get(`/api/v1/supervision/catalogue?regionCode=${DEMO.town}`)
    ).json<{ catalogue: { points: { code: string; title: string }[] } }>().catalogue;
    const revised = structuredClone(catalogue);
    revised.points.find((p) => p.code === 'D01')!.title = '重大事项是否经村民代表会议表决（修订）';
    const saved = await town.post('/api/v1/supervision/catalogue', {
      townCode: DEMO.town,
      effectiveFrom: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      reason: '修订监督要点',
      catalogue: revised,
    });
    expect(saved.status).toBe(201);
    const again = (
      await town.get(`/api/v1/supervision/inspections/${planned!.id}`)
    ).json<InspectionDto>();
    expect(again.catalogueVersion).toBe(0);
    expect(again.items[0]!.title).toBe(catalogue.points.find((p) => p.code === 'D01')!.title);
    const [next] = await plan(['D01']);
    expect(next!.catalogueVersion).toBe(1);
  });

  it('escalates an overdue finding to the discipline office', async () => {
    const [planned] = await plan(['D04']);
    await answer(planned!.id, 'D04', {
      result: 'problem',
      note: '未按期公开财务收支',
      rectifyDays: 1,
    });
    await liaison.post(`/api/v1/supervision/inspections/${planned!.id}/submit`, {
      expectedVersion: 1,
      signedBy: '李联络',
    });
    const fed = await town.post(`/api/v1/supervision/inspections/${planned!.id}/feedback`, {
      expectedVersion: 2,
    });
    const findingId = fed.json<InspectionDto>().items[0]!.findingId!;
    const later = new Date(Date.now() + 20 * 86_400_000);
    expect(await scanOverdue(ctx.db, later)).toBeGreaterThan(0);
    const overdue = (
      await town.get(`/api/v1/supervision/findings?regionCode=${DEMO.villageA}&state=overdue`)
    ).json<FindingDto[]>();
    expect(overdue.map((f) => f.id)).toContain(findingId);
    const office = await ctx.db
      .selectFrom('unit')
      .select('id')
      .where('region_code', '=', DEMO.town)
      .where('kind', '=', 'discipline_office')
      .executeTakeFirstOrThrow();
    const notices = await ctx.db
      .selectFrom('notification')
      .select('kind')
      .where('case_id', '=', findingId)
      .where('unit_id', '=', office.id)
      .execute();
    expect(notices.map((n) => n.kind)).toContain('escalated');
  });

  it('takes an informant’s clue to the station, out of the village cadre’s sight', async () => {
    const shot = await photo(informant, 3);
    const filed = await informant.post('/api/v1/supervision/clues', {
      regionCode: DEMO.villageA,
      category: 'power',
      description: '村里低保名单里有村干部亲属，群众有意见',
      photos: [shot],
    });
    expect(filed.status).toBe(201);
    const { id, code } = filed.json<{ id: string; code: string }>();
    const mine = (await informant.get('/api/v1/supervision/clues/mine')).json<{ code: string }[]>();
    expect(mine.map((c) => c.code)).toContain(code);
    const atStation = await liaison.get(`/api/v1/cases/${id}`);
    expect(atStation.status).toBe(200);
    expect(atStation.json<{ status: string; unitName: string }>()).toMatchObject({
      status: 'dispatched',
      unitName: '石桥村监察工作联络站',
    });
    expect((await cadre.get(`/api/v1/cases/${id}`)).status).toBe(404);
    const inbox = (await cadre.get(`/api/v1/cases?regionCode=${DEMO.villageA}&pageSize=100`)).json<{
      items: { id: string }[];
    }>();
    expect(inbox.items.map((c) => c.id)).not.toContain(id);
    // A short clue is refused, naming the field in the user's language.
    const short = await informant.post('/api/v1/supervision/clues', {
      regionCode: DEMO.villageA,
      category: 'power',
      description: '有',
      photos: [],
    });
    expect(short.status).toBe(400);
    expect(fieldsOf(short)[0]).toEqual({
      field: 'description',
      message: '请把线索写清楚（至少 5 个字）',
    });
  });

  it('raises a warning for the station on a rule hit, and clears it only by re-evaluation', async () => {
    const created = await cadre.post('/api/v1/ledger', {
      kind: 'fund',
      regionCode: DEMO.villageA,
      title: '支付清淤民工工资（现金）',
      amount: 520_000,
      occurredOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      fields: {
        direction: 'expense',
        counterparty: '李四',
        method: 'cash',
        purpose: '清淤民工工资',
        approvals: [],
      },
      attachments: [],
    });
    expect(created.status).toBe(201);
    const entry = created.json<{ id: string; version: number }>();
    await settleWarnings();
    const open = (
      await liaison.get(`/api/v1/supervision/warnings?regionCode=${DEMO.villageA}&open=true`)
    ).json<WarningDto[]>();
    const warning = open.find((w) => w.rule === 'cashPayment' && w.entryIds.includes(entry.id));
    expect(warning).toMatchObject({ severity: 'red', status: 'dispatched', clearedAt: null });
    expect(warning!.threshold).toMatchObject({ cashPaymentMaxFen: 100_000 });
    // Nobody clears it by a click.
    const row = (await town.get(`/api/v1/cases/${warning!.id}`)).json<{ version: number }>();
    const byHand = await town.post(`/api/v1/cases/${warning!.id}/commands`, {
      type: 'close',
      expectedVersion: row.version,
    });
    expect(byHand.status).toBe(409);
    // A rescan with the cause still there changes nothing.
    expect((await rescanWarnings(ctx.db, DEMO.town)).raised).toBe(0);

    const voided = await cadre.post(`/api/v1/ledger/${entry.id}/void`, {
      reason: '录入错误，实际为银行转账',
    });
    expect(voided.status).toBe(200);
    await settleWarnings();
    const after = (
      await liaison.get(`/api/v1/supervision/warnings?regionCode=${DEMO.villageA}`)
    ).json<WarningDto[]>();
    expect(after.find((w) => w.id === warning!.id)).toMatchObject({ status: 'closed' });
    expect(after.find((w) => w.id === warning!.id)!.clearedAt).not.toBeNull();
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });
});
