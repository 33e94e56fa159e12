import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type FormRule,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countyOf } from '../../../shared/policy.js';
import { regionLevel } from '../../../shared/region.js';
import { CADENCES, DISCLOSURE_SUBJECTS } from '../../../shared/schemas/disclosure.js';
import { formatTime } from '../../format.js';
import { yuanLabel } from '../../i18n/labels.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionsApi } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { holdsAt } from '../decisions/decisions.api.js';
import { POLICY_KEY, policyApi } from '../policy/policy.api.js';
import {
  DISCLOSURE_KEY,
  disclosureApi,
  type CatalogueDto,
  type CatalogueItem,
} from './disclosure.api.js';

const MAX_ITEMS = 50;
const MAX_WITHIN = 30;

/** The county of the header's region, else of the user's home region; null above counties. */
function useCountyCode(): string | null {
  const me = useMe();
  const { regionCode } = useRegion();
  const code = regionCode ?? me.regionCode;
  const level = regionLevel(code);
  return level === 'province' || level === 'city' ? null : countyOf(code);
}

/** The county's disclosure catalogue: what villages disclose, how often and how fast. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const countyCode = useCountyCode();
  if (!countyCode) {
    return (
      <Card title={t('disclosure.catalogue.title')}>
        <Alert type="info" showIcon message={t('disclosure.catalogue.chooseCounty')} />
      </Card>
    );
  }
  return <CountyCatalogue key={countyCode} countyCode={countyCode} />;
}

function CountyCatalogue({ countyCode }: { countyCode: string }) {
  const { t } = useTranslation();
  const me = useMe();
  // Held over this county: a grant below the county cannot change the county's catalogue.
  const canEdit = holdsAt(me, 'policy.write', countyCode);
  const [editing, setEditing] = useState(false);

  const county = useQuery({
    queryKey: ['regions', countyCode],
    queryFn: () => regionsApi.get(countyCode),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const catalogue = useQuery({
    queryKey: [...DISCLOSURE_KEY, 'catalogue', countyCode],
    queryFn: () => disclosureApi.catalogue(countyCode),
  });
  const policy = useQuery({
    queryKey: [...POLICY_KEY, 'in-force', countyCode, 'today'],
    queryFn: () => policyApi.inForce(countyCode),
    meta: { silent: true },
  });

  const data = catalogue.data;
  const immediateFrom = policy.data?.policy.immediateDisclosureFrom;
  const title = county.data
    ? t('disclosure.catalogue.titleOf', { county: county.data.name })
    : t('disclosure.catalogue.title');

  return (
    <Card
      title={
        <Space wrap>
          {title}
          {data && !data.custom && (
            <Tag color="default">{t('disclosure.catalogue.defaultTag')}</Tag>
          )}
        </Space>
      }
      loading={catalogue.isPending}
      extra={
        canEdit &&
        data &&
        !editing && (
          <Button
            icon={<EditOutlined />}
            onClick={() => setEditing(true)}
            data-testid="catalogue-edit"
          >
            {t('disclosure.catalogue.edit')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('disclosure.catalogue.intro')}
      </Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="catalogue-immediate"
        message={
          immediateFrom === undefined
            ? t('disclosure.catalogue.immediateNoteGeneric')
            : t('disclosure.catalogue.immediateNote', { amount: yuanLabel(t, immediateFrom) })
        }
      />
      {data && !data.custom && (
        <Typography.Paragraph type="secondary">
          {t('disclosure.catalogue.defaultNote')}
        </Typography.Paragraph>
      )}
      {data?.updatedAt && (
        <Typography.Paragraph type="secondary">
          {t('disclosure.catalogue.updatedAt', { time: formatTime(data.updatedAt) })}
        </Typography.Paragraph>
      )}
      {data &&
        (editing ? (
          <CatalogueEditor catalogue={data} onDone={() => setEditing(false)} />
        ) : (
          <CatalogueTable items={data.items} />
        ))}
    </Card>
  );
}

function CatalogueTable({ items }: { items: readonly CatalogueItem[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CatalogueItem> = [
    { title: t('disclosure.catalogue.item'), dataIndex: 'title', key: 'title' },
    {
      title: t('disclosure.catalogue.subject'),
      key: 'subject',
      render: (_v, item) => t(`disclosure.subjects.${item.subject}`),
    },
    {
      title: t('disclosure.catalogue.cadence'),
      key: 'cadence',
      render: (_v, item) => t(`disclosure.cadences.${item.cadence}`),
    },
    {
      title: (
        <Tooltip title={t('disclosure.catalogue.withinHint')}>
          {t('disclosure.catalogue.within')}
        </Tooltip>
      ),
      dataIndex: 'withinWorkingDays',
      key: 'within',
      align: 'right',
    },
    { title: t('disclosure.catalogue.discloser'), dataIndex: 'discloser', key: 'discloser' },
    { title: t('disclosure.catalogue.basis'), dataIndex: 'basis', key: 'basis' },
  ];
  return (
    <Table<CatalogueItem>
      data-testid="catalogue-table"
      rowKey="subject"
      size="middle"
      columns={columns}
      dataSource={[...items]}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}

interface Values {
  items: Partial<CatalogueItem>[];
}

/** Edit the catalogue in place, one row per item, and save it as the county's own. */
function CatalogueEditor({ catalogue, onDone }: { catalogue: CatalogueDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();

  const save = useMutation({
    mutationFn: (values: Values) =>
      disclosureApi.saveCatalogue({
        countyCode: catalogue.countyCode,
        items: values.items.map((item) => ({
          subject: item.subject!,
          title: (item.title ?? '').trim(),
          cadence: item.cadence!,
          withinWorkingDays: item.withinWorkingDays ?? 0,
          discloser: (item.discloser ?? '').trim(),
          basis: (item.basis ?? '').trim(),
        })),
      }),
    meta: { form },
    onSuccess: async (saved) => {
      void message.success(t('disclosure.catalogue.saved'));
      client.setQueryData([...DISCLOSURE_KEY, 'catalogue', catalogue.countyCode], saved);
      await client.invalidateQueries({ queryKey: DISCLOSURE_KEY });
      onDone();
    },
  });

  const required: FormRule = { required: true, message: t('common.required') };
  const length =
    (min: number, max: number, key: 'titleRule' | 'discloserRule'): FormRule =>
    () => ({
      validator: async (_rule, value: string | undefined) => {
        const n = value?.trim().length ?? 0;
        if (n > 0 && (n < min || n > max)) throw new Error(t(`disclosure.catalogue.${key}`));
      },
    });
  const uniqueSubject =
    (index: number): FormRule =>
    ({ getFieldValue }) => ({
      validator: async (_rule, value: string | undefined) => {
        const items = (getFieldValue('items') ?? []) as Partial<CatalogueItem>[];
        if (value && items.some((item, i) => i !== index && item?.subject === value)) {
          throw new Error(t('disclosure.catalogue.subjectTwice'));
        }
      },
    });

  const header = (
    <Row gutter={8} style={{ marginBottom: 8, fontWeight: 500 }}>
      <Col span={4}>{t('disclosure.catalogue.subject')}</Col>
      <Col span={4}>{t('disclosure.catalogue.item')}</Col>
      <Col span={4}>{t('disclosure.catalogue.cadence')}</Col>
      <Col span={2}>
        <Tooltip title={t('disclosure.catalogue.withinHint')}>
          {t('disclosure.catalogue.within')}
        </Tooltip>
      </Col>
      <Col span={4}>{t('disclosure.catalogue.discloser')}</Col>
      <Col span={5}>{t('disclosure.catalogue.basis')}</Col>
      <Col span={1} />
    </Row>
  );

  return (
    <Form<Values>
      form={form}
      initialValues={{ items: catalogue.items }}
      onFinish={(values) => save.mutate(values)}
      data-testid="catalogue-form"
    >
      <div style={{ overflowX: 'auto' }}>
        <div style={{ minWidth: 960 }}>
          {header}
          <Form.List
            name="items"
            rules={[
              {
                validator: async (_rule, items: unknown[] | undefined) => {
                  if (!items || items.length === 0) {
                    throw new Error(t('disclosure.catalogue.atLeastOne'));
                  }
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={8} key={field.key} align="top">
                    <Col span={4}>
                      <Form.Item
                        name={[field.name, 'subject']}
                        dependencies={fields
                          .filter((f) => f.key !== field.key)
                          .map((f) => ['items', f.name, 'subject'])}
                        rules={[required, uniqueSubject(index)]}
                      >
                        <Select
                          data-testid={`catalogue-subject-${index}`}
                          options={DISCLOSURE_SUBJECTS.map((value) => ({
                            value,
                            label: t(`disclosure.subjects.${value}`),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item
                        name={[field.name, 'title']}
                        rules={[required, length(2, 100, 'titleRule')]}
                      >
                        <Input maxLength={100} data-testid={`catalogue-title-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[field.name, 'cadence']} rules={[required]}>
                        <Select
                          data-testid={`catalogue-cadence-${index}`}
                          popupMatchSelectWidth={false}
                          options={CADENCES.map((value) => ({
                            value,
                            label: t(`disclosure.cadences.${value}`),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Form.Item name={[field.name, 'withinWorkingDays']} rules={[required]}>
                        <InputNumber
                          min={0}
                          max={MAX_WITHIN}
                          precision={0}
                          style={{ width: '100%' }}
                          data-testid={`catalogue-within-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item
                        name={[field.name, 'discloser']}
                        rules={[required, length(2, 100, 'discloserRule')]}
                      >
                        <Input
                          maxLength={100}
                          placeholder={t('disclosure.catalogue.discloserPlaceholder')}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'basis']}>
                        <Input
                          maxLength={200}
                          placeholder={t('disclosure.catalogue.basisPlaceholder')}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={1}>
                      <Tooltip title={t('disclosure.catalogue.removeItem')}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('disclosure.catalogue.removeItem')}
                          onClick={() => remove(field.name)}
                        />
                      </Tooltip>
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_ITEMS}
                  onClick={() => add({ cadence: 'monthly', withinWorkingDays: 5, basis: '' })}
                  style={{ marginBottom: 16 }}
                  data-testid="catalogue-add"
                >
                  {t('disclosure.catalogue.addItem')}
                </Button>
              </>
            )}
          </Form.List>
        </div>
      </div>
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          data-testid="catalogue-save"
        >
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
