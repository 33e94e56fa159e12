import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CATEGORIES, DEFAULT_CASE_LIMITS } from '../../../shared/case-categories.js';
import { CASE_TYPES, type CaseType } from '../../../shared/case-machine.js';
import { isWithin, regionLevel } from '../../../shared/region.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionsApi, useMyRegions } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { NotifyChannelsCard } from '../services/NotifyChannelsCard.js';
import {
  CASES_KEY,
  casesApi,
  useDeadlines,
  type DeadlineRowDto,
  type PutDeadlineInput,
  type PutRouteInput,
  type RouteRowDto,
} from './cases.api.js';
import {
  caseTypeLabel,
  categoryLabel,
  countyCodeOf,
  TYPE_COLORS,
  townOf,
  type LimitsSource,
} from './labels.js';
import { UnitSelect, useUnitsFor } from './UnitSelect.js';

/** The category value of a row that covers every category of its type. */
const ALL_CATEGORIES = '';

const SOURCE_COLORS: Record<LimitsSource, string> = {
  platform: 'default',
  county: 'purple',
  town: 'blue',
  village: 'cyan',
};

const sourceOf = (regionCode: string): LimitsSource => {
  const level = regionLevel(regionCode);
  return level === 'village' ? 'village' : level === 'town' ? 'town' : 'county';
};

/** The names of the town, its villages and its county. */
function useRegionNames(town: string) {
  const mine = useMyRegions();
  const county = countyCodeOf(town);
  const countyRegion = useQuery({
    queryKey: ['regions', county],
    queryFn: () => regionsApi.get(county),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  return useMemo(() => {
    const names = new Map((mine.data ?? []).map((r) => [r.code, r.name]));
    if (countyRegion.data) names.set(county, countyRegion.data.name);
    const villages = (mine.data ?? [])
      .filter((r) => r.level === 'village' && isWithin(r.code, town))
      .sort((a, b) => a.code.localeCompare(b.code));
    return { names, villages };
  }, [mine.data, countyRegion.data, county, town]);
}

/**
 * 办理时限与派单: the working-day limits of each type of case and the units each type goes to,
 * for a town and its villages. Town officers with case.config change them; others read.
 */
export default function CaseSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode } = useRegion();
  const mine = useMyRegions();
  const headerTown = townOf(regionCode) ?? townOf(me.regionCode);
  const [picked, setPicked] = useState<string | undefined>();
  const town = headerTown ?? picked;
  const towns = (mine.data ?? []).filter((r) => r.level === 'town');

  if (!town) {
    return (
      <Card title={t('cases.settings.title')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon message={t('cases.settings.chooseTown')} />
          <Select<string>
            showSearch
            optionFilterProp="label"
            style={{ width: 260 }}
            loading={mine.isLoading}
            placeholder={t('cases.settings.townPlaceholder')}
            options={towns.map((r) => ({ value: r.code, label: r.name }))}
            onChange={setPicked}
            data-testid="case-settings-town"
          />
        </Space>
      </Card>
    );
  }
  return <TownSettings key={town} town={town} />;
}

function TownSettings({ town }: { town: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = (me.permissions['case.config'] ?? []).some((root) => isWithin(town, root));
  const { names, villages } = useRegionNames(town);
  const townName = names.get(town) ?? town;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('cases.settings.titleOf', { region: townName })}
      </Typography.Title>
      {!canEdit && (
        <Alert
          type="info"
          showIcon
          message={t('cases.settings.readOnly')}
          data-testid="case-settings-readonly"
        />
      )}
      <DeadlinesCard town={town} canEdit={canEdit} names={names} villages={villages} />
      <RoutesCard town={town} canEdit={canEdit} names={names} villages={villages} />
      {canEdit && <NotifyChannelsCard town={town} />}
    </Space>
  );
}

interface SectionProps {
  town: string;
  canEdit: boolean;
  names: ReadonlyMap<string, string>;
  villages: readonly { code: string; name: string }[];
}

/** A row of the limits table: a stored row, or the platform's default for a type. */
interface LimitsLine extends PutDeadlineInput {
  key: string;
  source: LimitsSource;
}

/** The town or one of its villages, as a form control. */
function ScopeSelect({
  town,
  names,
  villages,
  ...props
}: {
  town: string;
  names: ReadonlyMap<string, string>;
  villages: readonly { code: string; name: string }[];
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select<string>
      {...props}
      showSearch
      optionFilterProp="label"
      options={[
        { value: town, label: t('cases.settings.wholeTown', { town: names.get(town) ?? town }) },
        ...villages.map((v) => ({ value: v.code, label: v.name })),
      ]}
    />
  );
}

function CategorySelect({
  type,
  ...props
}: {
  type: CaseType | undefined;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select<string>
      {...props}
      disabled={!type}
      options={[
        { value: ALL_CATEGORIES, label: t('cases.settings.allCategories') },
        ...(type ? CASE_CATEGORIES[type] : []).map((value) => ({
          value,
          label: categoryLabel(value),
        })),
      ]}
    />
  );
}

function DeadlinesCard({ town, canEdit, names, villages }: SectionProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<PutDeadlineInput>();
  const [editing, setEditing] = useState<PutDeadlineInput | null>(null);
  const rows = useDeadlines(town);
  const county = countyCodeOf(town);
  const formType = Form.useWatch('caseType', form);

  /**
   * For each type: the limits every category starts from (the town's row for all categories,
   * else the county's, else the platform's), then the rows of single categories and villages.
   */
  const lines = useMemo(() => {
    const data = rows.data ?? [];
    const result: LimitsLine[] = [];
    const line = (row: DeadlineRowDto): LimitsLine => ({
      key: row.id,
      regionCode: row.regionCode,
      caseType: row.caseType,
      category: row.category,
      signDays: row.signDays,
      handleDays: row.handleDays,
      maxExtensionDays: row.maxExtensionDays,
      returnDays: row.returnDays,
      source: sourceOf(row.regionCode),
    });
    for (const type of CASE_TYPES) {
      const ofType = data.filter((row) => row.caseType === type);
      const general = ofType.filter((row) => row.category === ALL_CATEGORIES);
      const townRow = general.find((row) => row.regionCode === town);
      const countyRow = general.find((row) => row.regionCode === county);
      if (townRow) result.push(line(townRow));
      if (countyRow) result.push(line(countyRow));
      if (!townRow && !countyRow) {
        result.push({
          key: `default-${type}`,
          regionCode: town,
          caseType: type,
          category: ALL_CATEGORIES,
          ...DEFAULT_CASE_LIMITS[type],
          source: 'platform',
        });
      }
      for (const row of ofType) {
        if (row === townRow || row === countyRow) continue;
        result.push(line(row));
      }
    }
    return result;
  }, [rows.data, town, county]);

  const save = useMutation({
    mutationFn: (values: PutDeadlineInput) =>
      casesApi.putDeadline({ ...values, category: values.category ?? ALL_CATEGORIES }),
    meta: { form },
    onSuccess: async (next) => {
      client.setQueryData([...CASES_KEY, 'deadlines', town], next);
      void message.success(t('cases.settings.deadlines.saved'));
      setEditing(null);
      await client.invalidateQueries({ queryKey: CASES_KEY });
    },
  });

  const open = (line?: LimitsLine) => {
    const {
      key: _key,
      source,
      ...values
    } = line ?? {
      key: '',
      source: 'town' as const,
      regionCode: town,
      caseType: 'request' as const,
      category: ALL_CATEGORIES,
      ...DEFAULT_CASE_LIMITS.request,
    };
    // A county's or the platform's limits are changed by setting the town's own.
    setEditing(
      source === 'county' || source === 'platform' ? { ...values, regionCode: town } : values,
    );
  };

  const days = (n: number) => t('cases.settings.days', { n });
  const columns: TableColumnsType<LimitsLine> = [
    {
      title: t('cases.settings.type'),
      key: 'type',
      render: (_v, line) => (
        <Tag color={TYPE_COLORS[line.caseType]}>{caseTypeLabel(t, line.caseType)}</Tag>
      ),
    },
    {
      title: t('cases.settings.category'),
      key: 'category',
      render: (_v, line) =>
        line.category === ALL_CATEGORIES
          ? t('cases.settings.allCategories')
          : categoryLabel(line.category),
    },
    {
      title: t('cases.settings.scope'),
      key: 'scope',
      render: (_v, line) =>
        line.source === 'platform' ? (
          <Typography.Text type="secondary">{t('cases.settings.platformScope')}</Typography.Text>
        ) : (
          (names.get(line.regionCode) ?? line.regionCode)
        ),
    },
    { title: t('cases.settings.deadlines.sign'), key: 'sign', render: (_v, l) => days(l.signDays) },
    {
      title: t('cases.settings.deadlines.handle'),
      key: 'handle',
      render: (_v, l) => days(l.handleDays),
    },
    {
      title: t('cases.settings.deadlines.maxExtension'),
      key: 'maxExtension',
      render: (_v, l) => days(l.maxExtensionDays),
    },
    {
      title: t('cases.settings.deadlines.return'),
      key: 'return',
      render: (_v, l) => days(l.returnDays),
    },
    {
      title: t('cases.settings.source'),
      key: 'source',
      render: (_v, line) => (
        <Tag color={SOURCE_COLORS[line.source]}>{t(`cases.settings.sources.${line.source}`)}</Tag>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_v, line) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          data-testid={`case-deadline-edit-${line.key}`}
          onClick={() => open(line)}
        >
          {line.source === 'county' || line.source === 'platform'
            ? t('cases.settings.setForTown')
            : t('common.edit')}
        </Button>
      ),
    });
  }

  const dayInput = (name: keyof PutDeadlineInput, label: string, min: number, max: number) => (
    <Col xs={12} md={6}>
      <Form.Item
        name={name}
        label={label}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <InputNumber
          min={min}
          max={max}
          precision={0}
          addonAfter={t('cases.settings.dayUnit')}
          style={{ width: '100%' }}
          data-testid={`case-deadline-${name}`}
        />
      </Form.Item>
    </Col>
  );

  return (
    <Card
      title={t('cases.settings.deadlines.title')}
      extra={
        canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => open()} data-testid="case-deadline-add">
            {t('cases.settings.deadlines.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('cases.settings.deadlines.hint')}
      </Typography.Paragraph>
      <Table<LimitsLine>
        data-testid="case-deadlines-table"
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={lines}
        loading={rows.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        open={editing !== null}
        title={t('cases.settings.deadlines.formTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        okButtonProps={{ 'data-testid': 'case-deadline-submit' }}
        confirmLoading={save.isPending}
        destroyOnHidden
        width={640}
      >
        {editing && (
          <Form<PutDeadlineInput>
            form={form}
            layout="vertical"
            initialValues={editing}
            onValuesChange={(changed: Partial<PutDeadlineInput>) => {
              if (changed.caseType) form.setFieldValue('category', ALL_CATEGORIES);
            }}
            onFinish={(values) => save.mutate(values)}
          >
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="regionCode"
                  label={t('cases.settings.scope')}
                  rules={[{ required: true }]}
                >
                  <ScopeSelect town={town} names={names} villages={villages} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="caseType"
                  label={t('cases.settings.type')}
                  rules={[{ required: true }]}
                >
                  <Select<CaseType>
                    options={CASE_TYPES.map((value) => ({ value, label: caseTypeLabel(t, value) }))}
                    data-testid="case-deadline-type"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="category" label={t('cases.settings.category')}>
                  <CategorySelect type={formType} data-testid="case-deadline-category" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              {dayInput('signDays', t('cases.settings.deadlines.sign'), 0, 60)}
              {dayInput('handleDays', t('cases.settings.deadlines.handle'), 1, 180)}
              {dayInput('maxExtensionDays', t('cases.settings.deadlines.maxExtension'), 0, 180)}
              {dayInput('returnDays', t('cases.settings.deadlines.return'), 0, 30)}
            </Row>
            <Typography.Text type="secondary">
              {t('cases.settings.deadlines.formHint')}
            </Typography.Text>
          </Form>
        )}
      </Modal>
    </Card>
  );
}

function RoutesCard({ town, canEdit, names, villages }: SectionProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<PutRouteInput>();
  const [editing, setEditing] = useState<Partial<PutRouteInput> | null>(null);
  const { units, loading } = useUnitsFor(canEdit ? [town] : []);
  const formType = Form.useWatch('caseType', form);
  const rows = useQuery({
    queryKey: [...CASES_KEY, 'routes', town],
    queryFn: () => casesApi.routes(town),
  });

  const save = useMutation({
    mutationFn: (values: PutRouteInput) =>
      casesApi.putRoute({ ...values, category: values.category ?? ALL_CATEGORIES }),
    meta: { form },
    onSuccess: (next) => {
      client.setQueryData([...CASES_KEY, 'routes', town], next);
      void message.success(t('cases.settings.routes.saved'));
      setEditing(null);
    },
  });

  const columns: TableColumnsType<RouteRowDto> = [
    {
      title: t('cases.settings.type'),
      key: 'type',
      render: (_v, row) => (
        <Tag color={TYPE_COLORS[row.caseType]}>{caseTypeLabel(t, row.caseType)}</Tag>
      ),
    },
    {
      title: t('cases.settings.category'),
      key: 'category',
      render: (_v, row) =>
        row.category === ALL_CATEGORIES
          ? t('cases.settings.allCategories')
          : categoryLabel(row.category),
    },
    {
      title: t('cases.settings.scope'),
      key: 'scope',
      render: (_v, row) => names.get(row.regionCode) ?? row.regionCode,
    },
    { title: t('cases.settings.routes.unit'), dataIndex: 'unitName', key: 'unit' },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_v, row) =>
        isWithin(row.regionCode, town) ? (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            data-testid={`case-route-edit-${row.id}`}
            onClick={() =>
              setEditing({
                regionCode: row.regionCode,
                caseType: row.caseType,
                category: row.category,
                unitId: row.unitId,
              })
            }
          >
            {t('common.edit')}
          </Button>
        ) : null,
    });
  }

  return (
    <Card
      title={t('cases.settings.routes.title')}
      extra={
        canEdit && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setEditing({ regionCode: town, category: ALL_CATEGORIES })}
            data-testid="case-route-add"
          >
            {t('cases.settings.routes.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('cases.settings.routes.hint')}
      </Typography.Paragraph>
      <Table<RouteRowDto>
        data-testid="case-routes-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows.data ?? []}
        loading={rows.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('cases.settings.routes.empty') }}
      />
      <Modal
        open={editing !== null}
        title={t('cases.settings.routes.formTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        okButtonProps={{ 'data-testid': 'case-route-submit' }}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        {editing && (
          <Form<PutRouteInput>
            form={form}
            layout="vertical"
            initialValues={editing}
            onValuesChange={(changed: Partial<PutRouteInput>) => {
              if (changed.caseType) form.setFieldValue('category', ALL_CATEGORIES);
            }}
            onFinish={(values) => save.mutate(values)}
          >
            <Form.Item
              name="caseType"
              label={t('cases.settings.type')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select<CaseType>
                options={CASE_TYPES.map((value) => ({ value, label: caseTypeLabel(t, value) }))}
                data-testid="case-route-type"
              />
            </Form.Item>
            <Form.Item name="category" label={t('cases.settings.category')}>
              <CategorySelect type={formType} data-testid="case-route-category" />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label={t('cases.settings.scope')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <ScopeSelect town={town} names={names} villages={villages} />
            </Form.Item>
            <Form.Item
              name="unitId"
              label={t('cases.settings.routes.unit')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <UnitSelect
                units={units}
                loading={loading}
                placeholder={t('cases.dispatch.unitPlaceholder')}
                data-testid="case-route-unit"
              />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
