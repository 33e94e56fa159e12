import { maskPersonName, scrubText } from '../../../shared/redact.js';
import type { Attachment, KindFields, LedgerKind } from '../../../shared/schemas/ledger.js';
import type { Row } from '../../db/schema.js';

/**
 * What the public sees of an entry: a copy with private persons' names masked, ID numbers
 * and phone numbers removed, free text scrubbed, and only the attachments marked public.
 * Cadres and officials acting in office (approvers, confirmers) are named.
 */
type Json = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? scrubText(value) : value);
const name = (value: unknown) => (typeof value === 'string' ? maskPersonName(value) : value);

function payments(list: { payee: string; note?: string }[] | undefined): Json[] {
  return (list ?? []).map((p) => ({ ...p, payee: maskPersonName(p.payee) }));
}

export function redactFields(kind: LedgerKind, fields: Json): Json {
  switch (kind) {
    case 'project': {
      const f = fields as KindFields['project'];
      return {
        ...f,
        location: text(f.location),
        description: text(f.description),
        trade: f.trade ? { ...f.trade, note: text(f.trade.note) } : undefined,
        contract: f.contract ? { ...f.contract, party: name(f.contract.party) } : undefined,
        acceptances: f.acceptances.map((a) => ({ ...a, note: text(a.note) })),
        payments: payments(f.payments),
      };
    }
    case 'procurement': {
      const f = fields as KindFields['procurement'];
      return {
        ...f,
        item: text(f.item),
        quotations: f.quotations.map((q) => ({ ...q, supplier: maskPersonName(q.supplier) })),
        contract: f.contract ? { ...f.contract, party: name(f.contract.party) } : undefined,
        payments: payments(f.payments),
      };
    }
    case 'labour': {
      const f = fields as KindFields['labour'];
      return {
        workers: f.workers.map((w) => ({ name: maskPersonName(w.name) })),
        confirmations: f.confirmations.map((c) => ({
          ...c,
          worker: maskPersonName(c.worker),
          task: text(c.task),
        })),
        payments: payments(f.payments),
      };
    }
    case 'fund': {
      const f = fields as KindFields['fund'];
      return { ...f, counterparty: maskPersonName(f.counterparty), purpose: text(f.purpose) };
    }
    case 'asset': {
      const f = fields as KindFields['asset'];
      return { ...f, asset: text(f.asset), lessee: maskPersonName(f.lessee) };
    }
  }
}

export function publicAttachments(list: Attachment[]): Attachment[] {
  return list.filter((a) => a.public);
}

export interface PublicDecision {
  id: string;
  title: string;
  status: string;
  meetings: Json[];
}

/** A decision and its meetings as the public sees them: attendees masked. */
export function redactDecision(
  decision: Row<'decision'>,
  meetings: Row<'decision_meeting'>[],
): PublicDecision {
  return {
    id: decision.id,
    title: scrubText(decision.title),
    status: decision.status,
    meetings: meetings.map((m) => ({
      step: m.step,
      heldOn: m.held_on,
      form: m.form,
      expected: m.expected,
      present: m.present,
      votesFor: m.votes_for,
      votesAgainst: m.votes_against,
      votesAbstain: m.votes_abstain,
      content: scrubText(m.content),
      attendees: (JSON.parse(m.attendees) as string[]).map(maskPersonName),
      officials: JSON.parse(m.officials) as string[],
      attachments: publicAttachments(JSON.parse(m.attachments) as Attachment[]),
      outcome: m.outcome,
    })),
  };
}

/** Lower-cased text that staff and the public search, from the entry's words. */
export function searchTextOf(title: string, kind: LedgerKind, fields: Json): string {
  const words: unknown[] = [title];
  switch (kind) {
    case 'project': {
      const f = fields as KindFields['project'];
      words.push(f.location, f.description, f.contract?.party);
      break;
    }
    case 'procurement': {
      const f = fields as KindFields['procurement'];
      words.push(f.item, f.contract?.party, ...f.quotations.map((q) => q.supplier));
      break;
    }
    case 'labour':
      break;
    case 'fund': {
      const f = fields as KindFields['fund'];
      words.push(f.counterparty, f.purpose, f.invoiceNo);
      break;
    }
    case 'asset': {
      const f = fields as KindFields['asset'];
      words.push(f.asset, f.lessee);
      break;
    }
  }
  return words
    .filter((w): w is string => typeof w === 'string' && w.length > 0)
    .join(' ')
    .toLowerCase();
}

/** The public search text: the same words after redaction, so masked names never match. */
export function publicSearchTextOf(title: string, kind: LedgerKind, redacted: Json): string {
  return searchTextOf(scrubText(title), kind, redacted);
}
