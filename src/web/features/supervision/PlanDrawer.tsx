import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  Select,
  Space,
  Spin,
  Tree,
  Typography,
  type TreeDataNode,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isWithin } from '../../../shared/region.js';
import type { Catalogue } from '../../../shared/supervision/catalogue.js';
import { todayInShanghai } from '../../format.js';
import { useMyRegions } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { fieldSink, listFieldSink, OtherErrors } from './inspection.labels.js';
import { categoryName, RiskTag, versionLabel } from './labels.js';
import {
  INSPECTIONS_KEY,
  inspectionsApi,
  SUPERVISION_KEY,
  supervisionApi,
  type PlanInspectionsInput,
} from './supervision.api.js';

const DATE = 'YYYY-MM-DD';
const CATEGORY_KEY = 'category:';

export interface PlannableVillages {
  options: { value: string; label: string }[];
  names: Map<string, string>;
}

/** The villages of a town where the user may plan inspections (supervision.manage). */
export function usePlannableVillages(townCode: string | null): PlannableVillages {
  const me = useMe();
  const regions = useMyRegions();
  return useMemo(() => {
    const roots = me.permissions['supervision.manage'] ?? [];
    const villages = (regions.data ?? [])
      .filter(
        (r) =>
          townCode !== null &&
          r.level === 'village' &&
          r.parentCode === townCode &&
          roots.some((root) => isWithin(r.code, root)),
      )
      .sort((a, b) => a.code.localeCompare(b.code));
    return {
      options: villages.map((v) => ({ value: v.code, label: v.name })),
      names: new Map(villages.map((v) => [v.code, v.name])),
    };
  }, [me, regions.data, townCode]);
}

interface PointsProps {
  /** Undefined while it loads. */
  catalogue: Catalogue | undefined;
  failed: boolean;
  /** Chosen point codes; undefined means every point of the catalogue. */
  value?: string[];
  onChange?: (next: string[] | undefined) => void;
}

/** The catalogue's points grouped by the six categories, each one ticked or not. */
function PointsPicker({ catalogue, failed, value, onChange }: PointsProps) {
  const { t } = useTranslation();
  if (!catalogue) {
    return failed ? (
      <Alert type="error" showIcon message={t('supervision.plan.catalogueFailed')} />
    ) : (
      <Spin />
    );
  }
  const all = catalogue.points.map((p) => p.code);
  const chosen = value ?? all;
  const treeData: TreeDataNode[] = catalogue.categories.map((category) => {
    const points = catalogue.points.filter((p) => p.category === category.id);
    return {
      key: `${CATEGORY_KEY}${category.id}`,
      title: (
        <span data-testid={`plan-category-${category.id}`}>
          {t('supervision.categoryCount', {
            name: categoryName(catalogue, category.id),
            count: points.length,
          })}
        </span>
      ),
      children: points.map((point) => ({
        key: point.code,
        title: (
          <span data-testid={`plan-point-${point.code}`}>
            {point.code} {point.title} <RiskTag risk={point.risk} />
          </span>
        ),
      })),
    };
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button size="small" onClick={() => onChange?.(undefined)} data-testid="plan-points-all">
          {t('supervision.plan.selectAll')}
        </Button>
        <Button size="small" onClick={() => onChange?.([])} data-testid="plan-points-none">
          {t('supervision.plan.selectNone')}
        </Button>
        <Typography.Text type="secondary" data-testid="plan-points-count">
          {t('supervision.plan.selectedCount', { count: chosen.length, total: all.length })}
        </Typography.Text>
      </Space>
      <div
        style={{
          maxHeight: 360,
          overflow: 'auto',
          border: '1px solid rgba(5, 5, 5, 0.06)',
          borderRadius: 6,
          padding: 4,
        }}
      >
        <Tree
          checkable
          selectable={false}
          defaultExpandAll
          treeData={treeData}
          checkedKeys={chosen}
          onCheck={(checked) => {
            const keys = Array.isArray(checked) ? checked : checked.checked;
            const codes = keys.map(String).filter((k) => !k.startsWith(CATEGORY_KEY));
            // Keep the catalogue's order; all of them is "every point" (also for new versions).
            const ordered = all.filter((code) => codes.includes(code));
            onChange?.(ordered.length === all.length ? undefined : ordered);
          }}
        />
      </div>
    </Space>
  );
}

/** 2026年第四季度“六小一督”监督检查: the quarter of the day the plan is made. */
function defaultTitle(t: TFunction, today: string): string {
  const month = Number(today.slice(5, 7));
  return t('supervision.plan.defaultTitle', {
    year: today.slice(0, 4),
    quarter: t(`supervision.plan.quarters.q${Math.ceil(month / 3) as 1 | 2 | 3 | 4}`),
  });
}

interface Values {
  regionCodes: string[];
  plannedOn: Dayjs;
  title: string;
  officers: string[];
  pointCodes?: string[];
}

interface Props {
  open: boolean;
  townCode: string;
  villages: PlannableVillages;
  /** Preselected: the village chosen in the header. */
  defaultVillage?: string;
  onClose: () => void;
}

/**
 * 安排监督检查: villages of the town, the day, a title, the officers and the points to check
 * (every point of the catalogue in force that day unless narrowed). One inspection per village.
 */
export function PlanDrawer({ open, townCode, villages, defaultVillage, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const plannedOn = Form.useWatch('plannedOn', form);
  const date = (plannedOn ?? dayjs(todayInShanghai())).format(DATE);
  /** The body last sent: a field error names an element of its lists by index. */
  const sent = useRef<PlanInspectionsInput | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);

  const catalogue = useQuery({
    queryKey: [...SUPERVISION_KEY, 'catalogue', townCode, date],
    queryFn: () => supervisionApi.inForce(townCode, date),
    enabled: open,
  });
  const stations = useQuery({
    queryKey: [...SUPERVISION_KEY, 'stations', townCode],
    queryFn: () => inspectionsApi.stations(townCode),
    enabled: open,
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const officerOptions = useMemo(
    () =>
      (stations.data ?? [])
        .map((station) => ({
          label: station.regionName,
          title: station.regionName,
          options: station.members
            .filter((m) => m.active && (m.role === 'head' || m.role === 'officer'))
            .map((m) => ({ value: m.name, label: m.name })),
        }))
        .filter((group) => group.options.length > 0),
    [stations.data],
  );

  const lists = listFieldSink(form, ['regionCodes', 'officers', 'pointCodes'], (list, index) => {
    const body = sent.current;
    if (!body) return undefined;
    if (list === 'regionCodes') {
      const code = body.regionCodes[index];
      return code ? (villages.names.get(code) ?? code) : undefined;
    }
    if (list === 'pointCodes') return body.pointCodes?.[index];
    return body.officers[index];
  });

  const plan = useMutation({
    mutationFn: (body: PlanInspectionsInput) => inspectionsApi.plan(body),
    meta: {
      form: fieldSink(
        lists,
        ['regionCodes', 'plannedOn', 'title', 'officers', 'pointCodes'],
        setOtherErrors,
      ),
    },
    onMutate: () => setOtherErrors([]),
    onSuccess: async (created) => {
      void message.success(t('supervision.plan.done', { count: created.length }));
      await client.invalidateQueries({ queryKey: INSPECTIONS_KEY });
      onClose();
    },
  });

  const submit = (values: Values) => {
    const body: PlanInspectionsInput = {
      regionCodes: values.regionCodes,
      plannedOn: values.plannedOn.format(DATE),
      title: values.title.trim(),
      officers: values.officers.map((o) => o.trim()).filter(Boolean),
      ...(values.pointCodes ? { pointCodes: values.pointCodes } : {}),
    };
    sent.current = body;
    plan.mutate(body);
  };

  const version = catalogue.data;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('supervision.plan.title')}
      width={screens.md ? 640 : '100%'}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={plan.isPending}
          onClick={() => form.submit()}
          data-testid="plan-submit"
        >
          {t('supervision.plan.submit')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('supervision.plan.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          regionCodes: defaultVillage && villages.names.has(defaultVillage) ? [defaultVillage] : [],
          plannedOn: dayjs(todayInShanghai()),
          title: defaultTitle(t, todayInShanghai()),
          officers: [],
        }}
      >
        <Form.Item
          label={
            <Space>
              {t('supervision.plan.villages')}
              <Typography.Link
                onClick={() =>
                  form.setFieldValue(
                    'regionCodes',
                    villages.options.map((o) => o.value),
                  )
                }
                data-testid="plan-villages-all"
              >
                {t('supervision.plan.allVillages')}
              </Typography.Link>
            </Space>
          }
          name="regionCodes"
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('supervision.plan.villagesRequired'),
            },
          ]}
        >
          <Select
            mode="multiple"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('supervision.plan.villagesPlaceholder')}
            options={villages.options}
            data-testid="plan-villages"
          />
        </Form.Item>
        <Form.Item
          label={t('supervision.plan.plannedOn')}
          name="plannedOn"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker allowClear={false} data-testid="plan-date" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          label={t('supervision.plan.inspectionTitle')}
          name="title"
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { min: 2, max: 80, message: t('supervision.plan.titleLength') },
          ]}
        >
          <Input
            placeholder={t('supervision.plan.titlePlaceholder')}
            maxLength={80}
            data-testid="plan-title"
          />
        </Form.Item>
        <Form.Item
          label={t('supervision.plan.officers')}
          name="officers"
          extra={t('supervision.plan.officersHint')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('supervision.plan.officersRequired'),
            },
          ]}
        >
          <Select
            mode="tags"
            placeholder={t('supervision.plan.officersPlaceholder')}
            options={officerOptions}
            maxCount={10}
            tokenSeparators={[',', '，', '、']}
            data-testid="plan-officers"
          />
        </Form.Item>
        <Form.Item
          label={t('supervision.plan.points')}
          name="pointCodes"
          extra={
            version
              ? t('supervision.plan.catalogue', {
                  version: versionLabel(t, version),
                  date: version.effectiveFrom,
                })
              : undefined
          }
          rules={[
            {
              validator: (_rule, value: string[] | undefined) =>
                value !== undefined && value.length === 0
                  ? Promise.reject(new Error(t('supervision.plan.pointsRequired')))
                  : Promise.resolve(),
            },
          ]}
        >
          <PointsPicker catalogue={version?.catalogue} failed={catalogue.isError} />
        </Form.Item>
        <OtherErrors messages={otherErrors} />
      </Form>
    </Drawer>
  );
}
