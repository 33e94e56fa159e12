import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Typography,
  type ButtonProps,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKS_METHODS, type WorksMethod } from '../../../shared/policy.js';
import {
  APPROVER_ROLES,
  PAYMENT_METHODS,
  type ApproverRole,
  type KindFields,
  type LedgerAction,
  type LedgerEntryDto,
} from '../../../shared/schemas/ledger.js';
import { ApiError } from '../../api/client.js';
import { fieldPath, showError } from '../../api/errors.js';
import { fenToYuan, todayInShanghai, yuanToFen } from '../../format.js';
import { YuanInput } from '../policy/YuanInput.js';
import {
  acceptanceResultLabel,
  approverRoleLabel,
  paymentMethodLabel,
  worksMethodLabel,
} from './labels.js';
import { LEDGER_KEY, ledgerApi, type LedgerActionInput } from './ledger.api.js';

const DATE = 'YYYY-MM-DD';

/** The OK button of every modal of the entry page, for the browser tests. */
export const SUBMIT_BUTTON_PROPS = { 'data-testid': 'action-submit' } as ButtonProps;
/** The OK button of a confirmation asked after a form (作废, 超限额放行, 公开 …). */
export const CONFIRM_BUTTON_PROPS = { 'data-testid': 'action-confirm' } as ButtonProps;

/** The name of an action, on its button and as the title of its form. */
export const actionLabel = (t: TFunction, action: LedgerAction): string =>
  t(`ledger.detail.actions.${action}`);

/** Whether a field (as an antd name path) is on the form, so its error can show there. */
export type OnForm = (path: (string | number)[]) => boolean;

/**
 * Put an API error where it belongs: field messages on the form's fields when the form has
 * them; the rest (e.g. a missing resolution, named on `decisionId`) kept to show in the
 * modal; and always a message at the top of the page.
 */
export function useModalErrors(form: FormInstance, names: readonly string[] | OnForm) {
  const [problems, setProblems] = useState<string[]>([]);
  const onForm: OnForm =
    typeof names === 'function'
      ? names
      : (path) => path.length === 1 && names.includes(String(path[0]));
  const report = (error: unknown) => {
    const fields =
      error instanceof ApiError ? error.fields.filter((f) => f.field !== '(body)') : [];
    const here = fields.filter((f) => onForm(fieldPath(f.field)));
    const elsewhere = fields.filter((f) => !onForm(fieldPath(f.field))).map((f) => f.message);
    showError(
      error,
      here.length > 0
        ? {
            setFields: (list) =>
              form.setFields(
                list.filter((item) => {
                  const name: unknown = item.name;
                  return onForm(
                    Array.isArray(name) ? (name as (string | number)[]) : [String(name)],
                  );
                }),
              ),
          }
        : undefined,
    );
    if (error instanceof ApiError && fields.length === 0 && error.code === 'CONFLICT') {
      elsewhere.push(error.message);
    }
    setProblems(elsewhere);
  };
  const alert =
    problems.length > 0 ? (
      <Alert
        type="error"
        showIcon
        data-testid="action-problems"
        style={{ marginBottom: 16 }}
        message={problems.length === 1 ? problems[0] : undefined}
        description={
          problems.length > 1 ? (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : undefined
        }
      />
    ) : null;
  return { report, clear: () => setProblems([]), alert };
}

/** Every value any action form may hold; each form uses a few. Dates as picked, amounts in yuan. */
interface Values {
  on?: Dayjs;
  method?: string;
  note?: string;
  party?: string;
  creditCode?: string;
  amount?: number;
  result?: 'pass' | 'fail';
  auditor?: string;
  payee?: string;
  invoiceNo?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  worker?: string;
  hours?: number;
  task?: string;
  confirmedBy?: string;
  confirmedOn?: Dayjs;
  role?: ApproverRole;
}

const FIELDS: Record<LedgerAction, readonly (keyof Values)[]> = {
  trade: ['on', 'method', 'note'],
  contract: ['on', 'party', 'creditCode', 'amount'],
  startWorks: ['on'],
  accept: ['on', 'result', 'note'],
  settle: ['on', 'amount'],
  priceAudit: ['on', 'amount', 'auditor'],
  pay: ['on', 'amount', 'payee', 'method', 'invoiceNo'],
  addWorker: ['name', 'idNumber', 'phone'],
  confirmWork: ['on', 'worker', 'hours', 'task', 'amount', 'confirmedBy', 'confirmedOn'],
  approve: ['role', 'name', 'on'],
  payRent: ['on', 'amount'],
};

const day = (value: Dayjs | undefined): string => (value ?? dayjs()).format(DATE);
const fen = (yuan: number | undefined): number => yuanToFen(yuan ?? 0);
/** Trimmed text, or undefined when nothing was entered (optional fields are left out). */
const optional = (value: string | undefined): string | undefined => value?.trim() || undefined;
const required = (value: string | undefined): string => value?.trim() ?? '';

function toBody(action: LedgerAction, v: Values, expectedVersion: number): LedgerActionInput {
  switch (action) {
    case 'trade':
      return {
        action,
        expectedVersion,
        on: day(v.on),
        method: v.method as WorksMethod,
        note: optional(v.note),
      };
    case 'contract':
      return {
        action,
        expectedVersion,
        on: day(v.on),
        party: required(v.party),
        creditCode: optional(v.creditCode),
        amount: fen(v.amount),
      };
    case 'startWorks':
      return { action, expectedVersion, on: day(v.on) };
    case 'accept':
      return {
        action,
        expectedVersion,
        on: day(v.on),
        result: v.result ?? 'pass',
        note: optional(v.note),
      };
    case 'settle':
      return { action, expectedVersion, on: day(v.on), amount: fen(v.amount) };
    case 'priceAudit':
      return {
        action,
        expectedVersion,
        on: day(v.on),
        amount: fen(v.amount),
        auditor: required(v.auditor),
      };
    case 'pay':
      return {
        action,
        expectedVersion,
        on: day(v.on),
        amount: fen(v.amount),
        payee: required(v.payee),
        method: v.method === 'cash' ? 'cash' : 'transfer',
        invoiceNo: optional(v.invoiceNo),
      };
    case 'addWorker':
      return {
        action,
        expectedVersion,
        name: required(v.name),
        idNumber: optional(v.idNumber),
        phone: optional(v.phone),
      };
    case 'confirmWork':
      return {
        action,
        expectedVersion,
        on: day(v.on),
        worker: required(v.worker),
        hours: v.hours ?? undefined,
        task: optional(v.task),
        amount: fen(v.amount),
        confirmedBy: required(v.confirmedBy),
        confirmedOn: day(v.confirmedOn),
      };
    case 'approve':
      return {
        action,
        expectedVersion,
        role: v.role ?? 'committee_head',
        name: required(v.name),
        on: day(v.on),
      };
    case 'payRent':
      return { action, expectedVersion, on: day(v.on), amount: fen(v.amount) };
  }
}

/** What CorrectItemModal reuses to correct what an action recorded. */
export { FIELDS as ACTION_FIELDS, toBody as actionBody, type Values as ActionValues };

/** The first values of a form: today, the method the rules require, the next signer … */
function initialValues(entry: LedgerEntryDto, action: LedgerAction): Values {
  const today = dayjs(todayInShanghai());
  const f = entry.fields as Partial<
    KindFields['project'] & Omit<KindFields['fund'], 'method'> & KindFields['labour']
  >;
  switch (action) {
    case 'trade':
      return { on: today, method: entry.rules.worksMethod ?? undefined };
    case 'accept':
      return { on: today, result: 'pass' };
    case 'pay':
      return { on: today, method: 'transfer', payee: f.contract?.party };
    case 'addWorker':
      return {};
    case 'confirmWork':
      return { on: today, confirmedOn: today };
    case 'approve':
      return { on: today, role: APPROVER_ROLES[(f.approvals ?? []).length] };
    default:
      return { on: today };
  }
}

function useRules() {
  const { t } = useTranslation();
  const need = { required: true, message: t('common.required') };
  const needText = { required: true, whitespace: true, message: t('common.required') };
  return { need, needText };
}

/** The inputs of one action; also those of a correction of what it recorded (更正). */
export function ActionFields({
  entry,
  action,
  form,
  testIds = 'action-field',
}: {
  entry: LedgerEntryDto;
  action: LedgerAction;
  form: FormInstance<Values>;
  /** The prefix of the inputs' test ids: `<testIds>-<name>`. */
  testIds?: string;
}) {
  const { t } = useTranslation();
  const { need, needText } = useRules();
  const f = entry.fields as Partial<
    KindFields['project'] & KindFields['procurement'] & KindFields['labour']
  >;

  const date = (label: string, name: 'on' | 'confirmedOn' = 'on') => (
    <Form.Item name={name} label={label} rules={[need]}>
      <DatePicker style={{ width: '100%' }} data-testid={`${testIds}-${name}`} />
    </Form.Item>
  );
  const amount = (label: string) => (
    <Form.Item name="amount" label={label} rules={[need]}>
      <YuanInput data-testid={`${testIds}-amount`} />
    </Form.Item>
  );
  const textItem = (name: keyof Values, label: string, mandatory: boolean, max = 100) => (
    <Form.Item name={name} label={label} rules={mandatory ? [needText] : []}>
      <Input maxLength={max} data-testid={`${testIds}-${name}`} />
    </Form.Item>
  );
  const note = (
    <Form.Item name="note" label={t('ledger.detail.form.note')}>
      <Input.TextArea maxLength={500} rows={2} data-testid={`${testIds}-note`} />
    </Form.Item>
  );

  switch (action) {
    case 'trade': {
      const requiredMethod = entry.rules.worksMethod;
      const floor = requiredMethod ? WORKS_METHODS.indexOf(requiredMethod) : 0;
      return (
        <>
          {date(t('ledger.detail.form.tradeOn'))}
          <Form.Item
            name="method"
            label={t('ledger.detail.form.method')}
            rules={[need]}
            extra={
              requiredMethod &&
              t('ledger.detail.form.methodHint', { method: worksMethodLabel(t, requiredMethod) })
            }
          >
            <Select
              data-testid={`${testIds}-method`}
              options={WORKS_METHODS.map((method, i) => ({
                value: method,
                label: worksMethodLabel(t, method),
                disabled: i < floor,
              }))}
            />
          </Form.Item>
          {note}
        </>
      );
    }
    case 'contract': {
      const quotations = entry.kind === 'procurement' ? (f.quotations ?? []) : [];
      return (
        <>
          {date(t('ledger.detail.form.contractOn'))}
          <Form.Item
            name="party"
            label={
              entry.kind === 'procurement'
                ? t('ledger.detail.form.partyProcurement')
                : t('ledger.detail.form.party')
            }
            rules={[needText]}
          >
            <AutoComplete
              options={quotations.map((q) => ({ value: q.supplier }))}
              onSelect={(supplier: string) => {
                const quote = quotations.find((q) => q.supplier === supplier);
                if (quote) form.setFieldValue('amount', fenToYuan(quote.amount));
              }}
            >
              <Input maxLength={100} data-testid={`${testIds}-party`} />
            </AutoComplete>
          </Form.Item>
          <Form.Item
            name="creditCode"
            label={t('ledger.detail.form.creditCode')}
            rules={entry.kind === 'project' ? [needText] : []}
          >
            <Input maxLength={18} data-testid={`${testIds}-creditCode`} />
          </Form.Item>
          {amount(t('ledger.detail.form.amount'))}
        </>
      );
    }
    case 'startWorks':
      return date(t('ledger.detail.form.worksOn'));
    case 'accept':
      return (
        <>
          {date(t('ledger.detail.form.acceptOn'))}
          <Form.Item name="result" label={t('ledger.detail.form.result')} rules={[need]}>
            <Radio.Group
              data-testid={`${testIds}-result`}
              options={(['pass', 'fail'] as const).map((result) => ({
                value: result,
                label: acceptanceResultLabel(t, result),
              }))}
            />
          </Form.Item>
          {note}
        </>
      );
    case 'settle':
      return (
        <>
          {date(t('ledger.detail.form.settleOn'))}
          {amount(t('ledger.detail.form.settleAmount'))}
        </>
      );
    case 'priceAudit':
      return (
        <>
          {date(t('ledger.detail.form.auditOn'))}
          {amount(t('ledger.detail.form.auditAmount'))}
          {textItem('auditor', t('ledger.detail.form.auditor'), true)}
        </>
      );
    case 'pay': {
      const payees = [
        ...new Set([
          ...(f.contract ? [f.contract.party] : []),
          ...(f.workers ?? []).map((w) => w.name),
        ]),
      ];
      return (
        <>
          {date(t('ledger.detail.form.payOn'))}
          {amount(t('ledger.detail.form.amount'))}
          <Form.Item name="payee" label={t('ledger.detail.form.payee')} rules={[needText]}>
            <AutoComplete options={payees.map((value) => ({ value }))}>
              <Input maxLength={100} data-testid={`${testIds}-payee`} />
            </AutoComplete>
          </Form.Item>
          <Form.Item name="method" label={t('ledger.detail.form.payMethod')} rules={[need]}>
            <Radio.Group
              data-testid={`${testIds}-method`}
              options={PAYMENT_METHODS.map((method) => ({
                value: method,
                label: paymentMethodLabel(t, method),
              }))}
            />
          </Form.Item>
          {textItem('invoiceNo', t('ledger.detail.form.invoiceNo'), false, 60)}
        </>
      );
    }
    case 'addWorker':
      return (
        <>
          {textItem('name', t('ledger.detail.form.name'), true, 40)}
          {textItem('idNumber', t('ledger.detail.form.idNumber'), false, 18)}
          {textItem('phone', t('ledger.detail.form.phone'), false, 11)}
        </>
      );
    case 'confirmWork': {
      const workers = f.workers ?? [];
      return (
        <>
          {date(t('ledger.detail.form.workOn'))}
          <Form.Item
            name="worker"
            label={t('ledger.detail.form.worker')}
            rules={[need]}
            extra={workers.length === 0 ? t('ledger.detail.form.noWorkers') : undefined}
          >
            <Select
              showSearch
              data-testid={`${testIds}-worker`}
              options={workers.map((w) => ({ value: w.name, label: w.name }))}
            />
          </Form.Item>
          <Form.Item name="hours" label={t('ledger.detail.form.hours')}>
            <InputNumber
              min={0}
              max={24}
              step={0.5}
              style={{ width: '100%' }}
              data-testid={`${testIds}-hours`}
            />
          </Form.Item>
          {textItem('task', t('ledger.detail.form.task'), false, 200)}
          {amount(t('ledger.detail.form.workAmount'))}
          {textItem('confirmedBy', t('ledger.detail.form.confirmedBy'), true, 40)}
          {date(t('ledger.detail.form.confirmedOn'), 'confirmedOn')}
        </>
      );
    }
    case 'approve':
      return (
        <>
          <Form.Item
            name="role"
            label={t('ledger.detail.form.role')}
            rules={[need]}
            extra={t('ledger.detail.form.roleHint')}
          >
            <Select
              data-testid={`${testIds}-role`}
              options={APPROVER_ROLES.map((role) => ({
                value: role,
                label: approverRoleLabel(t, role),
              }))}
            />
          </Form.Item>
          {textItem('name', t('ledger.detail.form.approverName'), true, 40)}
          {date(t('ledger.detail.form.approveOn'))}
        </>
      );
    case 'payRent':
      return (
        <>
          {date(t('ledger.detail.form.rentOn'))}
          {amount(t('ledger.detail.form.rentAmount'))}
        </>
      );
  }
}

/**
 * The small form of one action (交易, 签订合同, 付款 …). It sends the entry's version, so a
 * change made meanwhile by someone else is refused rather than overwritten.
 */
export function ActionModal({
  entry,
  action,
  onClose,
}: {
  entry: LedgerEntryDto;
  action: LedgerAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const errors = useModalErrors(form, action ? FIELDS[action] : []);

  const act = useMutation({
    mutationFn: (values: Values) => ledgerApi.act(entry.id, toBody(action!, values, entry.version)),
    meta: { silent: true },
    onError: errors.report,
    onSuccess: async () => {
      void message.success(t('ledger.detail.actionDone', { action: actionLabel(t, action!) }));
      onClose();
      await client.invalidateQueries({ queryKey: LEDGER_KEY });
    },
  });

  return (
    <Modal
      open={action !== null}
      title={action ? actionLabel(t, action) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={SUBMIT_BUTTON_PROPS}
      confirmLoading={act.isPending}
      afterClose={errors.clear}
      destroyOnHidden
    >
      {errors.alert}
      {action && (
        <Form<Values>
          key={action}
          form={form}
          layout="vertical"
          initialValues={initialValues(entry, action)}
          onFinish={(values) => act.mutate(values)}
        >
          <ActionFields entry={entry} action={action} form={form} />
        </Form>
      )}
    </Modal>
  );
}

interface ReasonModalProps {
  open: boolean;
  title: string;
  intro?: ReactNode;
  okText: string;
  danger?: boolean;
  /** Asked once more before sending, when set. */
  confirm?: { title: string; content: string };
  /** Send the reason; the modal closes when it succeeds. */
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  testId?: string;
}

/** A reason (2–500 characters) for a step that needs one: 作废, 超限额放行, 保存附件. */
export function ReasonModal({
  open,
  title,
  intro,
  okText,
  danger,
  confirm,
  onSubmit,
  onClose,
  testId,
}: ReasonModalProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const errors = useModalErrors(form, ['reason']);
  const send = useMutation({
    mutationFn: (reason: string) => onSubmit(reason),
    meta: { silent: true },
    onError: errors.report,
    onSuccess: onClose,
  });

  const finish = ({ reason }: { reason: string }) => {
    if (!confirm) {
      send.mutate(reason.trim());
      return;
    }
    modal.confirm({
      title: confirm.title,
      content: confirm.content,
      okButtonProps: { danger, ...CONFIRM_BUTTON_PROPS },
      onOk: () => send.mutateAsync(reason.trim()).catch(() => undefined),
    });
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger, ...SUBMIT_BUTTON_PROPS }}
      confirmLoading={send.isPending}
      afterClose={errors.clear}
      destroyOnHidden
    >
      {errors.alert}
      {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      <Form<{ reason: string }> form={form} layout="vertical" onFinish={finish}>
        <Form.Item
          name="reason"
          label={t('ledger.detail.form.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            {
              validator: async (_rule, value: string | undefined) => {
                const length = value?.trim().length ?? 0;
                if (length > 0 && (length < 2 || length > 500)) {
                  throw new Error(t('ledger.detail.form.reasonRule'));
                }
              },
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            data-testid={testId ?? 'reason-input'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The town's review of the submitted version: approve, or return with a note. */
export function ReviewModal({
  entry,
  approve,
  onClose,
}: {
  entry: LedgerEntryDto;
  /** true: approve; false: return; null: closed. */
  approve: boolean | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const errors = useModalErrors(form, ['note']);
  const review = useMutation({
    mutationFn: ({ note }: { note?: string }) =>
      ledgerApi.review(entry.id, {
        expectedVersion: entry.version,
        approve: approve === true,
        note: note?.trim() || undefined,
      }),
    meta: { silent: true },
    onError: errors.report,
    onSuccess: async () => {
      void message.success(
        approve ? t('ledger.detail.reviewForm.approved') : t('ledger.detail.reviewForm.returned'),
      );
      onClose();
      await client.invalidateQueries({ queryKey: LEDGER_KEY });
    },
  });
  return (
    <Modal
      open={approve !== null}
      title={
        approve
          ? t('ledger.detail.reviewForm.approveTitle')
          : t('ledger.detail.reviewForm.returnTitle')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={approve ? t('ledger.detail.buttons.approve') : t('ledger.detail.buttons.return')}
      okButtonProps={{ danger: approve === false, ...SUBMIT_BUTTON_PROPS }}
      confirmLoading={review.isPending}
      afterClose={errors.clear}
      destroyOnHidden
    >
      {errors.alert}
      <Form<{ note?: string }>
        form={form}
        layout="vertical"
        onFinish={(values) => review.mutate(values)}
      >
        <Form.Item
          name="note"
          label={t('ledger.detail.reviewForm.note')}
          rules={
            approve
              ? []
              : [
                  {
                    required: true,
                    whitespace: true,
                    message: t('ledger.detail.reviewForm.noteRequired'),
                  },
                ]
          }
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="review-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
