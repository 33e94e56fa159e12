import { Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { yuanDigits } from '../../format.js';
import i18n from '../../i18n/index.js';

/** Evidence and thresholds are plain JSON, as the rules wrote them. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Amounts in fen. */
const MONEY = new Set([
  'spend',
  'amount',
  'contractAmount',
  'paid',
  'base',
  'final',
  'overrun',
  'total',
  'rent',
  'referencePrice',
  'shortfall',
  'yearlyRent',
  'due',
  'outstanding',
  'tier',
  'tiersCrossed',
  'sum',
  'splitTiers',
  'resolutionRequiredFrom',
  'cashPaymentMaxFen',
]);
const PERCENT = new Set(['overrunPercent', 'percentOfReference', 'settlementOverrunPercent']);
const DAYS = new Set([
  'days',
  'daysLate',
  'maxDaysLate',
  'termDays',
  'daysOverdue',
  'spanDays',
  'splitWindowDays',
  'duplicatePaymentWindowDays',
  'labourConfirmMaxDaysLate',
  'rentOverdueDays',
]);
/** Where in an entry a value sits: for the rules, not for a reader. */
const HIDDEN = new Set(['path', 'paths']);
/** Values named by the ledger's own labels. */
const LEDGER_ENUMS: Record<string, string> = {
  kind: 'ledger.kinds',
  stage: 'ledger.stages',
  method: 'ledger.paymentMethods',
  roles: 'ledger.approverRoles',
};

/** The translation at a path built from the rules' data; the fallback where there is none. */
function dynamic(t: TFunction, path: string, fallback: string): string {
  if (!i18n.exists(path)) return fallback;
  const text: unknown = t(path as 'supervision.evidence.keys.total');
  return typeof text === 'string' ? text : fallback;
}

function keyLabel(t: TFunction, key: string): string {
  return dynamic(t, `supervision.evidence.keys.${key}`, key);
}

function enumLabel(t: TFunction, key: string, value: string): string {
  const prefix = LEDGER_ENUMS[key] ?? `supervision.evidence.values.${key}`;
  return dynamic(t, `${prefix}.${value}`, value);
}

function scalar(t: TFunction, key: string, value: string | number | boolean | null): ReactNode {
  if (value === null) return t('supervision.evidence.none');
  if (typeof value === 'boolean')
    return value ? t('supervision.evidence.yes') : t('supervision.evidence.no');
  if (typeof value === 'number') {
    if (MONEY.has(key)) return t('common.yuan', { amount: yuanDigits(value) });
    if (PERCENT.has(key)) return `${value}%`;
    if (DAYS.has(key)) return t('supervision.evidence.days', { n: value });
    if (key === 'leaseMaxTermYears') return t('supervision.evidence.years', { n: value });
    if (key === 'finalAccountsMonths') return t('supervision.evidence.months', { n: value });
    if (key === 'approved') return t('supervision.evidence.people', { n: value });
    return String(value);
  }
  if (key === 'entryId') {
    return <Link to={`/ledger/${value}`}>{t('supervision.evidence.openEntry')}</Link>;
  }
  return enumLabel(t, key, value);
}

function render(t: TFunction, key: string, value: Json): ReactNode {
  if (Array.isArray(value)) {
    if (value.length === 0) return t('supervision.evidence.none');
    if (value.every((v) => v === null || typeof v !== 'object')) {
      return value
        .map((v) => scalar(t, key, v))
        .map((node, i) => (
          <span key={i}>
            {i > 0 ? t('supervision.listSep') : ''}
            {node}
          </span>
        ));
    }
    return (
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {value.map((v, i) => (
          <li key={i}>{render(t, key, v)}</li>
        ))}
      </ol>
    );
  }
  if (value !== null && typeof value === 'object') return <EvidenceLines value={value} />;
  return scalar(t, key, value);
}

/** One line per field: 标签：值, nested objects indented. */
function EvidenceLines({ value }: { value: { [key: string]: Json } }) {
  const { t } = useTranslation();
  const keys = Object.keys(value).filter((key) => !HIDDEN.has(key));
  return (
    <Space direction="vertical" size={0} style={{ width: '100%' }}>
      {keys.map((key) => (
        <div key={key} style={{ overflowWrap: 'anywhere' }}>
          <Typography.Text type="secondary">
            {t('common.labelValue', { label: keyLabel(t, key), value: '' })}
          </Typography.Text>
          {render(t, key, value[key]!)}
        </div>
      ))}
    </Space>
  );
}

/** A warning's evidence or thresholds, labelled, amounts in yuan, entries linked. */
export function EvidenceView({ value }: { value: Record<string, unknown> }) {
  return <EvidenceLines value={value as { [key: string]: Json }} />;
}
