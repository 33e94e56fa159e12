import { Alert, DatePicker, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/case-machine.js';
import type { Permission } from '../../../shared/permissions.js';
import { isWithin } from '../../../shared/region.js';
import type { Me } from '../../../shared/schemas/auth.js';
import {
  SUPERVISION_CATEGORIES,
  type RiskLevel,
  type SupervisionCategoryId,
} from '../../../shared/supervision/catalogue.js';
import type { FieldSink } from '../../api/errors.js';
import i18n, { currentLocale } from '../../i18n/index.js';
import type { FindingDto, InspectionStatus, ItemResult } from './supervision.api.js';

/** True when the user holds the permission over the region (a grant over it or an ancestor). */
export function holds(me: Me, permission: Permission, regionCode: string): boolean {
  return (me.permissions[permission] ?? []).some((root) => isWithin(regionCode, root));
}

/** Working days to rectify a problem when the officer sets none: the server's default by risk. */
export const RECTIFY_DAYS_BY_RISK: Record<RiskLevel, number> = { high: 5, medium: 10, low: 15 };

const STATUS_COLORS: Record<InspectionStatus, string> = {
  planned: 'blue',
  submitted: 'gold',
  fed_back: 'purple',
  done: 'success',
};

/** 待检查, 待反馈, 已反馈, 已完成. */
export function InspectionStatusTag({ status }: { status: InspectionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLORS[status]}
      data-testid="inspection-status"
      style={{ marginInlineEnd: 0 }}
    >
      {t(`supervision.inspectionStatus.${status}`)}
    </Tag>
  );
}

const RESULT_COLORS: Record<ItemResult, string> = {
  pass: 'success',
  problem: 'error',
  na: 'default',
};

/** 合格, 发现问题, 不适用. */
export const resultLabel = (t: TFunction, result: ItemResult): string =>
  t(`supervision.itemResult.${result}`);

export function ResultTag({ result }: { result: ItemResult | null }) {
  const { t } = useTranslation();
  if (!result) return <Tag>{t('supervision.inspection.unanswered')}</Tag>;
  return <Tag color={RESULT_COLORS[result]}>{resultLabel(t, result)}</Tag>;
}

/** 小决策, 小权力 …: the short name of one of the six categories. */
export const categoryShort = (t: TFunction, id: string): string =>
  (SUPERVISION_CATEGORIES as readonly { id: string }[]).some((c) => c.id === id)
    ? t(`supervision.categoryShort.${id as SupervisionCategoryId}`)
    : id;

/** 小决策是否民主 …: the category's full name in the current language. */
export function categoryFull(id: string): string {
  return SUPERVISION_CATEGORIES.find((c) => c.id === id)?.name[currentLocale()] ?? id;
}

/** Where a finding stands, in the words of rectification: 待整改, 待核验, 已销号 …. */
export const findingStatusLabel = (t: TFunction, status: string): string => {
  const key = `supervision.findingStatus.${status}`;
  return status in FINDING_STATUS_COLORS ? t(key as 'supervision.findingStatus.closed') : status;
};

const FINDING_STATUS_COLORS: Record<CaseStatus, string> = {
  received: 'default',
  dispatched: 'blue',
  signed: 'cyan',
  in_progress: 'processing',
  replied: 'purple',
  verified: 'geekblue',
  closed: 'success',
  returned: 'orange',
  reopened: 'magenta',
};

/** The finding's state, its lateness while open and, once closed, whether it was on time. */
export function FindingTags({ finding }: { finding: FindingDto }) {
  const { t } = useTranslation();
  const color = FINDING_STATUS_COLORS[finding.status as CaseStatus] ?? 'default';
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      <Tag color={color} data-testid="finding-status" style={{ marginInlineEnd: 0 }}>
        {findingStatusLabel(t, finding.status)}
      </Tag>
      {finding.overdue && (
        <Tag color="error" data-testid="finding-overdue" style={{ marginInlineEnd: 0 }}>
          {t('supervision.findings.overdueTag')}
        </Tag>
      )}
      {finding.onTime !== null && (
        <Tag
          color={finding.onTime ? 'green' : 'volcano'}
          data-testid="finding-on-time"
          style={{ marginInlineEnd: 0 }}
        >
          {finding.onTime ? t('supervision.findings.onTime') : t('supervision.findings.late')}
        </Tag>
      )}
    </span>
  );
}

/**
 * A form sink for the server's field errors where the form keeps a list as one field:
 * `regionCodes.2` lands on `regionCodes`, with the message of every element that failed.
 * `label` may name the element (`D06：…`).
 */
export function listFieldSink(
  form: FieldSink,
  lists: readonly string[],
  label?: (list: string, index: number) => string | undefined,
): FieldSink {
  return {
    setFields: (fields) => {
      const merged = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const field of fields) {
        const path = (Array.isArray(field.name) ? field.name : [field.name]) as (string | number)[];
        const [head, index] = path;
        const isList = typeof head === 'string' && lists.includes(head);
        const name = isList ? [head] : path;
        const prefix = isList && typeof index === 'number' ? label?.(head, index) : undefined;
        const errors = (field.errors ?? []).map((e) =>
          prefix ? i18n.t('common.labelValue', { label: prefix, value: e }) : e,
        );
        const key = name.join('.');
        const entry = merged.get(key) ?? { name, errors: [] };
        entry.errors.push(...errors);
        merged.set(key, entry);
      }
      form.setFields([...merged.values()]);
    },
  };
}

/**
 * A form sink that keeps the server's field errors the form has no field for: those on the
 * form's own fields land there; the rest (a village without a committee, a stale version …)
 * are handed to `onOther`, to be shown above the button rather than lost.
 */
export function fieldSink(
  form: FieldSink,
  known: readonly string[],
  onOther: (messages: string[]) => void,
): FieldSink {
  return {
    setFields: (fields) => {
      const own: typeof fields = [];
      const other: string[] = [];
      for (const field of fields) {
        const head = String(Array.isArray(field.name) ? field.name[0] : field.name);
        if (known.includes(head)) own.push(field);
        else other.push(...(field.errors ?? []).map(String));
      }
      if (own.length > 0) form.setFields(own);
      onOther(other);
    },
  };
}

/** The messages of errors a form has no field for, above its button. */
export function OtherErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="form-other-errors"
      message={messages.join(' · ')}
    />
  );
}

/** A from–to filter of local dates; both ends or none. */
export function DateRangeFilter({
  placeholder,
  onChange,
}: {
  placeholder: [string, string];
  onChange: (range: [string, string] | undefined) => void;
}) {
  return (
    <DatePicker.RangePicker
      style={{ maxWidth: '100%' }}
      placeholder={placeholder}
      onChange={(dates: [Dayjs | null, Dayjs | null] | null) =>
        onChange(
          dates?.[0] && dates[1]
            ? [dates[0].format('YYYY-MM-DD'), dates[1].format('YYYY-MM-DD')]
            : undefined,
        )
      }
    />
  );
}
