import type { CaseType } from './case-machine.js';
import type { Locale } from './messages.js';

/**
 * Categories of each case type, with their names. Routing and deadlines are set per type and
 * category; a later module adds its own types (findings, warnings, orders) the same way.
 */
export const CASE_CATEGORIES: Record<CaseType, readonly string[]> = {
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
};

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
  },
};

export function isCategoryOf(type: CaseType, category: string): boolean {
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
export const DEFAULT_CASE_LIMITS: Record<CaseType, CaseLimitsRow> = {
  complaint: { signDays: 1, handleDays: 15, maxExtensionDays: 10, returnDays: 2 },
  request: { signDays: 1, handleDays: 10, maxExtensionDays: 5, returnDays: 2 },
  dispute: { signDays: 1, handleDays: 10, maxExtensionDays: 10, returnDays: 2 },
  consultation: { signDays: 1, handleDays: 2, maxExtensionDays: 2, returnDays: 1 },
};
