import { PaperClipOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, theme } from 'antd';
import type { TFunction } from 'i18next';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { formatTime } from '../format.js';
import {
  entriesApi,
  entryKeys,
  isRecord,
  num,
  rec,
  recs,
  str,
  strs,
  type Json,
  type PublicEntryDetail,
  type PublicHistoryItemDto,
} from './entries.api.js';
import {
  changeValueLabel,
  decisionStepLabel,
  directionLabel,
  fieldName,
  fieldPathLabel,
  kindLabel,
  meetingFormLabel,
  methodLabel,
  outcomeLabel,
  reasonLabel,
  resultLabel,
  roleLabel,
  stageLabel,
  statusLabel,
  yuanLabel,
} from './entryLabels.js';
import { Heading, Muted, Panel } from './ui.js';
import { Crumbs, kindTone, Tag } from './entryCards.js';

/** Printing: no site header or footer, no buttons, black on white. */
const PRINT_CSS = `
@media print {
  .qf-no-print { display: none !important; }
  body, body * {
    background: #fff !important;
    color: #000 !important;
    box-shadow: none !important;
  }
  main { max-width: none !important; padding: 0 !important; }
  section { border-color: #000 !important; }
  table, th, td { border-color: #000 !important; }
  tr, li, article { break-inside: avoid; }
  a { text-decoration: none !important; }
}
`;

const VOTING_STEPS = new Set(['proposal', 'committees', 'partyMembers', 'representatives']);
const preWrap: CSSProperties = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' };

// ---------------------------------------------------------------------------
// Plain building blocks
// ---------------------------------------------------------------------------

type FactRow = [label: string, value: ReactNode, testId?: string];

/** Label and value pairs; rows without a value are left out. */
function Facts({ rows }: { rows: FactRow[] }) {
  const { token } = theme.useToken();
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (shown.length === 0) return null;
  return (
    <dl
      style={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 16,
        rowGap: 6,
        margin: 0,
      }}
    >
      {shown.map(([label, value, testId]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt style={{ color: token.colorTextSecondary }}>{label}</dt>
          <dd style={{ margin: 0, minWidth: 0, ...preWrap }} data-testid={testId}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

interface Column {
  title: string;
  render: (row: Json) => ReactNode;
  align?: 'right';
}

/** A plain table that scrolls sideways on a narrow phone. */
function PlainTable({
  columns,
  rows,
  testId,
}: {
  columns: Column[];
  rows: Json[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (rows.length === 0) return <Muted style={{ margin: 0 }}>{t('publicEntry.entry.none')}</Muted>;
  const cell: CSSProperties = {
    padding: '6px 8px',
    borderBottom: `1px solid ${token.colorBorderSecondary}`,
    textAlign: 'left',
    verticalAlign: 'top',
  };
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid={testId} style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.title}
                style={{
                  ...cell,
                  fontWeight: 500,
                  color: token.colorTextSecondary,
                  whiteSpace: 'nowrap',
                  textAlign: c.align ?? 'left',
                }}
              >
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td
                  key={c.title}
                  style={{
                    ...cell,
                    textAlign: c.align ?? 'left',
                    whiteSpace: c.align ? 'nowrap' : undefined,
                  }}
                >
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const money = (t: TFunction, value: unknown) => {
  const fen = num(value);
  return fen === undefined ? undefined : yuanLabel(t, fen);
};

const sumOf = (rows: Json[]) => rows.reduce((total, row) => total + (num(row.amount) ?? 0), 0);

function Attachments({ list }: { list: Json[] }) {
  const items = list.filter((a) => str(a.fileId) && a.public !== false);
  if (items.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }} data-testid="entry-attachments">
      {items.map((a) => (
        <li key={str(a.fileId)} style={{ padding: '2px 0' }}>
          <a
            href={`/api/v1/files/${encodeURIComponent(str(a.fileId) ?? '')}`}
            target="_blank"
            rel="noopener noreferrer"
          >
            <PaperClipOutlined /> {str(a.name) ?? str(a.fileId)}
          </a>
        </li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------------------
// Stage progress (立项 … 支付)
// ---------------------------------------------------------------------------

interface Step {
  stage: string;
  date?: string | undefined;
  detail?: ReactNode;
}

function Progress({ kind, steps, current }: { kind: string; steps: Step[]; current: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const currentIndex = steps.findIndex((s) => s.stage === current);
  return (
    <Panel title={t('publicEntry.entry.progress')} testId="entry-progress">
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {steps.map((step, index) => {
          const done = !!step.date || index <= currentIndex;
          const isCurrent = index === currentIndex;
          const last = index === steps.length - 1;
          return (
            <li key={step.stage} style={{ display: 'flex', gap: 12 }}>
              <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
                <span
                  aria-hidden
                  style={{
                    width: 12,
                    height: 12,
                    marginTop: 5,
                    borderRadius: '50%',
                    flex: 'none',
                    border: `2px solid ${done ? token.colorPrimary : token.colorBorder}`,
                    background: done && !isCurrent ? token.colorPrimary : token.colorBgContainer,
                  }}
                />
                {!last && (
                  <span
                    aria-hidden
                    style={{
                      flex: 1,
                      width: 2,
                      minHeight: 16,
                      background: done ? token.colorPrimary : token.colorBorderSecondary,
                    }}
                  />
                )}
              </div>
              <div style={{ paddingBottom: last ? 0 : 12, minWidth: 0, flex: 1 }}>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
                  <span
                    style={{
                      fontWeight: 600,
                      color: done ? token.colorText : token.colorTextTertiary,
                    }}
                  >
                    {stageLabel(t, kind, step.stage)}
                  </span>
                  {step.date && <span>{step.date}</span>}
                  {isCurrent && <Tag tone="project">{t('publicEntry.entry.current')}</Tag>}
                  {!done && (
                    <span style={{ color: token.colorTextTertiary }}>
                      {t('publicEntry.entry.notYet')}
                    </span>
                  )}
                </div>
                {step.detail && (
                  <div style={{ color: token.colorTextSecondary, ...preWrap }}>{step.detail}</div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}

const joined = (parts: (string | undefined)[], separator: string) =>
  parts.filter((p): p is string => !!p).join(separator) || undefined;

/** 立项 交易 合同 施工 验收 结算 审价 支付, each dated from the project's fields. */
function projectSteps(t: TFunction, snapshot: Json, f: Json): Step[] {
  const trade = rec(f.trade);
  const contract = rec(f.contract);
  const settlement = rec(f.settlement);
  const audit = rec(f.priceAudit);
  const acceptances = recs(f.acceptances);
  const payments = recs(f.payments);
  const sep = t('publicEntry.pairSeparator');
  return [
    { stage: 'initiated', date: str(snapshot.occurredOn) },
    {
      stage: 'traded',
      date: str(trade.on),
      detail: joined(
        [str(trade.method) && methodLabel(t, str(trade.method)!), str(trade.note)],
        sep,
      ),
    },
    {
      stage: 'contracted',
      date: str(contract.on),
      detail: joined([str(contract.party), money(t, contract.amount)], sep),
    },
    { stage: 'constructing', date: str(rec(f.works).on) },
    {
      stage: 'accepted',
      date: str(acceptances.at(-1)?.on),
      detail: joined(
        acceptances.map((a) =>
          joined(
            [
              t('publicEntry.entry.acceptance', {
                date: str(a.on) ?? '',
                result: resultLabel(t, str(a.result) ?? ''),
              }),
              str(a.note),
            ],
            sep,
          ),
        ),
        '\n',
      ),
    },
    { stage: 'settled', date: str(settlement.on), detail: money(t, settlement.amount) },
    {
      stage: 'priceAudited',
      date: str(audit.on),
      detail: joined([money(t, audit.amount), str(audit.auditor)], sep),
    },
    {
      stage: 'paid',
      date: str(payments.at(-1)?.on),
      detail:
        payments.length > 0
          ? t('publicEntry.entry.paymentsTotal', { amount: yuanLabel(t, sumOf(payments)) })
          : undefined,
    },
  ];
}

/** 立项 (quotations) → 合同 → 支付. */
function procurementSteps(t: TFunction, snapshot: Json, f: Json): Step[] {
  const contract = rec(f.contract);
  const payments = recs(f.payments);
  const sep = t('publicEntry.pairSeparator');
  return [
    { stage: 'initiated', date: str(snapshot.occurredOn) },
    {
      stage: 'contracted',
      date: str(contract.on),
      detail: joined([str(contract.party), money(t, contract.amount)], sep),
    },
    {
      stage: 'paid',
      date: str(payments.at(-1)?.on),
      detail:
        payments.length > 0
          ? t('publicEntry.entry.paymentsTotal', { amount: yuanLabel(t, sumOf(payments)) })
          : undefined,
    },
  ];
}

// ---------------------------------------------------------------------------
// The kind's public fields
// ---------------------------------------------------------------------------

function Payments({ list }: { list: Json[] }) {
  const { t } = useTranslation();
  return (
    <Panel title={t('publicEntry.entry.payments')}>
      <PlainTable
        testId="entry-payments"
        rows={list}
        columns={[
          { title: fieldName(t, 'on'), render: (r) => str(r.on) },
          { title: fieldName(t, 'amount'), render: (r) => money(t, r.amount), align: 'right' },
          { title: fieldName(t, 'payee'), render: (r) => str(r.payee) },
          {
            title: fieldName(t, 'method'),
            render: (r) => str(r.method) && methodLabel(t, str(r.method)!),
          },
          { title: fieldName(t, 'invoiceNo'), render: (r) => str(r.invoiceNo) },
        ]}
      />
      {list.length > 0 && (
        <Muted style={{ margin: '8px 0 0' }}>
          {t('publicEntry.entry.paymentsTotal', { amount: yuanLabel(t, sumOf(list)) })}
        </Muted>
      )}
    </Panel>
  );
}

function KindDetails({ kind, snapshot, stage }: { kind: string; snapshot: Json; stage: string }) {
  const { t } = useTranslation();
  const f = rec(snapshot.fields);
  const detailsTitle = t('publicEntry.entry.details');
  switch (kind) {
    case 'project':
      return (
        <>
          {(str(f.location) || str(f.description)) && (
            <Panel title={detailsTitle}>
              <Facts
                rows={[
                  [fieldName(t, 'location'), str(f.location)],
                  [fieldName(t, 'description'), str(f.description)],
                ]}
              />
            </Panel>
          )}
          <Progress kind={kind} steps={projectSteps(t, snapshot, f)} current={stage} />
          <Payments list={recs(f.payments)} />
        </>
      );
    case 'procurement':
      return (
        <>
          <Panel title={detailsTitle}>
            <Facts
              rows={[
                [fieldName(t, 'item'), str(f.item)],
                [fieldName(t, 'method'), str(f.method) && methodLabel(t, str(f.method)!)],
              ]}
            />
            <Heading level={3}>{t('publicEntry.entry.quotations')}</Heading>
            <PlainTable
              testId="entry-quotations"
              rows={recs(f.quotations)}
              columns={[
                { title: fieldName(t, 'supplier'), render: (r) => str(r.supplier) },
                {
                  title: fieldName(t, 'amount'),
                  render: (r) => money(t, r.amount),
                  align: 'right',
                },
              ]}
            />
          </Panel>
          <Progress kind={kind} steps={procurementSteps(t, snapshot, f)} current={stage} />
          <Payments list={recs(f.payments)} />
        </>
      );
    case 'labour': {
      const workers = recs(f.workers)
        .map((w) => str(w.name))
        .filter((n): n is string => !!n);
      return (
        <>
          <Panel title={t('publicEntry.entry.workers')}>
            {workers.length === 0 ? (
              <Muted style={{ margin: 0 }}>{t('publicEntry.entry.none')}</Muted>
            ) : (
              <>
                <Muted style={{ margin: '0 0 4px' }}>
                  {t('publicEntry.entry.workersCount', { count: workers.length })}
                </Muted>
                <div data-testid="entry-workers" style={preWrap}>
                  {workers.join(t('publicEntry.listSeparator'))}
                </div>
              </>
            )}
          </Panel>
          <Panel title={t('publicEntry.entry.confirmations')}>
            <PlainTable
              testId="entry-confirmations"
              rows={recs(f.confirmations)}
              columns={[
                { title: fieldName(t, 'on'), render: (r) => str(r.on) },
                { title: fieldName(t, 'worker'), render: (r) => str(r.worker) },
                { title: fieldName(t, 'hours'), render: (r) => num(r.hours), align: 'right' },
                { title: fieldName(t, 'task'), render: (r) => str(r.task) },
                {
                  title: fieldName(t, 'amount'),
                  render: (r) => money(t, r.amount),
                  align: 'right',
                },
                { title: fieldName(t, 'confirmedBy'), render: (r) => str(r.confirmedBy) },
                { title: fieldName(t, 'confirmedOn'), render: (r) => str(r.confirmedOn) },
              ]}
            />
          </Panel>
          <Payments list={recs(f.payments)} />
        </>
      );
    }
    case 'fund':
      return (
        <>
          <Panel title={detailsTitle}>
            <Facts
              rows={[
                [
                  fieldName(t, 'direction'),
                  str(f.direction) && directionLabel(t, str(f.direction)!),
                ],
                [fieldName(t, 'counterparty'), str(f.counterparty)],
                [fieldName(t, 'method'), str(f.method) && methodLabel(t, str(f.method)!)],
                [fieldName(t, 'invoiceNo'), str(f.invoiceNo)],
                [fieldName(t, 'purpose'), str(f.purpose)],
              ]}
            />
          </Panel>
          <Panel title={t('publicEntry.entry.approvals')}>
            <PlainTable
              testId="entry-approvals"
              rows={recs(f.approvals)}
              columns={[
                {
                  title: fieldName(t, 'role'),
                  render: (r) => str(r.role) && roleLabel(t, str(r.role)!),
                },
                { title: fieldName(t, 'name'), render: (r) => str(r.name) },
                { title: fieldName(t, 'on'), render: (r) => str(r.on) },
              ]}
            />
          </Panel>
        </>
      );
    case 'asset': {
      const rents = recs(f.rentPayments);
      return (
        <>
          <Panel title={detailsTitle}>
            <Facts
              rows={[
                [fieldName(t, 'asset'), str(f.asset)],
                [fieldName(t, 'lessee'), str(f.lessee)],
                [fieldName(t, 'lesseeCreditCode'), str(f.lesseeCreditCode)],
                [
                  t('publicEntry.entry.termLabel'),
                  str(f.termStart) &&
                    t('publicEntry.entry.term', {
                      start: str(f.termStart),
                      end: str(f.termEnd) ?? '',
                    }),
                ],
                [fieldName(t, 'referencePrice'), money(t, f.referencePrice)],
              ]}
            />
          </Panel>
          <Panel title={t('publicEntry.entry.rentPayments')}>
            <PlainTable
              testId="entry-rent"
              rows={rents}
              columns={[
                { title: fieldName(t, 'on'), render: (r) => str(r.on) },
                {
                  title: fieldName(t, 'amount'),
                  render: (r) => money(t, r.amount),
                  align: 'right',
                },
              ]}
            />
            {rents.length > 0 && (
              <Muted style={{ margin: '8px 0 0' }}>
                {t('publicEntry.entry.rentTotal', { amount: yuanLabel(t, sumOf(rents)) })}
              </Muted>
            )}
          </Panel>
        </>
      );
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------
// The decision (四议两公开) and its meetings
// ---------------------------------------------------------------------------

function Meeting({ meeting }: { meeting: Json }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const step = str(meeting.step) ?? '';
  const outcome = str(meeting.outcome);
  const expected = num(meeting.expected) ?? 0;
  const attendees = strs(meeting.attendees);
  const officials = strs(meeting.officials);
  const list = t('publicEntry.listSeparator');
  return (
    <li
      data-testid="decision-meeting"
      style={{ padding: '10px 0', borderTop: `1px solid ${token.colorBorderSecondary}` }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <span style={{ fontWeight: 600 }}>{decisionStepLabel(t, step)}</span>
        {str(meeting.heldOn) && <span>{str(meeting.heldOn)}</span>}
        {outcome && (
          <Tag tone={outcome === 'passed' || outcome === 'posted' ? 'fund' : 'red'}>
            {outcomeLabel(t, outcome)}
          </Tag>
        )}
      </div>
      <div style={{ color: token.colorTextSecondary }}>
        {joined(
          [
            str(meeting.form) && meetingFormLabel(t, str(meeting.form)!),
            expected > 0
              ? t('publicEntry.entry.attendance', {
                  present: num(meeting.present) ?? 0,
                  expected,
                })
              : undefined,
            VOTING_STEPS.has(step) && expected > 0
              ? t('publicEntry.entry.votes', {
                  for: num(meeting.votesFor) ?? 0,
                  against: num(meeting.votesAgainst) ?? 0,
                  abstain: num(meeting.votesAbstain) ?? 0,
                })
              : undefined,
          ],
          t('publicEntry.itemSeparator'),
        )}
      </div>
      {str(meeting.content) && (
        <div style={{ ...preWrap, marginTop: 4 }}>{str(meeting.content)}</div>
      )}
      <div style={{ marginTop: 4 }}>
        <Facts
          rows={[
            [
              t('publicEntry.entry.attendees'),
              attendees.length > 0 ? attendees.join(list) : undefined,
            ],
            [
              t('publicEntry.entry.officials'),
              officials.length > 0 ? officials.join(list) : undefined,
            ],
          ]}
        />
      </div>
      <Attachments list={recs(meeting.attachments)} />
    </li>
  );
}

/** A ledger entry's decision, or the decision itself when the entry is one (`self`). */
function DecisionBlock({ decision, self }: { decision: Json; self: boolean }) {
  const { t } = useTranslation();
  const meetings = recs(decision.meetings);
  const id = str(decision.id);
  const entries = recs(decision.entries);
  return (
    <Panel title={t('publicEntry.entry.decision')} testId="entry-decision">
      {!self && str(decision.title) && (
        <div style={{ fontWeight: 600, marginBottom: 4 }}>{str(decision.title)}</div>
      )}
      <Facts
        rows={[
          [
            t('publicEntry.entry.decisionStatus'),
            str(decision.status) && statusLabel(t, str(decision.status)!),
          ],
        ]}
      />
      {str(decision.commentFrom) && (
        <Muted style={{ margin: '4px 0 0' }}>
          {t('publicEntry.entry.commentFrom', { date: str(decision.commentFrom) })}
        </Muted>
      )}
      {!self && id && (
        <div className="qf-no-print" style={{ margin: '4px 0' }}>
          <Link to={`/public/entries/${encodeURIComponent(id)}`}>
            {t('publicEntry.entry.decisionLink')}
          </Link>
        </div>
      )}
      <Heading level={3}>{t('publicEntry.entry.meetings')}</Heading>
      {meetings.length === 0 ? (
        <Muted style={{ margin: 0 }}>{t('publicEntry.entry.noMeetings')}</Muted>
      ) : (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {meetings.map((m, i) => (
            <Meeting key={i} meeting={m} />
          ))}
        </ol>
      )}
      {self && entries.length > 0 && (
        <>
          <Heading level={3}>{t('publicEntry.entry.relatedEntries')}</Heading>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {entries.map((e) => (
              <li key={str(e.id)}>
                <Link to={`/public/entries/${encodeURIComponent(str(e.id) ?? '')}`}>
                  {str(e.title)}
                </Link>
                {str(e.kind) && <> · {kindLabel(t, str(e.kind)!)}</>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

// ---------------------------------------------------------------------------
// The history of publications (公开记录 / 修改记录)
// ---------------------------------------------------------------------------

function HistoryItem({
  entry,
  item,
  latest,
  first,
}: {
  entry: PublicEntryDetail;
  item: PublicHistoryItemDto;
  latest: boolean;
  first: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const cell: CSSProperties = {
    padding: '4px 6px',
    borderBottom: `1px solid ${token.colorBorderSecondary}`,
    textAlign: 'left',
    verticalAlign: 'top',
    wordBreak: 'break-word',
  };
  return (
    <article
      data-testid="history-item"
      style={{ padding: '12px 0', borderTop: `1px solid ${token.colorBorderSecondary}` }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <span style={{ fontWeight: 600 }}>
          {t('publicEntry.history.version', { version: item.version })}
        </span>
        {latest && <Tag tone="fund">{t('publicEntry.history.latest')}</Tag>}
        <span style={{ color: token.colorTextSecondary }}>
          {t('publicEntry.history.publishedAt', { time: formatTime(item.publishedAt) })}
        </span>
      </div>
      {item.reason ? (
        <div style={preWrap}>
          {t('publicEntry.history.reason', { reason: reasonLabel(t, entry.kind, item.reason) })}
        </div>
      ) : (
        first && <div>{t('publicEntry.history.first')}</div>
      )}
      {!first &&
        (item.changes.length === 0 ? (
          <Muted style={{ margin: '4px 0 0' }}>{t('publicEntry.history.noChanges')}</Muted>
        ) : (
          <div style={{ overflowX: 'auto', marginTop: 6 }}>
            <table
              data-testid="history-changes"
              style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}
            >
              <thead>
                <tr style={{ color: token.colorTextSecondary }}>
                  <th style={{ ...cell, fontWeight: 500, width: '30%' }}>
                    {t('publicEntry.history.field')}
                  </th>
                  <th style={{ ...cell, fontWeight: 500, width: '35%' }}>
                    {t('publicEntry.history.before')}
                  </th>
                  <th style={{ ...cell, fontWeight: 500, width: '35%' }}>
                    {t('publicEntry.history.after')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {item.changes.map((change) => (
                  <tr key={change.path}>
                    <td style={cell}>{fieldPathLabel(t, change.path)}</td>
                    <td style={{ ...cell, color: token.colorTextSecondary }}>
                      <del style={{ textDecorationColor: token.colorTextQuaternary }}>
                        {changeValueLabel(t, change.path, change.before)}
                      </del>
                    </td>
                    <td style={cell}>{changeValueLabel(t, change.path, change.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <div className="qf-no-print" style={{ marginTop: 6 }}>
        <Link
          to={`/public/entries/${encodeURIComponent(entry.subjectId)}/chain/${encodeURIComponent(item.id)}`}
          data-testid="history-chain-link"
        >
          {t('publicEntry.history.chainLink')}
        </Link>
      </div>
    </article>
  );
}

// ---------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------

/**
 * An entry's public page, at a URL that stays the same across versions: the latest
 * published snapshot, its decision and meetings, and every earlier publication as a diff.
 */
export default function EntryPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { id = '' } = useParams();
  const entry = useQuery({
    queryKey: entryKeys.entry(id),
    queryFn: () => entriesApi.entry(id),
    meta: { silent: true },
  });

  if (entry.isPending) {
    return (
      <Panel>
        <Skeleton active />
      </Panel>
    );
  }
  if (entry.isError) {
    const notFound =
      entry.error instanceof ApiError && ['NOT_FOUND', 'VALIDATION'].includes(entry.error.code);
    return (
      <Panel>
        <Empty description={notFound ? t('publicEntry.entry.notFound') : errorText(entry.error)}>
          <Link to="/public">{t('publicEntry.nav.allTowns')}</Link>
        </Empty>
      </Panel>
    );
  }

  const d = entry.data;
  const s = d.snapshot;
  const override = rec(s.override);
  const decision = d.kind === 'decision' ? s : isRecord(s.decision) ? s.decision : null;
  const villagePath = `/public/villages/${d.regionCode}`;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="entry-page">
      <style>{PRINT_CSS}</style>
      <Crumbs
        items={[
          { label: d.regionName, to: villagePath },
          { label: kindLabel(t, d.kind), to: `${villagePath}?period=${d.period}&kind=${d.kind}` },
        ]}
      />

      {d.voided && (
        <div
          role="alert"
          data-testid="entry-voided"
          style={{
            padding: '12px 16px',
            borderRadius: token.borderRadiusLG,
            border: '1px solid #ffa39e',
            background: '#fff1f0',
            color: '#a8071a',
          }}
        >
          <div style={{ fontWeight: 600, fontSize: 16 }}>{t('publicEntry.entry.voided')}</div>
          {str(s.voidReason) && (
            <div style={preWrap}>
              {t('publicEntry.entry.voidReason', { reason: str(s.voidReason) })}
            </div>
          )}
        </div>
      )}

      <Panel>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, flex: 1 }}>
            <Tag tone={kindTone(d.kind)}>{kindLabel(t, d.kind)}</Tag>
            {d.voided && <Tag tone="red">{t('publicEntry.card.voided')}</Tag>}
            {d.version > 1 && (
              <Tag tone="gold">{t('publicEntry.card.modified', { version: d.version })}</Tag>
            )}
          </div>
          <button
            type="button"
            className="qf-no-print"
            onClick={() => window.print()}
            data-testid="entry-print"
            style={{
              flex: 'none',
              padding: '2px 10px',
              border: `1px solid ${token.colorBorder}`,
              borderRadius: token.borderRadius,
              background: token.colorBgContainer,
              color: token.colorText,
              cursor: 'pointer',
            }}
          >
            <PrinterOutlined /> {t('publicEntry.entry.print')}
          </button>
        </div>
        <div style={{ marginTop: 8 }}>
          <Heading testId="entry-title">{d.title}</Heading>
        </div>
        <Facts
          rows={[
            [t('publicEntry.entry.village'), <Link to={villagePath}>{d.regionName}</Link>],
            [t('publicEntry.entry.kind'), kindLabel(t, d.kind)],
            [
              t('publicEntry.entry.amount'),
              <span style={{ fontSize: 18, fontWeight: 600 }}>{yuanLabel(t, d.amount)}</span>,
              'entry-amount',
            ],
            [t('publicEntry.entry.date'), d.occurredOn],
            [t('publicEntry.entry.stage'), stageLabel(t, d.kind, d.stage)],
            [
              t('publicEntry.entry.version'),
              t('publicEntry.entry.versionValue', { version: d.version }),
            ],
            [t('publicEntry.entry.publishedAt'), formatTime(d.publishedAt)],
          ]}
        />
      </Panel>

      {str(override.reason) !== undefined || str(override.at) !== undefined ? (
        <Panel title={t('publicEntry.entry.override')} testId="entry-override">
          <div>{t('publicEntry.entry.overrideText')}</div>
          {str(override.reason) && (
            <div style={preWrap}>
              {t('publicEntry.entry.overrideReason', { reason: str(override.reason) })}
            </div>
          )}
          {str(override.at) && (
            <div>{t('publicEntry.entry.overrideAt', { time: formatTime(str(override.at)) })}</div>
          )}
        </Panel>
      ) : null}

      {d.kind === 'decision' && str(s.content) && (
        <Panel title={t('publicEntry.entry.content')}>
          <div style={preWrap}>{str(s.content)}</div>
        </Panel>
      )}

      <KindDetails kind={d.kind} snapshot={s} stage={d.stage} />

      {decision && <DecisionBlock decision={decision} self={d.kind === 'decision'} />}

      {recs(s.attachments).some((a) => a.public !== false) && (
        <Panel title={t('publicEntry.entry.attachments')}>
          <Attachments list={recs(s.attachments)} />
        </Panel>
      )}

      <Panel title={t('publicEntry.history.title')} testId="entry-history">
        <Muted>{t('publicEntry.history.intro')}</Muted>
        {d.history.map((item, index) => (
          <HistoryItem
            key={item.id}
            entry={d}
            item={item}
            latest={index === 0}
            first={index === d.history.length - 1}
          />
        ))}
      </Panel>
    </div>
  );
}
