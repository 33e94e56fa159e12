import type ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { Locale } from '../../../shared/messages.js';
import { isRegionCode } from '../../../shared/region.js';
import {
  NewLedgerEntryBody,
  type LedgerKind,
  type LedgerListItem,
  type LedgerStage,
  type LedgerStatus,
} from '../../../shared/schemas/ledger.js';
import { fieldError } from '../../platform/errors.js';
import {
  cellError,
  cellText,
  streamXlsx,
  loadExcel,
  safeSheetName,
  YUAN_FORMAT,
  type XlsxColumn,
} from '../../platform/documents/xlsx.js';

/**
 * Ledgers in spreadsheets (台账导入导出): the import template of each kind, reading a filled
 * template back into entry bodies with a per-cell problem report, and the columns of a list
 * export. Amounts are written in 元 and read back into exact integer fen.
 */

type Bilingual = Record<Locale, string>;

/** Kind names as the sheets show them: the template's first sheet is named after its kind. */
export const LEDGER_SHEET_NAMES: Record<LedgerKind, Bilingual> = {
  project: { 'zh-CN': '村级工程', 'en-US': 'Village projects' },
  procurement: { 'zh-CN': '村级采购', 'en-US': 'Village purchases' },
  labour: { 'zh-CN': '劳务用工', 'en-US': 'Labour hire' },
  fund: { 'zh-CN': '资金收支', 'en-US': 'Fund movements' },
  asset: { 'zh-CN': '资产资源', 'en-US': 'Asset leases' },
};

/** Short kind names used in list exports. */
export const LEDGER_KIND_LABELS: Record<LedgerKind, Bilingual> = {
  project: { 'zh-CN': '工程', 'en-US': 'Project' },
  procurement: { 'zh-CN': '采购', 'en-US': 'Purchase' },
  labour: { 'zh-CN': '劳务用工', 'en-US': 'Labour' },
  fund: { 'zh-CN': '资金收支', 'en-US': 'Fund' },
  asset: { 'zh-CN': '资产资源', 'en-US': 'Asset' },
};

export const LEDGER_STAGE_LABELS: Record<LedgerStage, Bilingual> = {
  initiated: { 'zh-CN': '立项', 'en-US': 'Initiated' },
  traded: { 'zh-CN': '交易', 'en-US': 'Traded' },
  contracted: { 'zh-CN': '合同', 'en-US': 'Contracted' },
  constructing: { 'zh-CN': '施工', 'en-US': 'Under construction' },
  accepted: { 'zh-CN': '验收', 'en-US': 'Accepted' },
  settled: { 'zh-CN': '结算', 'en-US': 'Settled' },
  priceAudited: { 'zh-CN': '审价', 'en-US': 'Price audited' },
  paid: { 'zh-CN': '支付', 'en-US': 'Paid' },
  recorded: { 'zh-CN': '已登记', 'en-US': 'Recorded' },
};

export const LEDGER_STATUS_LABELS: Record<LedgerStatus, Bilingual> = {
  active: { 'zh-CN': '正常', 'en-US': 'Active' },
  voided: { 'zh-CN': '已作废', 'en-US': 'Voided' },
};

/** The most data rows one import takes. */
export const MAX_IMPORT_ROWS = 100_000;

const INSTRUCTIONS_SHEET: Bilingual = { 'zh-CN': '填写说明', 'en-US': 'Instructions' };

/** How long the template's drop-down lists reach. */
const TEMPLATE_ROWS = 5_000;

// ---------------------------------------------------------------------------------------------
// Column specs

interface Option {
  value: string;
  label: Bilingual;
}

interface LedgerColumn {
  /** Where the value goes in `NewLedgerEntryBody`, dotted. */
  path: string;
  /** Header without the `*` that marks a required column. */
  header: Bilingual;
  required: boolean;
  /** `names`: people separated by 、 or commas; `creditCode`: 统一社会信用代码. */
  type: 'text' | 'creditCode' | 'amount' | 'date' | 'option' | 'names';
  width: number;
  /** Longest text the schema takes, for the instructions. */
  maxLength?: number;
  options?: readonly Option[];
  /** The template's example row; the first column's example starts with 示例 / Example. */
  example?: string | Bilingual;
  note?: Bilingual;
}

const text = (
  path: string,
  zh: string,
  en: string,
  required: boolean,
  maxLength: number,
  example?: string | Bilingual,
  width = 24,
): LedgerColumn => ({
  path,
  header: { 'zh-CN': zh, 'en-US': en },
  required,
  type: 'text',
  width,
  maxLength,
  example,
});

const amount = (
  path: string,
  zh: string,
  en: string,
  required: boolean,
  example?: string,
): LedgerColumn => ({
  path,
  header: { 'zh-CN': zh, 'en-US': en },
  required,
  type: 'amount',
  width: 16,
  example,
});

const date = (path: string, zh: string, en: string, example: string): LedgerColumn => ({
  path,
  header: { 'zh-CN': zh, 'en-US': en },
  required: true,
  type: 'date',
  width: 14,
  example,
});

const option = (
  path: string,
  zh: string,
  en: string,
  options: readonly Option[],
  example: string,
): LedgerColumn => ({
  path,
  header: { 'zh-CN': zh, 'en-US': en },
  required: true,
  type: 'option',
  width: 16,
  options,
  example,
});

const PROCUREMENT_METHOD_OPTIONS: readonly Option[] = [
  { value: 'simple', label: { 'zh-CN': '简易采购', 'en-US': 'Simple purchase' } },
  { value: 'joint_meeting', label: { 'zh-CN': '联席会议', 'en-US': 'Joint meeting' } },
  {
    value: 'representatives',
    label: { 'zh-CN': '村民代表会议', 'en-US': 'Villager representatives meeting' },
  },
];
const DIRECTION_OPTIONS: readonly Option[] = [
  { value: 'income', label: { 'zh-CN': '收入', 'en-US': 'Income' } },
  { value: 'expense', label: { 'zh-CN': '支出', 'en-US': 'Expense' } },
];
const PAYMENT_METHOD_OPTIONS: readonly Option[] = [
  { value: 'transfer', label: { 'zh-CN': '转账', 'en-US': 'Transfer' } },
  { value: 'cash', label: { 'zh-CN': '现金', 'en-US': 'Cash' } },
];

const PAIR_NOTE: Bilingual = {
  'zh-CN': '报价单位与报价金额须成对填写',
  'en-US': 'Fill in a supplier together with its quote',
};

/** The supplier and quote columns of quotation `slot` (0-based), shown numbered from 1. */
function quotationColumns(slot: number, example?: [string | Bilingual, string]): LedgerColumn[] {
  const n = slot + 1;
  const required = slot === 0;
  return [
    {
      ...text(
        `fields.quotations.${slot}.supplier`,
        `报价单位${n}`,
        `Supplier ${n}`,
        required,
        100,
        example?.[0],
      ),
      note: PAIR_NOTE,
    },
    {
      ...amount(
        `fields.quotations.${slot}.amount`,
        `报价金额${n}(元)`,
        `Quote ${n} (yuan)`,
        required,
        example?.[1],
      ),
      note: PAIR_NOTE,
    },
  ];
}

const LEDGER_COLUMNS: Record<LedgerKind, readonly LedgerColumn[]> = {
  project: [
    text('title', '项目名称', 'Project name', true, 200, {
      'zh-CN': '示例：村道硬化工程',
      'en-US': 'Example: village road paving',
    }),
    amount('amount', '预算金额(元)', 'Budget (yuan)', true, '125000.50'),
    date('occurredOn', '立项日期', 'Approved on', '2024-03-15'),
    text('fields.location', '建设地点', 'Location', false, 200, {
      'zh-CN': '三组至五组',
      'en-US': 'Groups 3 to 5',
    }),
    text(
      'fields.description',
      '建设内容',
      'Description',
      false,
      2000,
      { 'zh-CN': '硬化村道 1.2 公里', 'en-US': 'Pave 1.2 km of village road' },
      40,
    ),
  ],
  procurement: [
    text('title', '采购事项', 'Purchase', true, 200, {
      'zh-CN': '示例：村委会办公桌椅采购',
      'en-US': 'Example: office furniture',
    }),
    text('fields.item', '采购物品', 'Item', true, 200, {
      'zh-CN': '办公桌 4 张、椅子 8 把',
      'en-US': '4 desks, 8 chairs',
    }),
    amount('amount', '采购金额(元)', 'Amount (yuan)', true, '6800'),
    date('occurredOn', '采购日期', 'Purchased on', '2024-03-15'),
    option('fields.method', '采购方式', 'Method', PROCUREMENT_METHOD_OPTIONS, '联席会议'),
    ...quotationColumns(0, [{ 'zh-CN': '某某家具店', 'en-US': 'Furniture shop A' }, '6800']),
    ...quotationColumns(1, [{ 'zh-CN': '某某商贸公司', 'en-US': 'Trading company B' }, '7200']),
    ...quotationColumns(2),
  ],
  labour: [
    text('title', '用工事项', 'Work', true, 200, {
      'zh-CN': '示例：河道清淤用工',
      'en-US': 'Example: dredging the canal',
    }),
    amount('amount', '预算金额(元)', 'Budget (yuan)', true, '3000'),
    date('occurredOn', '用工日期', 'Hired on', '2024-03-15'),
    {
      path: 'fields.workers',
      header: { 'zh-CN': '用工人员', 'en-US': 'Workers' },
      required: false,
      type: 'names',
      width: 30,
      maxLength: 40,
      example: { 'zh-CN': '张三、李四', 'en-US': 'Zhang San, Li Si' },
    },
  ],
  fund: [
    text('title', '摘要', 'Summary', true, 200, {
      'zh-CN': '示例：支付保洁员工资',
      'en-US': 'Example: cleaner wages',
    }),
    amount('amount', '金额(元)', 'Amount (yuan)', true, '2400'),
    date('occurredOn', '日期', 'Date', '2024-03-15'),
    option('fields.direction', '收支类型', 'Direction', DIRECTION_OPTIONS, '支出'),
    text('fields.counterparty', '收付款方', 'Counterparty', true, 100, {
      'zh-CN': '王五',
      'en-US': 'Wang Wu',
    }),
    option('fields.method', '结算方式', 'Payment method', PAYMENT_METHOD_OPTIONS, '转账'),
    text('fields.invoiceNo', '发票号', 'Invoice no.', false, 60, '00123456', 16),
    text('fields.purpose', '用途', 'Purpose', true, 500, {
      'zh-CN': '3 月保洁员工资',
      'en-US': 'Cleaner wages for March',
    }),
  ],
  asset: [
    text('title', '事项名称', 'Title', true, 200, {
      'zh-CN': '示例：村集体鱼塘出租',
      'en-US': 'Example: leasing the village fish pond',
    }),
    amount('amount', '年租金(元)', 'Yearly rent (yuan)', true, '18000'),
    date('occurredOn', '签订日期', 'Signed on', '2024-03-15'),
    text('fields.asset', '资产名称', 'Asset', true, 200, {
      'zh-CN': '东湾鱼塘 12 亩',
      'en-US': 'East bay fish pond, 12 mu',
    }),
    text('fields.lessee', '承租方', 'Lessee', true, 100, {
      'zh-CN': '某某水产养殖合作社',
      'en-US': 'Fish farming cooperative',
    }),
    {
      path: 'fields.lesseeCreditCode',
      header: { 'zh-CN': '承租方信用代码', 'en-US': 'Lessee credit code' },
      required: false,
      type: 'creditCode',
      width: 22,
      example: '93350100MA2XY00011',
    },
    date('fields.termStart', '租期开始', 'Term start', '2024-04-01'),
    date('fields.termEnd', '租期结束', 'Term end', '2029-03-31'),
    amount('fields.referencePrice', '参考价(元/年)', 'Reference price (yuan/year)', true, '16000'),
  ],
};

/** Fields the sheet does not carry but the body needs. */
const FIXED_FIELDS: Record<LedgerKind, Record<string, unknown>> = {
  project: {},
  procurement: {},
  labour: {},
  fund: { approvals: [] },
  asset: {},
};

const QUOTATION_PATH = /^fields\.quotations\.(\d+)\.(supplier|amount)$/;

/** The column a body path belongs to: itself, its first child column, or its nearest parent. */
function columnForPath(kind: LedgerKind, path: string): LedgerColumn | undefined {
  const columns = LEDGER_COLUMNS[kind];
  const exact = columns.find((c) => c.path === path);
  if (exact) return exact;
  const parts = path.split('.');
  if (parts.length >= 2) {
    const child = columns.find((c) => c.path.startsWith(`${path}.`));
    if (child) return child;
  }
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join('.');
    const parent = columns.find((c) => c.path === prefix);
    if (parent) return parent;
  }
  return undefined;
}

/**
 * The column header (in `locale`, without *) for a body path such as `amount` or
 * `fields.quotations.1.amount`, so that checks made after reading land on the right column.
 * Falls back to the path itself.
 */
export function ledgerColumnOf(kind: LedgerKind, path: string, locale: Locale): string {
  return columnForPath(kind, path)?.header[locale] ?? path;
}

// ---------------------------------------------------------------------------------------------
// Messages

const MESSAGES = {
  'zh-CN': {
    required: '此项必填',
    amount: '请填写金额（元），如 1234.56',
    decimals: '金额最多保留 2 位小数',
    negative: '金额不能为负数',
    amountMax: '金额超出上限',
    date: '日期格式不正确，请填写如 2024-03-15、2024/3/15 或 2024年3月15日',
    option: '请从以下选项中选择：{values}',
    tooLong: '不能超过 {max} 个字',
    tooMany: '最多填写 {max} 项',
    creditCode: '统一社会信用代码格式不正确（应为 18 位）',
    pair: '报价单位与报价金额须成对填写',
    cellError: '单元格公式出错（{error}）',
    invalid: '内容不正确',
    missingColumn: '缺少必填列',
    rowLimit: '一次最多导入 {max} 行',
  },
  'en-US': {
    required: 'Required',
    amount: 'Enter an amount in yuan, e.g. 1234.56',
    decimals: 'At most 2 decimal places',
    negative: 'The amount cannot be negative',
    amountMax: 'The amount is too large',
    date: 'Not a valid date; write e.g. 2024-03-15, 2024/3/15 or 2024年3月15日',
    option: 'Choose one of: {values}',
    tooLong: 'At most {max} characters',
    tooMany: 'At most {max} entries',
    creditCode: 'Not a valid unified social credit code (18 characters)',
    pair: 'Fill in a supplier together with its quote',
    cellError: 'The cell holds a formula error ({error})',
    invalid: 'Not valid',
    missingColumn: 'This required column is missing',
    rowLimit: 'At most {max} rows per import',
  },
} as const satisfies Record<Locale, Record<string, string>>;

type MessageKey = keyof (typeof MESSAGES)['zh-CN'];

function say(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}) {
  return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? ''),
  );
}

/** The allowed values of an option column, as the sheet takes them (Chinese first). */
function optionList(column: LedgerColumn, locale: Locale): string {
  const options = column.options ?? [];
  return locale === 'zh-CN'
    ? options.map((o) => o.label['zh-CN']).join('、')
    : options.map((o) => `${o.label['zh-CN']} (${o.label['en-US']})`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Template

function headerOf(column: LedgerColumn, locale: Locale): string {
  return column.required ? `${column.header[locale]}*` : column.header[locale];
}

function exampleOf(column: LedgerColumn, locale: Locale): ExcelJS.CellValue {
  const example = column.example;
  if (example === undefined) return null;
  const value = typeof example === 'string' ? example : example[locale];
  return column.type === 'amount' ? Number(value) : value;
}

function formatOf(column: LedgerColumn, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (column.type) {
    case 'text':
      return zh
        ? `文字，最多 ${column.maxLength} 个字`
        : `Text, up to ${column.maxLength} characters`;
    case 'creditCode':
      return zh ? '18 位统一社会信用代码' : 'Unified social credit code, 18 characters';
    case 'amount':
      return zh
        ? '金额（元），最多 2 位小数，如 1234.56'
        : 'Amount in yuan, up to 2 decimals, e.g. 1234.56';
    case 'date':
      return zh
        ? '日期，如 2024-03-15、2024/3/15 或 2024年3月15日'
        : 'Date, e.g. 2024-03-15, 2024/3/15 or 2024年3月15日';
    case 'option':
      return zh
        ? `从下拉列表中选择：${optionList(column, locale)}`
        : `Choose from the list: ${optionList(column, locale)}`;
    case 'names':
      return zh
        ? `姓名，多人用"、"或逗号分隔，每人最多 ${column.maxLength} 个字`
        : `Names separated by 、 or commas, up to ${column.maxLength} characters each`;
  }
}

const TEMPLATE_NOTES: Record<Locale, string[]> = {
  'zh-CN': [
    '第 1 行是表头，请勿修改表头文字；列的顺序可以调整，带 * 的列必须保留并填写。',
    '从第 2 行起每行填写一条记录；以"示例"开头的行不会导入。',
    '金额单位为元，最多保留 2 位小数。',
    `一次最多导入 ${MAX_IMPORT_ROWS} 行。`,
  ],
  'en-US': [
    'Row 1 is the header: keep its text. Columns may be reordered; columns marked * must stay and be filled in.',
    'From row 2 on, one record per row; rows starting with "Example" or "示例" are not imported.',
    'Amounts are in yuan with at most 2 decimals.',
    `At most ${MAX_IMPORT_ROWS} rows per import.`,
  ],
};

/** exceljs validates whole ranges at run time but leaves `dataValidations` out of its types. */
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/**
 * The import template of a kind: the data sheet (header, widths, drop-down lists for choices,
 * one grey example row that the import skips) and a 填写说明 sheet describing every column.
 */
export async function ledgerTemplate(
  kind: LedgerKind,
  locale: Locale,
  countyNotes: readonly string[] = [],
): Promise<Buffer> {
  const columns = LEDGER_COLUMNS[kind];
  const zh = locale === 'zh-CN';
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet(safeSheetName(LEDGER_SHEET_NAMES[kind][locale]), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((column) => ({
    key: column.path,
    header: headerOf(column, locale),
    width: column.width,
    // Text format keeps typed dates, codes and invoice numbers exactly as written.
    style: { numFmt: column.type === 'amount' ? YUAN_FORMAT : '@' },
  }));
  const header = sheet.getRow(1);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.font = { bold: true, color: { argb: column.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  const example = sheet.addRow(columns.map((column) => exampleOf(column, locale)));
  columns.forEach((_, index) => {
    example.getCell(index + 1).font = { italic: true, color: { argb: 'FF808080' } };
  });
  columns.forEach((column, index) => {
    if (column.type !== 'option') return;
    const letter = sheet.getColumn(index + 1).letter;
    const values = (column.options ?? []).map((o) => o.label['zh-CN']);
    (sheet as unknown as RangeValidations).dataValidations.add(
      `${letter}2:${letter}${TEMPLATE_ROWS + 1}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
        showErrorMessage: true,
        errorTitle: zh ? '无效的选项' : 'Not an option',
        error: say(locale, 'option', { values: optionList(column, locale) }),
      },
    );
  });

  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET[locale]);
  help.columns = [
    { header: zh ? '列名' : 'Column', key: 'column', width: 24 },
    { header: zh ? '是否必填' : 'Required', key: 'required', width: 10 },
    { header: zh ? '填写格式' : 'Format', key: 'format', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of columns) {
    const format = formatOf(column, locale);
    help.addRow({
      column: column.header[locale],
      required: column.required ? (zh ? '是' : 'Yes') : zh ? '否' : 'No',
      format: column.note ? `${format}${zh ? '；' : '; '}${column.note[locale]}` : format,
    });
  }
  help.addRow([]);
  for (const note of TEMPLATE_NOTES[locale]) help.addRow([note]);
  if (countyNotes.length > 0) help.addRow([]);
  for (const note of countyNotes) help.addRow([note]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Import

export interface SheetRow {
  /** The row number as Excel shows it. */
  row: number;
  body: NewLedgerEntryBody;
}

export interface SheetProblem {
  row: number;
  /** The column header without *, in the caller's language. */
  column: string;
  message: string;
}

type Converted = { value: unknown } | { problem: string };

function normalizeHeader(header: string): string {
  return header
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

/** Yuan as written ('1,234.5', '¥80', 1234.56) to integer fen, exactly: no float arithmetic. */
function parseYuan(raw: string, locale: Locale): Converted {
  const value = raw.replace(/[,，\s]/g, '').replace(/^[¥￥]/, '');
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!match || (!match[2] && !match[3])) return { problem: say(locale, 'amount') };
  if (match[1]) return { problem: say(locale, 'negative') };
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '');
  const cents = (match[3] ?? '').replace(/0+$/, '');
  if (cents.length > 2) return { problem: say(locale, 'decimals') };
  if (whole.length > 13) return { problem: say(locale, 'amountMax') };
  return { value: Number(whole || '0') * 100 + Number(cents.padEnd(2, '0')) };
}

const DATE_PATTERNS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/,
];

/** 'YYYY-MM-DD', 'YYYY/M/D' or 'YYYY年M月D日' (Excel dates arrive as 'YYYY-MM-DD'). */
function parseDate(raw: string, locale: Locale): Converted {
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(raw);
    if (!match) continue;
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysInMonth) break;
    return { value: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
  }
  return { problem: say(locale, 'date') };
}

/** A choice by its Chinese or English label or by its stored value. */
function parseOption(raw: string, column: LedgerColumn, locale: Locale): Converted {
  const wanted = raw.toLowerCase();
  const found = (column.options ?? []).find(
    (o) =>
      o.label['zh-CN'] === raw || o.label['en-US'].toLowerCase() === wanted || o.value === wanted,
  );
  return found
    ? { value: found.value }
    : { problem: say(locale, 'option', { values: optionList(column, locale) }) };
}

function convert(column: LedgerColumn, raw: string, locale: Locale): Converted {
  switch (column.type) {
    case 'amount':
      return parseYuan(raw, locale);
    case 'date':
      return parseDate(raw, locale);
    case 'option':
      return parseOption(raw, column, locale);
    case 'names':
      return {
        value: raw
          .split(/[、,，;；\n]+/)
          .map((name) => name.trim())
          .filter((name) => name !== '')
          .map((name) => ({ name })),
      };
    case 'text':
    case 'creditCode':
      return { value: raw };
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = (target[head] ??= {}) as Record<string, unknown>;
  setPath(next, rest.join('.'), value);
}

function issueMessage(issue: z.core.$ZodIssue, column: LedgerColumn | undefined, locale: Locale) {
  switch (issue.code) {
    case 'invalid_type':
      return say(locale, 'required');
    case 'too_small':
      return say(locale, issue.origin === 'number' ? 'negative' : 'required');
    case 'too_big':
      if (issue.origin === 'string') return say(locale, 'tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return say(locale, 'tooMany', { max: Number(issue.maximum) });
      return say(locale, 'amountMax');
    case 'invalid_value':
      return column?.options
        ? say(locale, 'option', { values: optionList(column, locale) })
        : say(locale, 'invalid');
    case 'invalid_format':
      if (issue.message === 'creditCode.format') return say(locale, 'creditCode');
      if (issue.message === 'date.format') return say(locale, 'date');
      return say(locale, 'invalid');
    default:
      return say(locale, 'invalid');
  }
}

interface RowContext {
  kind: LedgerKind;
  regionCode: string;
  locale: Locale;
  /** Sheet column number of each column present. */
  positions: Map<LedgerColumn, number>;
}

function readRow(ctx: RowContext, row: ExcelJS.Row): SheetRow | SheetProblem[] {
  const { kind, locale } = ctx;
  const columns = LEDGER_COLUMNS[kind];
  const found = new Map<LedgerColumn, string>();
  const values = new Map<LedgerColumn, unknown>();
  const filled = new Set<LedgerColumn>();

  for (const column of columns) {
    const position = ctx.positions.get(column);
    const cell = position === undefined ? undefined : row.getCell(position);
    const error = cell ? cellError(cell) : null;
    if (error) {
      found.set(column, say(locale, 'cellError', { error }));
      filled.add(column);
      continue;
    }
    const raw = cell ? cellText(cell) : '';
    if (raw === '') {
      if (column.required) found.set(column, say(locale, 'required'));
      continue;
    }
    filled.add(column);
    const converted = convert(column, raw, locale);
    if ('problem' in converted) found.set(column, converted.problem);
    else values.set(column, converted.value);
  }

  const fields: Record<string, unknown> = { ...FIXED_FIELDS[kind] };
  const body: Record<string, unknown> = {
    kind,
    regionCode: ctx.regionCode,
    attachments: [],
    fields,
  };
  /** Body paths that moved away from their column's own path (compacted quotations). */
  const moved = new Map<string, LedgerColumn>();
  const quotations: { supplier?: unknown; amount?: unknown }[] = [];

  for (const [column, value] of values) {
    if (!QUOTATION_PATH.test(column.path)) setPath(body, column.path, value);
  }
  const slots = columns.filter((c) => c.path.endsWith('.supplier') && QUOTATION_PATH.test(c.path));
  for (const supplier of slots) {
    const amountColumn = columnForPath(kind, supplier.path.replace(/supplier$/, 'amount'));
    if (!amountColumn) continue;
    const hasSupplier = filled.has(supplier);
    const hasAmount = filled.has(amountColumn);
    if (!hasSupplier && !hasAmount) continue;
    if (hasSupplier !== hasAmount) {
      const missing = hasSupplier ? amountColumn : supplier;
      if (!found.has(missing)) found.set(missing, say(locale, 'pair'));
      continue;
    }
    const index = quotations.length;
    moved.set(`fields.quotations.${index}.supplier`, supplier);
    moved.set(`fields.quotations.${index}.amount`, amountColumn);
    quotations.push({ supplier: values.get(supplier), amount: values.get(amountColumn) });
  }
  if (slots.length > 0) fields.quotations = quotations;

  const parsed = NewLedgerEntryBody.safeParse(body);
  const stray: SheetProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const column = moved.get(path) ?? columnForPath(kind, path);
      if (column) {
        // A column already reported (empty, not convertible) gets no second message.
        if (!found.has(column)) found.set(column, issueMessage(issue, column, locale));
      } else if (!stray.some((p) => p.column === path)) {
        stray.push({ row: row.number, column: path, message: issueMessage(issue, column, locale) });
      }
    }
  }

  if (found.size === 0 && stray.length === 0 && parsed.success) {
    return { row: row.number, body: parsed.data };
  }
  return [
    ...columns
      .filter((column) => found.has(column))
      .map((column) => ({
        row: row.number,
        column: column.header[locale],
        message: found.get(column) ?? '',
      })),
    ...stray,
  ];
}

function isBlank(row: ExcelJS.Row): boolean {
  let blank = true;
  row.eachCell((cell) => {
    if (blank && (cellText(cell) !== '' || cellError(cell))) blank = false;
  });
  return blank;
}

function isExample(row: ExcelJS.Row): boolean {
  const first = cellText(row.getCell(1));
  return first.startsWith('示例') || first.toLowerCase().startsWith('example');
}

/** A slice of a filled template: its rows read, and the problems found in them. */
export interface SheetSlice {
  rows: SheetRow[];
  problems: SheetProblem[];
  /** Rows that were read but have problems (each is counted once). */
  badRows: number;
  /** The sheet cannot be imported at all (no data sheet, missing columns, too many rows). */
  fatal?: true;
}

const SLICE_ROWS = 1_000;

/**
 * Read a filled template of `kind` into entry bodies for `regionCode`, streaming: a slice of
 * rows at a time, so that a 100,000-row import never holds the workbook or all its rows.
 * Columns are found by their header in either language, in any order, on the first sheet
 * that is not the instructions. Every row is validated with the same schema as a form; a row
 * with any problem yields no body, and each problem names the Excel row and column so the
 * user can fix the sheet and import it again. Refuses files that are not xlsx.
 */
export async function* readLedgerRows(
  kind: LedgerKind,
  regionCode: string,
  bytes: Buffer,
  locale: Locale,
): AsyncGenerator<SheetSlice> {
  if (!isRegionCode(regionCode)) throw fieldError('regionCode', '12 digits');
  const columns = LEDGER_COLUMNS[kind];
  const missing = (list: readonly LedgerColumn[]): SheetSlice => ({
    rows: [],
    problems: list.map((c) => ({
      row: 1,
      column: c.header[locale],
      message: say(locale, 'missingColumn'),
    })),
    badRows: 0,
    fatal: true,
  });
  const byHeader = new Map<string, LedgerColumn>();
  for (const column of columns) {
    byHeader.set(normalizeHeader(column.header['zh-CN']), column);
    byHeader.set(normalizeHeader(column.header['en-US']), column);
  }
  const instructions = Object.values(INSTRUCTIONS_SHEET);
  let read = false;
  for await (const sheet of streamXlsx(bytes)) {
    if (instructions.includes(sheet.name)) {
      // The reader moves on only once a sheet is read through.
      for await (const _row of sheet.rows) void _row;
      continue;
    }
    read = true;
    const positions = new Map<LedgerColumn, number>();
    let header = false;
    let count = 0;
    let slice: SheetSlice = { rows: [], problems: [], badRows: 0 };
    for await (const row of sheet.rows) {
      if (!header) {
        header = true;
        if (row.number === 1) {
          row.eachCell((cell, position) => {
            const column = byHeader.get(normalizeHeader(cellText(cell)));
            if (column && !positions.has(column)) positions.set(column, position);
          });
        }
        const absent = columns.filter((c) => c.required && !positions.has(c));
        if (absent.length > 0) {
          yield missing(absent);
          return;
        }
        if (row.number === 1) continue;
      }
      if (isBlank(row) || isExample(row)) continue;
      if (++count > MAX_IMPORT_ROWS) {
        const message = say(locale, 'rowLimit', { max: MAX_IMPORT_ROWS });
        yield { rows: [], problems: [{ row: 1, column: '', message }], badRows: 0, fatal: true };
        return;
      }
      const result = readRow({ kind, regionCode, locale, positions }, row);
      if (Array.isArray(result)) {
        slice.problems.push(...result);
        slice.badRows++;
      } else slice.rows.push(result);
      if (slice.rows.length + slice.badRows >= SLICE_ROWS) {
        yield slice;
        slice = { rows: [], problems: [], badRows: 0 };
      }
    }
    if (!header) {
      yield missing(columns.filter((c) => c.required));
      return;
    }
    if (slice.rows.length + slice.badRows > 0) yield slice;
    // The data sheet is read: the sheets after it are not needed.
    return;
  }
  if (!read) yield missing(columns.filter((c) => c.required));
}

/** The whole of `readLedgerRows` at once (a small sheet). */
export async function readLedgerSheet(
  kind: LedgerKind,
  regionCode: string,
  bytes: Buffer,
  locale: Locale,
): Promise<{ rows: SheetRow[]; problems: SheetProblem[] }> {
  const rows: SheetRow[] = [];
  const problems: SheetProblem[] = [];
  for await (const slice of readLedgerRows(kind, regionCode, bytes, locale)) {
    if (slice.fatal) return { rows: [], problems: slice.problems };
    rows.push(...slice.rows);
    problems.push(...slice.problems);
  }
  return { rows, problems };
}

// ---------------------------------------------------------------------------------------------
// Export of a list

/** Columns of a ledger list export; rows come from `ledgerExportRow`. */
export function ledgerExportColumns(locale: Locale): XlsxColumn[] {
  const zh = locale === 'zh-CN';
  return [
    { key: 'regionName', header: zh ? '村(社区)' : 'Village', type: 'text', width: 18 },
    { key: 'kind', header: zh ? '类型' : 'Kind', type: 'text', width: 10 },
    { key: 'title', header: zh ? '名称' : 'Title', type: 'text', width: 36 },
    { key: 'amount', header: zh ? '金额(元)' : 'Amount (yuan)', type: 'yuan', width: 16 },
    { key: 'occurredOn', header: zh ? '日期' : 'Date', type: 'date', width: 12 },
    { key: 'stage', header: zh ? '阶段' : 'Stage', type: 'text', width: 12 },
    { key: 'status', header: zh ? '状态' : 'Status', type: 'text', width: 10 },
    { key: 'version', header: zh ? '版本' : 'Version', type: 'int', width: 8 },
    { key: 'disclosureDueOn', header: zh ? '公开期限' : 'Disclosure due', type: 'date', width: 14 },
    {
      key: 'disclosedVersion',
      header: zh ? '已公开版本' : 'Disclosed version',
      type: 'int',
      width: 12,
    },
  ];
}

/** One list item as an export row, with kind, stage and status in the caller's language. */
export function ledgerExportRow(item: LedgerListItem, locale: Locale): Record<string, unknown> {
  return {
    regionName: item.regionName,
    kind: LEDGER_KIND_LABELS[item.kind][locale],
    title: item.title,
    amount: item.amount,
    occurredOn: item.occurredOn,
    stage: LEDGER_STAGE_LABELS[item.stage][locale],
    status: LEDGER_STATUS_LABELS[item.status][locale],
    version: item.version,
    disclosureDueOn: item.disclosureDueOn,
    disclosedVersion: item.disclosedVersion,
  };
}
