import type { TFunction } from 'i18next';
import {
  CASE_CATEGORY_NAMES,
  DEFAULT_CASE_LIMITS,
  type CaseLimitsRow,
} from '../../../shared/case-categories.js';
import type {
  AnyCaseType,
  CaseCommandType,
  CaseRole,
  CaseStatus,
} from '../../../shared/case-machine.js';
import { regionLevel } from '../../../shared/region.js';
import i18n, { currentLocale } from '../../i18n/index.js';
import type { DeadlineRowDto } from './cases.api.js';

/** Translate a key built from server data (an event, a unit kind); unknown keys show the value. */
function dynamic(
  t: TFunction,
  prefix: 'cases.steps' | 'cases.unitKinds' | 'cases.channels' | 'cases.notifications.kinds',
  value: string,
): string {
  const key = `${prefix}.${value}`;
  if (!i18n.exists(key)) return value;
  const text: unknown = t(key as 'cases.steps.receive');
  return typeof text === 'string' ? text : value;
}

/** 投诉举报, 群众诉求, 矛盾纠纷, 咨询. */
export const caseTypeLabel = (t: TFunction, type: AnyCaseType): string => t(`cases.types.${type}`);

/** 已受理, 已派单 … 已办结. */
export const caseStatusLabel = (t: TFunction, status: CaseStatus): string =>
  t(`cases.statuses.${status}`);

/** The name of a command, on its button and as the title of its form. */
export const commandLabel = (t: TFunction, command: CaseCommandType): string =>
  t(`cases.commands.${command}`);

export const caseRoleLabel = (t: TFunction, role: CaseRole): string => t(`cases.roles.${role}`);

/** A step of the timeline (受理, 派单, 签收 …), by the event's action. */
export const stepLabel = (t: TFunction, action: string): string =>
  dynamic(t, 'cases.steps', action);

/** 镇政府, 村（居）委会, 党群微家 …; an unknown kind shows as it is stored. */
export const unitKindLabel = (t: TFunction, kind: string): string =>
  dynamic(t, 'cases.unitKinds', kind);

/** 网上提交, 工作人员登记 …. */
export const channelLabel = (t: TFunction, channel: string): string =>
  dynamic(t, 'cases.channels', channel);

export const notificationKindLabel = (t: TFunction, kind: string): string =>
  dynamic(t, 'cases.notifications.kinds', kind);

/** 签收超期 (1) or 办理超期 (2); empty when on time. */
export const overdueLabel = (t: TFunction, overdue: number): string =>
  overdue >= 2 ? t('cases.overdue.handle') : overdue === 1 ? t('cases.overdue.sign') : '';

/** 镇级督办 (1) or 县级督办 (2); empty at the village level. */
export const escalationLabel = (t: TFunction, escalation: number): string =>
  escalation >= 2
    ? t('cases.escalation.county')
    : escalation === 1
      ? t('cases.escalation.town')
      : '';

const RATING_KEYS = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;

/** 很不满意 (1) … 非常满意 (5). */
export const ratingName = (t: TFunction, score: number): string => {
  const key = RATING_KEYS[Math.min(5, Math.max(1, Math.round(score))) - 1] ?? 'r3';
  return t(`cases.detail.ratingNames.${key}`);
};

/** A category's name in the current language (the shared table has both). */
export function categoryLabel(category: string): string {
  return CASE_CATEGORY_NAMES[currentLocale()][category] ?? category;
}

/** antd Tag colours, so that every page shows a state the same way. */
export const STATUS_COLORS: Record<CaseStatus, string> = {
  received: 'gold',
  dispatched: 'blue',
  signed: 'cyan',
  in_progress: 'processing',
  replied: 'purple',
  verified: 'geekblue',
  closed: 'success',
  returned: 'orange',
  reopened: 'magenta',
};

export const TYPE_COLORS: Record<AnyCaseType, string> = {
  complaint: 'red',
  request: 'blue',
  dispute: 'orange',
  consultation: 'green',
  finding: 'volcano',
  clue: 'purple',
  warning: 'gold',
};

/** The town a code belongs to (itself for a town); undefined above the town level. */
export function townOf(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const level = regionLevel(code);
  if (level === 'town') return code;
  if (level === 'village') return `${code.slice(0, 9)}000`;
  return undefined;
}

/** The county of a town or village code. */
export const countyCodeOf = (code: string): string => `${code.slice(0, 6)}000000`;

export type LimitsSource = 'village' | 'town' | 'county' | 'platform';

/**
 * The limits that govern a case of this type and category in this village, as the server
 * picks them: the village's row beats its town's, a town's beats its county's, a row of the
 * category beats the type's row for every category; without any row, the platform's.
 */
export function limitsOf(
  rows: readonly DeadlineRowDto[],
  regionCode: string,
  type: AnyCaseType,
  category: string,
): { limits: CaseLimitsRow; source: LimitsSource } {
  const ancestors = [regionCode, `${regionCode.slice(0, 9)}000`, countyCodeOf(regionCode)];
  const rank = (row: DeadlineRowDto) =>
    ancestors.indexOf(row.regionCode) * 2 + (row.category === category ? 0 : 1);
  const best = rows
    .filter(
      (row) =>
        ancestors.includes(row.regionCode) &&
        row.caseType === type &&
        (row.category === category || row.category === ''),
    )
    .sort((a, b) => rank(a) - rank(b))[0];
  if (!best) return { limits: DEFAULT_CASE_LIMITS[type], source: 'platform' };
  const level = regionLevel(best.regionCode);
  return {
    limits: best,
    source: level === 'village' ? 'village' : level === 'town' ? 'town' : 'county',
  };
}
