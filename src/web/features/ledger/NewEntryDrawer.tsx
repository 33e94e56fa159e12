import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { needsResolution } from '../../../shared/policy.js';
import { isWithin, regionLevel } from '../../../shared/region.js';
import type { Me } from '../../../shared/schemas/auth.js';
import { LEDGER_KINDS, type LedgerKind } from '../../../shared/schemas/ledger.js';
import type { RegionDto } from '../../../shared/schemas/regions.js';
import { todayInShanghai, yuanToFen } from '../../format.js';
import { useRegion } from '../../region/RegionContext.js';
import { useMyRegions } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { YuanInput } from '../policy/YuanInput.js';
import {
  initialKindFields,
  KindFieldsForm,
  kindFieldsToWire,
  type KindFieldValues,
} from './KindFieldsForm.js';
import {
  amountLabel,
  dateLabel,
  DECISION_STATUS_COLORS,
  decisionStatusLabel,
  ledgerKindLabel,
  yuanLabel,
} from './labels.js';
import {
  LEDGER_KEY,
  ledgerApi,
  useLinkableDecisions,
  usePolicyOn,
  type NewLedgerEntryInput,
} from './ledger.api.js';

const DATE = 'YYYY-MM-DD';

/** True when the user may record ledgers of the village. */
export function canWriteVillage(me: Me, code: string): boolean {
  return (me.permissions['ledger.write'] ?? []).some((root) => isWithin(code, root));
}

/** The villages (村、社区) in the user's scope where ledgers may be recorded. */
export function useWritableVillages(): {
  villages: RegionDto[];
  all: RegionDto[];
  loading: boolean;
} {
  const me = useMe();
  const { data, isLoading } = useMyRegions();
  return useMemo(() => {
    const all = data ?? [];
    const villages = all.filter(
      (region) => region.level === 'village' && canWriteVillage(me, region.code),
    );
    return { villages, all, loading: isLoading };
  }, [data, isLoading, me]);
}

/** The village a new entry or import starts with: the header's, else the user's own one. */
export function defaultVillage(me: Me, headerRegion: string | undefined): string | undefined {
  for (const code of [headerRegion, me.regionCode]) {
    if (code && regionLevel(code) === 'village' && canWriteVillage(me, code)) return code;
  }
  return undefined;
}

interface VillageSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** A village picker over the villages where the user may record ledgers, grouped by town. */
export function VillageSelect({ value, onChange, id, style, ...rest }: VillageSelectProps) {
  const { t } = useTranslation();
  const { villages, all, loading } = useWritableVillages();
  const options = useMemo(() => {
    const names = new Map(all.map((region) => [region.code, region.name]));
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const village of [...villages].sort((a, b) => a.code.localeCompare(b.code))) {
      const town = village.parentCode ?? '';
      const group = groups.get(town) ?? [];
      group.push({ value: village.code, label: village.name });
      groups.set(town, group);
    }
    if (groups.size <= 1) return [...groups.values()].flat();
    return [...groups.entries()].map(([town, group]) => ({
      label: names.get(town) ?? town,
      title: names.get(town) ?? town,
      options: group,
    }));
  }, [villages, all]);
  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={loading}
      showSearch
      optionFilterProp="label"
      placeholder={t('ledger.entry.regionPlaceholder')}
      notFoundContent={
        loading ? undefined : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.entry.noVillages')} />
        )
      }
      style={style}
    />
  );
}

interface Values {
  kind?: LedgerKind;
  regionCode?: string;
  title?: string;
  /** Yuan, as entered. */
  amount?: number | null;
  occurredOn?: Dayjs | null;
  decisionId?: string;
  fields?: KindFieldValues;
}

/** Form values → the API body, amounts in fen (the form has checked every required field). */
function bodyOf(values: Values): NewLedgerEntryInput {
  const common = {
    regionCode: values.regionCode!,
    title: values.title?.trim() ?? '',
    amount: yuanToFen(values.amount ?? 0),
    occurredOn: values.occurredOn!.format(DATE),
    decisionId: values.decisionId || undefined,
  };
  const fields = values.fields;
  switch (values.kind!) {
    case 'project':
      return { kind: 'project', ...common, fields: kindFieldsToWire('project', fields) };
    case 'procurement':
      return { kind: 'procurement', ...common, fields: kindFieldsToWire('procurement', fields) };
    case 'labour':
      return { kind: 'labour', ...common, fields: kindFieldsToWire('labour', fields) };
    case 'fund':
      return { kind: 'fund', ...common, fields: kindFieldsToWire('fund', fields) };
    case 'asset':
      return { kind: 'asset', ...common, fields: kindFieldsToWire('asset', fields) };
  }
}

/** Kinds whose contract needs a passed 四议两公开 resolution from the county's amount. */
const RESOLUTION_KINDS: readonly LedgerKind[] = ['project', 'procurement'];

interface Props {
  open: boolean;
  /** The kind to start with (the list's tab); the user may change it. */
  defaultKind?: LedgerKind;
  onClose: () => void;
}

/** Record a new ledger entry: kind first, then the common fields, then the kind's own fields. */
export function NewEntryDrawer({ open, defaultKind, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { regionCode: headerRegion } = useRegion();
  const client = useQueryClient();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { villages } = useWritableVillages();

  const kind = Form.useWatch('kind', form);
  const regionCode = Form.useWatch('regionCode', form);
  const amountYuan = Form.useWatch('amount', form);
  const occurredOn = Form.useWatch('occurredOn', form);

  // With a single village to choose from, choose it.
  useEffect(() => {
    if (open && villages.length === 1 && !form.getFieldValue('regionCode')) {
      form.setFieldValue('regionCode', villages[0]!.code);
    }
  }, [open, villages, form]);

  const amount = typeof amountYuan === 'number' ? yuanToFen(amountYuan) : null;
  const date = occurredOn ? occurredOn.format(DATE) : undefined;
  const policy = usePolicyOn(regionCode, date);
  const decisions = useLinkableDecisions(regionCode);

  const create = useMutation({
    mutationFn: (values: Values) => ledgerApi.create(bodyOf(values)),
    meta: { form },
    onSuccess: async (entry) => {
      void message.success(t('ledger.entry.created'));
      await client.invalidateQueries({ queryKey: LEDGER_KEY });
      onClose();
      void navigate(`/ledger/${entry.id}`);
    },
  });

  const required = { required: true, message: t('common.required') };
  const initialValues: Values = {
    kind: defaultKind,
    regionCode: defaultVillage(me, headerRegion),
    occurredOn: dayjs(todayInShanghai()),
    fields: defaultKind ? initialKindFields(defaultKind) : {},
  };

  let decisionHint: string | undefined;
  if (kind && RESOLUTION_KINDS.includes(kind) && policy.data && amount !== null) {
    const from = yuanLabel(t, policy.data.policy.resolutionRequiredFrom);
    decisionHint = needsResolution(policy.data.policy, amount)
      ? t('ledger.entry.decisionNeeded', { amount: from })
      : t('ledger.entry.decisionOptional', { amount: from });
  }

  const decisionOptions = [...(decisions.data ?? [])]
    .sort((a, b) => (a.status === b.status ? 0 : a.status === 'passed' ? -1 : 1))
    .map((decision) => ({
      value: decision.id,
      title: decision.title,
      label: (
        <Space size={4}>
          <Tag color={DECISION_STATUS_COLORS[decision.status]} style={{ marginInlineEnd: 0 }}>
            {decisionStatusLabel(t, decision.status)}
          </Tag>
          <span>{decision.title}</span>
        </Space>
      ),
    }));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('ledger.entry.title')}
      width={screens.md ? 720 : '100%'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            disabled={!kind}
            onClick={() => form.submit()}
            data-testid="entry-submit"
          >
            {t('ledger.entry.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        scrollToFirstError
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind) form.setFieldValue('fields', initialKindFields(changed.kind));
          if ('regionCode' in changed) form.setFieldValue('decisionId', undefined);
        }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="kind" label={t('ledger.entry.kind')} rules={[required]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="entry-kind"
            options={LEDGER_KINDS.map((value) => ({
              value,
              label: ledgerKindLabel(t, value),
            }))}
          />
        </Form.Item>

        {!kind ? (
          <Alert type="info" showIcon message={t('ledger.entry.chooseKind')} />
        ) : (
          <>
            <Divider orientation="left" orientationMargin={0} plain>
              {t('ledger.entry.basic')}
            </Divider>
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Form.Item name="regionCode" label={t('ledger.entry.region')} rules={[required]}>
                  <VillageSelect data-testid="entry-region" />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item
                  name="title"
                  label={t('ledger.entry.name')}
                  rules={[{ ...required, whitespace: true }, { max: 200 }]}
                >
                  <Input
                    maxLength={200}
                    placeholder={t(`ledger.entry.namePlaceholders.${kind}`)}
                    data-testid="entry-title"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Form.Item name="amount" label={amountLabel(t, kind)} rules={[required]}>
                  <YuanInput data-testid="entry-amount" />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item name="occurredOn" label={dateLabel(t, kind)} rules={[required]}>
                  <DatePicker style={{ width: '100%' }} data-testid="entry-date" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="decisionId" label={t('ledger.entry.decision')} extra={decisionHint}>
              <Select<string>
                allowClear
                showSearch
                optionFilterProp="title"
                disabled={!regionCode}
                loading={decisions.isFetching}
                placeholder={
                  regionCode
                    ? t('ledger.entry.decisionPlaceholder')
                    : t('ledger.entry.decisionNoVillage')
                }
                notFoundContent={
                  decisions.isFetching ? undefined : (
                    <Empty
                      image={Empty.PRESENTED_IMAGE_SIMPLE}
                      description={t('ledger.entry.noDecisions')}
                    />
                  )
                }
                options={decisionOptions}
                data-testid="entry-decision"
              />
            </Form.Item>

            <Divider orientation="left" orientationMargin={0} plain>
              {t('ledger.entry.kindSection', { kind: ledgerKindLabel(t, kind) })}
            </Divider>
            <KindFieldsForm kind={kind} rules={{ regionCode, amount, date }} />
          </>
        )}
      </Form>
    </Drawer>
  );
}
