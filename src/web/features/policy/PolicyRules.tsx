import { Alert, Descriptions, Table, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  PROCUREMENT_METHODS,
  WORKS_METHODS,
  type CountyPolicy,
  type ProcurementMethod,
  type WorksMethod,
} from '../../../shared/policy.js';
import { procurementMethodLabel, worksMethodLabel, yuanLabel } from '../../i18n/labels.js';
import type { PolicyInForceDto, PolicyVersionDto } from './policy.api.js';

interface Tier<M> {
  /** Inclusive lower bound in fen; absent for the first tier. */
  from?: number;
  /** Exclusive upper bound in fen; absent for the last tier. */
  to?: number;
  method: M;
}

/** Ascending limits [a, b, …] and one more method than limits → amount ranges with methods. */
export function tiersOf<M>(limits: readonly number[], methods: readonly M[]): Tier<M>[] {
  return methods.map((method, index) => ({
    from: index > 0 ? limits[index - 1] : undefined,
    to: limits[index],
    method,
  }));
}

function rangeLabel(t: TFunction, tier: Tier<unknown>): string {
  if (tier.from === undefined && tier.to !== undefined) {
    return t('policy.below', { to: yuanLabel(t, tier.to) });
  }
  if (tier.from !== undefined && tier.to !== undefined) {
    return t('policy.between', { from: yuanLabel(t, tier.from), to: yuanLabel(t, tier.to) });
  }
  return t('policy.andAbove', { from: yuanLabel(t, tier.from ?? 0) });
}

function TierTable<M extends string>({
  tiers,
  label,
  testId,
}: {
  tiers: Tier<M>[];
  label: (method: M) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Tier<M>> = [
    { title: t('policy.amount'), key: 'range', render: (_v, tier) => rangeLabel(t, tier) },
    { title: t('policy.method'), key: 'method', render: (_v, tier) => label(tier.method) },
  ];
  return (
    <Table<Tier<M>>
      data-testid={testId}
      rowKey="method"
      size="small"
      columns={columns}
      dataSource={tiers}
      pagination={false}
    />
  );
}

/**
 * One version of a county's rules: the tiers and thresholds, amounts in yuan. `vertical` puts
 * each label above its value, for narrow places.
 */
export function PolicyRules({
  policy,
  layout = 'horizontal',
}: {
  policy: CountyPolicy;
  layout?: 'horizontal' | 'vertical';
}) {
  const { t } = useTranslation();
  const { works, procurement } = policy;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      layout={layout}
      styles={layout === 'horizontal' ? { label: { width: 200 } } : undefined}
      items={[
        {
          key: 'works',
          label: t('policy.works'),
          children: (
            <TierTable<WorksMethod>
              testId="policy-works-tiers"
              tiers={tiersOf(
                [works.ownChoiceBelow, works.contractorPoolBelow, works.townshipTenderBelow],
                WORKS_METHODS,
              )}
              label={(method) => worksMethodLabel(t, method)}
            />
          ),
        },
        {
          key: 'procurement',
          label: t('policy.procurement'),
          children: (
            <TierTable<ProcurementMethod>
              testId="policy-procurement-tiers"
              tiers={tiersOf(
                [procurement.simpleBelow, procurement.jointMeetingBelow],
                PROCUREMENT_METHODS,
              )}
              label={(method) => procurementMethodLabel(t, method)}
            />
          ),
        },
        {
          key: 'resolution',
          label: t('policy.resolutionRequiredFrom'),
          children: t('policy.andAbove', { from: yuanLabel(t, policy.resolutionRequiredFrom) }),
        },
        {
          key: 'disclosure',
          label: t('policy.immediateDisclosureFrom'),
          children: t('policy.andAbove', { from: yuanLabel(t, policy.immediateDisclosureFrom) }),
        },
        {
          key: 'comment',
          label: t('policy.commentPeriodDays'),
          children:
            policy.commentPeriodDays > 0 ? policy.commentPeriodDays : t('policy.noCommentPeriod'),
        },
        {
          key: 'townReview',
          label: t('policy.townReviewRequired'),
          children: policy.townReviewRequired
            ? t('policy.townReview.on')
            : t('policy.townReview.off'),
        },
        {
          key: 'redFlags',
          label: t('policy.redFlags'),
          children: (
            <span data-testid="policy-red-flags">
              {t('policy.redFlagsText', {
                ...policy.redFlags,
                cash: yuanLabel(t, policy.redFlags.cashPaymentMaxFen),
              })}
            </span>
          ),
        },
      ]}
    />
  );
}

/** Where rules in force come from: a version (its date and reason) or the platform defaults. */
export function PolicySource({
  inForce,
  versions,
}: {
  inForce: PolicyInForceDto;
  versions: readonly PolicyVersionDto[] | undefined;
}) {
  const { t } = useTranslation();
  if (inForce.versionId === null || inForce.effectiveFrom === null) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="policy-source"
        message={t('policy.defaults')}
      />
    );
  }
  const reason = versions?.find((v) => v.id === inForce.versionId)?.reason;
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="policy-source"
      message={
        reason
          ? t('policy.since', { date: inForce.effectiveFrom, reason })
          : t('policy.sinceNoReason', { date: inForce.effectiveFrom })
      }
    />
  );
}
