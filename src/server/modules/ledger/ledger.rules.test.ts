import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/policy.js';
import { allowedActions, entryProblems, stageAfter, type EntryState } from './ledger.rules.js';

const ctx = {
  policyOn: () => DEFAULT_POLICY,
  decision: null,
  regionCode: '339901101201',
};
const CREDIT_CODE = '91350100M000100Y43';

const day = fc
  .integer({ min: 0, max: 364 })
  .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));

function project(contractOn: string, paymentOn: string): EntryState {
  return {
    kind: 'project',
    amount: 5_000_000,
    occurredOn: '2026-01-01',
    stage: 'contracted',
    decisionId: null,
    overridden: false,
    fields: {
      trade: { on: '2026-01-01', method: 'own_choice' },
      contract: {
        on: contractOn,
        party: '清溪建设工程有限公司',
        creditCode: CREDIT_CODE,
        amount: 4_800_000,
      },
      acceptances: [],
      payments: [{ on: paymentOn, amount: 100, payee: '清溪建设工程有限公司', method: 'transfer' }],
    },
  };
}

describe('ledger rules', () => {
  it('never accepts a payment dated before the contract, and always one on or after it', () => {
    fc.assert(
      fc.property(day, day, (contractOn, paymentOn) => {
        const problems = entryProblems(project(contractOn, paymentOn), ctx).map((p) => p.field);
        expect(problems.includes('fields.payments.0.on')).toBe(paymentOn < contractOn);
      }),
    );
  });

  it('asks for a resolution from the county amount on, unless a town officer overrode it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.boolean(), (amount, overridden) => {
        const state = { ...project('2026-02-01', '2026-02-02'), amount, overridden };
        (state.fields.contract as { amount: number }).amount = amount;
        (state.fields.trade as { method: string }).method = 'county_tender';
        const needs = entryProblems(state, ctx).some(
          (p) => p.messageKey === 'ledger.resolutionRequired',
        );
        expect(needs).toBe(!overridden && amount >= DEFAULT_POLICY.resolutionRequiredFrom);
      }),
    );
  });

  it('sends a failed acceptance back to the works until one passes', () => {
    const fields = { acceptances: [{ on: '2026-03-01', result: 'fail' }], payments: [] };
    expect(stageAfter('project', 'constructing', 'accept', fields)).toBe('constructing');
    expect(allowedActions('project', 'constructing', fields)).toContain('accept');
    const passed = {
      ...fields,
      acceptances: [...fields.acceptances, { on: '2026-03-20', result: 'pass' }],
    };
    expect(stageAfter('project', 'constructing', 'accept', passed)).toBe('accepted');
    expect(allowedActions('project', 'accepted', passed)).toEqual(['settle', 'pay']);
  });

  it('lets a labour hire pay only workers on its approved list', () => {
    const state: EntryState = {
      kind: 'labour',
      amount: 100_000,
      occurredOn: '2026-03-01',
      stage: 'recorded',
      decisionId: null,
      overridden: false,
      fields: {
        workers: [{ name: '王建国' }],
        confirmations: [
          {
            on: '2026-03-02',
            worker: '李四',
            amount: 20_000,
            confirmedBy: '张主任',
            confirmedOn: '2026-03-02',
          },
        ],
        payments: [],
      },
    };
    expect(entryProblems(state, ctx)).toEqual([
      { field: 'fields.confirmations.0.worker', messageKey: 'ledger.workerNotApproved' },
    ]);
  });
});
