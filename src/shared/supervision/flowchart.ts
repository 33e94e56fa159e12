/**
 * 监督履职流程图: the flowchart of a supervision path, drawn from the path's definition as a
 * standalone SVG string. One swimlane (a column) per actor, in order of first appearance; one
 * rounded box per step, one row per step, its action wrapped to the lane; an arrow from each
 * step to the next, with an elbow where the lane changes; the document a step produces under
 * its box; the path's title on top. Output is deterministic (same path, same bytes), all text
 * is escaped, and the width and height are set in millimetres so the drawing fits an A4 page.
 * Pure module: it runs on the server (PDF export) and in the browser.
 */
import type { Locale } from '../messages.js';
import type { Catalogue, SupervisionPath, SupervisionStep } from './catalogue.js';

/** CJK fonts first, so Chinese renders the same on Linux servers, phones and Windows. */
export const FLOWCHART_FONT_FAMILY =
  "'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', sans-serif";

export interface FlowchartOptions {
  /** Language of the few words the chart adds (deadlines, the catalogue heading). */
  locale?: Locale;
  /** Heading of the chart; by default the path's code and title. */
  title?: string;
}

const LABELS: Record<Locale, { deadline: (days: number) => string; heading: string }> = {
  'zh-CN': { deadline: (days) => `限${days}个工作日`, heading: '监督履职流程图' },
  'en-US': {
    deadline: (days) => `within ${days} working day${days === 1 ? '' : 's'}`,
    heading: 'Supervision flowcharts',
  },
};

function catalogueSubtitle(locale: Locale, c: Catalogue): string {
  return locale === 'zh-CN'
    ? `第${c.version}版 · ${c.effectiveFrom}起施行`
    : `Version ${c.version}, in force from ${c.effectiveFrom}`;
}

// ---------------------------------------------------------------------------------------------
// Text: measuring and wrapping. Widths are in em: ASCII is about 0.55 em in these fonts, every
// other character (Han, kana, full-width punctuation, curly quotes) is counted as a full em,
// which errs on the side of room to spare.

const ASCII_EM = 0.55;
/** Punctuation that must not begin a line (行首禁则). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』〉】〕”’…—·%,.;:?!)]}']);
/** Punctuation that must not end a line (行尾禁则). */
const NO_LINE_END = new Set([...'（《「『〈【〔“‘([{']);

function charEm(ch: string): number {
  return ch.charCodeAt(0) < 0x80 ? ASCII_EM : 1;
}

/** Width of `text` in em (see the rule above). */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const ch of text) width += charEm(ch);
  return width;
}

const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML: characters XML cannot carry are dropped, markup is escaped. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Words of ASCII stay whole; every other character is a token of its own; so are spaces. */
function tokenize(paragraph: string): string[] {
  const tokens: string[] = [];
  let word = '';
  for (const ch of paragraph) {
    if (ch === ' ') {
      if (word) tokens.push(word);
      word = '';
      tokens.push(' ');
    } else if (ch.charCodeAt(0) < 0x80) {
      word += ch;
    } else {
      if (word) tokens.push(word);
      word = '';
      tokens.push(ch);
    }
  }
  if (word) tokens.push(word);
  return tokens;
}

/** Pieces of an ASCII word each at most `maxEm` wide (a word too long for a line). */
function splitWord(word: string, maxEm: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && textWidthEm(piece + ch) > maxEm) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function wrapParagraph(paragraph: string, maxEm: number): string[] {
  const lines: string[][] = [];
  let line: string[] = [];
  let width = 0;
  const widthOf = (tokens: string[]): number => textWidthEm(tokens.join(''));
  const flush = (): void => {
    while (line.length > 0 && line[line.length - 1] === ' ') line.pop();
    lines.push(line);
    line = [];
    width = 0;
  };
  const tokens = tokenize(paragraph).flatMap((t) =>
    t !== ' ' && t.length > 1 && textWidthEm(t) > maxEm ? splitWord(t, maxEm) : [t],
  );
  for (const token of tokens) {
    const w = textWidthEm(token);
    if (line.length === 0) {
      const previous = lines[lines.length - 1];
      if (token === ' ') continue;
      if (NO_LINE_START.has(token) && previous !== undefined) previous.push(token);
      else [line, width] = [[token], w];
      continue;
    }
    if (width + w <= maxEm) {
      line.push(token);
      width += w;
      continue;
    }
    if (token === ' ') {
      flush();
      continue;
    }
    if (NO_LINE_START.has(token)) {
      // Take the last character along to the next line; where that cannot be done, let the
      // punctuation hang past the end of the line (标点悬挂).
      const last = line[line.length - 1] ?? ' ';
      const canCarry = line.length > 1 && last !== ' ' && !NO_LINE_START.has(last);
      if (canCarry && textWidthEm(last) + w <= maxEm) {
        line.pop();
        flush();
        line = [last, token];
        width = widthOf(line);
      } else {
        line.push(token);
        width += w;
      }
      continue;
    }
    const carried: string[] = [];
    while (
      line.length > 1 &&
      NO_LINE_END.has(line[line.length - 1] ?? '') &&
      widthOf(carried) + 1 + w <= maxEm
    ) {
      carried.unshift(line.pop() ?? '');
    }
    flush();
    line = [...carried, token];
    width = widthOf(line);
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines.map((tokens) => tokens.join(''));
}

/**
 * `text` broken into lines of at most `maxEm` em (see textWidthEm): between any two CJK
 * characters, at spaces between ASCII words, and inside an ASCII word only when the word alone
 * is too long. Closing punctuation does not begin a line: the character before it moves down
 * with it, or, where it cannot, the punctuation hangs past the line's end (the only case in
 * which a line is wider than `maxEm`). Opening punctuation does not end a line. A newline in
 * the text always breaks. Spaces at line ends are dropped, so the lines
 * joined give back the text up to those spaces.
 */
export function wrapText(text: string, maxEm: number): string[] {
  const clean = text.replace(INVALID_XML_CHARS, '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  return clean.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, Math.max(1, maxEm)));
}

/**
 * Like wrapText, but with lines as even as the line count allows, so that a paragraph does
 * not end with one lonely character.
 */
export function wrapBalanced(text: string, maxEm: number): string[] {
  const lines = wrapText(text, maxEm);
  let best = lines;
  for (let em = maxEm - 0.25; lines.length > 1 && em >= 1; em -= 0.25) {
    const trial = wrapText(text, em);
    if (trial.length > lines.length) break;
    best = trial;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Layout. Units are CSS pixels at 96 dpi: an A4 page is 794 × 1123.

const PAGE_W = 794;
const PAGE_H = 1123;
const A4_MM = { w: 210, h: 297 };
const MARGIN = 28;
const FONT = 13;
const LINE_H = 17;
const SMALL_FONT = 11;
const SMALL_LINE_H = 15;
const TITLE_FONT = 18;
const TITLE_LINE_H = 26;
const LANE_MIN_W = 130;
const LANE_HEADER_PAD = 10;
const BOX_INSET = 8;
const BOX_PAD = 8;
const DOC_GAP = 5;
const DOC_PAD = 4;
const DOC_FOLD = 6;
const ROW_GAP = 26;
const ARROW_HEAD = 9;

const COLOURS = {
  ink: '#1f2937',
  muted: '#6b7280',
  laneBorder: '#cbd5e1',
  laneFill: ['#f8fafc', '#ffffff'],
  laneHeader: '#e2e8f0',
  box: '#ffffff',
  boxStroke: '#2563eb',
  badge: '#2563eb',
  arrow: '#475569',
  doc: '#fefce8',
  docStroke: '#a16207',
};

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function textLines(
  lines: string[],
  x: number,
  firstBaseline: number,
  lineHeight: number,
  attrs: string,
): string {
  const spans = lines
    .map(
      (line, i) =>
        `<tspan x="${n(x)}" y="${n(firstBaseline + i * lineHeight)}">${escapeXml(line)}</tspan>`,
    )
    .join('');
  return `<text ${attrs}>${spans}</text>`;
}

interface Lane {
  id: string;
  label: string;
}

/** The distinct actors of a path, in order of first appearance. */
export function pathLanes(path: SupervisionPath): Lane[] {
  const lanes: Lane[] = [];
  for (const step of path.steps) {
    if (!lanes.some((lane) => lane.id === step.actor.id)) {
      lanes.push({ id: step.actor.id, label: step.actor.label });
    }
  }
  return lanes;
}

interface Drawing {
  width: number;
  height: number;
  /** SVG elements drawn from (0, 0). */
  body: string;
}

interface StepLayout {
  step: SupervisionStep;
  lane: number;
  x: number;
  y: number;
  w: number;
  h: number;
  actionLines: string[];
  deadline: string | undefined;
  doc: { x: number; y: number; w: number; h: number; lines: string[] } | undefined;
  bottom: number;
}

function drawPath(path: SupervisionPath, title: string, locale: Locale): Drawing {
  const lanes = pathLanes(path);
  const laneCount = Math.max(1, lanes.length);
  const contentW = Math.max(PAGE_W - 2 * MARGIN, laneCount * LANE_MIN_W);
  const width = contentW + 2 * MARGIN;
  const laneW = contentW / laneCount;
  const laneX = (i: number): number => MARGIN + i * laneW;

  // Title.
  const titleLines = wrapText(title, contentW / TITLE_FONT);
  const titlePart = textLines(
    titleLines,
    width / 2,
    MARGIN + TITLE_FONT,
    TITLE_LINE_H,
    `class="title" text-anchor="middle" font-size="${TITLE_FONT}" font-weight="bold" fill="${COLOURS.ink}"`,
  );
  const lanesTop = MARGIN + titleLines.length * TITLE_LINE_H + 14;

  // Lane headers: as tall as the longest label needs.
  const headerLines = lanes.map((lane) =>
    wrapText(lane.label, (laneW - 2 * LANE_HEADER_PAD) / FONT),
  );
  const headerH =
    Math.max(1, ...headerLines.map((lines) => lines.length)) * LINE_H + 2 * LANE_HEADER_PAD;

  // Steps: one row each.
  const boxW = laneW - 2 * BOX_INSET;
  const actionEm = (boxW - 2 * BOX_PAD) / FONT;
  let y = lanesTop + headerH + 20;
  const layouts: StepLayout[] = path.steps.map((step) => {
    const lane = Math.max(
      0,
      lanes.findIndex((l) => l.id === step.actor.id),
    );
    const x = laneX(lane) + BOX_INSET;
    const actionLines = wrapBalanced(step.action, actionEm);
    const deadline =
      step.deadlineDays === undefined ? undefined : LABELS[locale].deadline(step.deadlineDays);
    const h =
      2 * BOX_PAD + actionLines.length * LINE_H + (deadline === undefined ? 0 : SMALL_LINE_H + 2);
    let bottom = y + h;
    let doc: StepLayout['doc'];
    if (step.output !== undefined && step.output !== '') {
      // Beside the outgoing arrow: to its right, or to its left in the last of several lanes;
      // it may reach into the neighbouring lane, which is empty on this row.
      const maxW = laneCount === 1 ? laneW / 2 - 12 : laneW - 2 * BOX_INSET;
      const textEm = (maxW - 2 * DOC_PAD - DOC_FOLD) / SMALL_FONT;
      const lines = wrapBalanced(step.output, textEm);
      const docW = Math.max(...lines.map(textWidthEm)) * SMALL_FONT + 2 * DOC_PAD + DOC_FOLD + 1;
      const cx = x + boxW / 2;
      const docX = lane === laneCount - 1 && laneCount > 1 ? cx - 8 - docW : cx + 8;
      const docH = lines.length * SMALL_LINE_H + 2 * DOC_PAD;
      doc = { x: docX, y: bottom + DOC_GAP, w: docW, h: docH, lines };
      bottom = doc.y + docH;
    }
    const layout: StepLayout = {
      step,
      lane,
      x,
      y,
      w: boxW,
      h,
      actionLines,
      deadline,
      doc,
      bottom,
    };
    y = bottom + ROW_GAP;
    return layout;
  });
  const lanesBottom = y - ROW_GAP + 20;
  const height = lanesBottom + MARGIN;

  // Lanes under everything else.
  const laneParts = lanes.map((lane, i) => {
    const x = laneX(i);
    const label = textLines(
      headerLines[i] ?? [],
      x + laneW / 2,
      lanesTop + LANE_HEADER_PAD + FONT,
      LINE_H,
      `text-anchor="middle" font-weight="bold" fill="${COLOURS.ink}"`,
    );
    return (
      `<g class="lane" data-actor="${escapeXml(lane.id)}">` +
      `<rect x="${n(x)}" y="${n(lanesTop)}" width="${n(laneW)}" height="${n(lanesBottom - lanesTop)}" fill="${COLOURS.laneFill[i % 2]}" stroke="${COLOURS.laneBorder}"/>` +
      `<rect x="${n(x)}" y="${n(lanesTop)}" width="${n(laneW)}" height="${n(headerH)}" fill="${COLOURS.laneHeader}" stroke="${COLOURS.laneBorder}"/>` +
      label +
      `</g>`
    );
  });
  const lanesPart = `<g class="lanes">${laneParts.join('')}</g>`;

  // Arrows: straight down within a lane, down-across-down between lanes.
  const arrows: string[] = [];
  for (let i = 0; i + 1 < layouts.length; i += 1) {
    const from = layouts[i];
    const to = layouts[i + 1];
    if (from === undefined || to === undefined) continue;
    const x1 = from.x + from.w / 2;
    const x2 = to.x + to.w / 2;
    const y1 = from.y + from.h;
    const y2 = to.y;
    const tip = y2 - ARROW_HEAD;
    const d =
      from.lane === to.lane
        ? `M${n(x1)} ${n(y1)}V${n(tip)}`
        : `M${n(x1)} ${n(y1)}V${n(from.bottom + ROW_GAP / 2)}H${n(x2)}V${n(tip)}`;
    arrows.push(
      `<g class="arrow" data-from="${i + 1}" data-to="${i + 2}">` +
        `<path d="${d}" fill="none" stroke="${COLOURS.arrow}" stroke-width="1.5"/>` +
        `<polygon points="${n(x2 - 5)},${n(tip)} ${n(x2 + 5)},${n(tip)} ${n(x2)},${n(y2)}" fill="${COLOURS.arrow}"/>` +
        `</g>`,
    );
  }
  const arrowsPart = `<g class="arrows">${arrows.join('')}</g>`;

  // Steps on top.
  const steps = layouts.map((s, i) => {
    const cx = s.x + s.w / 2;
    const out: string[] = [`<g class="step" data-step="${i + 1}">`];
    out.push(
      `<rect class="step-box" x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" rx="8" ry="8" fill="${COLOURS.box}" stroke="${COLOURS.boxStroke}" stroke-width="1.5"/>`,
    );
    out.push(
      textLines(
        s.actionLines,
        cx,
        s.y + BOX_PAD + FONT,
        LINE_H,
        `class="action" text-anchor="middle" fill="${COLOURS.ink}"`,
      ),
    );
    if (s.deadline !== undefined) {
      out.push(
        textLines(
          [s.deadline],
          cx,
          s.y + BOX_PAD + s.actionLines.length * LINE_H + 2 + SMALL_FONT,
          SMALL_LINE_H,
          `class="deadline" text-anchor="middle" font-size="${SMALL_FONT}" fill="${COLOURS.muted}"`,
        ),
      );
    }
    out.push(
      `<circle cx="${n(s.x)}" cy="${n(s.y)}" r="9" fill="${COLOURS.badge}"/>` +
        `<text x="${n(s.x)}" y="${n(s.y + 4)}" text-anchor="middle" font-size="${SMALL_FONT}" font-weight="bold" fill="#ffffff">${i + 1}</text>`,
    );
    if (s.doc !== undefined) {
      const { x, y: top, w, h, lines } = s.doc;
      out.push(
        `<g class="output">` +
          `<polygon points="${n(x)},${n(top)} ${n(x + w - DOC_FOLD)},${n(top)} ${n(x + w)},${n(top + DOC_FOLD)} ${n(x + w)},${n(top + h)} ${n(x)},${n(top + h)}" fill="${COLOURS.doc}" stroke="${COLOURS.docStroke}"/>` +
          textLines(
            lines,
            x + DOC_PAD,
            top + DOC_PAD + SMALL_FONT,
            SMALL_LINE_H,
            `font-size="${SMALL_FONT}" fill="${COLOURS.docStroke}"`,
          ) +
          `</g>`,
      );
    }
    out.push('</g>');
    return out.join('');
  });
  const stepsPart = `<g class="steps">${steps.join('')}</g>`;

  return { width, height, body: titlePart + lanesPart + arrowsPart + stepsPart };
}

function svgDocument(
  width: number,
  height: number,
  widthMm: number,
  heightMm: number,
  title: string,
  body: string,
  extra = '',
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(width)} ${n(height)}" ` +
    `width="${n(widthMm)}mm" height="${n(heightMm)}mm" font-family="${FLOWCHART_FONT_FAMILY}" ` +
    `font-size="${FONT}" role="img"${extra}>` +
    `<title>${escapeXml(title)}</title>` +
    `<rect width="${n(width)}" height="${n(height)}" fill="#ffffff"/>` +
    body +
    `</svg>`
  );
}

function defaultTitle(path: SupervisionPath): string {
  return `${path.code}　${path.title}`;
}

/**
 * The flowchart of one path as a standalone SVG document. It is scaled to fit an A4 page
 * (210 × 297 mm) with the aspect kept: a path of up to about ten steps prints at full size.
 */
export function pathFlowchartSvg(path: SupervisionPath, options: FlowchartOptions = {}): string {
  const title = options.title ?? defaultTitle(path);
  const drawing = drawPath(path, title, options.locale ?? 'zh-CN');
  const mmPerUnit = Math.min(A4_MM.w / drawing.width, A4_MM.h / drawing.height);
  return svgDocument(
    drawing.width,
    drawing.height,
    drawing.width * mmPerUnit,
    drawing.height * mmPerUnit,
    title,
    drawing.body,
  );
}

/**
 * The flowcharts of every path of a catalogue as one SVG of A4 pages stacked top to bottom
 * (`data-pages` says how many): a heading with the version on the first page, then the paths
 * in catalogue order, each kept whole on one page (a path too big for a page is scaled down).
 * Page k (from 0) is the region y ∈ [1123k, 1123(k+1)) of the viewBox, which PDF export cuts
 * into pages.
 */
export function catalogueFlowchartSvg(
  catalogue: Catalogue,
  options: FlowchartOptions = {},
): string {
  const locale = options.locale ?? 'zh-CN';
  const heading = options.title ?? LABELS[locale].heading;
  const pages: string[][] = [[]];
  const headingLines = wrapText(heading, (PAGE_W - 2 * MARGIN) / 22);
  const subtitle = catalogueSubtitle(locale, catalogue);
  pages[0]?.push(
    textLines(
      headingLines,
      PAGE_W / 2,
      MARGIN + 22,
      30,
      `class="heading" text-anchor="middle" font-size="22" font-weight="bold" fill="${COLOURS.ink}"`,
    ) +
      textLines(
        [subtitle],
        PAGE_W / 2,
        MARGIN + headingLines.length * 30 + 16,
        SMALL_LINE_H,
        `class="subtitle" text-anchor="middle" fill="${COLOURS.muted}"`,
      ),
  );
  let pageY = MARGIN + headingLines.length * 30 + 24;
  let pageHasPath = false;
  for (const path of catalogue.paths) {
    const drawing = drawPath(path, defaultTitle(path), locale);
    const fit = (room: number): number =>
      Math.min(1, PAGE_W / drawing.width, room / drawing.height);
    // A path goes on the current page if it fits there, or if the page holds no path yet
    // (the first page, under the heading), scaled to the room left; else on a new page.
    if (pageHasPath && pageY + drawing.height * fit(PAGE_H) > PAGE_H) {
      pages.push([]);
      pageY = 0;
    }
    const scale = fit(PAGE_H - pageY);
    const h = drawing.height * scale;
    pageHasPath = true;
    const pageIndex = pages.length - 1;
    const x = (PAGE_W - drawing.width * scale) / 2;
    const transform =
      scale === 1
        ? `translate(${n(x)} ${n(pageIndex * PAGE_H + pageY)})`
        : `translate(${n(x)} ${n(pageIndex * PAGE_H + pageY)}) scale(${Math.floor(scale * 1e4) / 1e4})`;
    pages[pageIndex]?.push(
      `<g class="path" data-path="${escapeXml(path.code)}" transform="${transform}">${drawing.body}</g>`,
    );
    pageY += h;
  }
  const body = pages
    .map((content, i) => `<g class="page" data-page="${i + 1}">${content.join('')}</g>`)
    .join('');
  return svgDocument(
    PAGE_W,
    PAGE_H * pages.length,
    A4_MM.w,
    A4_MM.h * pages.length,
    `${heading} ${subtitle}`,
    body,
    ` data-pages="${pages.length}"`,
  );
}
