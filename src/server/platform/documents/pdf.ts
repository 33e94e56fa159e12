import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { findCjkFonts, noFontError, type CjkFonts } from './fonts.js';
import { LAYOUT, columnFractions, type OfficialDocument } from './official.js';

/**
 * PDF output: an official document laid out on A4 (GB/T 9704 margins, page numbers at the
 * foot), and SVG drawings (the 监督履职流程图) one page each. The CJK font is embedded, subset to
 * the characters used.
 */

type Face = keyof CjkFonts;
type Pdf = PDFKit.PDFDocument;

const { margin, pageWidth, pageHeight } = LAYOUT;
const CONTENT_WIDTH = pageWidth - margin.left - margin.right;
const CELL_PAD_X = 5;
const CELL_PAD_Y = 4;
const GRID_LINE = 0.6;
const HEADER_FILL = '#F2F2F2';

interface Writer {
  doc: Pdf;
  /** Select a face (opening its file the first time) and a size. */
  use(face: Face, size: number): void;
}

/** A document with the CJK faces registered; a face's file is opened on first use. */
function openWriter(options: PDFKit.PDFDocumentOptions): Writer {
  const fonts = findCjkFonts();
  const doc = new PDFDocument({ size: 'A4', lang: 'zh-CN', ...options });
  for (const face of Object.keys(fonts) as Face[]) {
    const { path, postscriptName } = fonts[face];
    doc.registerFont(face, path, postscriptName);
  }
  const opened = new Set<Face>();
  return {
    doc,
    use(face, size) {
      if (!opened.has(face)) {
        try {
          doc.font(face);
        } catch (error) {
          throw noFontError(`${fonts[face].path} (${String(error)})`);
        }
        opened.add(face);
      }
      doc.font(face).fontSize(size);
    },
  };
}

/** The bytes of a document once `end()` has been called on it. */
function collect(doc: Pdf, write: () => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      write();
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** Extra space between lines so that lines of `size` text are `pitch` apart. */
function gapFor(doc: Pdf, pitch: number): number {
  return Math.max(0, pitch - doc.currentLineHeight());
}

/** Move to a new page unless `height` still fits above the bottom margin. */
function keep(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

function drawTable(
  w: Writer,
  columns: string[],
  rows: string[][],
  widths: number[] | undefined,
): void {
  const { doc } = w;
  const colW = columnFractions(columns.length, widths).map((f) => f * CONTENT_WIDTH);
  const xs = colW.map((_, i) => margin.left + colW.slice(0, i).reduce((a, b) => a + b, 0));
  const setFont = (header: boolean): number => {
    w.use(header ? 'serifBold' : 'serif', LAYOUT.tableSize);
    return gapFor(doc, LAYOUT.tableLinePitch);
  };
  const cellsOf = (row: string[]): string[] => columns.map((_, i) => row[i] ?? '');
  const heightOf = (cells: string[], header: boolean): number => {
    const lineGap = setFont(header);
    const textH = Math.max(
      ...cells.map((text, i) =>
        doc.heightOfString(text || ' ', { width: (colW[i] ?? 0) - 2 * CELL_PAD_X, lineGap }),
      ),
    );
    return textH + 2 * CELL_PAD_Y;
  };
  const drawRow = (cells: string[], y: number, h: number, header: boolean): void => {
    if (header) doc.rect(margin.left, y, CONTENT_WIDTH, h).fill(HEADER_FILL);
    const lineGap = setFont(header);
    doc.fillColor('black');
    cells.forEach((text, i) => {
      const x = xs[i] ?? margin.left;
      const width = colW[i] ?? 0;
      if (text) {
        doc.text(text, x + CELL_PAD_X, y + CELL_PAD_Y, {
          width: width - 2 * CELL_PAD_X,
          height: h - 2 * CELL_PAD_Y,
          lineGap,
          align: header ? 'center' : 'left',
        });
      }
      doc.rect(x, y, width, h);
    });
    doc.lineWidth(GRID_LINE).strokeColor('black').stroke();
  };

  const header = cellsOf(columns);
  const headerH = heightOf(header, true);
  let y = doc.y;
  const startPage = (): void => {
    drawRow(header, y, headerH, true);
    y += headerH;
  };
  const firstH = rows[0] ? heightOf(cellsOf(rows[0]), false) : 0;
  if (y + headerH + firstH > doc.page.maxY()) {
    doc.addPage();
    y = doc.y;
  }
  startPage();
  for (const row of rows) {
    const cells = cellsOf(row);
    let h = heightOf(cells, false);
    if (y + h > doc.page.maxY()) {
      doc.addPage();
      y = doc.y;
      startPage();
      // A row taller than a whole page is cut at the foot rather than running off it.
      h = Math.min(h, doc.page.maxY() - y);
    }
    drawRow(cells, y, h, false);
    y += h;
  }
  doc.x = margin.left;
  doc.y = y + LAYOUT.linePitch / 2;
}

function drawSignature(w: Writer, lines: string[], date: string): void {
  const { doc } = w;
  w.use('serif', LAYOUT.bodySize);
  const lineGap = gapFor(doc, LAYOUT.linePitch);
  doc.y += LAYOUT.linePitch;
  keep(doc, (lines.length + 1) * LAYOUT.linePitch);
  // GB/T 9704 §7.3.5.1: the date four characters in from the right, the issuer centred on it.
  const right = pageWidth - margin.right - 4 * LAYOUT.bodySize;
  const dateW = doc.widthOfString(date);
  const centre = right - dateW / 2;
  const top = doc.y;
  [...lines, date].forEach((line, i) => {
    const lineW = doc.widthOfString(line);
    const x = Math.max(margin.left, Math.min(centre - lineW / 2, pageWidth - margin.right - lineW));
    doc.text(line, x, top + i * LAYOUT.linePitch, { lineBreak: false, lineGap });
  });
  doc.x = margin.left;
  doc.y = top + (lines.length + 1) * LAYOUT.linePitch;
}

function drawPageNumbers(w: Writer): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing below the bottom margin would start a new page; lift it while we do.
    doc.page.margins.bottom = 0;
    w.use('serif', LAYOUT.pageNumberSize);
    doc.fillColor('black');
    doc.text(`— ${i + 1} —`, 0, pageHeight - margin.bottom + 7 * (72 / 25.4), {
      width: pageWidth,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

function drawDocument(w: Writer, d: OfficialDocument): void {
  const { doc } = w;
  const left = margin.left;
  const full = { width: CONTENT_WIDTH, align: 'center' as const };

  if (d.issuer) {
    w.use('serifBold', LAYOUT.issuerSize);
    doc.fillColor(LAYOUT.red).text(d.issuer, left, doc.y, full);
    doc.y += LAYOUT.linePitch / 2;
  }
  if (d.docNo) {
    w.use('serif', LAYOUT.bodySize);
    doc.fillColor('black').text(d.docNo, left, doc.y, full);
  }
  if (d.issuer || d.docNo) {
    const ruleY = doc.y + 4 * (72 / 25.4);
    doc
      .moveTo(left, ruleY)
      .lineTo(left + CONTENT_WIDTH, ruleY)
      .lineWidth(1.5)
      .strokeColor(LAYOUT.red)
      .stroke();
    doc.y = ruleY + LAYOUT.linePitch;
  }

  w.use('serifBold', LAYOUT.titleSize);
  doc.fillColor('black').text(d.title, left, doc.y, {
    ...full,
    lineGap: gapFor(doc, LAYOUT.titleSize * 1.5),
  });
  doc.y += LAYOUT.linePitch / 2;

  w.use('serif', LAYOUT.bodySize);
  const bodyGap = gapFor(doc, LAYOUT.linePitch);
  if (d.addressee) doc.text(d.addressee, left, doc.y, { width: CONTENT_WIDTH, lineGap: bodyGap });

  const indent = 2 * LAYOUT.bodySize;
  for (const block of d.blocks) {
    switch (block.kind) {
      case 'heading':
        // Keep a heading with the first line after it.
        keep(doc, 2 * LAYOUT.linePitch);
        w.use('sans', LAYOUT.bodySize);
        doc.text(block.text, left + indent, doc.y, {
          width: CONTENT_WIDTH - indent,
          lineGap: gapFor(doc, LAYOUT.linePitch),
        });
        break;
      case 'paragraph':
        w.use('serif', LAYOUT.bodySize);
        doc.text(block.text, left, doc.y, { width: CONTENT_WIDTH, indent, lineGap: bodyGap });
        break;
      case 'table':
        doc.y += LAYOUT.linePitch / 4;
        drawTable(w, block.columns, block.rows, block.widths);
        break;
    }
  }
  if (d.signature) drawSignature(w, d.signature.lines, d.signature.date);
  drawPageNumbers(w);
}

/** An official document as PDF: A4, GB/T 9704 margins, "— n —" page numbers. */
export async function renderPdf(d: OfficialDocument): Promise<Buffer> {
  const w = openWriter({
    margins: margin,
    bufferPages: true,
    info: { Title: d.title, ...(d.issuer ? { Author: d.issuer } : {}) },
    displayTitle: true,
  });
  return collect(w.doc, () => drawDocument(w, d));
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
const STACKED = /<svg\b[^>]*?\bdata-pages="(\d+)"/;
const PAGE_GROUP = '<g class="page" data-page="';

/**
 * A stacked SVG of A4 pages (`data-pages="n"` on its root, as `catalogueFlowchartSvg` draws)
 * cut into one SVG per page: the viewBox moved to the page, and only that page's drawing kept.
 * Any other SVG is one page as it is.
 */
export function splitStackedSvg(svg: string): string[] {
  const count = Number(STACKED.exec(svg)?.[1] ?? '1');
  const box = /\bviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
  const heightMm = /<svg\b[^>]*?\bheight="([\d.]+)mm"/.exec(svg);
  if (count <= 1 || !box) return [svg];
  const [, x0, y0, width, height] = box.map(Number) as [number, number, number, number, number];
  const pageH = height / count;
  const starts: number[] = [];
  for (let at = svg.indexOf(PAGE_GROUP); at >= 0; at = svg.indexOf(PAGE_GROUP, at + 1)) {
    starts.push(at);
  }
  const end = svg.lastIndexOf('</svg>');
  const grouped = starts.length === count && end > 0;
  const head = grouped ? svg.slice(0, starts[0]) : svg.slice(0, end);
  return Array.from({ length: count }, (_, k) => {
    let page = head
      .replace(box[0], `viewBox="${x0} ${round(y0 + k * pageH)} ${width} ${round(pageH)}"`)
      .replace(STACKED, (m) => m.replace(/data-pages="\d+"/, 'data-pages="1"'));
    if (heightMm) {
      const mm = round(Number(heightMm[1]) / count);
      page = page.replace(/(<svg\b[^>]*?\bheight=")[\d.]+mm"/, `$1${mm}mm"`);
    }
    const body = grouped ? svg.slice(starts[k], starts[k + 1] ?? end) : '';
    return `${page}${body}</svg>`;
  });
}

/** A serif family for 宋体/仿宋/楷体/明朝-like names, else the sans (黑体-like) one. */
function faceFor(family: string, bold: boolean): Face {
  const first = (family.split(',')[0] ?? '').replace(/['"]/g, '').trim();
  const serif = !/sans/i.test(first) && /serif|song|ming|kai|fang|宋|明|楷|仿/i.test(first);
  if (serif) return bold ? 'serifBold' : 'serif';
  return bold ? 'sansBold' : 'sans';
}

/**
 * SVG drawings as PDF, one A4 page each (a stacked SVG gives its pages, see `splitStackedSvg`),
 * each scaled to fit its page; text in the CJK faces.
 */
export async function svgToPdf(
  svgPages: string[],
  options: { landscape?: boolean; title?: string } = {},
): Promise<Buffer> {
  const w = openWriter({
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: 0,
    autoFirstPage: false,
    ...(options.title ? { info: { Title: options.title }, displayTitle: true } : {}),
  });
  const { doc } = w;
  const pages = svgPages.flatMap(splitStackedSvg);
  return collect(doc, () => {
    if (pages.length === 0) doc.addPage();
    for (const svg of pages) {
      doc.addPage();
      SVGtoPDF(doc, svg, 0, 0, {
        width: doc.page.width,
        height: doc.page.height,
        preserveAspectRatio: 'xMidYMid meet',
        fontCallback: (family, bold) => {
          const face = faceFor(family, bold);
          w.use(face, 12);
          return face;
        },
        warningCallback: () => undefined,
      });
    }
  });
}
