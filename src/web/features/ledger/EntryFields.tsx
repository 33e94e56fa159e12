import {
  Descriptions,
  Flex,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  type DescriptionsProps,
  type TableColumnsType,
} from 'antd';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  APPROVER_ROLES,
  PROCUREMENT_STAGES,
  PROJECT_STAGES,
  type KindFields,
  type LedgerEntryDto,
  type LedgerStage,
  type Payment,
  type Worker,
} from '../../../shared/schemas/ledger.js';
import {
  CorrectButton,
  correctColumn,
  CorrectItemModal,
  useCanCorrect,
  type CorrectTarget,
  type OnCorrect,
} from './CorrectItemModal.js';
import {
  acceptanceResultLabel,
  approverRoleLabel,
  fundDirectionLabel,
  ledgerStageLabel,
  paymentMethodLabel,
  procurementMethodLabel,
  worksMethodLabel,
  yuanLabel,
} from './labels.js';

type Confirmation = KindFields['labour']['confirmations'][number];
type Acceptance = KindFields['project']['acceptances'][number];
type Quotation = KindFields['procurement']['quotations'][number];
type RentPayment = KindFields['asset']['rentPayments'][number];

/** The sum of a list of amounts in fen. */
export function totalOf(items: readonly { amount: number }[] | undefined): number {
  return (items ?? []).reduce((sum, item) => sum + item.amount, 0);
}

/** The kind's fields as stored; the server parsed them with the kind's schema. */
export function kindFields<K extends keyof KindFields>(entry: LedgerEntryDto, _kind: K) {
  return entry.fields as Partial<KindFields[K]>;
}

function Section({
  title,
  extra,
  children,
}: {
  title: string;
  /** Beside the title: the 更正 buttons of the section's blocks. */
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div style={{ marginBottom: 20 }}>
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </div>
  );
}

function Facts({ items }: { items: DescriptionsProps['items'] }) {
  return (
    <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items ?? []} />
  );
}

function text(t: TFunction, value: string | number | null | undefined): ReactNode {
  return value === undefined || value === null || value === '' ? t('ledger.detail.empty') : value;
}

function PaymentsTable({
  payments,
  correct,
}: {
  payments: Payment[] | undefined;
  correct: OnCorrect | undefined;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Payment> = [
    { title: t('ledger.detail.col.on'), dataIndex: 'on', key: 'on' },
    {
      title: t('ledger.detail.col.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, p) => yuanLabel(t, p.amount),
    },
    { title: t('ledger.detail.col.payee'), dataIndex: 'payee', key: 'payee' },
    {
      title: t('ledger.detail.col.method'),
      key: 'method',
      render: (_v, p) => paymentMethodLabel(t, p.method),
    },
    {
      title: t('ledger.detail.col.invoiceNo'),
      key: 'invoiceNo',
      render: (_v, p) => text(t, p.invoiceNo),
    },
    ...correctColumn<Payment>(t, 'payments', correct),
  ];
  return (
    <Section title={t('ledger.detail.f.payments')}>
      <Table<Payment>
        data-testid="entry-payments"
        rowKey={(_p, i) => String(i)}
        size="small"
        columns={columns}
        dataSource={payments ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ledger.detail.noPayments') }}
        footer={() => (
          <Typography.Text strong>
            {t('ledger.detail.totalPaid', { amount: yuanLabel(t, totalOf(payments)) })}
          </Typography.Text>
        )}
      />
    </Section>
  );
}

function ProjectFieldsView({ entry, correct }: { entry: LedgerEntryDto; correct?: OnCorrect }) {
  const { t } = useTranslation();
  const f = kindFields(entry, 'project');
  const acceptanceColumns: TableColumnsType<Acceptance> = [
    { title: t('ledger.detail.col.on'), dataIndex: 'on', key: 'on' },
    {
      title: t('ledger.detail.col.result'),
      key: 'result',
      render: (_v, a) => (
        <Tag color={a.result === 'pass' ? 'success' : 'error'}>
          {acceptanceResultLabel(t, a.result)}
        </Tag>
      ),
    },
    { title: t('ledger.detail.col.note'), key: 'note', render: (_v, a) => text(t, a.note) },
    ...correctColumn<Acceptance>(t, 'acceptances', correct),
  ];
  return (
    <>
      <Section title={t('ledger.detail.basics')}>
        <Facts
          items={[
            {
              key: 'location',
              label: t('ledger.detail.f.location'),
              children: text(t, f.location),
            },
            {
              key: 'description',
              label: t('ledger.detail.f.description'),
              span: 2,
              children: text(t, f.description),
            },
          ]}
        />
      </Section>
      <Section
        title={t('ledger.detail.f.trade')}
        extra={f.trade && <CorrectButton target={{ key: 'trade' }} onCorrect={correct} />}
      >
        <Facts
          items={[
            { key: 'on', label: t('ledger.detail.f.tradeOn'), children: text(t, f.trade?.on) },
            {
              key: 'method',
              label: t('ledger.detail.f.tradeMethod'),
              children: f.trade ? worksMethodLabel(t, f.trade.method) : text(t, null),
            },
            {
              key: 'note',
              label: t('ledger.detail.f.tradeNote'),
              children: text(t, f.trade?.note),
            },
          ]}
        />
      </Section>
      <Section
        title={t('ledger.detail.f.contract')}
        extra={f.contract && <CorrectButton target={{ key: 'contract' }} onCorrect={correct} />}
      >
        <ContractFacts contract={f.contract} />
      </Section>
      <Section
        title={t('ledger.detail.f.works')}
        extra={f.works && <CorrectButton target={{ key: 'works' }} onCorrect={correct} />}
      >
        <Facts
          items={[
            { key: 'on', label: t('ledger.detail.f.worksOn'), children: text(t, f.works?.on) },
          ]}
        />
      </Section>
      <Section title={t('ledger.detail.f.acceptances')}>
        <Table<Acceptance>
          rowKey={(_a, i) => String(i)}
          size="small"
          columns={acceptanceColumns}
          dataSource={f.acceptances ?? []}
          pagination={false}
          locale={{ emptyText: t('ledger.detail.noRows') }}
        />
      </Section>
      <Section
        title={`${t('ledger.detail.f.settlement')} · ${t('ledger.detail.f.priceAudit')}`}
        extra={
          <Space size={0}>
            {f.settlement && (
              <CorrectButton
                target={{ key: 'settlement' }}
                onCorrect={correct}
                label={t('ledger.detail.correct.buttonOf', {
                  item: t('ledger.detail.f.settlement'),
                })}
              />
            )}
            {f.priceAudit && (
              <CorrectButton
                target={{ key: 'priceAudit' }}
                onCorrect={correct}
                label={t('ledger.detail.correct.buttonOf', {
                  item: t('ledger.detail.f.priceAudit'),
                })}
              />
            )}
          </Space>
        }
      >
        <Facts
          items={[
            {
              key: 'settlementOn',
              label: t('ledger.detail.f.settlementOn'),
              children: text(t, f.settlement?.on),
            },
            {
              key: 'settlementAmount',
              label: t('ledger.detail.f.settlementAmount'),
              span: 2,
              children: f.settlement ? yuanLabel(t, f.settlement.amount) : text(t, null),
            },
            {
              key: 'auditOn',
              label: t('ledger.detail.f.priceAuditOn'),
              children: text(t, f.priceAudit?.on),
            },
            {
              key: 'auditAmount',
              label: t('ledger.detail.f.priceAuditAmount'),
              children: f.priceAudit ? yuanLabel(t, f.priceAudit.amount) : text(t, null),
            },
            {
              key: 'auditor',
              label: t('ledger.detail.f.priceAuditAuditor'),
              children: text(t, f.priceAudit?.auditor),
            },
          ]}
        />
      </Section>
      <PaymentsTable payments={f.payments} correct={correct} />
    </>
  );
}

function ContractFacts({
  contract,
}: {
  contract:
    { on: string; party: string; creditCode?: string | undefined; amount: number } | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Facts
      items={[
        {
          key: 'party',
          label: t('ledger.detail.f.contractParty'),
          children: text(t, contract?.party),
        },
        {
          key: 'creditCode',
          label: t('ledger.detail.f.contractCreditCode'),
          children: text(t, contract?.creditCode),
        },
        {
          key: 'amount',
          label: t('ledger.detail.f.contractAmount'),
          children: contract ? yuanLabel(t, contract.amount) : text(t, null),
        },
        { key: 'on', label: t('ledger.detail.f.contractOn'), children: text(t, contract?.on) },
      ]}
    />
  );
}

function ProcurementFieldsView({ entry, correct }: { entry: LedgerEntryDto; correct?: OnCorrect }) {
  const { t } = useTranslation();
  const f = kindFields(entry, 'procurement');
  const columns: TableColumnsType<Quotation> = [
    {
      title: t('ledger.detail.col.supplier'),
      key: 'supplier',
      render: (_v, q) => (
        <Space size={4}>
          {q.supplier}
          {f.contract?.party === q.supplier && (
            <Tag color="success">{t('ledger.detail.chosenSupplier')}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('ledger.detail.col.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, q) => yuanLabel(t, q.amount),
    },
    ...correctColumn<Quotation>(t, 'quotations', correct),
  ];
  return (
    <>
      <Section title={t('ledger.detail.basics')}>
        <Facts
          items={[
            { key: 'item', label: t('ledger.detail.f.item'), span: 2, children: text(t, f.item) },
            {
              key: 'method',
              label: t('ledger.detail.f.method'),
              children: f.method ? procurementMethodLabel(t, f.method) : text(t, null),
            },
          ]}
        />
      </Section>
      <Section title={t('ledger.detail.f.quotations')}>
        <Table<Quotation>
          data-testid="entry-quotations"
          rowKey={(_q, i) => String(i)}
          size="small"
          columns={columns}
          dataSource={f.quotations ?? []}
          pagination={false}
          locale={{ emptyText: t('ledger.detail.noRows') }}
        />
      </Section>
      <Section
        title={t('ledger.detail.f.contract')}
        extra={f.contract && <CorrectButton target={{ key: 'contract' }} onCorrect={correct} />}
      >
        <ContractFacts contract={f.contract} />
      </Section>
      <PaymentsTable payments={f.payments} correct={correct} />
    </>
  );
}

function LabourFieldsView({ entry, correct }: { entry: LedgerEntryDto; correct?: OnCorrect }) {
  const { t } = useTranslation();
  const f = kindFields(entry, 'labour');
  const workerColumns: TableColumnsType<Worker> = [
    { title: t('ledger.detail.col.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('ledger.detail.col.idNumber'),
      key: 'idNumber',
      render: (_v, w) => text(t, w.idNumber),
    },
    { title: t('ledger.detail.col.phone'), key: 'phone', render: (_v, w) => text(t, w.phone) },
    ...correctColumn<Worker>(t, 'workers', correct),
  ];
  const confirmationColumns: TableColumnsType<Confirmation> = [
    { title: t('ledger.detail.col.on'), dataIndex: 'on', key: 'on' },
    { title: t('ledger.detail.col.worker'), dataIndex: 'worker', key: 'worker' },
    {
      title: t('ledger.detail.col.hours'),
      key: 'hours',
      render: (_v, c) =>
        c.hours === undefined ? text(t, null) : t('ledger.detail.hoursValue', { n: c.hours }),
    },
    { title: t('ledger.detail.col.task'), key: 'task', render: (_v, c) => text(t, c.task) },
    {
      title: t('ledger.detail.col.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, c) => yuanLabel(t, c.amount),
    },
    { title: t('ledger.detail.col.confirmedBy'), dataIndex: 'confirmedBy', key: 'confirmedBy' },
    { title: t('ledger.detail.col.confirmedOn'), dataIndex: 'confirmedOn', key: 'confirmedOn' },
    ...correctColumn<Confirmation>(t, 'confirmations', correct),
  ];
  return (
    <>
      <Section title={t('ledger.detail.f.workers')}>
        <Table<Worker>
          data-testid="entry-workers"
          rowKey={(_w, i) => String(i)}
          size="small"
          columns={workerColumns}
          dataSource={f.workers ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('ledger.detail.noRows') }}
        />
      </Section>
      <Section title={t('ledger.detail.f.confirmations')}>
        <Table<Confirmation>
          data-testid="entry-confirmations"
          rowKey={(_c, i) => String(i)}
          size="small"
          columns={confirmationColumns}
          dataSource={f.confirmations ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('ledger.detail.noRows') }}
        />
      </Section>
      <PaymentsTable payments={f.payments} correct={correct} />
    </>
  );
}

function FundFieldsView({ entry, correct }: { entry: LedgerEntryDto; correct?: OnCorrect }) {
  const { t } = useTranslation();
  const f = kindFields(entry, 'fund');
  const approvals = f.approvals ?? [];
  return (
    <>
      <Section title={t('ledger.detail.basics')}>
        <Facts
          items={[
            {
              key: 'direction',
              label: t('ledger.detail.f.direction'),
              children: f.direction ? fundDirectionLabel(t, f.direction) : text(t, null),
            },
            {
              key: 'counterparty',
              label: t('ledger.detail.f.counterparty'),
              children: text(t, f.counterparty),
            },
            {
              key: 'method',
              label: t('ledger.detail.f.fundMethod'),
              children: f.method ? paymentMethodLabel(t, f.method) : text(t, null),
            },
            {
              key: 'invoiceNo',
              label: t('ledger.detail.f.invoiceNo'),
              children: text(t, f.invoiceNo),
            },
            {
              key: 'purpose',
              label: t('ledger.detail.f.purpose'),
              span: 2,
              children: text(t, f.purpose),
            },
          ]}
        />
      </Section>
      <Section title={t('ledger.detail.f.approvals')}>
        <Steps
          data-testid="entry-approvals"
          size="small"
          current={approvals.length}
          items={APPROVER_ROLES.map((role, i) => {
            const approval = approvals[i];
            return {
              title: approverRoleLabel(t, role),
              status: approval ? 'finish' : i === approvals.length ? 'process' : 'wait',
              description: approval ? (
                <>
                  {`${approval.name} · ${approval.on}`}
                  <CorrectButton target={{ key: 'approvals', index: i }} onCorrect={correct} />
                </>
              ) : (
                t('ledger.detail.approvalPending')
              ),
            };
          })}
        />
      </Section>
    </>
  );
}

function AssetFieldsView({ entry, correct }: { entry: LedgerEntryDto; correct?: OnCorrect }) {
  const { t } = useTranslation();
  const f = kindFields(entry, 'asset');
  const below = f.referencePrice !== undefined && entry.amount < f.referencePrice;
  const columns: TableColumnsType<RentPayment> = [
    { title: t('ledger.detail.col.on'), dataIndex: 'on', key: 'on' },
    {
      title: t('ledger.detail.col.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, p) => yuanLabel(t, p.amount),
    },
    ...correctColumn<RentPayment>(t, 'rentPayments', correct),
  ];
  return (
    <>
      <Section title={t('ledger.detail.basics')}>
        <Facts
          items={[
            { key: 'asset', label: t('ledger.detail.f.asset'), children: text(t, f.asset) },
            { key: 'lessee', label: t('ledger.detail.f.lessee'), children: text(t, f.lessee) },
            {
              key: 'lesseeCreditCode',
              label: t('ledger.detail.f.lesseeCreditCode'),
              children: text(t, f.lesseeCreditCode),
            },
            {
              key: 'term',
              label: t('ledger.detail.f.term'),
              children: t('ledger.detail.f.termValue', {
                start: f.termStart ?? '',
                end: f.termEnd ?? '',
              }),
            },
            {
              key: 'referencePrice',
              label: t('ledger.detail.f.referencePrice'),
              children:
                f.referencePrice === undefined ? text(t, null) : yuanLabel(t, f.referencePrice),
            },
            {
              key: 'rent',
              label: t('ledger.detail.f.rent'),
              children: (
                <Space size={4} data-testid="entry-rent">
                  <Typography.Text type={below ? 'danger' : undefined} strong={below}>
                    {yuanLabel(t, entry.amount)}
                  </Typography.Text>
                  {below && <Tag color="error">{t('ledger.detail.f.belowReference')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Section>
      <Section title={t('ledger.detail.f.rentPayments')}>
        <Table<RentPayment>
          data-testid="entry-rent-payments"
          rowKey={(_p, i) => String(i)}
          size="small"
          columns={columns}
          dataSource={f.rentPayments ?? []}
          pagination={false}
          locale={{ emptyText: t('ledger.detail.noRows') }}
          footer={() => (
            <Typography.Text strong>
              {t('ledger.detail.totalRent', { amount: yuanLabel(t, totalOf(f.rentPayments)) })}
            </Typography.Text>
          )}
        />
      </Section>
    </>
  );
}

/**
 * Everything in the entry's kind fields, readable: tables for lists, facts for the rest; for
 * those who may write, a 更正 button on each item a later step recorded.
 */
export function EntryFields({ entry }: { entry: LedgerEntryDto }) {
  const [target, setTarget] = useState<CorrectTarget | null>(null);
  const canCorrect = useCanCorrect(entry);
  return (
    <>
      <KindFieldsView entry={entry} correct={canCorrect ? setTarget : undefined} />
      {canCorrect && (
        <CorrectItemModal entry={entry} target={target} onClose={() => setTarget(null)} />
      )}
    </>
  );
}

function KindFieldsView({ entry, correct }: { entry: LedgerEntryDto; correct?: OnCorrect }) {
  switch (entry.kind) {
    case 'project':
      return <ProjectFieldsView entry={entry} correct={correct} />;
    case 'procurement':
      return <ProcurementFieldsView entry={entry} correct={correct} />;
    case 'labour':
      return <LabourFieldsView entry={entry} correct={correct} />;
    case 'fund':
      return <FundFieldsView entry={entry} correct={correct} />;
    case 'asset':
      return <AssetFieldsView entry={entry} correct={correct} />;
  }
}

/** What happened at a stage, under its step: the date and the figure it recorded. */
function stageNote(t: TFunction, entry: LedgerEntryDto, stage: LedgerStage): ReactNode {
  const f = entry.fields as Partial<KindFields['project']>;
  // One fact a line: the steps are narrow.
  const join = (...parts: (string | undefined)[]) => (
    <>
      {parts.filter(Boolean).map((part, i) => (
        <div key={i}>{part}</div>
      ))}
    </>
  );
  switch (stage) {
    case 'initiated':
      return entry.occurredOn;
    case 'traded':
      return f.trade ? join(f.trade.on, worksMethodLabel(t, f.trade.method)) : null;
    case 'contracted':
      return f.contract
        ? join(f.contract.on, f.contract.party, yuanLabel(t, f.contract.amount))
        : null;
    case 'constructing':
      return f.works?.on ?? null;
    case 'accepted': {
      const last = f.acceptances?.at(-1);
      return last
        ? t('ledger.detail.stepAcceptance', {
            date: last.on,
            result: acceptanceResultLabel(t, last.result),
          })
        : null;
    }
    case 'settled':
      return f.settlement ? join(f.settlement.on, yuanLabel(t, f.settlement.amount)) : null;
    case 'priceAudited':
      return f.priceAudit ? join(f.priceAudit.on, yuanLabel(t, f.priceAudit.amount)) : null;
    case 'paid': {
      const payments = f.payments ?? [];
      if (payments.length === 0) return null;
      return join(
        payments.at(-1)?.on,
        t('ledger.detail.stepPaid', { amount: yuanLabel(t, totalOf(payments)) }),
      );
    }
    case 'recorded':
      return null;
  }
}

/** The stages of a project or purchase, the current one highlighted; null for other kinds. */
export function StageSteps({ entry }: { entry: LedgerEntryDto }) {
  const { t } = useTranslation();
  const stages: readonly LedgerStage[] | null =
    entry.kind === 'project'
      ? PROJECT_STAGES
      : entry.kind === 'procurement'
        ? PROCUREMENT_STAGES
        : null;
  if (!stages) return null;
  const current = Math.max(0, stages.indexOf(entry.stage));
  const done = entry.stage === stages.at(-1);
  return (
    <Steps
      data-testid="entry-stage-steps"
      size="small"
      labelPlacement="vertical"
      current={current}
      status={entry.status === 'voided' ? 'error' : done ? 'finish' : 'process'}
      items={stages.map((stage) => ({
        title: ledgerStageLabel(t, stage),
        description: stageNote(t, entry, stage),
      }))}
    />
  );
}
