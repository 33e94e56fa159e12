/**
 * Township documents (公文: a numbered 反馈意见书, a monthly 工作简报) as one small model, drawn
 * by two renderers: PDF (pdfkit, with the system's CJK font embedded) and DOCX (Word styles
 * and real tables). The layout follows GB/T 9704: A4, margins 37/35/28/26 mm, a 22 pt bold
 * title, 16 pt (三号) body, page numbers "— 1 —". `renderPdf` and `svgToPdf` are in pdf.ts,
 * `renderDocx` in docx.ts. See ADR 0013.
 */

export interface OfficialDocument {
  /** 发文机关 at the top in red, e.g. '清溪镇纪委 清溪镇监察工作联络站'. */
  issuer?: string;
  /** 文号, e.g. '清纪联〔2026〕3号', centred under the issuer above a red rule. */
  docNo?: string;
  /** e.g. '关于石桥村监督检查发现问题的反馈意见书'. */
  title: string;
  /** 主送, e.g. '石桥村村民委员会：'. */
  addressee?: string;
  blocks: Block[];
  /** Bottom right: the issuing body (one line each) and the date, e.g. '2026年4月28日'. */
  signature?: { lines: string[]; date: string };
}

export type Block =
  /** 一、二、… a heading of the first level (黑体). */
  | { kind: 'heading'; text: string }
  /** Body text, the first line indented two characters. */
  | { kind: 'paragraph'; text: string }
  /** A grid; `widths` are relative column widths (equal by default). */
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] };

const MM = 72 / 25.4;

/** Page geometry and type sizes in points, shared by both renderers. */
export const LAYOUT = {
  pageWidth: 210 * MM,
  pageHeight: 297 * MM,
  margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
  issuerSize: 26,
  titleSize: 22,
  bodySize: 16,
  tableSize: 12,
  pageNumberSize: 14,
  /** 22 lines to the type area (GB/T 9704 §5.2.2): 225 mm / 22. */
  linePitch: (225 * MM) / 22,
  tableLinePitch: 18,
  /** 版头 red (GB/T 9704 uses red for the issuer and the rule under 文号). */
  red: '#E60012',
} as const;

/** Relative column widths normalised to fractions summing to 1. */
export function columnFractions(columns: number, widths?: number[]): number[] {
  const given =
    widths && widths.length === columns && widths.every((w) => Number.isFinite(w) && w > 0)
      ? widths
      : Array.from({ length: columns }, () => 1);
  const total = given.reduce((a, b) => a + b, 0);
  return given.map((w) => w / total);
}
