import { isValidCreditCode, isValidIdNumber } from '../../../shared/identifiers.js';
import {
  needsResolution,
  procurementMethod,
  PROCUREMENT_METHODS,
  QUOTATIONS_REQUIRED,
  worksMethod,
  WORKS_METHODS,
  type CountyPolicy,
} from '../../../shared/policy.js';
import {
  APPROVER_ROLES,
  type KindFields,
  type LedgerAction,
  type LedgerKind,
  type LedgerStage,
} from '../../../shared/schemas/ledger.js';
import type { Problem } from '../../platform/errors.js';

/**
 * The rules an entry must satisfy as a whole, checked on the state a change would produce:
 * dates in order, award methods and quotations the county's tier requires, checksums of
 * credit codes and ID numbers, a worker on the approved list, approvals in order, and the
 * passed resolution a contract above the tier needs. Pure: the caller supplies the rules
 * in force on any date and the linked decision.
 */
export interface EntryState {
  kind: LedgerKind;
  amount: number;
  occurredOn: string;
  stage: LedgerStage;
  decisionId: string | null;
  fields: Record<string, unknown>;
  overridden: boolean;
}

export interface RulesContext {
  policyOn(date: string): CountyPolicy;
  /** The linked decision, when there is one and it exists. */
  decision: { regionCode: string; passed: boolean } | null;
  regionCode: string;
}

const MOBILE = /^1[3-9]\d{9}$/;

function before(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a < b;
}

function resolutionProblems(
  state: EntryState,
  ctx: RulesContext,
  contract: { on: string; amount: number } | undefined,
): Problem[] {
  if (!contract || state.overridden) return [];
  const amount = Math.max(state.amount, contract.amount);
  if (!needsResolution(ctx.policyOn(contract.on), amount)) return [];
  if (!state.decisionId || !ctx.decision) {
    return [{ field: 'decisionId', messageKey: 'ledger.resolutionRequired' }];
  }
  if (ctx.decision.regionCode !== ctx.regionCode) {
    return [{ field: 'decisionId', messageKey: 'ledger.decisionOtherVillage' }];
  }
  if (!ctx.decision.passed) {
    return [{ field: 'decisionId', messageKey: 'ledger.resolutionRequired' }];
  }
  return [];
}

function paymentProblems(
  payments: { on: string }[] | undefined,
  earliest: string | undefined,
  messageKey: string,
): Problem[] {
  return (payments ?? []).flatMap((p, i) =>
    before(p.on, earliest) ? [{ field: `fields.payments.${i}.on`, messageKey }] : [],
  );
}

function projectProblems(state: EntryState, f: KindFields['project'], ctx: RulesContext) {
  const problems: Problem[] = [];
  const { trade, contract, works, settlement, priceAudit } = f;
  if (trade) {
    if (before(trade.on, state.occurredOn))
      problems.push({ field: 'fields.trade.on', messageKey: 'ledger.tradeBeforeStart' });
    const required = worksMethod(ctx.policyOn(trade.on), state.amount);
    if (WORKS_METHODS.indexOf(trade.method) < WORKS_METHODS.indexOf(required))
      problems.push({ field: 'fields.trade.method', messageKey: 'ledger.methodTooWeak' });
  }
  if (contract) {
    if (!trade) problems.push({ field: 'fields.trade', messageKey: 'ledger.tradeMissing' });
    if (before(contract.on, trade?.on))
      problems.push({ field: 'fields.contract.on', messageKey: 'ledger.contractBeforeTrade' });
    if (!isValidCreditCode(contract.creditCode))
      problems.push({ field: 'fields.contract.creditCode', messageKey: 'creditCode.checksum' });
  }
  if (works && before(works.on, contract?.on))
    problems.push({ field: 'fields.works.on', messageKey: 'ledger.worksBeforeContract' });
  f.acceptances.forEach((a, i) => {
    if (before(a.on, works?.on))
      problems.push({
        field: `fields.acceptances.${i}.on`,
        messageKey: 'ledger.acceptBeforeWorks',
      });
  });
  const passed = f.acceptances.find((a) => a.result === 'pass');
  if (settlement && before(settlement.on, passed?.on))
    problems.push({ field: 'fields.settlement.on', messageKey: 'ledger.settleBeforeAccept' });
  if (priceAudit && before(priceAudit.on, settlement?.on))
    problems.push({ field: 'fields.priceAudit.on', messageKey: 'ledger.auditBeforeSettle' });
  problems.push(...paymentProblems(f.payments, contract?.on, 'ledger.paymentBeforeContract'));
  problems.push(...resolutionProblems(state, ctx, contract));
  return problems;
}

function procurementProblems(state: EntryState, f: KindFields['procurement'], ctx: RulesContext) {
  const problems: Problem[] = [];
  const required = procurementMethod(ctx.policyOn(state.occurredOn), state.amount);
  if (PROCUREMENT_METHODS.indexOf(f.method) < PROCUREMENT_METHODS.indexOf(required))
    problems.push({ field: 'fields.method', messageKey: 'ledger.methodTooWeak' });
  if (f.quotations.length < QUOTATIONS_REQUIRED[required])
    problems.push({ field: 'fields.quotations', messageKey: 'ledger.quotationsTooFew' });
  const { contract } = f;
  if (contract) {
    if (before(contract.on, state.occurredOn))
      problems.push({ field: 'fields.contract.on', messageKey: 'ledger.contractBeforeStart' });
    if (!f.quotations.some((q) => q.supplier === contract.party))
      problems.push({ field: 'fields.contract.party', messageKey: 'ledger.supplierNotQuoted' });
    if (contract.creditCode !== undefined && !isValidCreditCode(contract.creditCode))
      problems.push({ field: 'fields.contract.creditCode', messageKey: 'creditCode.checksum' });
  }
  problems.push(...paymentProblems(f.payments, contract?.on, 'ledger.paymentBeforeContract'));
  if (!contract && f.payments.length > 0)
    problems.push({ field: 'fields.payments', messageKey: 'ledger.paymentBeforeContract' });
  problems.push(...resolutionProblems(state, ctx, contract));
  return problems;
}

function labourProblems(state: EntryState, f: KindFields['labour']) {
  const problems: Problem[] = [];
  const names = new Set(f.workers.map((w) => w.name));
  f.workers.forEach((w, i) => {
    if (w.idNumber && !isValidIdNumber(w.idNumber))
      problems.push({ field: `fields.workers.${i}.idNumber`, messageKey: 'idNumber.invalid' });
    if (w.phone && !MOBILE.test(w.phone))
      problems.push({ field: `fields.workers.${i}.phone`, messageKey: 'mobile.format' });
  });
  if (names.size !== f.workers.length)
    problems.push({ field: 'fields.workers', messageKey: 'ledger.workerTwice' });
  f.confirmations.forEach((c, i) => {
    if (!names.has(c.worker))
      problems.push({
        field: `fields.confirmations.${i}.worker`,
        messageKey: 'ledger.workerNotApproved',
      });
    if (before(c.confirmedOn, c.on))
      problems.push({
        field: `fields.confirmations.${i}.confirmedOn`,
        messageKey: 'ledger.confirmBeforeWork',
      });
    if (before(c.on, state.occurredOn))
      problems.push({
        field: `fields.confirmations.${i}.on`,
        messageKey: 'ledger.workBeforeStart',
      });
  });
  problems.push(...paymentProblems(f.payments, state.occurredOn, 'ledger.paymentBeforeStart'));
  return problems;
}

function fundProblems(f: KindFields['fund']) {
  const problems: Problem[] = [];
  f.approvals.forEach((a, i) => {
    if (a.role !== APPROVER_ROLES[i])
      problems.push({ field: `fields.approvals.${i}.role`, messageKey: 'ledger.approvalOrder' });
    if (i > 0 && before(a.on, f.approvals[i - 1]?.on))
      problems.push({ field: `fields.approvals.${i}.on`, messageKey: 'ledger.approvalOrder' });
  });
  return problems;
}

function assetProblems(state: EntryState, f: KindFields['asset']) {
  const problems: Problem[] = [];
  if (f.termEnd <= f.termStart)
    problems.push({ field: 'fields.termEnd', messageKey: 'ledger.termOrder' });
  if (f.lesseeCreditCode !== undefined && !isValidCreditCode(f.lesseeCreditCode))
    problems.push({ field: 'fields.lesseeCreditCode', messageKey: 'creditCode.checksum' });
  f.rentPayments.forEach((p, i) => {
    if (before(p.on, state.occurredOn))
      problems.push({ field: `fields.rentPayments.${i}.on`, messageKey: 'ledger.rentBeforeLease' });
  });
  return problems;
}

/** Every rule the entry breaks, by field. Empty: the entry may be stored. */
export function entryProblems(state: EntryState, ctx: RulesContext): Problem[] {
  const f = state.fields;
  switch (state.kind) {
    case 'project':
      return projectProblems(state, f as KindFields['project'], ctx);
    case 'procurement':
      return procurementProblems(state, f as KindFields['procurement'], ctx);
    case 'labour':
      return labourProblems(state, f as KindFields['labour']);
    case 'fund':
      return fundProblems(f as KindFields['fund']);
    case 'asset':
      return assetProblems(state, f as KindFields['asset']);
  }
}

/** The actions an entry of this kind allows in its present stage. */
export function allowedActions(
  kind: LedgerKind,
  stage: LedgerStage,
  fields: Record<string, unknown>,
): LedgerAction[] {
  switch (kind) {
    case 'project': {
      const actions: LedgerAction[] = [];
      if (stage === 'initiated') actions.push('trade');
      if (stage === 'traded') actions.push('contract');
      if (stage === 'contracted') actions.push('startWorks');
      if (stage === 'constructing') actions.push('accept');
      if (stage === 'accepted') actions.push('settle');
      if (stage === 'settled') actions.push('priceAudit');
      if (!['initiated', 'traded'].includes(stage)) actions.push('pay');
      return actions;
    }
    case 'procurement':
      return stage === 'initiated' ? ['contract'] : ['pay'];
    case 'labour':
      return ['addWorker', 'confirmWork', 'pay'];
    case 'fund':
      return (fields as KindFields['fund']).approvals.length < APPROVER_ROLES.length
        ? ['approve']
        : [];
    case 'asset':
      return ['payRent'];
  }
}

/** The stage an entry reaches after an action. */
export function stageAfter(
  kind: LedgerKind,
  stage: LedgerStage,
  action: LedgerAction,
  fields: Record<string, unknown>,
): LedgerStage {
  if (kind === 'project') {
    const f = fields as KindFields['project'];
    switch (action) {
      case 'trade':
        return 'traded';
      case 'contract':
        return 'contracted';
      case 'startWorks':
        return 'constructing';
      case 'accept':
        return f.acceptances.at(-1)?.result === 'pass' ? 'accepted' : 'constructing';
      case 'settle':
        return 'settled';
      case 'priceAudit':
        return 'priceAudited';
      case 'pay': {
        const paid = f.payments.reduce((sum, p) => sum + p.amount, 0);
        return stage === 'priceAudited' && f.priceAudit && paid >= f.priceAudit.amount
          ? 'paid'
          : stage;
      }
      default:
        return stage;
    }
  }
  if (kind === 'procurement') {
    const f = fields as KindFields['procurement'];
    if (action === 'contract') return 'contracted';
    if (action === 'pay') {
      const paid = f.payments.reduce((sum, p) => sum + p.amount, 0);
      return f.contract && paid >= f.contract.amount ? 'paid' : stage;
    }
  }
  return stage;
}
