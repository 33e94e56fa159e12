/**
 * Names and values of the public site's entries in the reader's language: kinds, stages, the
 * field paths of the amendment history (修改记录) and their values, amounts in yuan.
 */
import type { TFunction } from 'i18next';
import type { DisclosureSubject } from '../../shared/schemas/disclosure.js';
import { yuanDigits } from '../format.js';
import i18n from '../i18n/index.js';
import type { Messages } from '../i18n/zh-CN.js';

/** The kinds a resident can filter by, in the order of the filter chips (全部 comes first). */
export const PUBLIC_KINDS = [
  'project',
  'procurement',
  'labour',
  'fund',
  'asset',
  'decision',
] as const satisfies readonly DisclosureSubject[];
export type PublicKind = (typeof PUBLIC_KINDS)[number];

export function isPublicKind(value: string | null | undefined): value is PublicKind {
  return (PUBLIC_KINDS as readonly string[]).includes(value ?? '');
}

/** `YYYY-MM`, the month a list is filtered by. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

type Group = {
  [K in keyof Messages['publicEntry']]: Messages['publicEntry'][K] extends Record<string, string>
    ? K
    : never;
}[keyof Messages['publicEntry']];

/** A value from server data translated within `group`; an unknown value is shown as it is. */
function lookup(t: TFunction, group: Group, value: string): string | undefined {
  const key = `publicEntry.${group}.${value}`;
  if (!i18n.exists(key)) return undefined;
  const translated: unknown = t(key as 'publicEntry.yes');
  return typeof translated === 'string' ? translated : undefined;
}

function label(t: TFunction, group: Group, value: string): string {
  return lookup(t, group, value) ?? value;
}

/** An amount in integer fen as `¥1,234.50`. */
export const yuanLabel = (t: TFunction, fen: number): string =>
  t('publicEntry.yuan', { amount: yuanDigits(fen) });

export const kindLabel = (t: TFunction, kind: string): string => label(t, 'kinds', kind);

/** A ledger stage (立项…支付), or for a decision the step of 四议两公开 it has reached. */
export const stageLabel = (t: TFunction, kind: string, stage: string): string =>
  label(t, kind === 'decision' ? 'decisionSteps' : 'stages', stage);

export const decisionStepLabel = (t: TFunction, step: string): string =>
  label(t, 'decisionSteps', step);
export const statusLabel = (t: TFunction, status: string): string => label(t, 'statuses', status);
export const outcomeLabel = (t: TFunction, outcome: string): string =>
  label(t, 'outcomes', outcome);
export const meetingFormLabel = (t: TFunction, form: string): string =>
  label(t, 'meetingForms', form);
export const methodLabel = (t: TFunction, method: string): string => label(t, 'methods', method);
export const resultLabel = (t: TFunction, result: string): string => label(t, 'results', result);
export const directionLabel = (t: TFunction, direction: string): string =>
  label(t, 'directions', direction);
export const roleLabel = (t: TFunction, role: string): string => label(t, 'roles', role);

/** Why a version was published: free text for ledgers, a step code for decisions. */
export const reasonLabel = (t: TFunction, kind: string, reason: string): string =>
  kind === 'decision' ? label(t, 'reasons', reason) : reason;

/** `2026-03` → 2026年3月. */
export function periodLabel(t: TFunction, period: string): string {
  const [year = '', month = ''] = period.split('-');
  return t('publicEntry.period', { year, month: Number(month) });
}

/** A share 0..1 as a whole percentage, never rounded up to 100 unless it is 100. */
export function percent(rate: number): number {
  return rate >= 1 ? 100 : Math.floor(rate * 100);
}

// ---------------------------------------------------------------------------
// The amendment history: `fields.payments.1.amount` → 支付 › 第 2 项 › 金额, values in words.
// ---------------------------------------------------------------------------

/** Keys whose numbers are amounts in fen. */
const FEN_KEYS = new Set(['amount', 'referencePrice']);

/** Keys whose string values are codes with a name. */
const VALUE_GROUPS: Record<string, readonly Group[]> = {
  stage: ['stages', 'decisionSteps'],
  status: ['statuses'],
  outcome: ['outcomes'],
  form: ['meetingForms'],
  method: ['methods'],
  result: ['results'],
  direction: ['directions'],
  role: ['roles'],
  step: ['decisionSteps'],
  kind: ['kinds'],
};

const isIndex = (segment: string) => /^\d+$/.test(segment);

export const fieldName = (t: TFunction, key: string): string => label(t, 'fieldNames', key);

/** A dotted field path in words; `fields.` is left out, indexes count from 1. */
export function fieldPathLabel(t: TFunction, path: string): string {
  const parts = path
    .split('.')
    .filter((segment) => segment !== '' && segment !== 'fields')
    .map((segment) =>
      isIndex(segment)
        ? t('publicEntry.fieldNames.nth', { n: Number(segment) + 1 })
        : fieldName(t, segment),
    );
  return parts.length > 0 ? parts.join(' › ') : path;
}

/** Any snapshot value in words, read by the name of the field that holds it. */
export function valueLabel(t: TFunction, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('publicEntry.empty');
  if (typeof value === 'boolean') return value ? t('publicEntry.yes') : t('publicEntry.no');
  if (typeof value === 'number') return FEN_KEYS.has(key) ? yuanLabel(t, value) : String(value);
  if (typeof value === 'string') {
    for (const group of VALUE_GROUPS[key] ?? []) {
      const named = lookup(t, group, value);
      if (named !== undefined) return named;
    }
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('publicEntry.empty');
    const nested = value.some((item) => typeof item === 'object' && item !== null);
    return value
      .map((item) => valueLabel(t, key, item))
      .join(nested ? t('publicEntry.itemSeparator') : t('publicEntry.listSeparator'));
  }
  if (typeof value === 'object') {
    const pairs = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) =>
        t('publicEntry.labelValue', { label: fieldName(t, k), value: valueLabel(t, k, v) }),
      );
    return pairs.length > 0 ? pairs.join(t('publicEntry.pairSeparator')) : t('publicEntry.empty');
  }
  return typeof value === 'bigint' ? value.toString() : t('publicEntry.empty');
}

/** The value of a changed field, read by the last named segment of its path. */
export function changeValueLabel(t: TFunction, path: string, value: unknown): string {
  const key = [...path.split('.')].reverse().find((s) => s !== '' && !isIndex(s)) ?? '';
  return valueLabel(t, key, value);
}
