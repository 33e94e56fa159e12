import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from '../../../shared/supervision/demo-catalogue.js';
import { catalogueFlowchartSvg } from '../../../shared/supervision/flowchart.js';
import { AppError } from '../errors.js';
import { renderDocx } from './docx.js';
import { findCjkFonts } from './fonts.js';
import type { OfficialDocument } from './official.js';
import { renderPdf, splitStackedSvg, svgToPdf } from './pdf.js';

const SENTENCE = '请你村在收到本意见书之日起15个工作日内完成整改，并将整改情况书面报送镇纪委。';
const LONG_CELL = '村道硬化工程（合同金额18.6万元）未经“四议两公开”程序直接发包，会议记录缺失。';

function notice(rowCount = 3): OfficialDocument {
  return {
    issuer: '清溪镇纪委 清溪镇监察工作联络站',
    docNo: '清纪联〔2026〕3号',
    title: '关于石桥村监督检查发现问题的反馈意见书',
    addressee: '石桥村村民委员会：',
    blocks: [
      {
        kind: 'paragraph',
        text: '根据《清溪镇村级小微权力监督工作办法》，镇纪委、石桥村监察工作联络站于2026年4月对你村第一季度村级财务收支和工程项目进行了监督检查。现将发现的问题反馈如下。',
      },
      { kind: 'heading', text: '一、发现的问题' },
      {
        kind: 'table',
        columns: ['序号', '问题类别', '问题描述', '整改时限'],
        widths: [1, 2, 6, 2.5],
        rows: Array.from({ length: rowCount }, (_, i) => [
          String(i + 1),
          i % 2 ? '工程项目' : '财务收支',
          i === 1 ? LONG_CELL : `第${i + 1}笔报销凭证缺少经办人签字`,
          '2026年5月31日',
        ]),
      },
      { kind: 'heading', text: '二、整改要求' },
      { kind: 'paragraph', text: SENTENCE },
    ],
    signature: { lines: ['清溪镇纪委', '清溪镇监察工作联络站'], date: '2026年4月28日' },
  };
}

/** The text of each page, whitespace removed (pdf.js splits wrapped lines with spaces). */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(proxy, { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, ''));
}

const squash = (s: string): string => s.replace(/\s+/g, '');

describe('official documents as PDF', () => {
  it('carry the 文号, title, table cells and body as real Chinese text, numbered by page', async () => {
    const pdf = await renderPdf(notice());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await pdfPages(pdf);
    expect(pages.length).toBe(2);
    const all = pages.join('');
    expect(all).toContain('清纪联〔2026〕3号');
    expect(all).toContain('关于石桥村监督检查发现问题的反馈意见书');
    expect(all).toContain('石桥村村民委员会：');
    expect(all).toContain('一、发现的问题');
    expect(all).toContain('第3笔报销凭证缺少经办人签字');
    expect(all).toContain(squash(LONG_CELL));
    expect(all).toContain(squash(SENTENCE));
    expect(all).toContain('2026年4月28日');
    expect(pages[0]).toContain('—1—');
    expect(pages[1]).toContain('—2—');
    // The title is Noto Serif CJK, embedded as a subset.
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifCJKsc-Bold/);
  });

  it('breaks a long table across pages, the header row on each', async () => {
    const pdf = await renderPdf(notice(200));
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const tablePages = pages.filter((p) => /第\d+笔报销凭证/.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(4);
    for (const page of tablePages) expect(page).toContain('序号问题类别问题描述整改时限');
    // Every row is there once, none lost at a page break.
    const all = pages.join('');
    for (let i = 1; i <= 200; i += 1) {
      if (i === 2) continue;
      expect(all.split(`第${i}笔报销凭证`).length - 1).toBe(1);
    }
    pages.forEach((page, i) => expect(page).toContain(`—${i + 1}—`));
  });
});

describe('official documents as DOCX', () => {
  it('is a Word document with the text, a real table and East Asian fonts', async () => {
    const docx = await renderDocx(notice());
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')?.async('string');
    const styles = await zip.file('word/styles.xml')?.async('string');
    if (!xml || !styles) throw new Error('not a Word document');
    expect(xml).toContain('清纪联〔2026〕3号');
    expect(xml).toContain('关于石桥村监督检查发现问题的反馈意见书');
    expect(xml).toContain(SENTENCE);
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables.length).toBe(1);
    const rows = tables[0]?.match(/<w:tr>|<w:tr /g) ?? [];
    expect(rows.length).toBe(4);
    expect(tables[0]).toContain('<w:tblHeader/>');
    expect(tables[0]).toContain(LONG_CELL);
    expect(xml).toContain('w:pStyle w:val="OfficialTitle"');
    // Runs leave bold to their style (the title's), except the table's header cells.
    expect(xml).not.toContain('<w:b w:val="false"/>');
    expect(tables[0]?.match(/<w:b\/>/g)).toHaveLength(4);
    // East Asian faces are named in the styles the paragraphs use.
    expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="仿宋_GB2312"/);
    expect(styles).toMatch(/w:styleId="OfficialTitle"[\s\S]*?w:eastAsia="宋体"/);
    expect(styles).toMatch(/w:styleId="OfficialHeading1"[\s\S]*?w:eastAsia="黑体"/);
    const footer = Object.keys(zip.files).find((name) => /^word\/footer\d*\.xml$/.test(name));
    const footerXml = footer ? await zip.file(footer)?.async('string') : undefined;
    expect(footerXml).toMatch(/PAGE/);
  });
});

describe('SVG drawings as PDF', () => {
  it('gives the flowchart catalogue one page per A4 page, Chinese text extractable', async () => {
    const svg = catalogueFlowchartSvg(DEMO_CATALOGUE);
    const pageCount = Number(/data-pages="(\d+)"/.exec(svg)?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    const cut = splitStackedSvg(svg);
    expect(cut).toHaveLength(pageCount);
    cut.forEach((page, k) => {
      // Each page keeps its own drawing only, under a viewBox moved onto it.
      expect(page.match(/<g class="page" data-page="(\d+)"/g)).toEqual([
        `<g class="page" data-page="${k + 1}"`,
      ]);
      expect(page).toMatch(new RegExp(`viewBox="0 ${k * 1123} 794 1123"`));
      expect(page).toMatch(/height="297mm"/);
    });
    const pdf = await svgToPdf([svg]);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBe(pageCount);
    expect(pages[0]).toContain('监督履职流程图');
    for (const path of DEMO_CATALOGUE.paths) {
      // Each path is drawn on exactly one page: the pages were cut, not just shifted.
      const title = squash(path.title);
      expect(pages.filter((p) => p.includes(title)).length, path.title).toBe(1);
    }
  });

  it('takes one page per SVG as given', async () => {
    const one =
      '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 794 1123">';
    const pdf = await svgToPdf([
      `${one}<text x="100" y="100" font-family="Noto Sans CJK SC">第一页</text></svg>`,
      `${one}<text x="100" y="100" font-family="Noto Serif CJK SC" font-weight="bold">第二页</text></svg>`,
    ]);
    expect(await pdfPages(pdf)).toEqual(['第一页', '第二页']);
  });
});

describe('without a CJK font', () => {
  const saved = process.env.QF_CJK_FONT;
  const dirs: string[] = [];
  afterEach(() => {
    if (saved === undefined) delete process.env.QF_CJK_FONT;
    else process.env.QF_CJK_FONT = saved;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const emptyDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-nofont-'));
    dirs.push(dir);
    return dir;
  };

  it('refuses with document.noFont instead of crashing', async () => {
    process.env.QF_CJK_FONT = emptyDir();
    for (const render of [() => renderPdf(notice()), () => svgToPdf(['<svg/>'])]) {
      const error: unknown = await render().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'INTERNAL', messageKey: 'document.noFont' });
      expect((error as Error).message).toContain('fonts-noto-cjk');
    }
  });

  it('refuses a file that is not a font the same way', async () => {
    const file = join(emptyDir(), 'broken.otf');
    writeFileSync(file, 'not a font');
    process.env.QF_CJK_FONT = file;
    await expect(renderPdf(notice())).rejects.toMatchObject({ messageKey: 'document.noFont' });
  });

  it('takes QF_CJK_FONT as one font file for every face', async () => {
    const { sans } = findCjkFonts();
    process.env.QF_CJK_FONT = sans.path;
    const fonts = findCjkFonts();
    expect(fonts.serif).toEqual(sans);
    expect(fonts.serifBold).toEqual(sans);
    const pages = await pdfPages(await renderPdf(notice()));
    expect(pages.join('')).toContain('清纪联〔2026〕3号');
  });
});
