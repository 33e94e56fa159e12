/**
 * Quorum and passing rules of the 四议两公开 procedure, one rule per step:
 * - 党支部委员会提议 (proposal) and 两委联席会议商议 (committees): more than half of the members
 *   present, and more than half of those present in favour;
 * - 党员大会审议 (partyMembers): at least two thirds of the members present, and more than half
 *   of ALL members (not only of those present) in favour;
 * - 村民代表会议决议 (representatives): at least two thirds of the representatives present, and
 *   more than half of those present in favour;
 * - 决议公开 and 实施结果公开 are postings, not votes.
 * Pure module: it runs on the server and in the browser.
 */
import type { DecisionStep, MeetingOutcome } from './schemas/decision.js';

/** Head counts of one meeting: entitled to attend, present, and the three kinds of vote. */
export interface MeetingCount {
  expected: number;
  present: number;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/** A count that makes a meeting record impossible, with the i18n key of its message. */
export interface MeetingProblem {
  field: keyof MeetingCount;
  messageKey: string;
}

function isPostingStep(step: DecisionStep): boolean {
  return step === 'resolutionDisclosure' || step === 'resultDisclosure';
}

/** Whether enough of those entitled to attend were present for the step's vote to count. */
function isQuorate(step: DecisionStep, m: MeetingCount): boolean {
  if (m.expected < 1) return false;
  switch (step) {
    case 'partyMembers':
    case 'representatives':
      return m.present * 3 >= m.expected * 2;
    default:
      return m.present * 2 > m.expected;
  }
}

/** Whether a quorate vote carries the motion. */
function carries(step: DecisionStep, m: MeetingCount): boolean {
  return step === 'partyMembers' ? m.votesFor * 2 > m.expected : m.votesFor * 2 > m.present;
}

/**
 * Outcome of a meeting at `step`: the two disclosure steps are 'posted'; a voting step is
 * 'no_quorum' when too few were present (or nobody was expected), else 'passed' when the
 * motion carries under that step's rule (see the module comment), else 'rejected'.
 */
export function meetingOutcome(step: DecisionStep, m: MeetingCount): MeetingOutcome {
  if (isPostingStep(step)) return 'posted';
  if (!isQuorate(step, m)) return 'no_quorum';
  return carries(step, m) ? 'passed' : 'rejected';
}

/**
 * Inconsistencies that make a meeting record impossible; [] when the counts are consistent.
 * Voting steps need someone expected, no more present than expected, and no more votes than
 * people present (the vote total is reported on `votesFor`). The two disclosure steps must
 * record no votes.
 */
export function meetingProblems(step: DecisionStep, m: MeetingCount): MeetingProblem[] {
  const problems: MeetingProblem[] = [];
  if (isPostingStep(step)) {
    for (const field of ['votesFor', 'votesAgainst', 'votesAbstain'] as const) {
      if (m[field] !== 0) problems.push({ field, messageKey: 'meeting.noVotes' });
    }
    return problems;
  }
  if (m.expected < 1) problems.push({ field: 'expected', messageKey: 'meeting.expected' });
  if (m.present > m.expected) {
    problems.push({ field: 'present', messageKey: 'meeting.presentAboveExpected' });
  }
  if (m.votesFor + m.votesAgainst + m.votesAbstain > m.present) {
    problems.push({ field: 'votesFor', messageKey: 'meeting.votesAbovePresent' });
  }
  return problems;
}

/** Share of those entitled to attend who were present; null when nobody was expected. */
export function attendanceRatio(m: Pick<MeetingCount, 'expected' | 'present'>): number | null {
  return m.expected === 0 ? null : m.present / m.expected;
}
