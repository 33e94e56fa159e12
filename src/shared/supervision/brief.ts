/**
 * 工作简报: the monthly brief's prose, written from the figures of a period in the register
 * officials report in, e.g. for 2026-01-01..2026-04-30:
 *
 *   1至4月，全镇录入村级工程、村级采购、劳务用工等各类数据2334条，开展监督检查27次，
 *   发现问题68个，均已反馈并整改到位。
 *
 * Pure module: no I/O, no clock; the server builds the document from it and the web page can
 * show the same text.
 */
import { SUPERVISION_CATEGORY_IDS } from './catalogue.js';
import { CATEGORY_SHORT_NAMES, type SupervisionFigureRow } from './figures.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The period as officials name it: 4月, 1至4月, 2025年11月至2026年2月 for whole months; 4月1日至15日,
 * 3月5日至4月20日, 2025年12月20日至2026年1月10日 otherwise. The year is left out within one year,
 * as a brief dated that year reads.
 */
export function periodText(from: string, to: string): string {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  const wholeMonths = fd === 1 && td === lastDayOfMonth(ty, tm);
  if (wholeMonths) {
    if (fy !== ty) return `${fy}年${fm}月至${ty}年${tm}月`;
    return fm === tm ? `${tm}月` : `${fm}至${tm}月`;
  }
  if (fy !== ty) return `${fy}年${fm}月${fd}日至${ty}年${tm}月${td}日`;
  if (fm !== tm) return `${fm}月${fd}日至${tm}月${td}日`;
  return fd === td ? `${fm}月${fd}日` : `${fm}月${fd}日至${td}日`;
}

/** Whose figures: the whole town (or subdistrict, 街道), village or community. */
export interface BriefSubject {
  regionLevel: 'town' | 'village';
  regionKind: 'village' | 'community' | null;
  regionName: string;
}

/** 全镇, 全街道, 全村, 全社区. */
export function subjectText(subject: BriefSubject): string {
  if (subject.regionLevel === 'town')
    return subject.regionName.endsWith('街道') ? '全街道' : '全镇';
  return subject.regionKind === 'community' ? '全社区' : '全村';
}

/** 发现问题68个，均已反馈并整改到位 — or what remains, with the overdue ones. */
function findingsText(f: SupervisionFigureRow): string {
  if (f.findings === 0) return '未发现问题';
  const head = `发现问题${f.findings}个`;
  const allFed = f.fedBack >= f.findings;
  if (allFed && f.rectified >= f.findings) return `${head}，均已反馈并整改到位`;
  const fed = allFed ? '均已反馈' : f.fedBack > 0 ? `已反馈${f.fedBack}个` : '尚未反馈';
  const overdue = f.overdue > 0 ? `（其中逾期${f.overdue}个）` : '';
  const remaining = f.findings - f.rectified;
  const progress =
    f.rectified > 0
      ? `整改到位${f.rectified}个，其余${remaining}个正在整改中${overdue}`
      : `均在整改中${overdue}`;
  return `${head}，${fed}，${progress}`;
}

/**
 * The headline sentence: records entered, inspections, problems found and where they stand.
 * `1至4月，全镇录入村级工程、村级采购、劳务用工等各类数据2334条，开展监督检查27次，发现问题68个，均已反馈并整改到位。`
 */
export function briefHeadline(
  subject: BriefSubject,
  period: { from: string; to: string },
  f: SupervisionFigureRow,
): string {
  const who = subjectText(subject);
  const entries =
    f.entries > 0
      ? `${who}录入村级工程、村级采购、劳务用工等各类数据${f.entries}条`
      : `${who}未录入村级工程、村级采购、劳务用工等数据`;
  const clauses = [entries];
  if (f.inspections > 0) clauses.push(`开展监督检查${f.inspections}次`, findingsText(f));
  else if (f.findings > 0) clauses.push('未开展监督检查', findingsText(f));
  else clauses.push('未开展监督检查');
  return `${periodText(period.from, period.to)}，${clauses.join('，')}。`;
}

/** 系统自动预警3条，已消除1条。 — empty when the rules raised none. */
export function warningsText(f: SupervisionFigureRow): string {
  if (f.warningsRaised === 0) return '';
  const cleared =
    f.warningsCleared >= f.warningsRaised
      ? '均已消除'
      : f.warningsCleared > 0
        ? `已消除${f.warningsCleared}条`
        : '均在核查处置中';
  return `系统自动预警${f.warningsRaised}条，${cleared}。`;
}

/** 从问题类别看，小决策12个、小资金15个。 — empty when no problem was found. */
export function categoriesText(f: SupervisionFigureRow): string {
  const named = SUPERVISION_CATEGORY_IDS.filter((id) => f.byCategory[id] > 0).map(
    (id) => `${CATEGORY_SHORT_NAMES[id]['zh-CN']}${f.byCategory[id]}个`,
  );
  return named.length > 0 ? `从问题类别看，${named.join('、')}。` : '';
}

/** The brief's paragraph: the headline, then the warnings, then the problems by category. */
export function briefParagraph(
  subject: BriefSubject,
  period: { from: string; to: string },
  f: SupervisionFigureRow,
): string {
  return briefHeadline(subject, period, f) + warningsText(f) + categoriesText(f);
}
