import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedCommands,
  CASE_COMMANDS,
  CASE_ROLES,
  CASE_STATUSES,
  COMMAND_FROM,
  COMMAND_ROLES,
  invariantProblems,
  MAX_ESCALATION,
  NEW_CASE,
  transition,
  type CaseCommand,
  type CaseCommandType,
  type CaseLimits,
  type CaseRole,
  type CaseState,
  type CaseStatus,
  type Outcome,
} from './case-machine.js';

const LIMITS: CaseLimits = { maxExtensionDays: 10 };

/** The state after an accepted step; fails the test, naming the step, if it was refused. */
function apply(state: CaseState, command: CaseCommand, role: CaseRole): CaseState {
  const outcome = transition(state, command, role, LIMITS);
  if (!outcome.ok) {
    throw new Error(`${role} ${command.type} from ${state.status} refused: ${outcome.refusal}`);
  }
  return outcome.state;
}

function run(steps: readonly (readonly [CaseCommand, CaseRole])[], from = NEW_CASE): CaseState {
  return steps.reduce((state, [command, role]) => apply(state, command, role), from);
}

const refusal = (outcome: Outcome) => (outcome.ok ? 'accepted' : outcome.refusal);

const DISPATCH = [{ type: 'dispatch', unitId: 'u1' }, 'dispatcher'] as const;
const SIGN = [{ type: 'sign' }, 'unit'] as const;
const START = [{ type: 'start' }, 'unit'] as const;
const REPLY = [{ type: 'reply', text: '路灯已修复' }, 'unit'] as const;
const VERIFY = [{ type: 'verify', by: 'v1' }, 'verifier'] as const;
const CLOSE = [{ type: 'close' }, 'dispatcher'] as const;
const REOPEN = [{ type: 'reopen', reason: '又坏了' }, 'resident'] as const;

/** A command of `type` with a payload the machine must accept from `state`, if any is. */
function validCommand(type: CaseCommandType): CaseCommand {
  switch (type) {
    case 'dispatch':
      return { type, unitId: 'u2', coUnitIds: ['u2', 'u3', 'u3'] };
    case 'take':
      return { type, unitId: 'u3' };
    case 'requestExtension':
      return { type, days: 1, reason: '需要采购配件' };
    case 'verify':
      return { type, by: 'v1' };
    case 'rate':
      return { type, score: 4 };
    case 'reply':
    case 'note':
      return { type, text: '处理说明' };
    case 'return':
    case 'refuseExtension':
    case 'rejectReply':
    case 'reopen':
    case 'escalate':
    case 'clear':
      return { type, reason: '理由' };
    case 'sign':
    case 'start':
    case 'grantExtension':
    case 'close':
      return { type };
  }
}

describe('case machine: examples', () => {
  it('closes a warning only when the system clears it, with the reason as its reply', () => {
    const held = run([DISPATCH, SIGN]);
    for (const role of CASE_ROLES.filter((r) => r !== 'system'))
      expect(transition(held, { type: 'clear', reason: '已不再命中' }, role, LIMITS)).toEqual({
        ok: false,
        refusal: 'role',
      });
    expect(transition(held, { type: 'clear', reason: ' ' }, 'system', LIMITS)).toEqual({
      ok: false,
      refusal: 'invalid',
    });
    const cleared = transition(held, { type: 'clear', reason: '已不再命中' }, 'system', LIMITS);
    expect(cleared.ok && cleared.state).toMatchObject({
      status: 'closed',
      reply: '已不再命中',
      verifiedBy: 'rules',
    });
    expect(cleared.ok && invariantProblems(cleared.state)).toEqual([]);
  });

  it('runs the closed loop from receipt to a rating', () => {
    let state = apply(
      NEW_CASE,
      { type: 'dispatch', unitId: 'u1', coUnitIds: ['u2'] },
      'dispatcher',
    );
    expect(state).toMatchObject({ status: 'dispatched', unitId: 'u1', coUnitIds: ['u2'] });
    state = apply(state, ...SIGN);
    expect(state.status).toBe('signed');
    state = apply(state, ...START);
    expect(state.status).toBe('in_progress');
    state = apply(state, ...REPLY);
    expect(state).toMatchObject({ status: 'replied', reply: '路灯已修复' });
    state = apply(state, ...VERIFY);
    expect(state).toMatchObject({ status: 'verified', verifiedBy: 'v1' });
    state = apply(state, ...CLOSE);
    expect(state.status).toBe('closed');
    state = apply(state, { type: 'rate', score: 5 }, 'resident');
    expect(state).toEqual({
      status: 'closed',
      unitId: 'u1',
      coUnitIds: ['u2'],
      extension: null,
      extensionDays: 0,
      escalation: 0,
      reply: '路灯已修复',
      verifiedBy: 'v1',
      rating: 5,
      reopenCount: 0,
    });
    expect(invariantProblems(state)).toEqual([]);
  });

  it('never changes NEW_CASE itself', () => {
    const before = structuredClone(NEW_CASE);
    run([DISPATCH, SIGN, START, REPLY, VERIFY, CLOSE, REOPEN]);
    expect(NEW_CASE).toEqual(before);
  });

  it('drops the lead unit and duplicates from the co-units', () => {
    const state = apply(
      NEW_CASE,
      { type: 'dispatch', unitId: 'u1', coUnitIds: ['u1', 'u2', 'u2', 'u3'] },
      'system',
    );
    expect(state.coUnitIds).toEqual(['u2', 'u3']);
  });

  it('lets the unit return a case with a reason, and the dispatcher send it again', () => {
    const signed = run([DISPATCH, SIGN]);
    expect(refusal(transition(signed, { type: 'return', reason: '  ' }, 'unit', LIMITS))).toBe(
      'invalid',
    );
    const returned = apply(signed, { type: 'return', reason: '不属于本单位职责' }, 'unit');
    expect(returned).toMatchObject({ status: 'returned', unitId: null, coUnitIds: [] });
    expect(allowedCommands(returned, 'dispatcher', LIMITS)).toContain('dispatch');
    const again = apply(returned, { type: 'dispatch', unitId: 'u2' }, 'dispatcher');
    expect(again).toMatchObject({ status: 'dispatched', unitId: 'u2' });
  });

  it('grants a requested extension, adding its days', () => {
    let state = run([DISPATCH, SIGN, START]);
    state = apply(state, { type: 'requestExtension', days: 3, reason: '等待配件' }, 'unit');
    expect(state.extension).toEqual({ days: 3, reason: '等待配件' });
    expect(allowedCommands(state, 'unit', LIMITS)).not.toContain('requestExtension');
    expect(
      refusal(
        transition(state, { type: 'requestExtension', days: 1, reason: 'x' }, 'unit', LIMITS),
      ),
    ).toBe('invalid');
    state = apply(state, { type: 'grantExtension' }, 'dispatcher');
    expect(state).toMatchObject({ extension: null, extensionDays: 3, status: 'in_progress' });
    state = apply(state, { type: 'requestExtension', days: 2, reason: '再等' }, 'unit');
    state = apply(state, { type: 'grantExtension' }, 'dispatcher');
    expect(state.extensionDays).toBe(5);
  });

  it('refuses an extension with a reason, keeping the days granted', () => {
    let state = run([DISPATCH, SIGN]);
    state = apply(state, { type: 'requestExtension', days: 4, reason: '等待配件' }, 'unit');
    expect(
      refusal(transition(state, { type: 'refuseExtension', reason: '' }, 'dispatcher', LIMITS)),
    ).toBe('invalid');
    state = apply(state, { type: 'refuseExtension', reason: '可先行处置' }, 'dispatcher');
    expect(state).toMatchObject({ extension: null, extensionDays: 0, status: 'signed' });
    expect(refusal(transition(state, { type: 'grantExtension' }, 'dispatcher', LIMITS))).toBe(
      'invalid',
    );
  });

  it('refuses extensions beyond the limit, of no days, or of fractional days', () => {
    const state = run([DISPATCH, SIGN]);
    const ask = (days: number) =>
      refusal(transition(state, { type: 'requestExtension', days, reason: 'r' }, 'unit', LIMITS));
    expect(ask(0)).toBe('invalid');
    expect(ask(-1)).toBe('invalid');
    expect(ask(1.5)).toBe('invalid');
    expect(ask(11)).toBe('invalid');
    expect(ask(10)).toBe('accepted');
  });

  it('offers no extension once the limit is used up', () => {
    let state = run([DISPATCH, SIGN]);
    state = apply(state, { type: 'requestExtension', days: 10, reason: '大修' }, 'unit');
    state = apply(state, { type: 'grantExtension' }, 'dispatcher');
    expect(state.extensionDays).toBe(10);
    expect(allowedCommands(state, 'unit', LIMITS)).not.toContain('requestExtension');
    expect(allowedCommands(state, 'unit', { maxExtensionDays: 11 })).toContain('requestExtension');
    expect(allowedCommands(run([DISPATCH, SIGN]), 'unit', { maxExtensionDays: 0 })).not.toContain(
      'requestExtension',
    );
  });

  it('sends a rejected reply back to the unit', () => {
    const replied = run([DISPATCH, SIGN, START, REPLY]);
    const state = apply(replied, { type: 'rejectReply', reason: '现场未整改' }, 'verifier');
    expect(state).toMatchObject({ status: 'in_progress', reply: null, unitId: 'u1' });
    expect(allowedCommands(state, 'unit', LIMITS)).toContain('reply');
  });

  it('reopens a closed case one level higher, forgetting the reply, verifier and rating', () => {
    let state = run([DISPATCH, SIGN, START, REPLY, VERIFY, CLOSE]);
    state = apply(state, { type: 'rate', score: 2 }, 'resident');
    state = apply(state, ...REOPEN);
    expect(state).toMatchObject({
      status: 'reopened',
      escalation: 1,
      reopenCount: 1,
      rating: null,
      reply: null,
      verifiedBy: null,
    });
    expect(invariantProblems(state)).toEqual([]);
    state = run([DISPATCH, SIGN, START, REPLY, VERIFY, CLOSE], state);
    expect(state.rating).toBeNull();
    state = apply(state, { type: 'rate', score: 4 }, 'resident');
    expect(state).toMatchObject({ status: 'closed', rating: 4, reopenCount: 1 });
  });

  it('escalates up to MAX_ESCALATION and no further, reopening included', () => {
    let state: CaseState = NEW_CASE;
    for (let level = 1; level <= MAX_ESCALATION; level += 1) {
      state = apply(state, { type: 'escalate', reason: '超期' }, 'system');
      expect(state.escalation).toBe(level);
    }
    expect(
      refusal(transition(state, { type: 'escalate', reason: '超期' }, 'dispatcher', LIMITS)),
    ).toBe('invalid');
    expect(allowedCommands(state, 'system', LIMITS)).not.toContain('escalate');
    state = run([DISPATCH, SIGN, START, REPLY, VERIFY, CLOSE, REOPEN], state);
    expect(state.escalation).toBe(MAX_ESCALATION);
  });

  it('does not escalate a closed case', () => {
    const closed = run([DISPATCH, SIGN, START, REPLY, VERIFY, CLOSE]);
    expect(
      refusal(transition(closed, { type: 'escalate', reason: '超期' }, 'system', LIMITS)),
    ).toBe('state');
  });

  it('takes one rating, from 1 to 5, after the close only', () => {
    const verified = run([DISPATCH, SIGN, START, REPLY, VERIFY]);
    const rate = (state: CaseState, score: number) =>
      refusal(transition(state, { type: 'rate', score }, 'resident', LIMITS));
    expect(rate(verified, 5)).toBe('state');
    const closed = apply(verified, ...CLOSE);
    expect([0, 6, 4.5, Number.NaN].map((score) => rate(closed, score))).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    const rated = apply(closed, { type: 'rate', score: 1 }, 'resident');
    expect(rate(rated, 5)).toBe('invalid');
    expect(allowedCommands(rated, 'resident', LIMITS)).not.toContain('rate');
  });

  const blanks: [string, CaseState, CaseCommand, CaseRole][] = [
    ['dispatch', NEW_CASE, { type: 'dispatch', unitId: '  ' }, 'dispatcher'],
    ['return', run([DISPATCH]), { type: 'return', reason: '' }, 'unit'],
    ['reply', run([DISPATCH, SIGN]), { type: 'reply', text: '\n\t ' }, 'unit'],
    [
      'requestExtension',
      run([DISPATCH, SIGN]),
      { type: 'requestExtension', days: 2, reason: ' ' },
      'unit',
    ],
    ['verify', run([DISPATCH, SIGN, REPLY]), { type: 'verify', by: '' }, 'verifier'],
    ['rejectReply', run([DISPATCH, SIGN, REPLY]), { type: 'rejectReply', reason: ' ' }, 'verifier'],
    [
      'reopen',
      run([DISPATCH, SIGN, REPLY, VERIFY, CLOSE]),
      { type: 'reopen', reason: '' },
      'resident',
    ],
    ['escalate', NEW_CASE, { type: 'escalate', reason: '   ' }, 'system'],
    ['note', NEW_CASE, { type: 'note', text: '' }, 'dispatcher'],
  ];
  it.each(blanks)('refuses %s with a blank text as invalid', (_name, state, command, role) => {
    expect(refusal(transition(state, command, role, LIMITS))).toBe('invalid');
  });

  it('refuses a resident who dispatches (role) and a sign on a received case (state)', () => {
    expect(refusal(transition(NEW_CASE, DISPATCH[0], 'resident', LIMITS))).toBe('role');
    expect(refusal(transition(NEW_CASE, { type: 'sign' }, 'unit', LIMITS))).toBe('state');
    // The role is checked before the state.
    expect(refusal(transition(NEW_CASE, { type: 'sign' }, 'resident', LIMITS))).toBe('role');
  });
});

/** A path from NEW_CASE to each status, through the happy path and its branches. */
const PATHS: Record<CaseStatus, readonly (readonly [CaseCommand, CaseRole])[]> = {
  received: [],
  dispatched: [DISPATCH],
  signed: [DISPATCH, SIGN],
  in_progress: [DISPATCH, SIGN, START],
  replied: [DISPATCH, SIGN, START, REPLY],
  verified: [DISPATCH, SIGN, START, REPLY, VERIFY],
  closed: [DISPATCH, SIGN, START, REPLY, VERIFY, CLOSE],
  returned: [DISPATCH, [{ type: 'return', reason: '非本单位' }, 'unit']],
  reopened: [DISPATCH, SIGN, START, REPLY, VERIFY, CLOSE, REOPEN],
};

/** A case in `status` in which `type` has what it needs (a pending extension to decide on). */
function caseFor(status: CaseStatus, type: CaseCommandType): CaseState {
  const state = run(PATHS[status]);
  const decides = type === 'grantExtension' || type === 'refuseExtension';
  return decides && COMMAND_FROM[type].includes(status)
    ? apply(state, validCommand('requestExtension'), 'unit')
    : state;
}

describe('case machine: who may move a case', () => {
  it.each(CASE_COMMANDS)('accepts %s only from its listed roles and states', (type) => {
    for (const status of CASE_STATUSES) {
      for (const role of CASE_ROLES) {
        const outcome = transition(caseFor(status, type), validCommand(type), role, LIMITS);
        const expected = !COMMAND_ROLES[type].includes(role)
          ? 'role'
          : !COMMAND_FROM[type].includes(status)
            ? 'state'
            : 'accepted';
        expect(refusal(outcome), `${role} ${type} from ${status}`).toBe(expected);
      }
    }
  });

  /** Who can change the status of a case in each status; read off the rules, not the code. */
  const MOVERS: Record<CaseStatus, readonly CaseRole[]> = {
    received: ['dispatcher', 'taker', 'system'],
    dispatched: ['unit', 'system'],
    signed: ['unit', 'system'],
    in_progress: ['unit', 'system'],
    replied: ['verifier', 'system'],
    verified: ['dispatcher', 'verifier', 'system'],
    closed: ['resident', 'dispatcher'],
    returned: ['dispatcher', 'taker', 'system'],
    reopened: ['dispatcher', 'taker', 'system'],
  };
  it.each(CASE_STATUSES)('lets only the listed roles move a case out of %s', (status) => {
    const movers = CASE_ROLES.filter((role) =>
      CASE_COMMANDS.some((type) => {
        const outcome = transition(caseFor(status, type), validCommand(type), role, LIMITS);
        return outcome.ok && outcome.state.status !== status;
      }),
    );
    expect(movers).toEqual(MOVERS[status]);
    const listed = CASE_COMMANDS.filter((type) => COMMAND_FROM[type].includes(status)).flatMap(
      (type) => COMMAND_ROLES[type],
    );
    for (const role of movers) expect(listed).toContain(role);
  });
});

// ---- property tests ----

const UNIT_IDS = ['u1', 'u2', 'u3', '', '  '] as const;
const unitId = fc.constantFrom(...UNIT_IDS);
const text = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t\n ') },
  { weight: 3, arbitrary: fc.constantFrom('已处理', '需协调', 'x') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** One generated command of each type, with realistic and edge payloads. */
const commands: fc.Arbitrary<{ [T in CaseCommandType]: Extract<CaseCommand, { type: T }> }> =
  fc.record({
    dispatch: fc.record(
      {
        type: fc.constant('dispatch' as const),
        unitId,
        coUnitIds: fc.array(unitId, { maxLength: 4 }),
      },
      { requiredKeys: ['type', 'unitId'] },
    ),
    take: fc.record({ type: fc.constant('take' as const), unitId }),
    sign: fc.constant({ type: 'sign' as const }),
    return: fc.record({ type: fc.constant('return' as const), reason: text }),
    start: fc.constant({ type: 'start' as const }),
    requestExtension: fc.record({
      type: fc.constant('requestExtension' as const),
      days: fc.integer({ min: 0, max: 10 }),
      reason: text,
    }),
    grantExtension: fc.constant({ type: 'grantExtension' as const }),
    refuseExtension: fc.record({ type: fc.constant('refuseExtension' as const), reason: text }),
    reply: fc.record({ type: fc.constant('reply' as const), text }),
    verify: fc.record({ type: fc.constant('verify' as const), by: text }),
    rejectReply: fc.record({ type: fc.constant('rejectReply' as const), reason: text }),
    close: fc.constant({ type: 'close' as const }),
    reopen: fc.record({ type: fc.constant('reopen' as const), reason: text }),
    escalate: fc.record({ type: fc.constant('escalate' as const), reason: text }),
    rate: fc.record(
      {
        type: fc.constant('rate' as const),
        score: fc.integer({ min: 0, max: 6 }),
        comment: text,
      },
      { requiredKeys: ['type', 'score'] },
    ),
    note: fc.record({ type: fc.constant('note' as const), text }),
    clear: fc.record({ type: fc.constant('clear' as const), reason: text }),
  });

/**
 * A step picks a (command, role) pair. Blind steps (one in four) pick any command and any role;
 * steered steps pick a command the tables allow from the current status and a role that may give
 * it, so that walks get past dispatch and round the loop. The payload is generated either way.
 */
const step = fc.record({
  steer: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
  pick: fc.nat(),
  rolePick: fc.nat(),
  commands,
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;
const steps = fc.array(step, { maxLength: 60, size: 'max' });

function resolve(state: CaseState, s: Step): { command: CaseCommand; role: CaseRole } {
  const types = s.steer
    ? CASE_COMMANDS.filter((type) => COMMAND_FROM[type].includes(state.status))
    : CASE_COMMANDS;
  const type = types[s.pick % types.length] ?? 'note';
  const roles = s.steer ? COMMAND_ROLES[type] : CASE_ROLES;
  const role = roles[s.rolePick % roles.length] ?? 'dispatcher';
  return { command: s.commands[type], role };
}

interface Visit {
  before: CaseState;
  command: CaseCommand;
  role: CaseRole;
  outcome: Outcome;
  /** The state the caller keeps: the new one if accepted, the old one if refused. */
  after: CaseState;
  candidates: Step['commands'];
}

/** Folds the steps from NEW_CASE, keeping the old state on a refusal. */
function walk(sequence: readonly Step[]): Visit[] {
  const visits: Visit[] = [];
  let state = NEW_CASE;
  for (const s of sequence) {
    const { command, role } = resolve(state, s);
    const snapshot = structuredClone(state);
    const outcome = transition(state, command, role, LIMITS);
    expect(state, 'transition changed its input').toEqual(snapshot);
    const after = outcome.ok ? outcome.state : state;
    visits.push({ before: state, command, role, outcome, after, candidates: s.commands });
    state = after;
  }
  return visits;
}

describe('case machine: properties over walks of up to 60 steps', () => {
  it('reaches every status in some walks (the generator is worth trusting)', () => {
    const seen = new Set<CaseStatus>();
    for (const sequence of fc.sample(steps, { numRuns: 300, seed: 42 })) {
      for (const visit of walk(sequence)) seen.add(visit.after.status);
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('never leaves a case breaking an invariant', () => {
    fc.assert(
      fc.property(steps, (sequence) => {
        for (const { after } of walk(sequence)) expect(invariantProblems(after)).toEqual([]);
      }),
    );
  });

  it('closes a case only with a reply and a verifier', () => {
    fc.assert(
      fc.property(steps, (sequence) => {
        for (const { after } of walk(sequence)) {
          if (after.status !== 'closed') continue;
          expect(after.reply).not.toBeNull();
          expect(after.verifiedBy).not.toBeNull();
        }
      }),
    );
  });

  it('accepts a step only from a listed role and state, and says why it refuses', () => {
    fc.assert(
      fc.property(steps, (sequence) => {
        for (const { before, command, role, outcome, after } of walk(sequence)) {
          const roleOk = COMMAND_ROLES[command.type].includes(role);
          const stateOk = COMMAND_FROM[command.type].includes(before.status);
          if (outcome.ok) {
            expect(roleOk && stateOk).toBe(true);
          } else {
            expect(outcome.refusal).toBe(!roleOk ? 'role' : !stateOk ? 'state' : 'invalid');
            expect(after).toBe(before);
          }
        }
      }),
    );
  });

  it('lists in allowedCommands exactly the commands some payload gets accepted for', () => {
    fc.assert(
      fc.property(steps, (sequence) => {
        for (const { before, command, role, outcome, candidates } of walk(sequence)) {
          // The step taken: accepted only if listed.
          if (outcome.ok) expect(allowedCommands(before, role, LIMITS)).toContain(command.type);
          for (const r of CASE_ROLES) {
            const allowed = allowedCommands(before, r, LIMITS);
            for (const type of CASE_COMMANDS) {
              const where = `${r} ${type} from ${JSON.stringify(before)}`;
              if (allowed.includes(type)) {
                // Soundness: a valid payload exists and is accepted.
                expect(transition(before, validCommand(type), r, LIMITS).ok, where).toBe(true);
              } else {
                // Completeness: neither the valid payload nor the generated one is accepted.
                expect(transition(before, validCommand(type), r, LIMITS).ok, where).toBe(false);
                expect(transition(before, candidates[type], r, LIMITS).ok, where).toBe(false);
              }
            }
          }
        }
      }),
    );
  });

  it('only raises the escalation, and keeps it within 0..MAX_ESCALATION', () => {
    fc.assert(
      fc.property(steps, (sequence) => {
        for (const { before, after } of walk(sequence)) {
          expect(after.escalation).toBeGreaterThanOrEqual(before.escalation);
          expect(after.escalation).toBeGreaterThanOrEqual(0);
          expect(after.escalation).toBeLessThanOrEqual(MAX_ESCALATION);
        }
      }),
    );
  });

  it('never grants more extension days than the limit, nor takes any back', () => {
    fc.assert(
      fc.property(steps, (sequence) => {
        for (const { before, after } of walk(sequence)) {
          expect(after.extensionDays).toBeGreaterThanOrEqual(before.extensionDays);
          expect(after.extensionDays).toBeLessThanOrEqual(LIMITS.maxExtensionDays);
          const pending = after.extension?.days ?? 0;
          expect(after.extensionDays + pending).toBeLessThanOrEqual(LIMITS.maxExtensionDays);
        }
      }),
    );
  });
});
