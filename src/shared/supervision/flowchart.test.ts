import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SupervisionPath, SupervisionStep } from './catalogue.js';
import { DEMO_CATALOGUE } from './demo-catalogue.js';
import {
  FLOWCHART_FONT_FAMILY,
  catalogueFlowchartSvg,
  escapeXml,
  pathFlowchartSvg,
  pathLanes,
  textWidthEm,
  wrapBalanced,
  wrapText,
} from './flowchart.js';

// --- A small XML parser: enough to prove well-formedness and to query the drawing. ---------

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Character data with its entity references resolved; throws on a bare `&` or `<`. */
function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`'<' in character data at ${where}`);
  if (BAD_CHAR.test(raw)) throw new Error(`character not allowed in XML at ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw new Error(`bare '&' at ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref] ?? '';
    const num = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (!num) throw new Error(`unknown entity &${ref}; at ${where}`);
    return String.fromCodePoint(parseInt(num[1] ?? num[2] ?? '', num[1] ? 16 : 10));
  });
}

/** Parses a whole XML document and returns its root element; throws if it is not well-formed. */
function parseXml(src: string): XmlElement {
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at ${pos}: ${JSON.stringify(src.slice(pos, pos + 40))}`);
  };
  const skipSpace = () => {
    while (pos < src.length && /\s/.test(src[pos] ?? '')) pos += 1;
  };
  const name = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(src);
    if (!m) return fail('name expected');
    pos += m[0].length;
    return m[0];
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (src.startsWith('<?', pos)) pos = src.indexOf('?>', pos) + 2 || fail('open <?');
      else if (src.startsWith('<!--', pos)) pos = src.indexOf('-->', pos) + 3 || fail('open <!--');
      else return;
    }
  };
  const element = (): XmlElement => {
    if (src[pos] !== '<') fail("'<' expected");
    pos += 1;
    const el: XmlElement = { name: name(), attrs: {}, children: [] };
    for (;;) {
      const before = pos;
      skipSpace();
      if (src.startsWith('/>', pos)) {
        pos += 2;
        return el;
      }
      if (src[pos] === '>') {
        pos += 1;
        break;
      }
      if (pos === before) fail('space expected before attribute');
      const attr = name();
      skipSpace();
      if (src[pos] !== '=') fail("'=' expected");
      pos += 1;
      skipSpace();
      const quote = src[pos];
      if (quote !== '"' && quote !== "'") return fail('quote expected');
      const end = src.indexOf(quote, pos + 1);
      if (end < 0) fail('unterminated attribute');
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      el.attrs[attr] = decode(src.slice(pos + 1, end), pos);
      pos = end + 1;
    }
    for (;;) {
      const next = src.indexOf('<', pos);
      if (next < 0) fail(`unclosed <${el.name}>`);
      if (next > pos) el.children.push(decode(src.slice(pos, next), pos));
      pos = next;
      if (src.startsWith('</', pos)) {
        pos += 2;
        if (name() !== el.name) fail(`mismatched </…> for <${el.name}>`);
        skipSpace();
        if (src[pos] !== '>') fail("'>' expected");
        pos += 1;
        return el;
      }
      if (src.startsWith('<!--', pos)) {
        pos = src.indexOf('-->', pos) + 3 || fail('open <!--');
        continue;
      }
      el.children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (pos !== src.length) fail('content after the root element');
  return root;
}

function all(el: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (test(e)) found.push(e);
    for (const child of e.children) if (typeof child !== 'string') walk(child);
  };
  walk(el);
  return found;
}

const byClass = (root: XmlElement, cls: string) =>
  all(root, (e) => (e.attrs.class ?? '').split(' ').includes(cls));

function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** The lines of the first <text class="…"> under `el`, one per <tspan>. */
function linesOf(el: XmlElement, cls: string): string[] {
  const text = byClass(el, cls)[0];
  return text ? text.children.flatMap((c) => (typeof c === 'string' ? [] : [textOf(c)])) : [];
}

describe('parseXml (the test helper)', () => {
  it('accepts well-formed XML and rejects the usual mistakes', () => {
    expect(parseXml('<?xml version="1.0"?><a x="1 &amp; 2"><b/>t&lt;</a>').attrs.x).toBe('1 & 2');
    for (const bad of [
      '<a>',
      '<a></b>',
      '<a x="1" x="2"/>',
      '<a>&</a>',
      '<a>&nbsp;</a>',
      '<a/><b/>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});

// --- Text ------------------------------------------------------------------------------------

describe('text measure and wrapping', () => {
  it('counts CJK as 1 em and ASCII as 0.55 em', () => {
    expect(textWidthEm('监督')).toBe(2);
    expect(textWidthEm('P01')).toBeCloseTo(1.65);
    expect(textWidthEm('村“两委”')).toBe(5);
  });

  it('breaks between CJK characters and keeps ASCII words whole', () => {
    expect(wrapText('日常走访收集问题线索', 4)).toEqual(['日常走访', '收集问题', '线索']);
    expect(wrapText('check the ledger', 6)).toEqual(['check the', 'ledger']);
    expect(wrapText('abcdefghijklmnop', 4)).toEqual(['abcdefg', 'hijklmn', 'op']);
    expect(wrapText('第一行\n第二行', 10)).toEqual(['第一行', '第二行']);
    expect(wrapText('', 5)).toEqual(['']);
  });

  it('keeps closing punctuation off the start of a line and opening off the end', () => {
    expect(wrapText('收集线索，报告', 4)).toEqual(['收集线', '索，报告']);
    expect(wrapText('“通过”，', 3)).toEqual(['“通', '过”，']);
    expect(wrapText('监，》', 2)).toEqual(['监，》']); // nothing to carry: the marks hang
    expect(wrapText('列席会议“两委”', 5)).toEqual(['列席会议', '“两委”']);
  });

  it('balances lines so the last is not a lonely character', () => {
    expect(wrapText('对逾期未整改的红色预警挂牌督办', 14)).toEqual([
      '对逾期未整改的红色预警挂牌督',
      '办',
    ]);
    expect(wrapBalanced('对逾期未整改的红色预警挂牌督办', 14)).toEqual([
      '对逾期未整改的红',
      '色预警挂牌督办',
    ]);
  });

  const cjkOrAscii = fc.string({
    unit: fc.constantFrom(...'监督要点检查村两委，。、“”（）《》abc XYZ 12<&>'),
    maxLength: 80,
  });

  it('property: lines fit, and joined they give back the text', () => {
    fc.assert(
      fc.property(cjkOrAscii, fc.integer({ min: 2, max: 20 }), (text, maxEm) => {
        for (const wrap of [wrapText, wrapBalanced]) {
          const lines = wrap(text, maxEm);
          for (const line of lines) {
            // Only hanging closing punctuation may stick out past the width.
            const body = line.replace(/[，。、”）》]+$/, '');
            expect(textWidthEm(body)).toBeLessThanOrEqual(maxEm + 1e-9);
          }
          for (const line of lines.slice(1)) expect('，。、”）》').not.toContain(line[0] ?? '');
          expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        }
      }),
    );
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});

// --- Path flowchart --------------------------------------------------------------------------

const P01 = DEMO_CATALOGUE.paths[0]!;

function mm(value: string | undefined): number {
  expect(value).toMatch(/^\d+(\.\d+)?mm$/);
  return parseFloat(value ?? '');
}

describe('pathFlowchartSvg', () => {
  const svg = pathFlowchartSvg(P01);
  const root = parseXml(svg);

  it('is a standalone SVG sized for an A4 page with CJK fonts', () => {
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    const [, , vw, vh] = (root.attrs.viewBox ?? '').split(' ').map(Number);
    const width = mm(root.attrs.width);
    const height = mm(root.attrs.height);
    expect(width).toBeLessThanOrEqual(210);
    expect(height).toBeLessThanOrEqual(297);
    expect(Math.max(210 - width, 297 - height)).toBeGreaterThanOrEqual(0);
    expect(Math.min(210 - width, 297 - height)).toBeLessThan(0.2); // fills the page one way
    expect(width / height).toBeCloseTo((vw ?? 0) / (vh ?? 1), 2);
    expect(root.attrs['font-family']).toBe(FLOWCHART_FONT_FAMILY);
    for (const font of ['Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', 'sans-serif']) {
      expect(root.attrs['font-family']).toContain(font);
    }
  });

  it('has the title, a box per step with its action, and the output documents', () => {
    expect(textOf(byClass(root, 'title')[0]!)).toBe('P01　日常监督问题发现与整改销号');
    const steps = byClass(root, 'step');
    expect(steps).toHaveLength(P01.steps.length);
    expect(byClass(root, 'step-box')).toHaveLength(P01.steps.length);
    P01.steps.forEach((step, i) => {
      const group = steps[i]!;
      expect(linesOf(group, 'action').join('')).toBe(step.action);
      expect(linesOf(group, 'action').length).toBeGreaterThan(1);
      const output = byClass(group, 'output')[0];
      expect(output && textOf(output)).toBe(step.output);
      expect(linesOf(group, 'deadline')).toEqual([`限${step.deadlineDays}个工作日`]);
    });
  });

  it('has one lane per actor in order of first appearance', () => {
    const lanes = byClass(root, 'lane');
    expect(lanes.map((l) => l.attrs['data-actor'])).toEqual([
      'informant',
      'liaisonOfficer',
      'liaisonStation',
      'villageCommittees',
      'townDiscipline',
    ]);
    expect(lanes.map(textOf)).toEqual(['信息员', '联络员', '监察工作联络站', '村“两委”', '镇纪委']);
  });

  it('has steps − 1 arrows, elbowed only where the lane changes', () => {
    const arrows = byClass(root, 'arrow');
    expect(arrows).toHaveLength(P01.steps.length - 1);
    arrows.forEach((arrow, i) => {
      const d = all(arrow, (e) => e.name === 'path')[0]?.attrs.d ?? '';
      const sameLane = P01.steps[i]!.actor.id === P01.steps[i + 1]!.actor.id;
      expect(d.includes('H'), `arrow ${i + 1}: ${d}`).toBe(!sameLane);
    });
    // 联络站 → 联络站 (steps 3 and 4) is the straight one.
    expect(P01.steps[2]!.actor.id).toBe(P01.steps[3]!.actor.id);
  });

  it('is deterministic', () => {
    expect(pathFlowchartSvg(structuredClone(P01))).toBe(svg);
  });

  it('escapes < & > and quotes in every text', () => {
    const path: SupervisionPath = {
      code: 'P99',
      title: 'A<B> & "C"',
      steps: [
        { actor: { id: 'a', label: '<联络员>' }, action: 'x < y && y > z', output: "'报告'&" },
        { actor: { id: 'b', label: 'R&D' }, action: '</text><script>alert(1)</script>' },
      ],
    };
    const out = pathFlowchartSvg(path, { locale: 'en-US' });
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<联络员>');
    const parsed = parseXml(out);
    const steps = byClass(parsed, 'step');
    expect(linesOf(steps[0]!, 'action').join(' ')).toBe('x < y && y > z');
    expect(linesOf(steps[1]!, 'action').join('')).toBe('</text><script>alert(1)</script>');
    expect(textOf(byClass(steps[0]!, 'output')[0]!)).toBe("'报告'&");
    expect(byClass(parsed, 'lane').map(textOf)).toEqual(['<联络员>', 'R&D']);
    expect(textOf(all(parsed, (e) => e.name === 'title')[0]!)).toBe('P99　A<B> & "C"');
    expect(textOf(byClass(parsed, 'title')[0]!)).toBe('P99　A<B> & "C"');
  });

  it('draws every demo path', () => {
    for (const path of DEMO_CATALOGUE.paths) {
      const drawn = parseXml(pathFlowchartSvg(path));
      expect(byClass(drawn, 'step-box')).toHaveLength(path.steps.length);
      expect(byClass(drawn, 'arrow')).toHaveLength(path.steps.length - 1);
      expect(byClass(drawn, 'lane')).toHaveLength(pathLanes(path).length);
    }
  });

  it('speaks English when asked', () => {
    const out = parseXml(pathFlowchartSvg(P01, { locale: 'en-US', title: 'Flow' }));
    expect(textOf(byClass(out, 'title')[0]!)).toBe('Flow');
    expect(linesOf(byClass(out, 'step')[0]!, 'deadline')).toEqual(['within 1 working day']);
  });

  const actor = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
    label: fc.string({ minLength: 1, maxLength: 12 }),
  });
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'监督检查联络员，。“”（）<>&"\' \n\t'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    ),
    minLength: 1,
    maxLength: 60,
  });
  const step: fc.Arbitrary<SupervisionStep> = fc.record(
    {
      actor,
      action: text,
      output: fc.string({ minLength: 1, maxLength: 20 }),
      deadlineDays: fc.integer({ min: 1, max: 30 }),
    },
    { requiredKeys: ['actor', 'action'] },
  );
  const path: fc.Arbitrary<SupervisionPath> = fc.record({
    code: fc.constantFrom('P01', 'P22', 'X1'),
    title: text,
    steps: fc.array(step, { minLength: 2, maxLength: 12 }),
  });

  it('property: any path yields well-formed SVG with a box per step', () => {
    fc.assert(
      fc.property(path, (p) => {
        const drawn = parseXml(pathFlowchartSvg(p));
        expect(byClass(drawn, 'step-box')).toHaveLength(p.steps.length);
        expect(byClass(drawn, 'arrow')).toHaveLength(p.steps.length - 1);
        expect(byClass(drawn, 'lane')).toHaveLength(new Set(p.steps.map((s) => s.actor.id)).size);
        expect(mm(drawn.attrs.width)).toBeLessThanOrEqual(210);
        expect(mm(drawn.attrs.height)).toBeLessThanOrEqual(297);
        const [, , vw, vh] = (drawn.attrs.viewBox ?? '').split(' ').map(Number);
        for (const box of byClass(drawn, 'step-box')) {
          const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(box.attrs[a]));
          expect(x! >= 0 && y! >= 0 && x! + w! <= vw! && y! + h! <= vh!).toBe(true);
        }
        for (const output of byClass(drawn, 'output')) {
          const points = all(output, (e) => e.name === 'polygon')[0]?.attrs.points ?? '';
          for (const xy of points.split(' ')) {
            const [x, y] = xy.split(',').map(Number);
            expect(x! >= 0 && y! >= 0 && x! <= vw! && y! <= vh!, points).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

// --- Catalogue flowchart ---------------------------------------------------------------------

describe('catalogueFlowchartSvg', () => {
  const svg = catalogueFlowchartSvg(DEMO_CATALOGUE);
  const root = parseXml(svg);

  it('draws every path once, in order, under a heading with the version', () => {
    expect(byClass(root, 'path').map((g) => g.attrs['data-path'])).toEqual(
      DEMO_CATALOGUE.paths.map((p) => p.code),
    );
    expect(textOf(byClass(root, 'heading')[0]!)).toBe('监督履职流程图');
    expect(textOf(byClass(root, 'subtitle')[0]!)).toBe('第1版 · 2026-01-01起施行');
    const boxes = DEMO_CATALOGUE.paths.reduce((sum, p) => sum + p.steps.length, 0);
    expect(byClass(root, 'step-box')).toHaveLength(boxes);
  });

  it('is a stack of A4 pages, each path within one page', () => {
    const pages = byClass(root, 'page');
    expect(root.attrs['data-pages']).toBe(String(pages.length));
    expect(root.attrs.viewBox).toBe(`0 0 794 ${1123 * pages.length}`);
    expect(root.attrs.width).toBe('210mm');
    expect(root.attrs.height).toBe(`${297 * pages.length}mm`);
    pages.forEach((page, k) => {
      for (const g of byClass(page, 'path')) {
        const m = /translate\(([\d.]+) ([\d.]+)\)/.exec(g.attrs.transform ?? '');
        const y = Number(m?.[2]);
        expect(y).toBeGreaterThanOrEqual(1123 * k);
        expect(y).toBeLessThan(1123 * (k + 1));
      }
    });
  });

  it('is deterministic', () => {
    expect(catalogueFlowchartSvg(structuredClone(DEMO_CATALOGUE))).toBe(svg);
  });
});
