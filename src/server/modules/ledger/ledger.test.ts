import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestContext,
  DB_KINDS,
  DEMO,
  type Client,
  type Reply,
  type TestContext,
} from '../../../../test/support/context.js';
import type { ErrorBody } from '../../../shared/errors.js';
import { creditCodeCheckChar } from '../../../shared/identifiers.js';
import { fromHex, verifyInclusion } from '../../../shared/merkle.js';
import { DEFAULT_POLICY } from '../../../shared/policy.js';
import type { ChainPlace, PublicEntryDetail } from '../../../shared/schemas/disclosure.js';
import type { ImportReport, LedgerEntryDto } from '../../../shared/schemas/ledger.js';
import { createCheckpoint, merkleHash } from '../../platform/audit/checkpoint.js';
import { verifyAudit } from '../../platform/audit/verify.js';

const CONTRACTOR = '清溪建设工程有限公司';
const base17 = '91339901MA2H7Q3K0';
const CREDIT_CODE = base17 + creditCodeCheckChar(base17);
const BAD_CREDIT_CODE = base17 + (creditCodeCheckChar(base17) === '1' ? '2' : '1');

const entry = (reply: Reply) => reply.json<LedgerEntryDto>();
const fieldsOf = (reply: Reply) =>
  (reply.json<ErrorBody>().error.details?.fields ?? []).map((f) => f.field);

/** A passed 四议两公开 resolution in a village, through the API. */
async function passedDecision(client: Client, regionCode: string, amount: number) {
  const created = await client.post('/api/v1/decisions', {
    regionCode,
    title: '村道硬化工程立项',
    content: '拟对村内主干道路进行硬化，预算约六十万元。',
    amount,
  });
  expect(created.status).toBe(201);
  const id = created.json<{ id: string }>().id;
  const meetings = [
    ['proposal', 7, 7, 7],
    ['committees', 9, 9, 8],
    ['partyMembers', 30, 24, 20],
    ['representatives', 45, 36, 30],
  ] as const;
  for (const [step, expected, present, votesFor] of meetings) {
    const reply = await client.post(`/api/v1/decisions/${id}/meetings`, {
      step,
      heldOn: '2026-01-10',
      form: 'in_person',
      expected,
      present,
      votesFor,
      votesAgainst: present - votesFor,
      content: '会议审议村道硬化工程',
      attendees: ['张三', '李四'],
      officials: ['镇包村干部 王强'],
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
  return id;
}

describe.each(DB_KINDS)('ledgers on %s', (kind) => {
  let ctx: TestContext;
  let cadre: Client;
  let cadre2: Client;
  let town: Client;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    cadre = await ctx.login('cadre');
    cadre2 = await ctx.login('cadre2');
    town = await ctx.login('town');
  });
  afterAll(() => ctx.close());

  const newProject = (amount: number, extra: Record<string, unknown> = {}) => ({
    kind: 'project',
    regionCode: DEMO.villageA,
    title: '石桥村村道硬化工程',
    amount,
    occurredOn: '2026-01-05',
    fields: { location: '石桥村主干道', description: '道路硬化 1.2 公里' },
    ...extra,
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const before = await countRows(ctx.db, 'ledger_entry');
    const events = await countRows(ctx.db, 'audit_event');
    const negative = await cadre.post('/api/v1/ledger', newProject(-5));
    expect(negative.status).toBe(400);
    expect(negative.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'amount', message: '金额须为不小于 0 的整数（以分计），最多 2 位小数（元）' },
    ]);
    const badDate = await cadre.post(
      '/api/v1/ledger',
      newProject(100, { occurredOn: '2026-13-01' }),
    );
    expect(fieldsOf(badDate)).toEqual(['occurredOn']);
    const town_ = await cadre.post('/api/v1/ledger', newProject(100, { regionCode: DEMO.town }));
    expect(town_.status).toBe(400);
    expect(fieldsOf(town_)).toEqual(['regionCode']);
    const fewQuotes = await cadre.post('/api/v1/ledger', {
      kind: 'procurement',
      regionCode: DEMO.villageA,
      title: '办公电脑采购',
      amount: 3_000_000,
      occurredOn: '2026-02-01',
      fields: {
        item: '台式电脑 5 台',
        quotations: [{ supplier: '甲公司', amount: 3_000_000 }],
        method: 'simple',
      },
    });
    expect(fewQuotes.status).toBe(400);
    expect(fieldsOf(fewQuotes).sort()).toEqual(['fields.method', 'fields.quotations']);
    expect(await countRows(ctx.db, 'ledger_entry')).toBe(before);
    expect(await countRows(ctx.db, 'audit_event')).toBe(events);
  });

  it('takes a project through its stages, with a resolution, and refuses steps out of order', async () => {
    const created = await cadre.post('/api/v1/ledger', newProject(60_000_000));
    expect(created.status).toBe(201);
    let e = entry(created);
    expect(e).toMatchObject({ stage: 'initiated', version: 1, status: 'active' });
    expect(e.rules).toMatchObject({ worksMethod: 'township_tender', needsResolution: true });
    expect(e.allowedActions).toEqual(['trade']);

    const act = (body: Record<string, unknown>) =>
      cadre.post(`/api/v1/ledger/${e.id}/actions`, { expectedVersion: e.version, ...body });

    const early = await act({
      action: 'pay',
      on: '2026-01-06',
      amount: 100,
      payee: CONTRACTOR,
      method: 'transfer',
    });
    expect(early.status).toBe(409);
    expect(early.json<ErrorBody>().error.message).toBe('当前阶段不能进行此操作');

    const weak = await act({ action: 'trade', on: '2026-01-20', method: 'own_choice' });
    expect(weak.status).toBe(400);
    expect(weak.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'method', message: '按当时的县级规则，该金额须采用更严格的方式' },
    ]);
    e = entry(await act({ action: 'trade', on: '2026-01-20', method: 'township_tender' }));
    expect(e.stage).toBe('traded');

    const noResolution = await act({
      action: 'contract',
      on: '2026-02-01',
      party: CONTRACTOR,
      creditCode: CREDIT_CODE,
      amount: 58_000_000,
    });
    expect(noResolution.status).toBe(400);
    expect(noResolution.json<ErrorBody>().error.details?.fields).toEqual([
      {
        field: 'decisionId',
        message: '该金额须经“四议两公开”决议通过后才能签订合同；或由镇级干部说明理由后放行',
      },
    ]);
    const badCode = await act({
      action: 'contract',
      on: '2026-02-01',
      party: CONTRACTOR,
      creditCode: BAD_CREDIT_CODE,
      amount: 58_000_000,
    });
    expect(fieldsOf(badCode)).toContain('creditCode');

    const decisionId = await passedDecision(cadre, DEMO.villageA, 60_000_000);
    e = entry(
      await cadre.post(`/api/v1/ledger/${e.id}/amend`, {
        expectedVersion: e.version,
        reason: '关联村民代表会议决议',
        decisionId,
      }),
    );
    e = entry(
      await act({
        action: 'contract',
        on: '2026-02-01',
        party: CONTRACTOR,
        creditCode: CREDIT_CODE,
        amount: 58_000_000,
      }),
    );
    expect(e.stage).toBe('contracted');

    const beforeContract = await act({
      action: 'pay',
      on: '2026-01-31',
      amount: 10_000_000,
      payee: CONTRACTOR,
      method: 'transfer',
      invoiceNo: 'FP20260131',
    });
    expect(beforeContract.status).toBe(400);
    expect(beforeContract.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'on', message: '付款日期不能早于合同签订日期：合同签订前不能付款' },
    ]);
    e = entry(
      await act({
        action: 'pay',
        on: '2026-02-10',
        amount: 17_400_000,
        payee: CONTRACTOR,
        method: 'transfer',
        invoiceNo: 'FP20260210',
      }),
    );
    expect((e.fields.payments as unknown[]).length).toBe(1);

    const stale = await cadre.post(`/api/v1/ledger/${e.id}/actions`, {
      expectedVersion: e.version - 1,
      action: 'startWorks',
      on: '2026-02-15',
    });
    expect(stale.status).toBe(409);
    expect(stale.json<ErrorBody>().error.message).toBe('该记录已被他人修改，请刷新后重试');
    expect(e.versions.map((v) => v.action)).toEqual([
      'create',
      'trade',
      'amend',
      'contract',
      'pay',
    ]);
    expect(e.versions[2]?.changes).toEqual([
      { path: 'decisionId', before: null, after: decisionId },
    ]);
  });

  it('publishes a redacted snapshot, shows amendments publicly, and places it in the audit chain', async () => {
    const created = entry(
      await cadre.post('/api/v1/ledger', {
        kind: 'labour',
        regionCode: DEMO.villageA,
        title: '溪道清淤劳务用工',
        amount: 800_000,
        occurredOn: '2026-03-02',
        fields: {
          workers: [{ name: '王建国', idNumber: '11010519491231002X', phone: '13812345678' }],
        },
      }),
    );
    const notListed = await cadre.post(`/api/v1/ledger/${created.id}/actions`, {
      expectedVersion: 1,
      action: 'confirmWork',
      on: '2026-03-03',
      worker: '赵六',
      task: '清淤',
      amount: 20_000,
      confirmedBy: '李主任',
      confirmedOn: '2026-03-03',
    });
    expect(notListed.status).toBe(400);
    expect(notListed.json<ErrorBody>().error.details?.fields).toEqual([
      { field: 'worker', message: '该人员不在用工白名单中，请先加入白名单' },
    ]);
    let e = entry(
      await cadre.post(`/api/v1/ledger/${created.id}/actions`, {
        expectedVersion: 1,
        action: 'confirmWork',
        on: '2026-03-03',
        worker: '王建国',
        task: '清淤 联系电话13812345678',
        amount: 20_000,
        confirmedBy: '李主任',
        confirmedOn: '2026-03-03',
      }),
    );
    // A cadre sees the worker's ID number and phone masked; the town's officers see them whole.
    expect(JSON.stringify(e.fields)).not.toContain('11010519491231002X');
    expect(JSON.stringify(e.fields)).toContain('110105********002X');
    const whole = entry(await town.get(`/api/v1/ledger/${e.id}`));
    expect(JSON.stringify(whole.fields)).toContain('11010519491231002X');
    // A correction that sends the workers back as shown (masked) keeps the stored numbers.
    e = entry(
      await cadre.post(`/api/v1/ledger/${e.id}/amend`, {
        expectedVersion: e.version,
        reason: '补充用工地点',
        title: '溪道清淤劳务用工（东段）',
        fields: { workers: e.fields.workers },
      }),
    );
    expect(e.status).toBe('active');
    const stored = await ctx.db
      .selectFrom('ledger_entry')
      .select('fields')
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(stored.fields).toContain('11010519491231002X');
    e = entry(await cadre.post(`/api/v1/ledger/${e.id}/disclose`, { expectedVersion: e.version }));
    expect(e.disclosedVersion).toBe(3);
    expect(e.disclosureDueOn).toBeNull();

    const page = await ctx.anon.get(`/api/v1/public/entries/${e.id}`);
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.body);
    expect(text).not.toContain('王建国');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('王**');
    expect(text).toContain('李主任');

    e = entry(
      await cadre.post(`/api/v1/ledger/${e.id}/amend`, {
        expectedVersion: e.version,
        reason: '预算录入有误，按合同更正',
        amount: 900_000,
      }),
    );
    const after = (await ctx.anon.get(`/api/v1/public/entries/${e.id}`)).json<PublicEntryDetail>();
    expect(after.amount).toBe(900_000);
    expect(after.history[0]).toMatchObject({
      reason: '预算录入有误，按合同更正',
      changes: [{ path: 'amount', before: 800_000, after: 900_000 }],
    });

    const html = await ctx.anon.get(`/public/villages/${DEMO.villageA}?period=2026-03&kind=labour`);
    expect(html.status).toBe(200);
    expect(html.raw.headers['content-type']).toContain('text/html');
    expect(html.raw.body).toContain('溪道清淤劳务用工');
    expect(html.raw.body).toContain(`/public/entries/${e.id}`);
    expect(html.raw.body).not.toContain('王建国');
    expect((await ctx.anon.get('/public/villages/339901101299')).status).toBe(404);

    const search = await ctx.anon.get(
      `/api/v1/public/entries?regionCode=${DEMO.town}&q=${encodeURIComponent('清淤')}`,
    );
    expect(
      search.json<{ items: { subjectId: string }[] }>().items.map((i) => i.subjectId),
    ).toContain(e.id);
    const none = await ctx.anon.get(
      `/api/v1/public/entries?regionCode=${DEMO.town}&q=${encodeURIComponent('王建国')}`,
    );
    expect(none.json<{ total: number }>().total).toBe(0);

    await createCheckpoint(ctx.db, ctx.config);
    const place = (
      await ctx.anon.get(`/api/v1/public/disclosures/${after.history[0]?.id}/chain`)
    ).json<ChainPlace>();
    expect(place.checkpoint).not.toBeNull();
    const ok = await verifyInclusion(
      {
        index: place.seq - 1,
        size: place.checkpoint!.size,
        leaf: fromHex(place.event.hash),
        proof: place.checkpoint!.proof.map(fromHex),
        root: fromHex(place.checkpoint!.root),
      },
      merkleHash('sha256'),
    );
    expect(ok).toBe(true);
    expect((await verifyAudit(ctx.db, ctx.config)).ok).toBe(true);
  });

  it('keeps villages apart and lets only town officers override a missing resolution', async () => {
    const e = entry(await cadre.post('/api/v1/ledger', newProject(20_000_000)));
    expect((await cadre2.get(`/api/v1/ledger/${e.id}`)).status).toBe(404);
    expect((await cadre2.get(`/api/v1/ledger?regionCode=${DEMO.villageA}`)).status).toBe(403);
    expect((await cadre.post(`/api/v1/ledger/${e.id}/override`, { reason: '抢险' })).status).toBe(
      403,
    );
    const overridden = await town.post(`/api/v1/ledger/${e.id}/override`, {
      reason: '汛期抢险，先施工后补决议',
    });
    expect(overridden.status).toBe(200);
    const v = entry(overridden).version;
    await cadre.post(`/api/v1/ledger/${e.id}/actions`, {
      expectedVersion: v,
      action: 'trade',
      on: '2026-01-06',
      method: 'contractor_pool',
    });
    const contracted = await cadre.post(`/api/v1/ledger/${e.id}/actions`, {
      expectedVersion: v + 1,
      action: 'contract',
      on: '2026-01-07',
      party: CONTRACTOR,
      creditCode: CREDIT_CODE,
      amount: 19_000_000,
    });
    expect(contracted.status, JSON.stringify(contracted.body)).toBe(200);
    const list = await town.get(`/api/v1/ledger?regionCode=${DEMO.town}&overridden=1`);
    expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([e.id]);
    const events = await ctx.db
      .selectFrom('audit_event')
      .select('actor_name')
      .where('action', '=', 'ledger_entry.override')
      .execute();
    expect(events.map((x) => x.actor_name)).toEqual(['town']);
  });

  it('voids only with a reason and freezes a voided entry', async () => {
    const e = entry(await cadre.post('/api/v1/ledger', newProject(500_000)));
    expect((await cadre.post(`/api/v1/ledger/${e.id}/void`, {})).status).toBe(400);
    const voided = entry(await cadre.post(`/api/v1/ledger/${e.id}/void`, { reason: '重复登记' }));
    expect(voided).toMatchObject({ status: 'voided', voidReason: '重复登记', allowedActions: [] });
    const amend = await cadre.post(`/api/v1/ledger/${e.id}/amend`, {
      expectedVersion: voided.version,
      reason: '再改',
      amount: 1,
    });
    expect(amend.status).toBe(409);
  });

  it('holds disclosure for the town review where the county requires it', async () => {
    const admin = await ctx.login('admin');
    const published = await admin.post('/api/v1/policies', {
      countyCode: DEMO.county,
      effectiveFrom: '2099-01-01',
      policy: { ...DEFAULT_POLICY, townReviewRequired: true },
      reason: '县委办2099年1号文',
    });
    expect(published.status).toBe(201);
    let e = entry(
      await cadre.post('/api/v1/ledger', { ...newProject(300_000), occurredOn: '2099-01-05' }),
    );
    expect(e.rules.reviewRequired).toBe(true);
    const early = await cadre.post(`/api/v1/ledger/${e.id}/disclose`, { expectedVersion: 1 });
    expect(early.status).toBe(409);
    expect(early.json<ErrorBody>().error.message).toBe('本县要求先经镇级审核通过，才能公开');
    e = entry(await cadre.post(`/api/v1/ledger/${e.id}/submit`, { expectedVersion: 1 }));
    expect(e.reviewStatus).toBe('pending');
    expect(
      (await cadre.post(`/api/v1/ledger/${e.id}/review`, { expectedVersion: 1, approve: true }))
        .status,
    ).toBe(403);
    e = entry(
      await town.post(`/api/v1/ledger/${e.id}/review`, { expectedVersion: 1, approve: true }),
    );
    expect(e.reviewStatus).toBe('approved');
    expect(
      (await cadre.post(`/api/v1/ledger/${e.id}/disclose`, { expectedVersion: 1 })).status,
    ).toBe(200);
  });

  it('lists overdue disclosures and the on-time rate per village', async () => {
    const late = entry(
      await cadre2.post('/api/v1/ledger', {
        kind: 'fund',
        regionCode: DEMO.villageB,
        title: '支付保洁员工资',
        amount: 360_000,
        occurredOn: '2026-01-15',
        fields: {
          direction: 'expense',
          counterparty: '陈五',
          method: 'transfer',
          purpose: '一月保洁工资',
          approvals: [
            { role: 'committee_head', name: '村委会主任', on: '2026-01-14' },
            { role: 'secretary', name: '村支书', on: '2026-01-14' },
          ],
        },
      }),
    );
    expect(late.disclosureDueOn).toBe('2026-02-10');
    const outOfOrder = await cadre2.post(`/api/v1/ledger/${late.id}/actions`, {
      expectedVersion: 1,
      action: 'approve',
      role: 'committee_head',
      name: '某人',
      on: '2026-01-15',
    });
    expect(outOfOrder.status).toBe(400);
    const status = await town.get(`/api/v1/disclosure/status?regionCode=${DEMO.town}`);
    const body = status.json<{
      villages: { regionCode: string; overdue: number; onTimeRate: number | null }[];
      overdue: { id: string; daysLate: number }[];
    }>();
    expect(body.overdue.map((o) => o.id)).toContain(late.id);
    expect(body.villages.find((v) => v.regionCode === DEMO.villageB)).toMatchObject({ overdue: 1 });
    await cadre2.post(`/api/v1/ledger/${late.id}/disclose`, { expectedVersion: 1 });
    const afterwards = (
      await town.get(`/api/v1/disclosure/status?regionCode=${DEMO.villageB}`)
    ).json<{ villages: { late: number; overdue: number; onTimeRate: number }[] }>();
    expect(afterwards.villages[0]).toMatchObject({ late: 1, overdue: 0, onTimeRate: 0 });
    expect((await cadre.get(`/api/v1/disclosure/status?regionCode=${DEMO.villageB}`)).status).toBe(
      403,
    );
    const exported = await town.get(`/api/v1/disclosure/status/export?regionCode=${DEMO.villageB}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.raw.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['按时公开率', '逾期未公开']);
    expect((book.worksheets[0]!.getSheetValues()[2] as unknown[]).slice(1)).toEqual([
      '溪东村',
      1,
      0,
      1,
      0,
      '0.0',
    ]);
  });

  it('imports a filled template all or nothing, reports each bad row, and exports the list', async () => {
    const template = await cadre.get(
      `/api/v1/ledger/template?regionCode=${DEMO.villageA}&kind=project`,
    );
    expect(template.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers[0]).toBe('项目名称*');
    sheet.spliceRows(2, 1);
    sheet.addRow(['文化礼堂修缮', '85000', '2026-03-01', '石桥村文化礼堂', '屋面防水']);
    sheet.addRow(['路灯安装', '42000.5', '2026-13-40', '', '']);
    sheet.addRow(['村道修补', '12000', '2026-03-08', '', '']);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const upload = (mode: string, file: Buffer, name = 'ledger.xlsx') => {
      const boundary = 'qfimport' + mode;
      const field = (k: string, v: string) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
      const body = Buffer.concat([
        field('regionCode', DEMO.villageA),
        field('kind', 'project'),
        field('mode', mode),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return cadre.post('/api/v1/ledger/import', body, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
    };
    const before = await countRows(ctx.db, 'ledger_entry');
    const all = await upload('all', bytes);
    expect(all.status).toBe(200);
    expect(all.json<ImportReport>()).toMatchObject({
      total: 3,
      imported: 0,
      problems: [{ row: 3, column: '立项日期' }],
    });
    expect(await countRows(ctx.db, 'ledger_entry')).toBe(before);
    const valid = await upload('valid', bytes);
    expect(valid.json<ImportReport>()).toMatchObject({ total: 3, imported: 2 });
    expect(await countRows(ctx.db, 'ledger_entry')).toBe(before + 2);
    const text = await upload('all', Buffer.from('项目名称,金额\n道路,1'), 'fake.xlsx');
    expect(text.status).toBe(415);

    const exported = await cadre.get(
      `/api/v1/ledger/export?regionCode=${DEMO.villageA}&q=${encodeURIComponent('礼堂')}`,
    );
    expect(exported.status).toBe(200);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(exported.raw.rawPayload as unknown as ArrayBuffer);
    const rows = out.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[3])).toEqual(['文化礼堂修缮']);
    expect(rows[0]?.[4]).toBe(85_000);
  });

  it('computes due dates from the county catalogue a county administrator sets', async () => {
    const admin = await ctx.login('admin');
    const catalogue = (
      await ctx.anon.get(`/api/v1/disclosure/catalogue?countyCode=${DEMO.county}`)
    ).json<{ custom: boolean; items: { subject: string; cadence: string }[] }>();
    expect(catalogue.custom).toBe(false);
    const items = catalogue.items.map((i) =>
      i.subject === 'fund' ? { ...i, cadence: 'quarterly' } : i,
    );
    expect(
      (await town.post('/api/v1/disclosure/catalogue', { countyCode: DEMO.county, items })).status,
    ).toBe(403);
    const twice = await admin.post('/api/v1/disclosure/catalogue', {
      countyCode: DEMO.county,
      items: [...items, items[0]],
    });
    expect(twice.status).toBe(400);
    const saved = await admin.post('/api/v1/disclosure/catalogue', {
      countyCode: DEMO.county,
      items,
    });
    expect(saved.json<{ custom: boolean }>().custom).toBe(true);
    const fund = entry(
      await cadre.post('/api/v1/ledger', {
        kind: 'fund',
        regionCode: DEMO.villageA,
        title: '收到村集体经营收入',
        amount: 1_200_000,
        occurredOn: '2026-05-10',
        fields: {
          direction: 'income',
          counterparty: '清溪镇财政所',
          method: 'transfer',
          purpose: '经营收入',
        },
      }),
    );
    // Quarterly: the second quarter is due by 20 July (a Monday, a working day).
    expect(fund.disclosureDueOn).toBe('2026-07-20');
    // Above the immediate-disclosure amount the catalogue's cadence gives way: 5 working days.
    const large = entry(
      await cadre.post('/api/v1/ledger', {
        kind: 'fund',
        regionCode: DEMO.villageA,
        title: '收到上级补助资金',
        amount: 20_000_000,
        occurredOn: '2026-09-30',
        fields: {
          direction: 'income',
          counterparty: '清溪镇财政所',
          method: 'transfer',
          purpose: '补助资金',
        },
      }),
    );
    // National Day: 1–7 October off, 10 October (a Saturday) worked.
    expect(large.disclosureDueOn).toBe('2026-10-13');
  });
});
