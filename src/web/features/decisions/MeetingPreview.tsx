import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  attendanceRatio,
  meetingOutcome,
  meetingProblems,
  type MeetingCount,
} from '../../../shared/decision-rules.js';
import { VOTING_STEPS, type DecisionStep } from '../../../shared/schemas/decision.js';
import { detailMessage } from '../../i18n/labels.js';

/** A share as a percentage, one decimal at most: 6/9 → `66.7%`, 3/4 → `75%`. */
export function percentText(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

/** Counts as entered so far; a field left empty counts as missing. */
export type PartialCount = { [K in keyof MeetingCount]?: number | null };

/**
 * The legal outcome of the meeting being entered, worked out live with the same rules the
 * server applies (src/shared/decision-rules.ts), under the rule text of the step.
 */
export function MeetingPreview({ step, count }: { step: DecisionStep; count: PartialCount }) {
  const { t } = useTranslation();
  const voting = VOTING_STEPS.includes(step);
  const rule = t(`decision.rules.${step}`);

  const body = (() => {
    if (!voting) return { type: 'info' as const, lines: [t('decision.preview.posted')] };
    if (typeof count.expected !== 'number' || typeof count.present !== 'number') {
      return { type: 'info' as const, lines: [t('decision.preview.fillIn')] };
    }
    const m: MeetingCount = {
      expected: count.expected,
      present: count.present,
      votesFor: count.votesFor ?? 0,
      votesAgainst: count.votesAgainst ?? 0,
      votesAbstain: count.votesAbstain ?? 0,
    };
    const problems = meetingProblems(step, m);
    if (problems.length > 0) {
      return {
        type: 'error' as const,
        lines: [
          t('decision.preview.problems'),
          ...problems.map((p) => `· ${detailMessage(p.messageKey)}`),
        ],
      };
    }
    const ratio = attendanceRatio(m);
    const twoThirds = step === 'partyMembers' || step === 'representatives';
    const attendance = t('decision.preview.attendance', {
      ratio: ratio === null ? '—' : percentText(ratio),
      need: twoThirds ? t('decision.preview.needTwoThirds') : t('decision.preview.needHalf'),
    });
    const outcome = meetingOutcome(step, m);
    const ofAll = step === 'partyMembers';
    switch (outcome) {
      case 'no_quorum':
        return { type: 'warning' as const, lines: [attendance, t('decision.preview.noQuorum')] };
      case 'passed':
        return {
          type: 'success' as const,
          lines: [
            attendance,
            t(ofAll ? 'decision.preview.passedAll' : 'decision.preview.passedPresent', {
              n: m.votesFor,
            }),
          ],
        };
      default:
        return {
          type: 'error' as const,
          lines: [
            attendance,
            t(ofAll ? 'decision.preview.rejectedAll' : 'decision.preview.rejectedPresent', {
              n: m.votesFor,
            }),
            t('decision.preview.rejectedNote'),
          ],
        };
    }
  })();

  return (
    <Alert
      data-testid="meeting-preview"
      type={body.type}
      showIcon
      style={{ marginBottom: 16 }}
      message={t('decision.preview.title')}
      description={
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {rule}
          </Typography.Paragraph>
          {body.lines.map((line, index) => (
            <div key={index}>
              <Typography.Text strong>{line}</Typography.Text>
            </div>
          ))}
        </>
      }
    />
  );
}
