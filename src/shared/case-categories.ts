import type { AnyCaseType } from './case-machine.js';
import type { Locale } from './messages.js';
import { SUPERVISION_CATEGORIES, SUPERVISION_CATEGORY_IDS } from './supervision/catalogue.js';

/**
 * Categories of each case type, with their names. Routing and deadlines are set per type and
 * category; a later module adds its own types (findings, warnings, orders) the same way.
 */
export const CASE_CATEGORIES: Record<AnyCaseType, readonly string[]> = {
  complaint: ['cadreConduct', 'villageAffairs', 'funds', 'projects', 'other'],
  request: [
    'roads',
    'water',
    'sanitation',
    'lighting',
    'housing',
    'welfare',
    'employment',
    'other',
  ],
  dispute: ['neighbours', 'land', 'family', 'wages', 'other'],
  consultation: ['legal', 'policy', 'other'],
  // Supervision cases take the six categories of 六小一督.
  finding: SUPERVISION_CATEGORY_IDS,
  clue: SUPERVISION_CATEGORY_IDS,
  warning: SUPERVISION_CATEGORY_IDS,
};

function categoryNames(locale: Locale): Record<string, string> {
  return Object.fromEntries(SUPERVISION_CATEGORIES.map((c) => [c.id, c.name[locale]]));
}

export const CASE_CATEGORY_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    cadreConduct: '干部作风',
    villageAffairs: '村务管理',
    funds: '资金使用',
    projects: '工程项目',
    roads: '道路交通',
    water: '供水排水',
    sanitation: '环境卫生',
    lighting: '路灯照明',
    housing: '住房安全',
    welfare: '社会保障',
    employment: '就业帮扶',
    neighbours: '邻里纠纷',
    land: '土地山林',
    family: '婚姻家庭',
    wages: '劳资纠纷',
    legal: '法律咨询',
    policy: '政策咨询',
    other: '其他',
    ...categoryNames('zh-CN'),
  },
  'en-US': {
    cadreConduct: 'Conduct of cadres',
    villageAffairs: 'Village affairs',
    funds: 'Use of funds',
    projects: 'Village projects',
    roads: 'Roads and traffic',
    water: 'Water and drainage',
    sanitation: 'Sanitation',
    lighting: 'Street lighting',
    housing: 'Housing safety',
    welfare: 'Social security',
    employment: 'Employment help',
    neighbours: 'Neighbours',
    land: 'Land and forest',
    family: 'Marriage and family',
    wages: 'Unpaid wages',
    legal: 'Legal advice',
    policy: 'Policy questions',
    other: 'Other',
    ...categoryNames('en-US'),
  },
};

export function isCategoryOf(type: AnyCaseType, category: string): boolean {
  return CASE_CATEGORIES[type].includes(category);
}

/** Working-day limits of a case: to sign for it, to handle it, to extend, to return it. */
export interface CaseLimitsRow {
  signDays: number;
  handleDays: number;
  maxExtensionDays: number;
  returnDays: number;
}

/** The platform's limits where a town has set none (PRODUCT.md: answer 2, help 5–10, complaint 15). */
export const DEFAULT_CASE_LIMITS: Record<AnyCaseType, CaseLimitsRow> = {
  complaint: { signDays: 1, handleDays: 15, maxExtensionDays: 10, returnDays: 2 },
  request: { signDays: 1, handleDays: 10, maxExtensionDays: 5, returnDays: 2 },
  dispute: { signDays: 1, handleDays: 10, maxExtensionDays: 10, returnDays: 2 },
  consultation: { signDays: 1, handleDays: 2, maxExtensionDays: 2, returnDays: 1 },
  // A finding's handling limit is its own rectification deadline, set when it is fed back.
  finding: { signDays: 2, handleDays: 15, maxExtensionDays: 10, returnDays: 2 },
  clue: { signDays: 1, handleDays: 15, maxExtensionDays: 10, returnDays: 2 },
  warning: { signDays: 2, handleDays: 10, maxExtensionDays: 0, returnDays: 0 },
};
