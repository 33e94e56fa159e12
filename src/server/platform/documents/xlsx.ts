import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { AppError } from '../errors.js';

/**
 * Spreadsheet helpers shared by every import and export: one sheet out with a frozen, filtered
 * header; a workbook in, refused unless it really is xlsx; any cell read back as plain text.
 */

export interface XlsxColumn {
  key: string;
  header: string;
  width?: number;
  /** `yuan` values are integer fen; `date` values are `YYYY-MM-DD` strings. */
  type: 'text' | 'yuan' | 'date' | 'int';
}

export const YUAN_FORMAT = '#,##0.00';

const DEFAULT_WIDTH: Record<XlsxColumn['type'], number> = { text: 24, yuan: 16, date: 12, int: 10 };

/** Excel refuses these characters in sheet names and cuts names at 31 characters. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').trim();
  return (cleaned || 'Sheet1').slice(0, 31);
}

function cellValueOf(type: XlsxColumn['type'], value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  const scalar =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : null;
  switch (type) {
    case 'yuan':
      // Fen to yuan: a division by 100 of an integer is the nearest double to the decimal.
      return typeof value === 'number' ? value / 100 : null;
    case 'int':
      return typeof value === 'number' ? value : null;
    case 'date':
      // Written as text so the date stays exactly as stored, whatever the reader's time zone.
      return scalar;
    case 'text':
      return scalar;
  }
}

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  rows: Record<string, unknown>[];
}

/** One sheet with a bold, frozen header row and an auto filter; amounts shown in 元. */
export async function writeXlsx(
  sheetName: string,
  columns: XlsxColumn[],
  rows: Record<string, unknown>[],
): Promise<Buffer> {
  return writeXlsxSheets([{ name: sheetName, columns, rows }]);
}

/**
 * exceljs, loaded on the first workbook rather than at start: it is a tenth of a second of
 * the server's cold start, and most requests never touch a spreadsheet.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** A workbook of several such sheets, in order. */
export async function writeXlsxSheets(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  for (const { name, columns, rows } of sheets) {
    const sheet = workbook.addWorksheet(safeSheetName(name), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = columns.map((column) => ({
      key: column.key,
      header: column.header,
      width: column.width ?? DEFAULT_WIDTH[column.type],
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) {
      const added = sheet.addRow(
        Object.fromEntries(columns.map((c) => [c.key, cellValueOf(c.type, row[c.key])])),
      );
      columns.forEach((column, index) => {
        if (column.type === 'yuan') added.getCell(index + 1).numFmt = YUAN_FORMAT;
      });
    }
    if (columns.length > 0) {
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * exceljs types `load` with a `Buffer` of its own declaration (an ArrayBuffer) that Node's
 * Buffer does not match; at run time it hands the bytes to JSZip, which takes a Node Buffer.
 */
export type XlsxBytes = Parameters<ExcelJS.Xlsx['load']>[0];

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function notXlsx(): AppError {
  return new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'not an xlsx workbook',
    { fields: [{ field: 'file', message: 'not xlsx' }] },
    'xlsx.invalid',
  );
}

/**
 * Load an uploaded workbook, refusing anything that is not xlsx (legacy .xls, CSV, a renamed
 * file, a zip of something else). Data validations are not loaded: exceljs expands their
 * ranges cell by cell, which a whole-column rule would turn into millions of objects.
 */
export async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  if (bytes.length < ZIP_MAGIC.length || ZIP_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw notXlsx();
  }
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as XlsxBytes, { ignoreNodes: ['dataValidations'] });
  } catch {
    throw notXlsx();
  }
  if (workbook.worksheets.length === 0) throw notXlsx();
  return workbook;
}

/** A sheet of a workbook read as a stream: its name, then its rows one by one. */
export interface StreamedSheet {
  name: string;
  rows: AsyncIterable<ExcelJS.Row>;
}

/**
 * Read an uploaded workbook sheet by sheet and row by row, without building it whole: an
 * import of 100,000 rows then holds a slice of rows at a time, not the workbook's model.
 * Refuses what is not xlsx as `readXlsx` does, also when the damage is found mid-sheet.
 */
export async function* streamXlsx(bytes: Buffer): AsyncGenerator<StreamedSheet> {
  if (bytes.length < ZIP_MAGIC.length || ZIP_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw notXlsx();
  }
  const excel = await loadExcel();
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers styled as dates
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  const iterator = reader[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
    try {
      next = await iterator.next();
    } catch {
      if (sheets > 0) throw notXlsx();
      // The streaming reader parks sheets that come before the shared strings in temporary
      // files, and has been seen to fail there on a busy machine with a sound workbook.
      // Nothing was read yet: read the workbook whole instead (it refuses a bad one).
      yield* loadedSheets(await readXlsx(bytes));
      return;
    }
    if (next.done) break;
    sheets++;
    const sheet = next.value;
    yield { name: (sheet as unknown as { name: string }).name, rows: guarded(sheet) };
  }
  if (sheets === 0) throw notXlsx();
}

/** The sheets of a workbook already in memory, in the shape of `streamXlsx`. */
async function* loadedSheets(workbook: ExcelJS.Workbook): AsyncGenerator<StreamedSheet> {
  for (const sheet of workbook.worksheets) {
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row) => rows.push(row));
    yield {
      name: sheet.name,
      rows: (async function* () {
        yield* rows;
      })(),
    };
  }
}

async function* guarded(sheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<ExcelJS.Row> {
  const iterator = sheet[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<ExcelJS.Row>;
    try {
      next = await iterator.next();
    } catch {
      throw notXlsx();
    }
    if (next.done) return;
    yield next.value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `YYYY-MM-DD` of a date from its UTC parts: exceljs reads Excel dates as UTC midnight. */
export function utcDate(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // 15 significant digits, as Excel shows numbers: 0.1+0.2 reads as 0.3.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : utcDate(value);
  if (!isRecord(value)) return '';
  if (Array.isArray(value.richText)) {
    return value.richText.map((part) => (isRecord(part) ? textOf(part.text) : '')).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) return textOf(value.result);
  if ('hyperlink' in value) return textOf(value.text);
  if (typeof value.error === 'string') return value.error;
  if ('text' in value) return textOf(value.text);
  return '';
}

/** A cell's value as trimmed text, whatever its type; a date becomes `YYYY-MM-DD`. */
export function cellText(cell: ExcelJS.Cell): string {
  return textOf(cell.value).trim();
}

/** The Excel error (`#REF!`, `#N/A`...) a cell or its formula result holds, or null. */
export function cellError(cell: ExcelJS.Cell): string | null {
  const value: unknown = cell.value;
  if (!isRecord(value)) return null;
  const holder = 'formula' in value || 'sharedFormula' in value ? value.result : value;
  return isRecord(holder) && typeof holder.error === 'string' ? holder.error : null;
}
