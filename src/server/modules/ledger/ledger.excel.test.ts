import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  LEDGER_KINDS,
  type LedgerKind,
  type LedgerListItem,
} from '../../../shared/schemas/ledger.js';
import { cellText, readXlsx, writeXlsx, type XlsxBytes } from '../../platform/documents/xlsx.js';
import { AppError } from '../../platform/errors.js';
import {
  LEDGER_SHEET_NAMES,
  ledgerColumnOf,
  ledgerExportColumns,
  ledgerExportRow,
  ledgerTemplate,
  readLedgerSheet,
} from './ledger.excel.js';

const REGION = '350102001001';

const ZH_HEADERS: Record<LedgerKind, string[]> = {
  project: ['项目名称*', '预算金额(元)*', '立项日期*', '建设地点', '建设内容'],
  procurement: [
    '采购事项*',
    '采购物品*',
    '采购金额(元)*',
    '采购日期*',
    '采购方式*',
    '报价单位1*',
    '报价金额1(元)*',
    '报价单位2',
    '报价金额2(元)',
    '报价单位3',
    '报价金额3(元)',
  ],
  labour: ['用工事项*', '预算金额(元)*', '用工日期*', '用工人员'],
  fund: ['摘要*', '金额(元)*', '日期*', '收支类型*', '收付款方*', '结算方式*', '发票号', '用途*'],
  asset: [
    '事项名称*',
    '年租金(元)*',
    '签订日期*',
    '资产名称*',
    '承租方*',
    '承租方信用代码',
    '租期开始*',
    '租期结束*',
    '参考价(元/年)*',
  ],
};

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as XlsxBytes);
  return workbook;
}

function texts(row: ExcelJS.Row): string[] {
  const out: string[] = [];
  row.eachCell({ includeEmpty: true }, (cell) => out.push(cellText(cell)));
  return out;
}

/** A one-sheet workbook with these headers and rows, as a user might make it by hand. */
async function workbookOf(headers: string[], rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('ledger import template', () => {
  it.each(LEDGER_KINDS)('%s: header, example row and instructions (zh-CN)', async (kind) => {
    const workbook = await load(await ledgerTemplate(kind, 'zh-CN'));
    const [sheet, help] = workbook.worksheets;
    expect(sheet?.name).toBe(LEDGER_SHEET_NAMES[kind]['zh-CN']);
    expect(texts(sheet!.getRow(1))).toEqual(ZH_HEADERS[kind]);
    expect(sheet!.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const example = sheet!.getRow(2).getCell(1);
    expect(cellText(example)).toMatch(/^示例/);
    expect(example.font?.italic).toBe(true);

    expect(help?.name).toBe('填写说明');
    const listed = [];
    for (let n = 2; n <= ZH_HEADERS[kind].length + 1; n++) listed.push(texts(help!.getRow(n)));
    expect(listed.map((r) => r[0])).toEqual(ZH_HEADERS[kind].map((h) => h.replace('*', '')));
    expect(listed.map((r) => r[1])).toEqual(
      ZH_HEADERS[kind].map((h) => (h.endsWith('*') ? '是' : '否')),
    );
    expect(listed.every((r) => (r[2] ?? '').length > 0)).toBe(true);

    // The untouched template imports nothing and complains about nothing.
    await expect(
      readLedgerSheet(kind, REGION, await ledgerTemplate(kind, 'zh-CN'), 'zh-CN'),
    ).resolves.toEqual({ rows: [], problems: [] });
  });

  it('offers the choices of a choice column as a drop-down list', async () => {
    const sheet = (await load(await ledgerTemplate('fund', 'zh-CN'))).worksheets[0]!;
    expect(sheet.getCell('D3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"收入,支出"'],
    });
    expect(sheet.getCell('F100').dataValidation).toMatchObject({ formulae: ['"转账,现金"'] });
  });

  it('speaks English for en-US', async () => {
    const workbook = await load(await ledgerTemplate('asset', 'en-US'));
    const [sheet, help] = workbook.worksheets;
    expect(sheet?.name).toBe('Asset leases');
    expect(texts(sheet!.getRow(1)).slice(0, 3)).toEqual([
      'Title*',
      'Yearly rent (yuan)*',
      'Signed on*',
    ]);
    expect(cellText(sheet!.getCell('A2'))).toMatch(/^Example/);
    expect(help?.name).toBe('Instructions');
  });
});

describe('reading a filled template', () => {
  it('imports procurement rows with exact fen', async () => {
    const workbook = await load(await ledgerTemplate('procurement', 'zh-CN'));
    const sheet = workbook.worksheets[0]!;
    sheet.addRow([
      '办公桌椅采购',
      '办公桌 4 张',
      '1234.56',
      '2024-03-15',
      '联席会议',
      '甲家具店',
      1234.56,
      '乙商贸公司',
      '1,300.1',
    ]);
    sheet.addRow([
      '打印纸采购',
      'A4 纸 10 箱',
      0.1 + 0.2,
      '2024/3/5',
      '简易采购',
      '丙文具店',
      '0.30',
      '',
      '',
      '丁文具店',
      '0.35',
    ]);
    const { rows, problems } = await readLedgerSheet(
      'procurement',
      REGION,
      Buffer.from(await workbook.xlsx.writeBuffer()),
      'zh-CN',
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        row: 3,
        body: {
          kind: 'procurement',
          regionCode: REGION,
          title: '办公桌椅采购',
          amount: 123456,
          occurredOn: '2024-03-15',
          attachments: [],
          fields: {
            item: '办公桌 4 张',
            method: 'joint_meeting',
            quotations: [
              { supplier: '甲家具店', amount: 123456 },
              { supplier: '乙商贸公司', amount: 130010 },
            ],
          },
        },
      },
      {
        row: 4,
        body: {
          kind: 'procurement',
          regionCode: REGION,
          title: '打印纸采购',
          amount: 30,
          occurredOn: '2024-03-05',
          attachments: [],
          fields: {
            item: 'A4 纸 10 箱',
            method: 'simple',
            quotations: [
              { supplier: '丙文具店', amount: 30 },
              { supplier: '丁文具店', amount: 35 },
            ],
          },
        },
      },
    ]);
  });

  it('imports every kind, with dates written three ways and as real Excel dates', async () => {
    const cases: { kind: LedgerKind; cells: ExcelJS.CellValue[]; expected: unknown }[] = [
      {
        kind: 'project',
        cells: ['村道硬化', '1234.5', '2024年3月15日', '三组', ''],
        expected: {
          title: '村道硬化',
          amount: 123450,
          occurredOn: '2024-03-15',
          fields: { location: '三组' },
        },
      },
      {
        kind: 'labour',
        cells: ['河道清淤', 1.15, new Date(Date.UTC(2024, 0, 31)), '张三、李四,王五，赵六'],
        expected: {
          title: '河道清淤',
          amount: 115,
          occurredOn: '2024-01-31',
          fields: {
            workers: [{ name: '张三' }, { name: '李四' }, { name: '王五' }, { name: '赵六' }],
          },
        },
      },
      {
        kind: 'fund',
        cells: ['保洁工资', '¥2,400', '2024-02-29', '支出', '王五', '现金', '00123456', '工资'],
        expected: {
          title: '保洁工资',
          amount: 240000,
          occurredOn: '2024-02-29',
          fields: {
            direction: 'expense',
            counterparty: '王五',
            method: 'cash',
            invoiceNo: '00123456',
            purpose: '工资',
            approvals: [],
          },
        },
      },
      {
        kind: 'asset',
        cells: [
          '鱼塘出租',
          18000,
          '2024/4/1',
          '东湾鱼塘',
          '水产合作社',
          '93350100ma2xy00011',
          '2024-04-01',
          '2029-03-31',
          '16000.00',
        ],
        expected: {
          title: '鱼塘出租',
          amount: 1800000,
          occurredOn: '2024-04-01',
          fields: {
            asset: '东湾鱼塘',
            lessee: '水产合作社',
            lesseeCreditCode: '93350100MA2XY00011',
            termStart: '2024-04-01',
            termEnd: '2029-03-31',
            referencePrice: 1600000,
          },
        },
      },
    ];
    for (const { kind, cells, expected } of cases) {
      const workbook = await load(await ledgerTemplate(kind, 'zh-CN'));
      const row = workbook.worksheets[0]!.addRow(cells);
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      });
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      const { rows, problems } = await readLedgerSheet(kind, REGION, bytes, 'zh-CN');
      expect(problems, kind).toEqual([]);
      expect(rows, kind).toEqual([
        { row: 3, body: { kind, regionCode: REGION, attachments: [], ...(expected as object) } },
      ]);
    }
  });
});

describe('problems in a sheet', () => {
  const procurementHeaders = ZH_HEADERS.procurement.slice(0, 7);
  const good = ['采购', '纸', '100', '2024-03-15', '简易采购', '甲店', '100'];

  it('reports each bad row with its Excel row, column and a Chinese message', async () => {
    const bytes = await workbookOf(procurementHeaders, [
      good,
      ['采购', '纸', '100', '2024-02-30', '简易采购', '甲店', '100'],
      ['采购', '纸', '100', '2024-03-15', '询价', '甲店', '100'],
      ['', '纸', '100', '2024-03-15', '简易采购', '甲店', '100'],
      [],
      ['另一次采购', '笔', '20.5', '2024-03-16', '联席会议', '乙店', '20.50'],
    ]);
    const { rows, problems } = await readLedgerSheet('procurement', REGION, bytes, 'zh-CN');
    expect(problems).toEqual([
      {
        row: 3,
        column: '采购日期',
        message: '日期格式不正确，请填写如 2024-03-15、2024/3/15 或 2024年3月15日',
      },
      {
        row: 4,
        column: '采购方式',
        message: '请从以下选项中选择：简易采购、联席会议、村民代表会议',
      },
      { row: 5, column: '采购事项', message: '此项必填' },
    ]);
    expect(rows.map((r) => [r.row, r.body.title, r.body.amount])).toEqual([
      [2, '采购', 10000],
      [7, '另一次采购', 2050],
    ]);
  });

  it('reports a project row without 项目名称 and a bad date', async () => {
    const bytes = await workbookOf(ZH_HEADERS.project, [
      ['村道', '100', '2024-03-15'],
      ['村道', '100', '15/03/2024'],
      ['村道', '100', '2024-03-15'],
      ['', '100', '2024-03-15', '三组'],
    ]);
    const { rows, problems } = await readLedgerSheet('project', REGION, bytes, 'zh-CN');
    expect(problems).toEqual([
      { row: 3, column: '立项日期', message: expect.stringMatching(/^日期格式不正确/) as string },
      { row: 5, column: '项目名称', message: '此项必填' },
    ]);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it('checks amounts, lengths, pairs and codes', async () => {
    const bytes = await workbookOf(ZH_HEADERS.procurement, [
      ['采购', '纸', '1.234', '2024-03-15', '简易采购', '甲店', '-5'],
      ['采购', '纸', 'abc', '2024-03-15', '简易采购', '甲店', '100', '乙店'],
      ['采'.repeat(201), '纸', '20000000000', '2024-03-15', '简易采购', '甲店', '100'],
    ]);
    const { rows, problems } = await readLedgerSheet('procurement', REGION, bytes, 'zh-CN');
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { row: 2, column: '采购金额(元)', message: '金额最多保留 2 位小数' },
      { row: 2, column: '报价金额1(元)', message: '金额不能为负数' },
      { row: 3, column: '采购金额(元)', message: '请填写金额（元），如 1234.56' },
      { row: 3, column: '报价金额2(元)', message: '报价单位与报价金额须成对填写' },
      { row: 4, column: '采购事项', message: '不能超过 200 个字' },
      { row: 4, column: '采购金额(元)', message: '金额超出上限' },
    ]);

    const asset = await workbookOf(ZH_HEADERS.asset, [
      ['出租', '1', '2024-01-01', '鱼塘', '某社', '12345', '2024-01-01', '2025-01-01', '1'],
    ]);
    const read = await readLedgerSheet('asset', REGION, asset, 'zh-CN');
    expect(read.problems).toEqual([
      { row: 2, column: '承租方信用代码', message: '统一社会信用代码格式不正确（应为 18 位）' },
    ]);
  });

  it('answers in English for en-US', async () => {
    const bytes = await workbookOf(procurementHeaders, [
      ['采购', '纸', '100', 'soon', 'Auction', '甲店', '100'],
    ]);
    const { problems } = await readLedgerSheet('procurement', REGION, bytes, 'en-US');
    expect(problems).toEqual([
      {
        row: 2,
        column: 'Purchased on',
        message: 'Not a valid date; write e.g. 2024-03-15, 2024/3/15 or 2024年3月15日',
      },
      {
        row: 2,
        column: 'Method',
        message:
          'Choose one of: 简易采购 (Simple purchase), 联席会议 (Joint meeting), 村民代表会议 (Villager representatives meeting)',
      },
    ]);
  });

  it('maps shuffled, English and unmarked headers and ignores unknown columns', async () => {
    const bytes = await workbookOf(
      ['备注', '收支类型', 'Amount (yuan)*', '用途 *', '日期', '收付款方*', '结算方式', '摘要'],
      [['随便写', '收入', '88.8', '租金', '2024-05-01', '李四', 'Transfer', '收租金']],
    );
    const { rows, problems } = await readLedgerSheet('fund', REGION, bytes, 'zh-CN');
    expect(problems).toEqual([]);
    expect(rows[0]?.body).toEqual({
      kind: 'fund',
      regionCode: REGION,
      title: '收租金',
      amount: 8880,
      occurredOn: '2024-05-01',
      attachments: [],
      fields: {
        direction: 'income',
        counterparty: '李四',
        method: 'transfer',
        purpose: '租金',
        approvals: [],
      },
    });
  });

  it('reports a missing required column once, on row 1', async () => {
    const headers = ZH_HEADERS.procurement.filter((h) => h !== '采购金额(元)*');
    const bytes = await workbookOf(headers, [['采购', '纸', '2024-03-15', '简易采购', '甲', '1']]);
    await expect(readLedgerSheet('procurement', REGION, bytes, 'zh-CN')).resolves.toEqual({
      rows: [],
      problems: [{ row: 1, column: '采购金额(元)', message: '缺少必填列' }],
    });
  });

  it('takes at most 100000 rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(ZH_HEADERS.labour);
    for (let n = 0; n < 100_001; n++) sheet.addRow(['x']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(readLedgerSheet('labour', REGION, bytes, 'zh-CN')).resolves.toEqual({
      rows: [],
      problems: [{ row: 1, column: '', message: '一次最多导入 100000 行' }],
    });
  }, 60_000);

  it('refuses files that are not xlsx', async () => {
    const files = [
      Buffer.from('项目名称,预算金额\n村道,100\n'),
      Buffer.from('PK\x03\x04this is not really a zip at all', 'latin1'),
      Buffer.alloc(0),
    ];
    for (const bytes of files) {
      const error = await refusal(readLedgerSheet('project', REGION, bytes, 'zh-CN'));
      expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(error.messageKey).toBe('xlsx.invalid');
      expect(error.details).toEqual({ fields: [{ field: 'file', message: 'not xlsx' }] });
      expect((await refusal(readXlsx(bytes))).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });
});

describe('columns of body paths', () => {
  it('names the column of a path, falling back to the path', () => {
    expect(ledgerColumnOf('procurement', 'fields.quotations.1.amount', 'zh-CN')).toBe(
      '报价金额2(元)',
    );
    expect(ledgerColumnOf('procurement', 'fields.quotations', 'zh-CN')).toBe('报价单位1');
    expect(ledgerColumnOf('asset', 'fields.lesseeCreditCode', 'zh-CN')).toBe('承租方信用代码');
    expect(ledgerColumnOf('asset', 'amount', 'en-US')).toBe('Yearly rent (yuan)');
    expect(ledgerColumnOf('labour', 'fields.workers.3.name', 'zh-CN')).toBe('用工人员');
    expect(ledgerColumnOf('project', 'regionCode', 'zh-CN')).toBe('regionCode');
  });
});

describe('spreadsheet helpers', () => {
  it('writes a sheet that reads back with amounts in yuan and dates as text', async () => {
    const bytes = await writeXlsx(
      '台账',
      [
        { key: 'name', header: '名称', type: 'text' },
        { key: 'amount', header: '金额(元)', type: 'yuan' },
        { key: 'on', header: '日期', type: 'date' },
        { key: 'count', header: '版本', type: 'int', width: 6 },
      ],
      [
        { name: '村道', amount: 123456, on: '2024-03-15', count: 2 },
        { name: '小额', amount: 30, on: null, count: null },
      ],
    );
    const workbook = await readXlsx(bytes);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('台账');
    expect(texts(sheet.getRow(1))).toEqual(['名称', '金额(元)', '日期', '版本']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getCell('B2').value).toBe(1234.56);
    expect(sheet.getCell('B2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('B3').value).toBe(0.3);
    expect(sheet.getCell('C2').value).toBe('2024-03-15');
    expect(sheet.getCell('C3').value).toBeNull();
    expect(sheet.getCell('D2').value).toBe(2);
    expect(sheet.getColumn(4).width).toBe(6);
  });

  it('exports ledger list items with translated labels', async () => {
    const item: LedgerListItem = {
      id: 'x1',
      kind: 'project',
      regionCode: REGION,
      regionName: '东湖村',
      title: '村道硬化',
      amount: 12345678,
      occurredOn: '2024-03-15',
      stage: 'priceAudited',
      status: 'voided',
      version: 3,
      reviewStatus: 'none',
      disclosureDueOn: null,
      disclosedVersion: 2,
      updatedAt: '2024-03-20T08:00:00.000Z',
    };
    const columns = ledgerExportColumns('zh-CN');
    expect(columns.map((c) => c.header)).toEqual([
      '村(社区)',
      '类型',
      '名称',
      '金额(元)',
      '日期',
      '阶段',
      '状态',
      '版本',
      '公开期限',
      '已公开版本',
    ]);
    expect(ledgerExportRow(item, 'zh-CN')).toMatchObject({
      kind: '工程',
      stage: '审价',
      status: '已作废',
    });
    expect(ledgerExportRow({ ...item, stage: 'recorded' }, 'en-US')).toMatchObject({
      kind: 'Project',
      stage: 'Recorded',
      status: 'Voided',
    });
    const sheet = (
      await readXlsx(await writeXlsx('台账', columns, [ledgerExportRow(item, 'zh-CN')]))
    ).worksheets[0]!;
    expect(texts(sheet.getRow(2))).toEqual([
      '东湖村',
      '工程',
      '村道硬化',
      '123456.78',
      '2024-03-15',
      '审价',
      '已作废',
      '3',
      '',
      '2',
    ]);
  });

  it('reads any cell as text', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('t');
    const cases: [ExcelJS.CellValue, string][] = [
      ['  村道  ', '村道'],
      [1234.56, '1234.56'],
      [0.1 + 0.2, '0.3'],
      [{ richText: [{ text: '村' }, { text: '道 ' }] }, '村道'],
      [{ formula: 'A1*2', result: 42 }, '42'],
      [{ text: '链接', hyperlink: 'https://example.org' }, '链接'],
      [new Date(Date.UTC(2024, 2, 5)), '2024-03-05'],
      [null, ''],
    ];
    cases.forEach(([value, expected], index) => {
      const cell = sheet.getCell(index + 1, 1);
      cell.value = value;
      expect(cellText(cell)).toBe(expected);
    });
  });
});
