import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IFontAttributesProperties,
  type IParagraphStyleOptions,
} from 'docx';
import { LAYOUT, columnFractions, type Block, type OfficialDocument } from './official.js';

/**
 * DOCX output: the same document with Word styles (公文标题, 正文, 一级标题 …), the East Asian
 * font of each set by name, real Word tables whose header row repeats on every page, and
 * "— n —" page numbers in the footer.
 */

/** Twentieths of a point, Word's unit for page geometry and spacing. */
const twip = (pt: number): number => Math.round(pt * 20);
/** Half-points, Word's unit for type sizes. */
const half = (pt: number): number => Math.round(pt * 2);

const LATIN = 'Times New Roman';
/** The names Word and WPS know for the GB/T 9704 faces. */
const FONT = {
  body: '仿宋_GB2312',
  title: '宋体',
  heading: '黑体',
  table: '宋体',
} as const;
const font = (eastAsia: string): IFontAttributesProperties => ({
  ascii: LATIN,
  hAnsi: LATIN,
  cs: LATIN,
  eastAsia,
});

const RED = LAYOUT.red.slice(1);
const CONTENT_TWIPS = twip(LAYOUT.pageWidth - LAYOUT.margin.left - LAYOUT.margin.right);
const BODY_INDENT = twip(2 * LAYOUT.bodySize);
const exactly = (pt: number) => ({ line: twip(pt), lineRule: LineRuleType.EXACT });

const STYLES: IParagraphStyleOptions[] = [
  {
    id: 'OfficialIssuer',
    name: 'Official Issuer',
    basedOn: 'Normal',
    next: 'OfficialDocNo',
    run: { font: font(FONT.title), size: half(LAYOUT.issuerSize), bold: true, color: RED },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { after: twip(LAYOUT.linePitch / 2) } },
  },
  {
    id: 'OfficialDocNo',
    name: 'Official Document Number',
    basedOn: 'Normal',
    paragraph: {
      alignment: AlignmentType.CENTER,
      // The red rule under the 文号, 4 mm below it.
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
      spacing: { after: twip(LAYOUT.linePitch) },
    },
  },
  {
    id: 'OfficialTitle',
    name: 'Official Title',
    basedOn: 'Normal',
    next: 'OfficialBody',
    run: { font: font(FONT.title), size: half(LAYOUT.titleSize), bold: true },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { ...exactly(LAYOUT.titleSize * 1.5), after: twip(LAYOUT.linePitch / 2) },
      outlineLevel: 0,
    },
  },
  {
    id: 'OfficialAddressee',
    name: 'Official Addressee',
    basedOn: 'Normal',
    next: 'OfficialBody',
  },
  {
    id: 'OfficialBody',
    name: 'Official Body',
    basedOn: 'Normal',
    paragraph: { indent: { firstLine: BODY_INDENT } },
  },
  {
    id: 'OfficialHeading1',
    name: 'Official Heading 1',
    basedOn: 'Normal',
    next: 'OfficialBody',
    run: { font: font(FONT.heading) },
    paragraph: { indent: { firstLine: BODY_INDENT }, keepNext: true, outlineLevel: 1 },
  },
  {
    id: 'OfficialTable',
    name: 'Official Table Text',
    basedOn: 'Normal',
    run: { font: font(FONT.table), size: half(LAYOUT.tableSize) },
    paragraph: { spacing: exactly(LAYOUT.tableLinePitch) },
  },
  {
    id: 'OfficialSignature',
    name: 'Official Signature',
    basedOn: 'Normal',
    paragraph: { alignment: AlignmentType.RIGHT, keepNext: true, keepLines: true },
  },
  {
    id: 'OfficialPageNumber',
    name: 'Official Page Number',
    basedOn: 'Normal',
    run: { font: font(FONT.title), size: half(LAYOUT.pageNumberSize) },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240 } },
  },
];

/** Runs of `text`, a line break for each newline; bold only when asked (else the style's). */
function runs(text: string, bold = false): TextRun[] {
  return text
    .split(/\r?\n/)
    .map(
      (part, i) =>
        new TextRun({ text: part, ...(bold ? { bold } : {}), ...(i > 0 ? { break: 1 } : {}) }),
    );
}

/** Width of `text` in em: ASCII half an em, anything else a whole one. */
function widthEm(text: string): number {
  let em = 0;
  for (const ch of text) em += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return em;
}

const GRID = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function table(block: Extract<Block, { kind: 'table' }>): Table {
  const widths = columnFractions(block.columns.length, block.widths).map((f) =>
    Math.round(f * CONTENT_TWIPS),
  );
  const cell = (text: string, i: number, header: boolean): TableCell =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } } : {}),
      children: [
        new Paragraph({
          style: 'OfficialTable',
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: runs(text, header),
        }),
      ],
    });
  const row = (cells: string[], header: boolean): TableRow =>
    new TableRow({
      ...(header ? { tableHeader: true, cantSplit: true } : {}),
      children: block.columns.map((_, i) => cell(cells[i] ?? '', i, header)),
    });
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: GRID,
      bottom: GRID,
      left: GRID,
      right: GRID,
      insideHorizontal: GRID,
      insideVertical: GRID,
    },
    rows: [row(block.columns, true), ...block.rows.map((r) => row(r, false))],
  });
}

function body(d: OfficialDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (d.issuer) out.push(new Paragraph({ style: 'OfficialIssuer', children: runs(d.issuer) }));
  if (d.docNo) out.push(new Paragraph({ style: 'OfficialDocNo', children: runs(d.docNo) }));
  else if (d.issuer) out.push(new Paragraph({ style: 'OfficialDocNo' }));
  out.push(new Paragraph({ style: 'OfficialTitle', children: runs(d.title) }));
  if (d.addressee) {
    out.push(new Paragraph({ style: 'OfficialAddressee', children: runs(d.addressee) }));
  }
  for (const block of d.blocks) {
    if (block.kind === 'table') {
      out.push(table(block));
      // Word needs a paragraph between a table and what follows.
      out.push(new Paragraph({ style: 'OfficialBody', spacing: exactly(LAYOUT.linePitch / 2) }));
    } else {
      const style = block.kind === 'heading' ? 'OfficialHeading1' : 'OfficialBody';
      out.push(new Paragraph({ style, children: runs(block.text) }));
    }
  }
  if (d.signature) {
    // GB/T 9704 §7.3.5.1: the date four characters in from the right, the issuer centred on it.
    const { lines, date } = d.signature;
    const dateEm = widthEm(date);
    out.push(new Paragraph({ style: 'OfficialBody' }));
    for (const line of [...lines, date]) {
      const shift = Math.max(0, (dateEm - widthEm(line)) / 2);
      out.push(
        new Paragraph({
          style: 'OfficialSignature',
          indent: { right: twip((4 + shift) * LAYOUT.bodySize) },
          children: runs(line),
        }),
      );
    }
  }
  return out;
}

/** An official document as DOCX: A4, GB/T 9704 margins, Word styles and tables. */
export async function renderDocx(d: OfficialDocument): Promise<Buffer> {
  const { margin } = LAYOUT;
  const document = new Document({
    title: d.title,
    ...(d.issuer ? { creator: d.issuer } : {}),
    styles: {
      default: {
        document: {
          run: {
            font: font(FONT.body),
            size: half(LAYOUT.bodySize),
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: exactly(LAYOUT.linePitch) },
        },
      },
      paragraphStyles: STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twip(LAYOUT.pageWidth), height: twip(LAYOUT.pageHeight) },
            margin: {
              top: twip(margin.top),
              bottom: twip(margin.bottom),
              left: twip(margin.left),
              right: twip(margin.right),
              header: twip(margin.top / 2),
              footer: twip(margin.bottom - 7 * (72 / 25.4) - LAYOUT.pageNumberSize),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                style: 'OfficialPageNumber',
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
              }),
            ],
          }),
        },
        children: body(d),
      },
    ],
  });
  return Packer.toBuffer(document);
}
