import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

/**
 * The CJK fonts PDF output embeds: the system's Noto CJK (Debian `fonts-noto-cjk`), or what
 * `QF_CJK_FONT` names. Nothing is downloaded at run time (ADR 0013); without a font a document
 * is refused with `document.noFont` and the server goes on.
 */

/** One face: a font file and, inside a collection (.ttc), the PostScript name of the face. */
export interface FontFace {
  path: string;
  postscriptName?: string;
}

/** 宋体-like serif for the body and titles, 黑体-like sans for headings and the flowcharts. */
export interface CjkFonts {
  serif: FontFace;
  serifBold: FontFace;
  sans: FontFace;
  sansBold: FontFace;
}

export const DEFAULT_CJK_FONT_DIR = '/usr/share/fonts/opentype/noto';

type FaceName = keyof CjkFonts;

/** Files a folder is searched for, best first: the Noto CJK collections, then the SC-only files. */
const CANDIDATES: Record<FaceName, FontFace[]> = {
  serif: [
    { path: 'NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
    { path: 'NotoSerifCJKsc-Regular.otf' },
    { path: 'NotoSerifSC-Regular.otf' },
  ],
  serifBold: [
    { path: 'NotoSerifCJK-Bold.ttc', postscriptName: 'NotoSerifCJKsc-Bold' },
    { path: 'NotoSerifCJKsc-Bold.otf' },
    { path: 'NotoSerifSC-Bold.otf' },
  ],
  sans: [
    { path: 'NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
    { path: 'NotoSansCJKsc-Regular.otf' },
    { path: 'NotoSansSC-Regular.otf' },
  ],
  sansBold: [
    { path: 'NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
    { path: 'NotoSansCJKsc-Bold.otf' },
    { path: 'NotoSansSC-Bold.otf' },
  ],
};

/** Where a face falls back to when its own file is missing (a lone serif serves every face). */
const FALLBACKS: Record<FaceName, FaceName[]> = {
  serif: ['sans'],
  serifBold: ['serif', 'sansBold', 'sans'],
  sans: ['serif'],
  sansBold: ['sans', 'serifBold', 'serif'],
};

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function noFontError(searched: string): AppError {
  return new AppError(
    'INTERNAL',
    `No CJK font for PDF output in ${searched}: install fonts-noto-cjk or set QF_CJK_FONT ` +
      'to a font file or a folder of Noto CJK fonts',
    { searched },
    'document.noFont',
  );
}

function inFolder(dir: string): CjkFonts | undefined {
  const found: Partial<CjkFonts> = {};
  for (const face of Object.keys(CANDIDATES) as FaceName[]) {
    const hit = CANDIDATES[face].find((c) => isFile(join(dir, c.path)));
    if (hit) found[face] = { ...hit, path: join(dir, hit.path) };
  }
  const pick = (face: FaceName): FontFace | undefined =>
    found[face] ?? FALLBACKS[face].map((f) => found[f]).find((f) => f !== undefined);
  const serif = pick('serif');
  const serifBold = pick('serifBold');
  const sans = pick('sans');
  const sansBold = pick('sansBold');
  if (!serif || !serifBold || !sans || !sansBold) return undefined;
  return { serif, serifBold, sans, sansBold };
}

/**
 * The fonts to embed. `QF_CJK_FONT` may name a folder (searched like the default one) or one
 * font file used for every face; a collection's face is named after `#`
 * (`/fonts/wqy-zenhei.ttc#WenQuanYiZenHei`), or taken as the Simplified Chinese Noto face.
 * Throws `document.noFont` when nothing is found.
 */
export function findCjkFonts(env: NodeJS.ProcessEnv = process.env): CjkFonts {
  const override = env.QF_CJK_FONT?.trim();
  const target = override || DEFAULT_CJK_FONT_DIR;
  if (isDirectory(target)) {
    const fonts = inFolder(target);
    if (fonts) return fonts;
    throw noFontError(target);
  }
  const hash = target.lastIndexOf('#');
  const path = hash > 0 ? target.slice(0, hash) : target;
  if (!isFile(path)) throw noFontError(target);
  let postscriptName = hash > 0 ? target.slice(hash + 1) : undefined;
  if (!postscriptName && path.toLowerCase().endsWith('.ttc')) {
    postscriptName = Object.values(CANDIDATES)
      .flat()
      .find((c) => path.endsWith(c.path))?.postscriptName;
    if (!postscriptName) throw noFontError(`${target} (a .ttc needs #PostScriptName)`);
  }
  const face: FontFace = postscriptName ? { path, postscriptName } : { path };
  return { serif: face, serifBold: face, sans: face, sansBold: face };
}
