import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DecisionStatus, MeetingOutcome } from '../../../shared/schemas/decision.js';

const STATUS_COLOR: Record<DecisionStatus, string> = {
  in_progress: 'processing',
  passed: 'success',
  rejected: 'error',
  completed: 'cyan',
};

const OUTCOME_COLOR: Record<MeetingOutcome, string> = {
  passed: 'success',
  rejected: 'error',
  no_quorum: 'warning',
  posted: 'blue',
};

/** 进行中 / 已通过 / 未通过 / 已完成. */
export function StatusTag({ status }: { status: DecisionStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`decision.status.${status}`)}</Tag>;
}

/** 通过 / 未通过 / 未达法定人数 / 已公开. */
export function OutcomeTag({ outcome }: { outcome: MeetingOutcome }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLOR[outcome]}>{t(`decision.outcome.${outcome}`)}</Tag>;
}
