import type { TFunction } from 'i18next';
import type { DecisionStatus } from '../../../shared/schemas/decision.js';
import type {
  ApproverRole,
  LedgerKind,
  LedgerStage,
  LedgerStatus,
  ReviewStatus,
} from '../../../shared/schemas/ledger.js';

export { procurementMethodLabel, worksMethodLabel, yuanLabel } from '../../i18n/labels.js';

type PaymentMethod = 'transfer' | 'cash';
type FundDirection = 'income' | 'expense';
type AcceptanceResult = 'pass' | 'fail';

/** 村级工程, 村级采购, 劳务用工, 资金收支, 资产资源. */
export const ledgerKindLabel = (t: TFunction, kind: LedgerKind): string =>
  t(`ledger.kinds.${kind}`);

/** 立项, 交易, 合同 … 支付; 已登记 for kinds without stages. */
export const ledgerStageLabel = (t: TFunction, stage: LedgerStage): string =>
  t(`ledger.stages.${stage}`);

export const ledgerStatusLabel = (t: TFunction, status: LedgerStatus): string =>
  t(`ledger.statuses.${status}`);

export const reviewStatusLabel = (t: TFunction, status: ReviewStatus): string =>
  t(`ledger.reviewStatuses.${status}`);

export const paymentMethodLabel = (t: TFunction, method: PaymentMethod): string =>
  t(`ledger.paymentMethods.${method}`);

export const fundDirectionLabel = (t: TFunction, direction: FundDirection): string =>
  t(`ledger.directions.${direction}`);

export const approverRoleLabel = (t: TFunction, role: ApproverRole): string =>
  t(`ledger.approverRoles.${role}`);

export const acceptanceResultLabel = (t: TFunction, result: AcceptanceResult): string =>
  t(`ledger.acceptanceResults.${result}`);

export const decisionStatusLabel = (t: TFunction, status: DecisionStatus): string =>
  t(`ledger.decisionStatuses.${status}`);

/** The headline amount's name for the kind: 预算金额, 采购金额, 预计用工金额, 金额, 年租金. */
export const amountLabel = (t: TFunction, kind: LedgerKind): string =>
  t(`ledger.amountLabels.${kind}`);

/** The record date's name for the kind: 立项日期, 采购日期, 用工日期, 日期, 签订日期. */
export const dateLabel = (t: TFunction, kind: LedgerKind): string => t(`ledger.dateLabels.${kind}`);

/** antd Tag colours, so that every page shows a state the same way. */
export const REVIEW_STATUS_COLORS: Record<ReviewStatus, string> = {
  none: 'default',
  pending: 'processing',
  approved: 'success',
  returned: 'error',
};

export const KIND_COLORS: Record<LedgerKind, string> = {
  project: 'geekblue',
  procurement: 'cyan',
  labour: 'purple',
  fund: 'gold',
  asset: 'green',
};

export const DECISION_STATUS_COLORS: Record<DecisionStatus, string> = {
  in_progress: 'processing',
  passed: 'success',
  rejected: 'error',
  completed: 'default',
};
