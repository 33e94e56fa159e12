import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isWithin } from '../../../shared/region.js';
import type { LedgerAction, LedgerEntryDto } from '../../../shared/schemas/ledger.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { fenToYuan, yuanToFen } from '../../format.js';
import { useMe } from '../auth/session.js';
import { YuanInput } from '../policy/YuanInput.js';
import {
  ACTION_FIELDS,
  actionBody,
  ActionFields,
  useModalErrors,
  type ActionValues,
} from './ActionForms.js';
import { LEDGER_KEY, ledgerApi } from './ledger.api.js';

/**
 * The lists whose items are corrected one by one, with the action whose form enters an item.
 * Quotations have none: they are entered with the purchase itself.
 */
const LIST_ACTIONS = {
  payments: 'pay',
  quotations: null,
  acceptances: 'accept',
  workers: 'addWorker',
  confirmations: 'confirmWork',
  approvals: 'approve',
  rentPayments: 'payRent',
} as const satisfies Record<string, LedgerAction | null>;

/** The facts a stage records as one block, with the action that records them. */
const BLOCK_ACTIONS = {
  trade: 'trade',
  contract: 'contract',
  works: 'startWorks',
  settlement: 'settle',
  priceAudit: 'priceAudit',
} as const satisfies Record<string, LedgerAction>;

export type CorrectableList = keyof typeof LIST_ACTIONS;
export type CorrectableBlock = keyof typeof BLOCK_ACTIONS;

/** What is corrected: one item of a list, by its position, or a whole block. */
export type CorrectTarget =
  { key: CorrectableList; index: number } | { key: CorrectableBlock; index?: undefined };

/** Opens the correction of an item; absent when the user may not correct the entry. */
export type OnCorrect = (target: CorrectTarget) => void;

const QUOTATION_FIELDS = ['supplier', 'amount'] as const;
const DATE_FIELDS = ['on', 'confirmedOn'];

interface Values extends ActionValues {
  /** A quotation's supplier. */
  supplier?: string;
  /** Required by the form; optional so that the action's fields can share the form. */
  reason?: string;
}

type Item = Record<string, unknown>;

const actionOf = (target: CorrectTarget): LedgerAction | null =>
  target.index === undefined ? BLOCK_ACTIONS[target.key] : LIST_ACTIONS[target.key];

/** The item as stored, amounts in fen and dates as 'YYYY-MM-DD'. */
function storedItem(entry: LedgerEntryDto, target: CorrectTarget): Item | undefined {
  const value = entry.fields[target.key];
  if (target.index === undefined) return value as Item | undefined;
  return (value as Item[] | undefined)?.[target.index];
}

/** The stored item as the form holds it: amounts in yuan, dates as dayjs. */
function toForm(item: Item | undefined): Partial<Values> {
  const values: Item = {};
  for (const [name, value] of Object.entries(item ?? {})) {
    if (name === 'amount' && typeof value === 'number') values[name] = fenToYuan(value);
    else if (DATE_FIELDS.includes(name) && typeof value === 'string') values[name] = dayjs(value);
    else values[name] = value;
  }
  return values;
}

/** The corrected item as the server stores it, built the way its action builds it. */
function toItem(action: LedgerAction | null, values: Values, version: number): Item {
  if (action === null) {
    return { supplier: values.supplier?.trim() ?? '', amount: yuanToFen(values.amount ?? 0) };
  }
  const {
    action: _action,
    expectedVersion: _version,
    ...item
  } = actionBody(action, values, version);
  // Optional values left empty are dropped, as the server drops them.
  return JSON.parse(JSON.stringify(item)) as Item;
}

/** The item's new top-level value: the whole list with the item replaced, or the block. */
function correctedValue(entry: LedgerEntryDto, target: CorrectTarget, item: Item): unknown {
  if (target.index === undefined) return item;
  const list = [...((entry.fields[target.key] as unknown[] | undefined) ?? [])];
  list[target.index] = item;
  return list;
}

/** JSON with keys in order, so that two items compare by content. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * The server names a problem of the item by its path in the entry (`fields.payments.1.on`);
 * the modal's form names it `on`. Problems elsewhere in the entry keep their paths and so
 * show in the modal's alert.
 */
function onItemFields(error: unknown, target: CorrectTarget): unknown {
  if (!(error instanceof ApiError) || error.fields.length === 0) return error;
  const prefix =
    target.index === undefined ? `fields.${target.key}.` : `fields.${target.key}.${target.index}.`;
  const fields = error.fields.map((f) => {
    const name = f.field.startsWith(prefix) ? f.field.slice(prefix.length) : '';
    return name !== '' && !name.includes('.') ? { ...f, field: name } : f;
  });
  return new ApiError(error.status, error.code, error.message, { ...error.details, fields });
}

/** An error the form and useModalErrors leave out of the modal: none of its fields, no conflict. */
function generalProblem(error: unknown): string | null {
  if (!(error instanceof ApiError)) return errorText(error);
  const hasFields = error.fields.some((f) => f.field !== '(body)');
  return hasFields || error.code === 'CONFLICT' ? null : errorText(error);
}

/** The name of the item in the modal's title: 第 2 笔付款, 合同信息 … */
function itemLabel(t: TFunction, target: CorrectTarget): string {
  return target.index === undefined
    ? t(`ledger.detail.correct.blocks.${target.key}`)
    : t(`ledger.detail.item.${target.key}`, { n: target.index + 1 });
}

/**
 * Whether the user may correct the entry: the same right as 修改 on the entry page, i.e.
 * ledger.write over the entry's village, and the entry not voided.
 */
export function useCanCorrect(entry: LedgerEntryDto): boolean {
  const me = useMe();
  return (
    entry.status === 'active' &&
    (me.permissions['ledger.write'] ?? []).some((root) => isWithin(entry.regionCode, root))
  );
}

/** The 更正 button of one recorded item; nothing when the user may not correct. */
export function CorrectButton({
  target,
  onCorrect,
  label,
}: {
  target: CorrectTarget;
  onCorrect: OnCorrect | undefined;
  label?: string;
}) {
  const { t } = useTranslation();
  if (!onCorrect) return null;
  return (
    <Button
      type="link"
      size="small"
      icon={<EditOutlined />}
      className="qf-no-print"
      data-testid={
        target.index === undefined
          ? `correct-${target.key}`
          : `correct-${target.key}-${target.index}`
      }
      onClick={() => onCorrect(target)}
    >
      {label ?? t('ledger.detail.correct.button')}
    </Button>
  );
}

/** The last column of a list's table: a 更正 button on each row; none when not allowed. */
export function correctColumn<T>(
  t: TFunction,
  key: CorrectableList,
  onCorrect: OnCorrect | undefined,
): TableColumnsType<T> {
  if (!onCorrect) return [];
  return [
    {
      title: t('ledger.detail.correct.column'),
      key: 'correct',
      className: 'qf-no-print',
      render: (_value, _row, index) => (
        <CorrectButton target={{ key, index }} onCorrect={onCorrect} />
      ),
    },
  ];
}

/**
 * Correct one item a later step recorded (更正): a payment with a wrong invoice number, the
 * contract's amount, an approval … The form is the action's own, prefilled with the item;
 * the amendment sends the item's whole top-level value (the server merges by key) with a
 * reason and the entry's version, and the server checks the whole entry again.
 */
export function CorrectItemModal({
  entry,
  target,
  onClose,
}: {
  entry: LedgerEntryDto;
  target: CorrectTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const action = target ? actionOf(target) : null;
  const errors = useModalErrors(form, [
    ...(action ? ACTION_FIELDS[action] : QUOTATION_FIELDS),
    'reason',
  ]);
  const [problem, setProblem] = useState<string | null>(null);

  const amend = useMutation({
    mutationFn: ({ to, item, reason }: { to: CorrectTarget; item: Item; reason: string }) =>
      ledgerApi.amend(entry.id, {
        expectedVersion: entry.version,
        reason,
        fields: { [to.key]: correctedValue(entry, to, item) },
      }),
    meta: { silent: true },
    onError: (error, { to }) => {
      errors.report(onItemFields(error, to));
      setProblem(generalProblem(error));
    },
    onSuccess: async () => {
      void message.success(t('ledger.detail.correct.done'));
      onClose();
      await client.invalidateQueries({ queryKey: LEDGER_KEY });
    },
  });

  const submit = (values: Values) => {
    if (!target) return;
    const item = toItem(action, values, entry.version);
    if (canonical(item) === canonical(storedItem(entry, target))) {
      void message.warning(t('ledger.detail.correct.noChange'));
      return;
    }
    setProblem(null);
    amend.mutate({ to: target, item, reason: values.reason?.trim() ?? '' });
  };

  const need = { required: true, message: t('common.required') };
  return (
    <Modal
      open={target !== null}
      title={target ? t('ledger.detail.correct.title', { item: itemLabel(t, target) }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('ledger.detail.correct.submit')}
      okButtonProps={{ 'data-testid': 'correct-submit' }}
      confirmLoading={amend.isPending}
      afterClose={() => {
        errors.clear();
        setProblem(null);
      }}
      destroyOnHidden
    >
      {errors.alert}
      {problem && (
        <Alert
          type="error"
          showIcon
          data-testid="correct-problem"
          style={{ marginBottom: 16 }}
          message={problem}
        />
      )}
      {target && (
        <>
          <Typography.Paragraph type="secondary">
            {t('ledger.detail.correct.intro')}
          </Typography.Paragraph>
          <Form<Values>
            key={`${target.key}-${target.index ?? ''}`}
            form={form}
            layout="vertical"
            initialValues={{ ...toForm(storedItem(entry, target)), reason: '' }}
            onFinish={submit}
          >
            {action ? (
              <ActionFields entry={entry} action={action} form={form} testIds="correct-field" />
            ) : (
              <>
                <Form.Item
                  name="supplier"
                  label={t('ledger.detail.correct.supplier')}
                  rules={[{ ...need, whitespace: true }]}
                >
                  <Input maxLength={100} data-testid="correct-field-supplier" />
                </Form.Item>
                <Form.Item
                  name="amount"
                  label={t('ledger.detail.correct.quoteAmount')}
                  rules={[need]}
                >
                  <YuanInput data-testid="correct-field-amount" />
                </Form.Item>
              </>
            )}
            <Form.Item
              name="reason"
              label={t('ledger.detail.correct.reason')}
              rules={[
                { ...need, whitespace: true },
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
                rows={2}
                maxLength={500}
                showCount
                placeholder={t('ledger.detail.correct.reasonPlaceholder')}
                data-testid="correct-reason"
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
