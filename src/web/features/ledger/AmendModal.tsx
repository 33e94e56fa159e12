import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionListItem } from '../../../shared/schemas/decision.js';
import type { LedgerEntryDto, LedgerKind } from '../../../shared/schemas/ledger.js';
import { fenToYuan, yuanToFen } from '../../format.js';
import { YuanInput } from '../policy/YuanInput.js';
import { SUBMIT_BUTTON_PROPS, useModalErrors, type OnForm } from './ActionForms.js';
import {
  KindFieldsForm,
  kindFieldsToForm,
  kindFieldsToWire,
  type KindFieldValues,
} from './KindFieldsForm.js';
import { amountLabel, dateLabel, DECISION_STATUS_COLORS, decisionStatusLabel } from './labels.js';
import {
  LEDGER_KEY,
  ledgerApi,
  useLinkableDecisions,
  type AmendLedgerInput,
} from './ledger.api.js';

const DATE = 'YYYY-MM-DD';
const TOP_LEVEL = ['title', 'amount', 'occurredOn', 'decisionId', 'reason'];

interface Values {
  title: string;
  /** Yuan, as entered. */
  amount: number | null;
  occurredOn: Dayjs | null;
  decisionId?: string | null;
  fields: KindFieldValues;
  reason: string;
}

/** The kind's fields on the wire, one top-level key at a time (the server merges by key). */
function wireFields(kind: LedgerKind, values: KindFieldValues): Record<string, unknown> {
  return kindFieldsToWire(kind, values);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Optional texts a correction may empty: sent as '' (a missing key would keep the old one). */
const CLEARABLE = ['location', 'description', 'invoiceNo'];

/**
 * What the form changed, as an amendment: only the parts that differ from the entry, with
 * `fields` holding only the changed top-level keys. Null when nothing changed.
 */
function changesOf(entry: LedgerEntryDto, values: Values): Omit<AmendLedgerInput, 'reason'> | null {
  const body: Omit<AmendLedgerInput, 'reason'> = { expectedVersion: entry.version };
  let changed = false;
  const title = values.title.trim();
  if (title !== entry.title) {
    body.title = title;
    changed = true;
  }
  const amount = yuanToFen(values.amount ?? 0);
  if (amount !== entry.amount) {
    body.amount = amount;
    changed = true;
  }
  const occurredOn = values.occurredOn ? values.occurredOn.format(DATE) : entry.occurredOn;
  if (occurredOn !== entry.occurredOn) {
    body.occurredOn = occurredOn;
    changed = true;
  }
  const decisionId = values.decisionId ?? null;
  if (decisionId !== entry.decisionId) {
    body.decisionId = decisionId;
    changed = true;
  }
  const before = wireFields(entry.kind, kindFieldsToForm(entry.kind, entry.fields));
  const after = wireFields(entry.kind, values.fields);
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (same(value, before[key])) continue;
    const next = value === undefined && CLEARABLE.includes(key) ? '' : value;
    if (next !== undefined) fields[key] = next;
  }
  if (Object.keys(fields).length > 0) {
    body.fields = fields;
    changed = true;
  }
  return changed ? body : null;
}

/**
 * Correct an entry (修改): the headline data and the kind's fields as recorded, prefilled
 * with what is stored; only what changed is sent, with the reason, as a new version.
 */
export function AmendModal({
  entry,
  open,
  onClose,
  decisionTitle,
}: {
  entry: LedgerEntryDto;
  open: boolean;
  onClose: () => void;
  /** The linked decision's title, when known (it may no longer be linkable). */
  decisionTitle?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = entry.kind;
  const fieldKeys = useMemo(() => Object.keys(kindFieldsToForm(kind, {})), [kind]);
  const onForm: OnForm = (path) =>
    TOP_LEVEL.includes(String(path[0])) ||
    (path[0] === 'fields' && fieldKeys.includes(String(path[1])));
  const errors = useModalErrors(form, onForm);
  const decisions = useLinkableDecisions(open ? entry.regionCode : undefined);

  const amountYuan = Form.useWatch('amount', form);
  const occurredOn = Form.useWatch('occurredOn', form);

  const amend = useMutation({
    mutationFn: (body: AmendLedgerInput) => ledgerApi.amend(entry.id, body),
    meta: { silent: true },
    onError: errors.report,
    onSuccess: async () => {
      void message.success(t('ledger.detail.amend.done'));
      onClose();
      await client.invalidateQueries({ queryKey: LEDGER_KEY });
    },
  });

  const submit = (values: Values) => {
    const changes = changesOf(entry, values);
    if (!changes) {
      void message.warning(t('ledger.detail.amend.noChange'));
      return;
    }
    amend.mutate({ ...changes, reason: values.reason.trim() });
  };

  const options = (decisions.data ?? []).map((d: DecisionListItem) => ({
    value: d.id,
    title: d.title,
    label: (
      <span>
        {d.title}{' '}
        <Tag color={DECISION_STATUS_COLORS[d.status]}>{decisionStatusLabel(t, d.status)}</Tag>
      </span>
    ),
  }));
  if (entry.decisionId && !options.some((o) => o.value === entry.decisionId)) {
    const title = decisionTitle ?? entry.decisionId;
    options.unshift({ value: entry.decisionId, title, label: <span>{title}</span> });
  }

  const required = { required: true, message: t('common.required') };
  const initialValues: Values = {
    title: entry.title,
    amount: fenToYuan(entry.amount),
    occurredOn: dayjs(entry.occurredOn, DATE),
    decisionId: entry.decisionId ?? undefined,
    fields: kindFieldsToForm(kind, entry.fields),
    reason: '',
  };

  return (
    <Modal
      open={open}
      width={760}
      title={t('ledger.detail.amend.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={SUBMIT_BUTTON_PROPS}
      confirmLoading={amend.isPending}
      afterClose={errors.clear}
      destroyOnHidden
    >
      {errors.alert}
      <Typography.Paragraph type="secondary">{t('ledger.detail.amend.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        preserve={false}
      >
        <Form.Item
          name="title"
          label={t('ledger.detail.f.title')}
          rules={[{ ...required, whitespace: true }, { max: 200 }]}
        >
          <Input maxLength={200} data-testid="amend-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="amount" label={amountLabel(t, kind)} rules={[required]}>
              <YuanInput data-testid="amend-amount" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="occurredOn" label={dateLabel(t, kind)} rules={[required]}>
              <DatePicker style={{ width: '100%' }} data-testid="amend-date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="decisionId" label={t('ledger.detail.amend.decision')}>
          <Select<string>
            allowClear
            showSearch
            optionFilterProp="title"
            loading={decisions.isFetching}
            placeholder={t('ledger.detail.amend.noDecision')}
            options={options}
            data-testid="amend-decision"
          />
        </Form.Item>
        <Divider orientation="left" orientationMargin={0} plain>
          {t('ledger.detail.amend.kindFields')}
        </Divider>
        <KindFieldsForm
          kind={kind}
          rules={{
            regionCode: entry.regionCode,
            amount: typeof amountYuan === 'number' ? yuanToFen(amountYuan) : null,
            date: occurredOn ? occurredOn.format(DATE) : undefined,
          }}
        />
        <Divider />
        <Form.Item
          name="reason"
          label={t('ledger.detail.amend.reason')}
          rules={[
            { ...required, whitespace: true },
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
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="amend-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
