/**
 * The closed loop every case runs (工单): received → dispatched → signed for → in progress →
 * replied → verified → closed out (销号); with extensions requested, granted or refused, a
 * return by the unit (→ dispatched again), a reopening by the resident, and escalation. One
 * pure function decides every step: who may take it, from which state, and what it leaves.
 * Time is not its business: deadlines are computed by the caller in working days.
 */
/** What residents file (on the web, by phone through staff, over Open311). */
export const CASE_TYPES = ['complaint', 'request', 'dispute', 'consultation'] as const;
/**
 * What supervision opens (六小一督): a finding of an inspection, a clue an informant reports,
 * a warning a red-flag rule raises. They run the same loop but are never public.
 */
export const SUPERVISION_CASE_TYPES = ['finding', 'clue', 'warning'] as const;
export const ALL_CASE_TYPES = [...CASE_TYPES, ...SUPERVISION_CASE_TYPES] as const;
/** A type a resident files. */
export type CaseType = (typeof CASE_TYPES)[number];
export type SupervisionCaseType = (typeof SUPERVISION_CASE_TYPES)[number];
/** Any type the engine runs. */
export type AnyCaseType = (typeof ALL_CASE_TYPES)[number];

export function isSupervisionType(type: string): type is SupervisionCaseType {
  return (SUPERVISION_CASE_TYPES as readonly string[]).includes(type);
}

export const CASE_STATUSES = [
  'received',
  'dispatched',
  'signed',
  'in_progress',
  'replied',
  'verified',
  'closed',
  'returned',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** States waiting for the dispatcher. */
export const AWAITING_DISPATCH: readonly CaseStatus[] = ['received', 'returned', 'reopened'];
/** States in which the responsible unit holds the case. */
export const WITH_UNIT: readonly CaseStatus[] = ['dispatched', 'signed', 'in_progress'];
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'closed');

/**
 * Who acts: the resident who filed (holding the tracking code), the dispatcher (town office),
 * a member of the lead unit, a member of a co-handling unit, the verifier, a unit that may take
 * matters of its area (a service point or alliance member: 接单/领办), or the system (the
 * deadline scan).
 */
export const CASE_ROLES = [
  'resident',
  'dispatcher',
  'unit',
  'coUnit',
  'verifier',
  'taker',
  'system',
] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/** The highest escalation: 0 village, 1 town office, 2 county. */
export const MAX_ESCALATION = 2;

export interface CaseState {
  status: CaseStatus;
  /** The lead unit while it holds or held the case. */
  unitId: string | null;
  coUnitIds: readonly string[];
  /** An extension the unit asked for, waiting for the dispatcher. */
  extension: { days: number; reason: string } | null;
  /** Working days of extension granted so far. */
  extensionDays: number;
  escalation: number;
  reply: string | null;
  verifiedBy: string | null;
  rating: number | null;
  reopenCount: number;
}

export type CaseCommand =
  | { type: 'dispatch'; unitId: string; coUnitIds?: readonly string[] }
  | { type: 'take'; unitId: string }
  | { type: 'sign' }
  | { type: 'return'; reason: string }
  | { type: 'start' }
  | { type: 'requestExtension'; days: number; reason: string }
  | { type: 'grantExtension' }
  | { type: 'refuseExtension'; reason: string }
  | { type: 'reply'; text: string }
  | { type: 'verify'; by: string }
  | { type: 'rejectReply'; reason: string }
  | { type: 'close' }
  | { type: 'reopen'; reason: string }
  | { type: 'escalate'; reason: string }
  | { type: 'rate'; score: number; comment?: string }
  | { type: 'note'; text: string }
  | { type: 'clear'; reason: string };
export type CaseCommandType = CaseCommand['type'];

export const CASE_COMMANDS = [
  'dispatch',
  'take',
  'sign',
  'return',
  'start',
  'requestExtension',
  'grantExtension',
  'refuseExtension',
  'reply',
  'verify',
  'rejectReply',
  'close',
  'reopen',
  'escalate',
  'rate',
  'note',
  'clear',
] as const satisfies readonly CaseCommandType[];

/** Who may give each command. */
export const COMMAND_ROLES: Record<CaseCommandType, readonly CaseRole[]> = {
  dispatch: ['dispatcher', 'system'],
  take: ['taker'],
  sign: ['unit'],
  return: ['unit'],
  start: ['unit'],
  requestExtension: ['unit'],
  grantExtension: ['dispatcher'],
  refuseExtension: ['dispatcher'],
  reply: ['unit'],
  verify: ['verifier'],
  rejectReply: ['verifier'],
  close: ['dispatcher', 'verifier'],
  reopen: ['resident', 'dispatcher'],
  escalate: ['dispatcher', 'system'],
  rate: ['resident'],
  note: ['dispatcher', 'unit', 'coUnit', 'verifier'],
  // A warning is cleared only by the rules finding its cause gone, never by a person.
  clear: ['system'],
};

/** From which states each command may be given. */
export const COMMAND_FROM: Record<CaseCommandType, readonly CaseStatus[]> = {
  dispatch: [...AWAITING_DISPATCH, 'dispatched'],
  take: AWAITING_DISPATCH,
  sign: ['dispatched'],
  return: ['dispatched', 'signed'],
  start: ['signed'],
  requestExtension: ['signed', 'in_progress'],
  grantExtension: ['signed', 'in_progress'],
  refuseExtension: ['signed', 'in_progress'],
  reply: ['signed', 'in_progress'],
  verify: ['replied'],
  rejectReply: ['replied'],
  close: ['verified'],
  reopen: ['closed'],
  escalate: OPEN_STATUSES,
  rate: ['closed'],
  note: CASE_STATUSES,
  // A warning is raised already with a unit (its village's station) and cleared from there.
  clear: [...WITH_UNIT, 'replied', 'verified'],
};

export const NEW_CASE: CaseState = Object.freeze({
  status: 'received',
  unitId: null,
  coUnitIds: Object.freeze([]),
  extension: null,
  extensionDays: 0,
  escalation: 0,
  reply: null,
  verifiedBy: null,
  rating: null,
  reopenCount: 0,
});

export type Refusal = 'role' | 'state' | 'invalid';
export type Outcome = { ok: true; state: CaseState } | { ok: false; refusal: Refusal };

export interface CaseLimits {
  /** Working days of extension a case may get in all. */
  maxExtensionDays: number;
}

const refuse = (refusal: Refusal): Outcome => ({ ok: false, refusal });
const blank = (text: string) => text.trim().length === 0;

/** The case after `command` given by `role`, or why it is refused. Never throws. */
export function transition(
  state: CaseState,
  command: CaseCommand,
  role: CaseRole,
  limits: CaseLimits,
): Outcome {
  if (!COMMAND_ROLES[command.type].includes(role)) return refuse('role');
  if (!COMMAND_FROM[command.type].includes(state.status)) return refuse('state');
  const next = (patch: Partial<CaseState>): Outcome => ({
    ok: true,
    state: { ...state, ...patch },
  });
  switch (command.type) {
    case 'dispatch': {
      if (blank(command.unitId)) return refuse('invalid');
      const coUnitIds = [...new Set(command.coUnitIds ?? [])].filter(
        (u) => u !== command.unitId && !blank(u),
      );
      return next({ status: 'dispatched', unitId: command.unitId, coUnitIds, extension: null });
    }
    case 'take':
      // A service point or alliance member takes (接单/领办) a matter of its area: it holds
      // the case at once, signed for.
      if (blank(command.unitId)) return refuse('invalid');
      return next({ status: 'signed', unitId: command.unitId, coUnitIds: [], extension: null });
    case 'sign':
      return next({ status: 'signed' });
    case 'return':
      if (blank(command.reason)) return refuse('invalid');
      return next({ status: 'returned', unitId: null, coUnitIds: [], extension: null });
    case 'start':
      return next({ status: 'in_progress' });
    case 'requestExtension':
      if (
        state.extension !== null ||
        blank(command.reason) ||
        !Number.isInteger(command.days) ||
        command.days < 1 ||
        state.extensionDays + command.days > limits.maxExtensionDays
      ) {
        return refuse('invalid');
      }
      return next({ extension: { days: command.days, reason: command.reason } });
    case 'grantExtension':
      if (state.extension === null) return refuse('invalid');
      return next({ extension: null, extensionDays: state.extensionDays + state.extension.days });
    case 'refuseExtension':
      if (state.extension === null || blank(command.reason)) return refuse('invalid');
      return next({ extension: null });
    case 'reply':
      if (blank(command.text)) return refuse('invalid');
      return next({ status: 'replied', reply: command.text, extension: null });
    case 'verify':
      if (blank(command.by)) return refuse('invalid');
      return next({ status: 'verified', verifiedBy: command.by });
    case 'rejectReply':
      if (blank(command.reason)) return refuse('invalid');
      return next({ status: 'in_progress', reply: null });
    case 'close':
      return next({ status: 'closed' });
    case 'reopen':
      if (blank(command.reason)) return refuse('invalid');
      return next({
        status: 'reopened',
        reply: null,
        verifiedBy: null,
        rating: null,
        reopenCount: state.reopenCount + 1,
        escalation: Math.min(MAX_ESCALATION, state.escalation + 1),
      });
    case 'escalate':
      if (state.escalation >= MAX_ESCALATION || blank(command.reason)) return refuse('invalid');
      return next({ escalation: state.escalation + 1 });
    case 'rate':
      if (
        state.rating !== null ||
        !Number.isInteger(command.score) ||
        command.score < 1 ||
        command.score > 5
      ) {
        return refuse('invalid');
      }
      return next({ rating: command.score });
    case 'note':
      if (blank(command.text)) return refuse('invalid');
      return next({});
    case 'clear':
      // Closed by the re-evaluation: its reason is the reply, the rules are the verifier.
      if (blank(command.reason)) return refuse('invalid');
      return next({
        status: 'closed',
        reply: command.reason,
        verifiedBy: 'rules',
        extension: null,
      });
  }
}

/**
 * The commands `role` may give now (for the actions a screen offers): exactly those for which
 * some payload is accepted by `transition` under the same `limits`.
 */
export function allowedCommands(
  state: CaseState,
  role: CaseRole,
  limits: CaseLimits,
): CaseCommandType[] {
  return CASE_COMMANDS.filter(
    (c) => COMMAND_ROLES[c].includes(role) && COMMAND_FROM[c].includes(state.status),
  ).filter((c) => {
    if (c === 'grantExtension' || c === 'refuseExtension') return state.extension !== null;
    if (c === 'requestExtension') {
      return state.extension === null && state.extensionDays + 1 <= limits.maxExtensionDays;
    }
    if (c === 'rate') return state.rating === null;
    if (c === 'escalate') return state.escalation < MAX_ESCALATION;
    return true;
  });
}

/** What must hold of every case in every state; the property tests check it. */
export function invariantProblems(state: CaseState): string[] {
  const problems: string[] = [];
  if (state.status === 'closed' && (state.reply === null || state.verifiedBy === null))
    problems.push('closed without a reply and a verifier');
  if (state.status === 'verified' && state.verifiedBy === null) problems.push('verified by nobody');
  if (
    ['dispatched', 'signed', 'in_progress', 'replied', 'verified', 'closed'].includes(state.status)
  ) {
    if (state.unitId === null) problems.push('held by no unit');
  }
  if (state.extension !== null && !['signed', 'in_progress'].includes(state.status))
    problems.push('an extension pending outside the unit');
  if (state.escalation < 0 || state.escalation > MAX_ESCALATION)
    problems.push('escalation out of range');
  if (state.rating !== null && state.status !== 'closed') problems.push('rated before the close');
  if (state.unitId !== null && state.coUnitIds.includes(state.unitId))
    problems.push('lead unit listed as co-unit');
  return problems;
}
