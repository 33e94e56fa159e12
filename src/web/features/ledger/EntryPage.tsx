import {
  ArrowLeftOutlined,
  CheckOutlined,
  EditOutlined,
  PrinterOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
  UnlockOutlined,
  EyeOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Result,
  Space,
  Tag,
  Tooltip,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Permission } from '../../../shared/permissions.js';
import { isWithin } from '../../../shared/region.js';
import type { LedgerAction, LedgerEntryDto } from '../../../shared/schemas/ledger.js';
import { ApiError } from '../../api/client.js';
import { formatTime, todayInShanghai } from '../../format.js';
import { useMe } from '../auth/session.js';
import {
  actionLabel,
  ActionModal,
  CONFIRM_BUTTON_PROPS,
  ReasonModal,
  ReviewModal,
} from './ActionForms.js';
import { AmendModal } from './AmendModal.js';
import { EntryAttachments } from './AttachmentsField.js';
import { EntryFields, StageSteps } from './EntryFields.js';
import { entryApi } from './entry.api.js';
import {
  amountLabel,
  dateLabel,
  DECISION_STATUS_COLORS,
  decisionStatusLabel,
  KIND_COLORS,
  ledgerKindLabel,
  ledgerStageLabel,
  ledgerStatusLabel,
  procurementMethodLabel,
  REVIEW_STATUS_COLORS,
  reviewStatusLabel,
  worksMethodLabel,
  yuanLabel,
} from './labels.js';
import { LEDGER_KEY, ledgerApi } from './ledger.api.js';
import { VersionHistory } from './VersionHistory.js';

/** On paper: the page alone, without the menu, the header or any button. */
const PRINT_CSS = `@media print {
  .qf-no-print, .ant-layout-sider, .ant-layout-header { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .ant-card { break-inside: avoid; box-shadow: none !important; }
}`;

const entryKey = (id: string) => [...LEDGER_KEY, 'entry', id] as const;

export default function EntryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const entry = useQuery({
    queryKey: entryKey(id),
    queryFn: () => ledgerApi.get(id),
    enabled: id !== '',
    meta: { silent: true },
  });

  if (entry.isPending) return <Card loading />;
  if (entry.isError || !entry.data) {
    const missing = entry.error instanceof ApiError && entry.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('ledger.detail.notFound') : t('app.loadFailed')}
        extra={
          <Space>
            <Link to="/ledger">
              <Button icon={<ArrowLeftOutlined />}>{t('ledger.detail.back')}</Button>
            </Link>
            {!missing && (
              <Button onClick={() => void entry.refetch()}>{t('common.refresh')}</Button>
            )}
          </Space>
        }
      />
    );
  }
  return <EntryView entry={entry.data} />;
}

/** The entry with everything the caller may do to it. */
function EntryView({ entry }: { entry: LedgerEntryDto }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const client = useQueryClient();
  const [today] = useState(todayInShanghai);

  // Rights over this entry's village, not just somewhere.
  const canIn = (permission: Permission) =>
    (me.permissions[permission] ?? []).some((root) => isWithin(entry.regionCode, root));
  const active = entry.status === 'active';
  const canWrite = active && canIn('ledger.write');
  const canReview = active && canIn('ledger.review');
  const canOverride = active && canIn('ledger.override');

  const [action, setAction] = useState<LedgerAction | null>(null);
  const [amending, setAmending] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const [reviewing, setReviewing] = useState<boolean | null>(null);

  const decision = useQuery({
    queryKey: ['decisions', entry.decisionId],
    queryFn: () => entryApi.decision(entry.decisionId!),
    enabled: entry.decisionId !== null,
    meta: { silent: true },
  });

  const refresh = () => client.invalidateQueries({ queryKey: LEDGER_KEY });
  const submit = useMutation({
    mutationFn: () => ledgerApi.submit(entry.id, entry.version),
    onSuccess: async () => {
      void message.success(t('ledger.detail.submit.done'));
      await refresh();
    },
  });
  const disclose = useMutation({
    mutationFn: () => ledgerApi.disclose(entry.id, entry.version),
    onSuccess: async () => {
      void message.success(t('ledger.detail.disclose.done'));
      await refresh();
    },
  });

  const f = entry.fields as { contract?: unknown };
  const isStaged = entry.kind === 'project' || entry.kind === 'procurement';
  const decisionPassed =
    decision.data?.status === 'passed' || decision.data?.status === 'completed';
  const decisionKnown = entry.decisionId === null || decision.isFetched;
  // Above the county's tier a contract needs a passed resolution, unless a town officer let it.
  const resolutionMissing =
    active &&
    isStaged &&
    entry.rules.needsResolution &&
    entry.override === null &&
    f.contract === undefined &&
    decisionKnown &&
    !decisionPassed;

  const currentPublic = entry.disclosedVersion === entry.version;
  const reviewBlocksDisclosure = entry.rules.reviewRequired && entry.reviewStatus !== 'approved';
  const showSubmit =
    canWrite &&
    entry.rules.reviewRequired &&
    !currentPublic &&
    (entry.reviewStatus === 'none' || entry.reviewStatus === 'returned');
  const actions = [...new Set(entry.allowedActions)] as LedgerAction[];

  const confirmThen = (title: string, content: string, run: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okButtonProps: CONFIRM_BUTTON_PROPS,
      onOk: () => run().catch(() => undefined),
    });

  const buttons = (
    <Space wrap className="qf-no-print">
      {canWrite && (
        <Button icon={<EditOutlined />} data-testid="entry-amend" onClick={() => setAmending(true)}>
          {t('ledger.detail.buttons.amend')}
        </Button>
      )}
      {showSubmit && (
        <Button
          icon={<SendOutlined />}
          data-testid="entry-submit"
          loading={submit.isPending}
          onClick={() =>
            confirmThen(t('ledger.detail.submit.confirm'), '', () => submit.mutateAsync())
          }
        >
          {t('ledger.detail.buttons.submit')}
        </Button>
      )}
      {canReview && entry.reviewStatus === 'pending' && (
        <>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            data-testid="entry-review-approve"
            onClick={() => setReviewing(true)}
          >
            {t('ledger.detail.buttons.approve')}
          </Button>
          <Button
            danger
            icon={<RollbackOutlined />}
            data-testid="entry-review-return"
            onClick={() => setReviewing(false)}
          >
            {t('ledger.detail.buttons.return')}
          </Button>
        </>
      )}
      {canWrite && !currentPublic && (
        <Tooltip
          title={reviewBlocksDisclosure ? t('ledger.detail.disclose.needsReview') : undefined}
        >
          <Button
            type="primary"
            icon={<EyeOutlined />}
            data-testid="entry-disclose"
            disabled={reviewBlocksDisclosure}
            loading={disclose.isPending}
            onClick={() =>
              confirmThen(
                t('ledger.detail.disclose.confirm', { n: entry.version }),
                t('ledger.detail.disclose.confirmContent'),
                () => disclose.mutateAsync(),
              )
            }
          >
            {t('ledger.detail.buttons.disclose')}
          </Button>
        </Tooltip>
      )}
      {canWrite && (
        <Button
          danger
          icon={<StopOutlined />}
          data-testid="entry-void"
          onClick={() => setVoiding(true)}
        >
          {t('ledger.detail.buttons.void')}
        </Button>
      )}
      <Button icon={<PrinterOutlined />} data-testid="entry-print" onClick={() => window.print()}>
        {t('ledger.detail.print')}
      </Button>
    </Space>
  );

  const showActions = actions.length > 0 || (resolutionMissing && (canWrite || canOverride));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <style>{PRINT_CSS}</style>
      <Link to="/ledger" className="qf-no-print">
        <ArrowLeftOutlined /> {t('ledger.detail.back')}
      </Link>

      <Card
        data-testid="entry-header"
        title={
          <Space wrap size={8}>
            <span>{entry.title}</span>
            <Tag color={KIND_COLORS[entry.kind]}>{ledgerKindLabel(t, entry.kind)}</Tag>
            <Tag>{t('ledger.detail.versionTag', { n: entry.version })}</Tag>
          </Space>
        }
        extra={buttons}
      >
        <Header entry={entry} today={today} />
      </Card>

      {entry.status === 'voided' && (
        <Alert
          type="error"
          showIcon
          data-testid="entry-voided"
          message={t('ledger.detail.voidedWith', { reason: entry.voidReason ?? '' })}
        />
      )}
      {entry.override && (
        <Alert
          type="warning"
          showIcon
          data-testid="entry-override-alert"
          message={t('ledger.detail.override.alert')}
          description={t('ledger.detail.override.detail', {
            reason: entry.override.reason,
            by: entry.override.by,
            at: formatTime(entry.override.at),
          })}
        />
      )}
      {entry.reviewStatus === 'returned' && entry.reviewNote && (
        <Alert
          type="warning"
          showIcon
          message={t('ledger.detail.reviewNote', { note: entry.reviewNote })}
        />
      )}

      {isStaged && (
        <Card title={t('ledger.detail.stepsTitle')}>
          <StageSteps entry={entry} />
        </Card>
      )}

      {showActions && (
        <Card title={t('ledger.detail.actionsTitle')} className="qf-no-print">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              {actions.map((name) => (
                <Button
                  key={name}
                  type={name === actions[0] ? 'primary' : 'default'}
                  data-testid={`action-${name}`}
                  onClick={() => setAction(name)}
                >
                  {actionLabel(t, name)}
                </Button>
              ))}
              {resolutionMissing && canOverride && (
                <Button
                  danger
                  icon={<UnlockOutlined />}
                  data-testid="entry-override"
                  onClick={() => setOverriding(true)}
                >
                  {t('ledger.detail.override.button')}
                </Button>
              )}
            </Space>
            {resolutionMissing && (
              <Typography.Text type="warning" data-testid="entry-resolution-hint">
                {t('ledger.detail.resolutionHint')}
              </Typography.Text>
            )}
          </Space>
        </Card>
      )}

      <Card title={t('ledger.detail.fieldsTitle')}>
        <EntryFields entry={entry} />
      </Card>

      <Card title={t('ledger.detail.decision.title')} data-testid="entry-decision">
        {entry.decisionId ? (
          <Space wrap>
            <Link to={`/decisions/${entry.decisionId}`} data-testid="entry-decision-link">
              {decision.data?.title ?? t('ledger.detail.decision.open')}
            </Link>
            {decision.data && (
              <Tag color={DECISION_STATUS_COLORS[decision.data.status]}>
                {decisionStatusLabel(t, decision.data.status)}
              </Tag>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('ledger.detail.decision.none')}</Typography.Text>
        )}
      </Card>

      <Card title={t('ledger.detail.attachments.title')}>
        <EntryAttachments key={entry.version} entry={entry} editable={canWrite} />
      </Card>

      <Card title={t('ledger.detail.history.title')}>
        <VersionHistory kind={entry.kind} versions={entry.versions} />
      </Card>

      <ActionModal entry={entry} action={action} onClose={() => setAction(null)} />
      <AmendModal
        entry={entry}
        open={amending}
        onClose={() => setAmending(false)}
        decisionTitle={decision.data?.title}
      />
      <ReviewModal entry={entry} approve={reviewing} onClose={() => setReviewing(null)} />
      <ReasonModal
        open={voiding}
        title={t('ledger.detail.void.title')}
        intro={t('ledger.detail.void.intro')}
        okText={t('ledger.detail.buttons.void')}
        danger
        confirm={{
          title: t('ledger.detail.void.confirm'),
          content: t('ledger.detail.void.confirmContent'),
        }}
        onSubmit={async (reason) => {
          await ledgerApi.void(entry.id, reason);
          void message.success(t('ledger.detail.void.done'));
          await refresh();
        }}
        onClose={() => setVoiding(false)}
        testId="void-reason"
      />
      <ReasonModal
        open={overriding}
        title={t('ledger.detail.override.title')}
        intro={t('ledger.detail.override.intro')}
        okText={t('ledger.detail.override.button')}
        danger
        confirm={{
          title: t('ledger.detail.override.confirm'),
          content: t('ledger.detail.override.confirmContent'),
        }}
        onSubmit={async (reason) => {
          await ledgerApi.override(entry.id, reason);
          void message.success(t('ledger.detail.override.done'));
          await refresh();
        }}
        onClose={() => setOverriding(false)}
        testId="override-reason"
      />
    </Space>
  );
}

/** The facts at the top: kind, village, amount, date, status, version, disclosure, review, rules. */
function Header({ entry, today }: { entry: LedgerEntryDto; today: string }) {
  const { t } = useTranslation();
  const { rules } = entry;
  const overdue = entry.disclosureDueOn !== null && entry.disclosureDueOn < today;
  const yesNo = (value: boolean) => (
    <Tag color={value ? 'orange' : 'default'}>
      {value ? t('ledger.detail.yes') : t('ledger.detail.no')}
    </Tag>
  );

  const disclosure = (
    <Space wrap size={4} data-testid="disclosure-state">
      {entry.disclosedVersion !== null && (
        <Tag color="success">{t('ledger.detail.disclosed', { n: entry.disclosedVersion })}</Tag>
      )}
      {entry.disclosureDueOn !== null && (
        <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue}>
          {t('ledger.detail.dueBy', { date: entry.disclosureDueOn })}
        </Typography.Text>
      )}
      {overdue && <Tag color="error">{t('ledger.detail.overdue')}</Tag>}
      {entry.disclosedVersion === null && entry.disclosureDueOn === null && (
        <Tag>{t('ledger.detail.notDisclosed')}</Tag>
      )}
    </Space>
  );

  const review =
    rules.reviewRequired || entry.reviewStatus !== 'none' ? (
      <Space wrap size={4} data-testid="review-state">
        <Tag color={REVIEW_STATUS_COLORS[entry.reviewStatus]}>
          {reviewStatusLabel(t, entry.reviewStatus)}
        </Tag>
        {entry.reviewNote && <Typography.Text type="secondary">{entry.reviewNote}</Typography.Text>}
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('ledger.detail.reviewNotRequired')}</Typography.Text>
    );

  const items: DescriptionsProps['items'] = [
    {
      key: 'kind',
      label: t('ledger.detail.header.kind'),
      children: ledgerKindLabel(t, entry.kind),
    },
    { key: 'village', label: t('ledger.detail.header.village'), children: entry.regionName },
    {
      key: 'amount',
      label: amountLabel(t, entry.kind),
      children: <Typography.Text strong>{yuanLabel(t, entry.amount)}</Typography.Text>,
    },
    { key: 'date', label: dateLabel(t, entry.kind), children: entry.occurredOn },
    {
      key: 'status',
      label: t('ledger.detail.header.status'),
      children:
        entry.status === 'voided' ? (
          <Tag color="error" data-testid="entry-status">
            {t('ledger.detail.voidedWith', { reason: entry.voidReason ?? '' })}
          </Tag>
        ) : (
          <Tag color="success" data-testid="entry-status">
            {ledgerStatusLabel(t, entry.status)}
          </Tag>
        ),
    },
    {
      key: 'version',
      label: t('ledger.detail.header.version'),
      children: (
        <span data-testid="entry-version">
          {t('ledger.detail.versionTag', { n: entry.version })}
        </span>
      ),
    },
  ];
  if (entry.kind === 'project' || entry.kind === 'procurement') {
    items.push({
      key: 'stage',
      label: t('ledger.detail.header.stage'),
      children: ledgerStageLabel(t, entry.stage),
    });
  }
  items.push(
    { key: 'disclosure', label: t('ledger.detail.header.disclosure'), children: disclosure },
    { key: 'review', label: t('ledger.detail.header.review'), children: review },
    {
      key: 'updatedAt',
      label: t('ledger.detail.header.updatedAt'),
      children: formatTime(entry.updatedAt),
    },
  );

  const ruleItems: DescriptionsProps['items'] = [];
  if (rules.worksMethod) {
    ruleItems.push({
      key: 'worksMethod',
      label: t('ledger.detail.rules.worksMethod'),
      children: <Tag color="blue">{worksMethodLabel(t, rules.worksMethod)}</Tag>,
    });
  }
  if (rules.procurementMethod) {
    ruleItems.push({
      key: 'procurementMethod',
      label: t('ledger.detail.rules.procurementMethod'),
      children: <Tag color="blue">{procurementMethodLabel(t, rules.procurementMethod)}</Tag>,
    });
  }
  ruleItems.push(
    {
      key: 'needsResolution',
      label: t('ledger.detail.rules.needsResolution'),
      children: yesNo(rules.needsResolution),
    },
    {
      key: 'disclosedAtOnce',
      label: t('ledger.detail.rules.disclosedAtOnce'),
      children: yesNo(rules.disclosedAtOnce),
    },
    {
      key: 'reviewRequired',
      label: t('ledger.detail.rules.reviewRequired'),
      children: yesNo(rules.reviewRequired),
    },
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
      <Descriptions
        data-testid="entry-rules"
        title={<Typography.Text type="secondary">{t('ledger.detail.rules.title')}</Typography.Text>}
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={ruleItems}
      />
    </Space>
  );
}
