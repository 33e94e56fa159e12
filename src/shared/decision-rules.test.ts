import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attendanceRatio,
  meetingOutcome,
  meetingProblems,
  type MeetingCount,
} from './decision-rules.js';
import { DECISION_STEPS, VOTING_STEPS, type DecisionStep } from './schemas/decision.js';

function count(expected: number, present: number, votesFor: number, against = 0): MeetingCount {
  return { expected, present, votesFor, votesAgainst: against, votesAbstain: 0 };
}

describe('meetingOutcome', () => {
  it('posts the two disclosure steps', () => {
    expect(meetingOutcome('resolutionDisclosure', count(0, 0, 0))).toBe('posted');
    expect(meetingOutcome('resultDisclosure', count(0, 0, 0))).toBe('posted');
  });

  it('党员大会: two thirds present, more than half of all members in favour', () => {
    expect(meetingOutcome('partyMembers', count(30, 20, 16))).toBe('passed');
    expect(meetingOutcome('partyMembers', count(30, 19, 19))).toBe('no_quorum');
    expect(meetingOutcome('partyMembers', count(30, 20, 15, 5))).toBe('rejected');
    expect(meetingOutcome('partyMembers', count(30, 30, 15, 15))).toBe('rejected');
    expect(meetingOutcome('partyMembers', count(31, 21, 16))).toBe('passed'); // 21·3 = 63 ≥ 62
    expect(meetingOutcome('partyMembers', count(31, 20, 16))).toBe('no_quorum');
    expect(meetingOutcome('partyMembers', count(31, 21, 15))).toBe('rejected');
  });

  it('村民代表会议: two thirds present, more than half of those present in favour', () => {
    expect(meetingOutcome('representatives', count(30, 20, 11))).toBe('passed');
    expect(meetingOutcome('representatives', count(30, 20, 10, 10))).toBe('rejected');
    expect(meetingOutcome('representatives', count(30, 19, 19))).toBe('no_quorum');
    expect(meetingOutcome('representatives', count(45, 30, 16))).toBe('passed');
    expect(meetingOutcome('representatives', count(45, 29, 29))).toBe('no_quorum');
  });

  it('党支部委员会 and 两委联席会议: more than half present and in favour of those present', () => {
    for (const step of ['proposal', 'committees'] as const) {
      expect(meetingOutcome(step, count(5, 3, 2))).toBe('passed');
      expect(meetingOutcome(step, count(5, 3, 1, 2))).toBe('rejected');
      expect(meetingOutcome(step, count(6, 3, 3))).toBe('no_quorum');
      expect(meetingOutcome(step, count(6, 4, 2, 2))).toBe('rejected');
      expect(meetingOutcome(step, count(6, 4, 3))).toBe('passed');
    }
  });

  it('has no quorum when nobody was expected', () => {
    for (const step of VOTING_STEPS) {
      expect(meetingOutcome(step, count(0, 0, 0))).toBe('no_quorum');
    }
  });
});

describe('meetingProblems', () => {
  it('accepts consistent counts', () => {
    expect(meetingProblems('partyMembers', count(30, 20, 16, 4))).toEqual([]);
    expect(meetingProblems('resultDisclosure', count(0, 0, 0))).toEqual([]);
  });

  it('reports impossible counts of voting steps', () => {
    expect(meetingProblems('proposal', count(0, 0, 0))).toEqual([
      { field: 'expected', messageKey: 'meeting.expected' },
    ]);
    expect(meetingProblems('committees', count(5, 6, 3))).toEqual([
      { field: 'present', messageKey: 'meeting.presentAboveExpected' },
    ]);
    expect(
      meetingProblems('representatives', {
        expected: 30,
        present: 20,
        votesFor: 15,
        votesAgainst: 4,
        votesAbstain: 2,
      }),
    ).toEqual([{ field: 'votesFor', messageKey: 'meeting.votesAbovePresent' }]);
  });

  it('reports any vote recorded for a disclosure step', () => {
    expect(
      meetingProblems('resolutionDisclosure', {
        expected: 0,
        present: 0,
        votesFor: 1,
        votesAgainst: 0,
        votesAbstain: 2,
      }),
    ).toEqual([
      { field: 'votesFor', messageKey: 'meeting.noVotes' },
      { field: 'votesAbstain', messageKey: 'meeting.noVotes' },
    ]);
  });
});

describe('attendanceRatio', () => {
  it('is present / expected, null when nobody was expected', () => {
    expect(attendanceRatio(count(30, 20, 0))).toBeCloseTo(2 / 3);
    expect(attendanceRatio(count(0, 0, 0))).toBeNull();
  });
});

/** Consistent counts: present ≤ expected, votes ≤ present. */
const consistentCount: fc.Arbitrary<MeetingCount> = fc
  .integer({ min: 1, max: 300 })
  .chain((expected) => fc.tuple(fc.constant(expected), fc.integer({ min: 0, max: expected })))
  .chain(([expected, present]) =>
    fc.tuple(fc.constant(expected), fc.constant(present), fc.integer({ min: 0, max: present })),
  )
  .chain(([expected, present, votesFor]) =>
    fc.tuple(
      fc.constant(expected),
      fc.constant(present),
      fc.constant(votesFor),
      fc.integer({ min: 0, max: present - votesFor }),
    ),
  )
  .chain(([expected, present, votesFor, votesAgainst]) =>
    fc
      .integer({ min: 0, max: present - votesFor - votesAgainst })
      .map((votesAbstain) => ({ expected, present, votesFor, votesAgainst, votesAbstain })),
  );

const votingStep = fc.constantFrom<DecisionStep>(...VOTING_STEPS);

function quorumHolds(step: DecisionStep, m: MeetingCount): boolean {
  return step === 'partyMembers' || step === 'representatives'
    ? m.present * 3 >= m.expected * 2
    : m.present * 2 > m.expected;
}

describe('properties', () => {
  it('generated counts are consistent', () => {
    fc.assert(
      fc.property(votingStep, consistentCount, (step, m) => {
        expect(meetingProblems(step, m)).toEqual([]);
      }),
    );
  });

  it('passes or rejects only when the quorum holds, and posts only disclosure steps', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DECISION_STEPS), consistentCount, (step, m) => {
        const outcome = meetingOutcome(step, m);
        if (VOTING_STEPS.includes(step)) {
          expect(outcome === 'passed' || outcome === 'rejected').toBe(quorumHolds(step, m));
        } else {
          expect(outcome).toBe('posted');
        }
      }),
    );
  });

  it('more votes in favour never turn passed into rejected', () => {
    fc.assert(
      fc.property(votingStep, consistentCount, (step, m) => {
        fc.pre(m.votesAgainst + m.votesAbstain > 0);
        const more =
          m.votesAbstain > 0
            ? { ...m, votesFor: m.votesFor + 1, votesAbstain: m.votesAbstain - 1 }
            : { ...m, votesFor: m.votesFor + 1, votesAgainst: m.votesAgainst - 1 };
        const before = meetingOutcome(step, m);
        const after = meetingOutcome(step, more);
        if (before === 'passed') expect(after).toBe('passed');
        if (before === 'no_quorum') expect(after).toBe('no_quorum');
      }),
    );
  });

  it('a passed representatives meeting had two thirds present and a majority of them for', () => {
    fc.assert(
      fc.property(consistentCount, (m) => {
        if (meetingOutcome('representatives', m) === 'passed') {
          expect(m.votesFor * 2).toBeGreaterThan(m.present);
          expect(m.present * 3).toBeGreaterThanOrEqual(m.expected * 2);
        }
      }),
    );
  });
});
