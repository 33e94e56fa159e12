import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  briefHeadline,
  briefParagraph,
  categoriesText,
  periodText,
  subjectText,
  warningsText,
  type BriefSubject,
} from './brief.js';
import { emptyFigureRow, type SupervisionFigureRow } from './figures.js';

const TOWN: BriefSubject = { regionLevel: 'town', regionKind: null, regionName: '清溪镇' };
const JAN_APR = { from: '2026-01-01', to: '2026-04-30' };

function row(overrides: Partial<SupervisionFigureRow>): SupervisionFigureRow {
  return { ...emptyFigureRow('339901101000', '清溪镇'), ...overrides };
}

/** The figures the town reported for January to April. */
const REPORTED = row({
  entries: 2334,
  inspections: 27,
  findings: 68,
  byCategory: { decision: 12, power: 10, fund: 15, project: 14, duty: 9, service: 8 },
  fedBack: 68,
  rectified: 68,
  rectifiedOnTime: 68,
});

describe('the period as officials name it', () => {
  it('names whole months within a year without the year', () => {
    expect(periodText('2026-01-01', '2026-04-30')).toBe('1至4月');
    expect(periodText('2026-04-01', '2026-04-30')).toBe('4月');
    expect(periodText('2026-02-01', '2026-02-28')).toBe('2月');
    expect(periodText('2024-02-01', '2024-02-29')).toBe('2月');
    expect(periodText('2026-01-01', '2026-12-31')).toBe('1至12月');
  });

  it('names a period across a year end with both years', () => {
    expect(periodText('2025-11-01', '2026-02-28')).toBe('2025年11月至2026年2月');
    expect(periodText('2025-12-20', '2026-01-10')).toBe('2025年12月20日至2026年1月10日');
  });

  it('names days when the period does not run over whole months', () => {
    expect(periodText('2026-04-01', '2026-04-15')).toBe('4月1日至15日');
    expect(periodText('2026-03-05', '2026-04-20')).toBe('3月5日至4月20日');
    expect(periodText('2026-04-08', '2026-04-08')).toBe('4月8日');
    // 28 February is not the end of February in a leap year.
    expect(periodText('2024-02-01', '2024-02-28')).toBe('2月1日至28日');
  });
});

describe('whose figures', () => {
  it('is the town, the subdistrict, the village or the community', () => {
    expect(subjectText(TOWN)).toBe('全镇');
    expect(subjectText({ ...TOWN, regionName: '城东街道' })).toBe('全街道');
    expect(
      subjectText({ regionLevel: 'village', regionKind: 'village', regionName: '石桥村' }),
    ).toBe('全村');
    expect(
      subjectText({ regionLevel: 'village', regionKind: 'community', regionName: '清溪社区' }),
    ).toBe('全社区');
  });
});

describe('the headline of the brief', () => {
  it('reads as the town reported January to April', () => {
    expect(briefHeadline(TOWN, JAN_APR, REPORTED)).toBe(
      '1至4月，全镇录入村级工程、村级采购、劳务用工等各类数据2334条，开展监督检查27次，发现问题68个，均已反馈并整改到位。',
    );
  });

  it('says how many were fed back and rectified when not all are, and how many are overdue', () => {
    const partial = row({
      entries: 2334,
      inspections: 27,
      findings: 68,
      fedBack: 65,
      rectified: 60,
      overdue: 2,
    });
    expect(briefHeadline(TOWN, JAN_APR, partial)).toBe(
      '1至4月，全镇录入村级工程、村级采购、劳务用工等各类数据2334条，开展监督检查27次，发现问题68个，已反馈65个，整改到位60个，其余8个正在整改中（其中逾期2个）。',
    );
    // All fed back, some still open, none overdue.
    expect(
      briefHeadline(TOWN, JAN_APR, row({ ...partial, fedBack: 68, rectified: 66, overdue: 0 })),
    ).toContain('发现问题68个，均已反馈，整改到位66个，其余2个正在整改中。');
    // None rectified yet.
    expect(
      briefHeadline(TOWN, JAN_APR, row({ ...partial, fedBack: 68, rectified: 0, overdue: 3 })),
    ).toContain('发现问题68个，均已反馈，均在整改中（其中逾期3个）。');
    // Found, none fed back yet.
    expect(
      briefHeadline(TOWN, JAN_APR, row({ ...partial, fedBack: 0, rectified: 0, overdue: 0 })),
    ).toContain('发现问题68个，尚未反馈，均在整改中。');
  });

  it('reads for a single month of a village, and for a month with nothing done', () => {
    const village: BriefSubject = {
      regionLevel: 'village',
      regionKind: 'village',
      regionName: '石桥村',
    };
    const april = { from: '2026-04-01', to: '2026-04-30' };
    expect(briefHeadline(village, april, row({ entries: 96, inspections: 1, findings: 0 }))).toBe(
      '4月，全村录入村级工程、村级采购、劳务用工等各类数据96条，开展监督检查1次，未发现问题。',
    );
    expect(briefHeadline(village, april, row({}))).toBe(
      '4月，全村未录入村级工程、村级采购、劳务用工等数据，未开展监督检查。',
    );
  });

  it('reads across a year end', () => {
    const winter = { from: '2025-12-01', to: '2026-01-31' };
    expect(
      briefHeadline(
        TOWN,
        winter,
        row({ entries: 400, inspections: 3, findings: 5, fedBack: 5, rectified: 5 }),
      ),
    ).toBe(
      '2025年12月至2026年1月，全镇录入村级工程、村级采购、劳务用工等各类数据400条，开展监督检查3次，发现问题5个，均已反馈并整改到位。',
    );
  });
});

describe('warnings and categories', () => {
  it('counts the warnings the rules raised and those cleared', () => {
    expect(warningsText(row({}))).toBe('');
    expect(warningsText(row({ warningsRaised: 3, warningsCleared: 1 }))).toBe(
      '系统自动预警3条，已消除1条。',
    );
    expect(warningsText(row({ warningsRaised: 3, warningsCleared: 3 }))).toBe(
      '系统自动预警3条，均已消除。',
    );
    expect(warningsText(row({ warningsRaised: 3 }))).toBe('系统自动预警3条，均在核查处置中。');
  });

  it('lists the problems by category in the order of the slogan, leaving out empty ones', () => {
    expect(categoriesText(row({}))).toBe('');
    expect(
      categoriesText(
        row({ byCategory: { decision: 0, power: 2, fund: 5, project: 0, duty: 0, service: 1 } }),
      ),
    ).toBe('从问题类别看，小权力2个、小资金5个、小服务1个。');
  });

  it('puts the headline first, then the warnings, then the categories', () => {
    expect(briefParagraph(TOWN, JAN_APR, { ...REPORTED, warningsRaised: 3 })).toBe(
      '1至4月，全镇录入村级工程、村级采购、劳务用工等各类数据2334条，开展监督检查27次，发现问题68个，均已反馈并整改到位。' +
        '系统自动预警3条，均在核查处置中。' +
        '从问题类别看，小决策12个、小权力10个、小资金15个、小项目14个、小职责9个、小服务8个。',
    );
  });
});

describe('the numbers the brief states', () => {
  it('always add up: rectified and remaining make the problems found', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (findings, fedShare, rectifiedShare, overdueShare) => {
          const fedBack = Math.round(findings * fedShare);
          const rectified = Math.round(fedBack * rectifiedShare);
          const overdue = Math.round((fedBack - rectified) * overdueShare);
          const text = briefHeadline(
            TOWN,
            JAN_APR,
            row({ entries: 10, inspections: 1, findings, fedBack, rectified, overdue }),
          );
          expect(text).toContain(`发现问题${findings}个，`);
          if (rectified === findings) {
            expect(text).toContain('均已反馈并整改到位。');
          } else if (rectified > 0) {
            expect(text).toContain(
              `整改到位${rectified}个，其余${findings - rectified}个正在整改中`,
            );
          }
          if (fedBack > 0 && fedBack < findings) expect(text).toContain(`已反馈${fedBack}个`);
          if (overdue > 0) expect(text).toContain(`（其中逾期${overdue}个）`);
          else expect(text).not.toContain('逾期');
          expect(text.endsWith('。')).toBe(true);
        },
      ),
    );
  });
});
