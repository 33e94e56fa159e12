import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Typography,
  type FormRule,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PROCUREMENT_METHODS,
  procurementMethod,
  worksMethod,
  type ProcurementMethod,
} from '../../../shared/policy.js';
import {
  APPROVER_ROLES,
  PAYMENT_METHODS,
  type ApproverRole,
  type LedgerKind,
} from '../../../shared/schemas/ledger.js';
import { fenToYuan, yuanToFen } from '../../format.js';
import { detailMessage } from '../../i18n/labels.js';
import { YuanInput } from '../policy/YuanInput.js';
import { usePolicyOn, type NewLedgerEntryInput } from './ledger.api.js';
import {
  approverRoleLabel,
  fundDirectionLabel,
  paymentMethodLabel,
  procurementMethodLabel,
  worksMethodLabel,
  yuanLabel,
} from './labels.js';

const DATE = 'YYYY-MM-DD';
const CREDIT_CODE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;
// Staff without the right to read sensitive data see numbers masked (110105********002X);
// sent back unchanged, the server keeps the stored ones.
const ID_NUMBER = /^(\d{17}[\dX]|\d{6}\*{8}\d{3}[\dX])$/;
const MOBILE = /^(1[3-9]\d{9}|1\d{2}\*{4}\d{4})$/;
const MAX_APPROVALS = 3;
const MAX_QUOTATIONS = 20;

type PaymentMethod = (typeof PAYMENT_METHODS)[number];
type Direction = 'income' | 'expense';

/**
 * The kind-specific fields as the form holds them: amounts in yuan, dates as dayjs. One shape
 * for every kind (each kind fills its own part); `method` is the purchase's decision route for
 * procurement and the payment method for funds, as on the wire.
 */
export interface KindFieldValues {
  location?: string;
  description?: string;
  item?: string;
  quotations?: { supplier?: string; amount?: number | null }[];
  method?: ProcurementMethod | PaymentMethod;
  workers?: { name?: string; idNumber?: string; phone?: string }[];
  direction?: Direction;
  counterparty?: string;
  invoiceNo?: string;
  purpose?: string;
  approvals?: { role?: ApproverRole; name?: string; on?: Dayjs | null }[];
  asset?: string;
  lessee?: string;
  lesseeCreditCode?: string;
  termStart?: Dayjs | null;
  termEnd?: Dayjs | null;
  referencePrice?: number | null;
}

/** The creation fields of a kind, as the API takes them. */
export type NewKindFields<K extends LedgerKind> = Extract<
  NewLedgerEntryInput,
  { kind: K }
>['fields'];

/** A new form's starting values: one empty quotation row, the usual fund settings. */
export function initialKindFields(kind: LedgerKind): KindFieldValues {
  switch (kind) {
    case 'procurement':
      return { quotations: [{}] };
    case 'fund':
      return { direction: 'expense', method: 'transfer', approvals: [] };
    case 'labour':
      return { workers: [] };
    default:
      return {};
  }
}

const text = (value: string | undefined): string => value?.trim() ?? '';
const optionalText = (value: string | undefined): string | undefined => value?.trim() || undefined;
const fen = (yuan: number | null | undefined): number => yuanToFen(yuan ?? 0);
const day = (value: Dayjs | null | undefined): string => (value ? value.format(DATE) : '');

const WIRE: { [K in LedgerKind]: (values: KindFieldValues) => NewKindFields<K> } = {
  project: (v) => ({
    location: optionalText(v.location),
    description: optionalText(v.description),
  }),
  procurement: (v) => ({
    item: text(v.item),
    quotations: (v.quotations ?? []).map((q) => ({
      supplier: text(q.supplier),
      amount: fen(q.amount),
    })),
    method: v.method as ProcurementMethod,
  }),
  labour: (v) => ({
    workers: (v.workers ?? []).map((w) => ({
      name: text(w.name),
      idNumber: optionalText(w.idNumber)?.toUpperCase(),
      phone: optionalText(w.phone),
    })),
  }),
  fund: (v) => ({
    direction: v.direction ?? 'expense',
    counterparty: text(v.counterparty),
    method: v.method as PaymentMethod,
    invoiceNo: optionalText(v.invoiceNo),
    purpose: text(v.purpose),
    approvals: (v.approvals ?? []).map((a) => ({
      role: a.role as ApproverRole,
      name: text(a.name),
      on: day(a.on),
    })),
  }),
  asset: (v) => ({
    asset: text(v.asset),
    lessee: text(v.lessee),
    lesseeCreditCode: optionalText(v.lesseeCreditCode)?.toUpperCase(),
    termStart: day(v.termStart),
    termEnd: day(v.termEnd),
    referencePrice: fen(v.referencePrice),
  }),
};

/** Form values → the kind's fields on the wire: yuan to fen, dates to YYYY-MM-DD, text trimmed. */
export function kindFieldsToWire<K extends LedgerKind>(
  kind: K,
  values: KindFieldValues | undefined,
): NewKindFields<K> {
  return WIRE[kind](values ?? {});
}

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const asYuan = (value: unknown): number | null =>
  typeof value === 'number' ? fenToYuan(value) : null;
const asDay = (value: unknown): Dayjs | null =>
  typeof value === 'string' && value ? dayjs(value, DATE) : null;
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null)
    : [];

/**
 * Stored fields (fen, YYYY-MM-DD) → form values of the kind's creation fields, e.g. to start
 * an amendment from what is stored.
 */
export function kindFieldsToForm(
  kind: LedgerKind,
  stored: Record<string, unknown>,
): KindFieldValues {
  switch (kind) {
    case 'project':
      return { location: asString(stored.location), description: asString(stored.description) };
    case 'procurement':
      return {
        item: asString(stored.item),
        quotations: records(stored.quotations).map((q) => ({
          supplier: asString(q.supplier),
          amount: asYuan(q.amount),
        })),
        method: asString(stored.method) as ProcurementMethod | undefined,
      };
    case 'labour':
      return {
        workers: records(stored.workers).map((w) => ({
          name: asString(w.name),
          idNumber: asString(w.idNumber),
          phone: asString(w.phone),
        })),
      };
    case 'fund':
      return {
        direction: asString(stored.direction) as Direction | undefined,
        counterparty: asString(stored.counterparty),
        method: asString(stored.method) as PaymentMethod | undefined,
        invoiceNo: asString(stored.invoiceNo),
        purpose: asString(stored.purpose),
        approvals: records(stored.approvals).map((a) => ({
          role: asString(a.role) as ApproverRole | undefined,
          name: asString(a.name),
          on: asDay(a.on),
        })),
      };
    case 'asset':
      return {
        asset: asString(stored.asset),
        lessee: asString(stored.lessee),
        lesseeCreditCode: asString(stored.lesseeCreditCode),
        termStart: asDay(stored.termStart),
        termEnd: asDay(stored.termEnd),
        referencePrice: asYuan(stored.referencePrice),
      };
  }
}

/** What the county rules hint needs: the village, the headline amount (fen) and the date. */
export interface RulesContext {
  regionCode?: string;
  amount?: number | null;
  /** YYYY-MM-DD */
  date?: string;
}

interface Props {
  kind: LedgerKind;
  /** When given, purchases and works show the method the county rules require. */
  rules?: RulesContext;
}

/**
 * The creation fields of a ledger kind, as antd Form.Items named `['fields', …]` like the API
 * paths (so server field errors land on them). Use inside a vertical antd Form; convert the
 * values with `kindFieldsToWire` before sending.
 */
export function KindFieldsForm({ kind, rules }: Props) {
  switch (kind) {
    case 'project':
      return <ProjectFields rules={rules} />;
    case 'procurement':
      return <ProcurementFields rules={rules} />;
    case 'labour':
      return <LabourFields />;
    case 'fund':
      return <FundFields />;
    case 'asset':
      return <AssetFields />;
  }
}

function useRequired(): FormRule {
  const { t } = useTranslation();
  return { required: true, whitespace: true, message: t('common.required') };
}

/** The county rules of the entry's village and day, with the amount when both are known. */
function useRules(rules: RulesContext | undefined) {
  const policy = usePolicyOn(rules?.regionCode, rules?.date);
  const amount = typeof rules?.amount === 'number' ? rules.amount : null;
  return policy.data && amount !== null ? { policy: policy.data.policy, amount } : null;
}

function ProjectFields({ rules }: { rules: RulesContext | undefined }) {
  const { t } = useTranslation();
  const known = useRules(rules);
  return (
    <>
      {known && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="entry-works-hint"
          message={t('ledger.fields.worksHint', {
            amount: yuanLabel(t, known.amount),
            method: worksMethodLabel(t, worksMethod(known.policy, known.amount)),
          })}
        />
      )}
      <Form.Item
        name={['fields', 'location']}
        label={t('ledger.fields.location')}
        rules={[{ max: 200 }]}
      >
        <Input
          maxLength={200}
          placeholder={t('ledger.fields.locationPlaceholder')}
          data-testid="field-location"
        />
      </Form.Item>
      <Form.Item
        name={['fields', 'description']}
        label={t('ledger.fields.description')}
        rules={[{ max: 2000 }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder={t('ledger.fields.descriptionPlaceholder')}
          data-testid="field-description"
        />
      </Form.Item>
    </>
  );
}

function ProcurementFields({ rules }: { rules: RulesContext | undefined }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const required = useRequired();
  const known = useRules(rules);
  const chosen = Form.useWatch(['fields', 'method'], form) as ProcurementMethod | undefined;
  const needed = known ? procurementMethod(known.policy, known.amount) : null;
  const weaker =
    needed !== null &&
    chosen !== undefined &&
    PROCUREMENT_METHODS.indexOf(chosen) < PROCUREMENT_METHODS.indexOf(needed);

  // Start from the method the rules require; a choice already made is left alone.
  useEffect(() => {
    if (needed && !form.getFieldValue(['fields', 'method'])) {
      form.setFieldValue(['fields', 'method'], needed);
    }
  }, [needed, form]);

  const hint =
    needed && known ? (
      <Space direction="vertical" size={0}>
        <Space wrap size={8}>
          <span data-testid="entry-method-hint">
            {t('ledger.fields.methodHint', {
              amount: yuanLabel(t, known.amount),
              method: procurementMethodLabel(t, needed),
            })}
          </span>
          {chosen !== needed && (
            <Typography.Link onClick={() => form.setFieldValue(['fields', 'method'], needed)}>
              {t('ledger.fields.useMethod')}
            </Typography.Link>
          )}
        </Space>
        {weaker && (
          <Typography.Text type="warning" data-testid="entry-method-weaker">
            {t('ledger.fields.methodMismatch')}
          </Typography.Text>
        )}
      </Space>
    ) : (
      t('ledger.fields.rulesPending')
    );

  return (
    <>
      <Form.Item
        name={['fields', 'item']}
        label={t('ledger.fields.item')}
        rules={[required, { max: 200 }]}
      >
        <Input
          maxLength={200}
          placeholder={t('ledger.fields.itemPlaceholder')}
          data-testid="field-item"
        />
      </Form.Item>
      <Form.Item label={t('ledger.fields.quotations')} required>
        <Form.List
          name={['fields', 'quotations']}
          rules={[
            {
              validator: async (_rule, rows: unknown[] | undefined) => {
                if (!rows || rows.length === 0) {
                  throw new Error(t('ledger.fields.quotationsRequired'));
                }
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} wrap={false} align="top">
                  <Col flex="auto">
                    <Form.Item
                      name={[field.name, 'supplier']}
                      rules={[required, { max: 100 }]}
                      style={{ marginBottom: 12 }}
                    >
                      <Input
                        maxLength={100}
                        placeholder={t('ledger.fields.supplierPlaceholder')}
                        aria-label={t('ledger.fields.supplier')}
                        data-testid={`field-quotation-supplier-${index}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="200px">
                    <Form.Item
                      name={[field.name, 'amount']}
                      rules={[{ required: true, message: t('common.required') }]}
                      style={{ marginBottom: 12 }}
                    >
                      <YuanInput
                        placeholder={t('ledger.fields.quote')}
                        aria-label={t('ledger.fields.quote')}
                        data-testid={`field-quotation-amount-${index}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('common.remove')}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                      data-testid={`field-quotation-remove-${index}`}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_QUOTATIONS}
                onClick={() => add({})}
                data-testid="field-quotation-add"
              >
                {t('ledger.fields.addQuotation')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item
        name={['fields', 'method']}
        label={t('ledger.fields.method')}
        rules={[{ required: true, message: t('common.required') }]}
        extra={hint}
        validateStatus={weaker ? 'warning' : undefined}
      >
        <Select<ProcurementMethod>
          data-testid="field-method"
          options={PROCUREMENT_METHODS.map((method) => ({
            value: method,
            label: procurementMethodLabel(t, method),
          }))}
        />
      </Form.Item>
    </>
  );
}

function LabourFields() {
  const { t } = useTranslation();
  const required = useRequired();
  return (
    <Form.Item label={t('ledger.fields.workers')} extra={t('ledger.fields.idNumberHint')}>
      <Form.List name={['fields', 'workers']}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top">
                <Col xs={24} sm={6}>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[required, { max: 40 }]}
                    style={{ marginBottom: 12 }}
                  >
                    <Input
                      maxLength={40}
                      placeholder={t('ledger.fields.workerName')}
                      aria-label={t('ledger.fields.workerName')}
                      data-testid={`field-worker-name-${index}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={9}>
                  <Form.Item
                    name={[field.name, 'idNumber']}
                    normalize={(value: string | undefined) => value?.toUpperCase()}
                    rules={[{ pattern: ID_NUMBER, message: detailMessage('idNumber.invalid') }]}
                    style={{ marginBottom: 12 }}
                  >
                    <Input
                      maxLength={18}
                      autoComplete="off"
                      placeholder={t('ledger.fields.idNumberPlaceholder')}
                      aria-label={t('ledger.fields.idNumber')}
                      data-testid={`field-worker-id-${index}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={7}>
                  <Form.Item
                    name={[field.name, 'phone']}
                    rules={[{ pattern: MOBILE, message: detailMessage('mobile.format') }]}
                    style={{ marginBottom: 12 }}
                  >
                    <Input
                      maxLength={11}
                      inputMode="tel"
                      placeholder={t('ledger.fields.phonePlaceholder')}
                      aria-label={t('ledger.fields.phone')}
                      data-testid={`field-worker-phone-${index}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2}>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('common.remove')}
                    onClick={() => remove(field.name)}
                    data-testid={`field-worker-remove-${index}`}
                  />
                </Col>
              </Row>
            ))}
            <Space wrap>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({})}
                data-testid="field-worker-add"
              >
                {t('ledger.fields.addWorker')}
              </Button>
              {fields.length === 0 && (
                <Typography.Text type="secondary">
                  {t('ledger.fields.workersLater')}
                </Typography.Text>
              )}
            </Space>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

function FundFields() {
  const { t } = useTranslation();
  const required = useRequired();
  const choose = { required: true, message: t('common.required') };
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['fields', 'direction']}
            label={t('ledger.fields.direction')}
            rules={[choose]}
          >
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              data-testid="field-direction"
              options={(['income', 'expense'] as const).map((direction) => ({
                value: direction,
                label: fundDirectionLabel(t, direction),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['fields', 'method']}
            label={t('ledger.fields.paymentMethod')}
            rules={[choose]}
          >
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              data-testid="field-payment-method"
              options={PAYMENT_METHODS.map((method) => ({
                value: method,
                label: paymentMethodLabel(t, method),
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={14}>
          <Form.Item
            name={['fields', 'counterparty']}
            label={t('ledger.fields.counterparty')}
            rules={[required, { max: 100 }]}
          >
            <Input maxLength={100} data-testid="field-counterparty" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item
            name={['fields', 'invoiceNo']}
            label={t('ledger.fields.invoiceNo')}
            rules={[{ max: 60 }]}
          >
            <Input
              maxLength={60}
              placeholder={t('ledger.fields.optional')}
              data-testid="field-invoice"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={['fields', 'purpose']}
        label={t('ledger.fields.purpose')}
        rules={[required, { max: 500 }]}
      >
        <Input.TextArea
          rows={2}
          maxLength={500}
          showCount
          placeholder={t('ledger.fields.purposePlaceholder')}
          data-testid="field-purpose"
        />
      </Form.Item>
      <Form.Item label={t('ledger.fields.approvals')} extra={t('ledger.fields.approvalsHint')}>
        <Form.List name={['fields', 'approvals']}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} align="top">
                  <Col xs={24} sm={9}>
                    <Form.Item
                      name={[field.name, 'role']}
                      rules={[choose]}
                      style={{ marginBottom: 12 }}
                    >
                      <Select<ApproverRole>
                        placeholder={t('ledger.fields.approverRole')}
                        aria-label={t('ledger.fields.approverRole')}
                        data-testid={`field-approval-role-${index}`}
                        options={APPROVER_ROLES.map((role) => ({
                          value: role,
                          label: approverRoleLabel(t, role),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6}>
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[required, { max: 40 }]}
                      style={{ marginBottom: 12 }}
                    >
                      <Input
                        maxLength={40}
                        placeholder={t('ledger.fields.approverName')}
                        aria-label={t('ledger.fields.approverName')}
                        data-testid={`field-approval-name-${index}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={7}>
                    <Form.Item
                      name={[field.name, 'on']}
                      rules={[choose]}
                      style={{ marginBottom: 12 }}
                    >
                      <DatePicker
                        style={{ width: '100%' }}
                        placeholder={t('ledger.fields.approvedOn')}
                        aria-label={t('ledger.fields.approvedOn')}
                        data-testid={`field-approval-on-${index}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2}>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('common.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_APPROVALS}
                onClick={() => add({})}
                data-testid="field-approval-add"
              >
                {t('ledger.fields.addApproval')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}

function AssetFields() {
  const { t } = useTranslation();
  const required = useRequired();
  const choose = { required: true, message: t('common.required') };
  const afterStart: FormRule = ({ getFieldValue }) => ({
    validator: async (_rule, end: Dayjs | null | undefined) => {
      const start = getFieldValue(['fields', 'termStart']) as Dayjs | null | undefined;
      if (start && end && !end.isAfter(start, 'day')) {
        throw new Error(t('ledger.fields.termOrder'));
      }
    },
  });
  return (
    <>
      <Form.Item
        name={['fields', 'asset']}
        label={t('ledger.fields.asset')}
        rules={[required, { max: 200 }]}
      >
        <Input
          maxLength={200}
          placeholder={t('ledger.fields.assetPlaceholder')}
          data-testid="field-asset"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['fields', 'lessee']}
            label={t('ledger.fields.lessee')}
            rules={[required, { max: 100 }]}
          >
            <Input maxLength={100} data-testid="field-lessee" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['fields', 'lesseeCreditCode']}
            label={t('ledger.fields.lesseeCreditCode')}
            extra={t('ledger.fields.creditCodeHint')}
            normalize={(value: string | undefined) => value?.toUpperCase()}
            rules={[{ pattern: CREDIT_CODE, message: t('ledger.fields.creditCodeFormat') }]}
          >
            <Input
              maxLength={18}
              autoComplete="off"
              placeholder={t('ledger.fields.optional')}
              data-testid="field-credit-code"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} sm={8}>
          <Form.Item
            name={['fields', 'termStart']}
            label={t('ledger.fields.termStart')}
            rules={[choose]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="field-term-start" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            name={['fields', 'termEnd']}
            label={t('ledger.fields.termEnd')}
            dependencies={[['fields', 'termStart']]}
            rules={[choose, afterStart]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="field-term-end" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name={['fields', 'referencePrice']}
            label={t('ledger.fields.referencePrice')}
            tooltip={t('ledger.fields.referencePriceHint')}
            rules={[choose]}
          >
            <YuanInput data-testid="field-reference-price" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
