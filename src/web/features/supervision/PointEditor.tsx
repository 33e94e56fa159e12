import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Grid,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
  type FormRule,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATALOGUE_TEXT_LIMITS,
  RISK_LEVELS,
  type Catalogue,
  type RiskLevel,
  type SupervisionPoint,
} from '../../../shared/supervision/catalogue.js';
import type { FieldSink } from '../../api/errors.js';
import { categoryName, versionLabel } from './labels.js';
import { SUPERVISION_KEY, supervisionApi, type CatalogueVersionDto } from './supervision.api.js';

const DATE = 'YYYY-MM-DD';

/** The fields of a point that can be revised here; code and category stay as they are. */
const EDITABLE = ['title', 'whatToCheck', 'basis', 'risk', 'evidence', 'pathCode'] as const;
type Editable = (typeof EDITABLE)[number];

/** A point as the form holds it: the evidence as lines of one text. */
interface PointValues {
  title: string;
  whatToCheck: string;
  basis: string;
  risk: RiskLevel;
  evidence: string;
  pathCode: string;
}

interface Values {
  points: PointValues[];
  reason?: string;
  effectiveFrom?: Dayjs;
}

const toValues = (point: SupervisionPoint): PointValues => ({
  title: point.title,
  whatToCheck: point.whatToCheck,
  basis: point.basis,
  risk: point.risk,
  evidence: point.evidence.join('\n'),
  pathCode: point.pathCode,
});

const evidenceLines = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The point as revised in the form (texts trimmed), keeping its code and category. */
function revised(
  point: SupervisionPoint,
  values: Partial<PointValues> | undefined,
): SupervisionPoint {
  if (!values) return point;
  return {
    code: point.code,
    category: point.category,
    title: (values.title ?? '').trim(),
    whatToCheck: (values.whatToCheck ?? '').trim(),
    basis: (values.basis ?? '').trim(),
    risk: values.risk ?? point.risk,
    evidence: evidenceLines(values.evidence),
    pathCode: values.pathCode ?? '',
  };
}

function isChanged(point: SupervisionPoint, values: Partial<PointValues> | undefined): boolean {
  const next = revised(point, values);
  return EDITABLE.some((field) => JSON.stringify(next[field]) !== JSON.stringify(point[field]));
}

/**
 * Where a server error about `catalogue.points.N.<field>` (or `.evidence.J`) belongs in this
 * form: the same point's input. Null for anything the form does not edit (paths, the list).
 */
function formNameOf(name: (string | number)[]): (string | number)[] | null {
  if (name.length === 1 && (name[0] === 'reason' || name[0] === 'effectiveFrom')) return name;
  const [root, section, index, field] = name;
  if (root !== 'catalogue' || section !== 'points' || typeof index !== 'number') return null;
  if (!(EDITABLE as readonly unknown[]).includes(field)) return null;
  return ['points', index, field as Editable];
}

const SECTIONS = ['points', 'paths', 'negativeList'] as const;

/** `['catalogue', 'paths', 0, 'title']` → 监督路径 P01: the entry a server error is about. */
function entryOf(catalogue: Catalogue, name: (string | number)[], t: TFunction): string | null {
  const [root, section, index] = name;
  const known = SECTIONS.find((s) => s === section);
  if (root !== 'catalogue' || !known || typeof index !== 'number') return null;
  const code = catalogue[known][index]?.code;
  return code ? `${t(`supervision.history.sections.${known}`)} ${code}` : null;
}

interface Props {
  open: boolean;
  onClose: () => void;
  townCode: string;
  /** The version revised: the town's latest saved one, else the standard catalogue. */
  base: CatalogueVersionDto;
  /** The point shown first. */
  initialCode: string | undefined;
  /** Today in Beijing, `YYYY-MM-DD`: the earliest effective date. */
  today: string;
}

/**
 * Revise the town's catalogue point by point (title, what to check, basis, risk, evidence,
 * path), then save the whole catalogue as the next version from a date not before today.
 * Every point's inputs stay in the form while another is shown, so the server's field errors
 * land on the point they name.
 */
export function PointEditor({ open, onClose, townCode, base, initialCode, today }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const catalogue = base.catalogue;
  const [selected, setSelected] = useState(() =>
    Math.max(
      0,
      catalogue.points.findIndex((p) => p.code === initialCode),
    ),
  );
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const watched = Form.useWatch('points', form) as Partial<PointValues>[] | undefined;
  const changed = catalogue.points.filter((point, i) => isChanged(point, watched?.[i]));

  const pointOptions = useMemo(
    () =>
      catalogue.categories.map((category) => ({
        label: categoryName(catalogue, category.id),
        options: catalogue.points
          .map((point, index) => ({ point, index }))
          .filter(({ point }) => point.category === category.id)
          .map(({ point, index }) => ({ value: index, label: `${point.code} ${point.title}` })),
      })),
    [catalogue],
  );
  const pathOptions = useMemo(
    () =>
      catalogue.paths.map((path) => ({ value: path.code, label: `${path.code} ${path.title}` })),
    [catalogue],
  );

  // Field errors from the server, moved onto the inputs of the point they name; the point
  // with the first one is shown.
  const sink: FieldSink = {
    setFields: (fields) => {
      const onForm: { name: (string | number)[]; errors: string[] }[] = [];
      const other: string[] = [];
      for (const field of fields) {
        const name = (Array.isArray(field.name) ? field.name : [field.name]) as (string | number)[];
        const target = formNameOf(name);
        const errors = (field.errors ?? []).map(String);
        if (!target) {
          const label = entryOf(catalogue, name, t) ?? name.join('.');
          other.push(...errors.map((value) => t('common.labelValue', { label, value })));
          continue;
        }
        const same = onForm.find((f) => f.name.join('.') === target.join('.'));
        if (same) same.errors.push(...errors);
        else onForm.push({ name: target, errors });
      }
      form.setFields(onForm as Parameters<typeof form.setFields>[0]);
      setOtherErrors(other);
      const first = onForm.find((f) => f.name[0] === 'points');
      if (first) setSelected(Number(first.name[1]));
    },
  };

  const save = useMutation({
    mutationFn: (values: Values) =>
      supervisionApi.save({
        townCode,
        effectiveFrom: values.effectiveFrom!.format(DATE),
        reason: (values.reason ?? '').trim(),
        catalogue: {
          categories: catalogue.categories,
          points: catalogue.points.map((point, i) => revised(point, values.points[i])),
          paths: catalogue.paths,
          negativeList: catalogue.negativeList,
        },
      }),
    meta: { form: sink },
    onSuccess: async (saved) => {
      void message.success(
        t('supervision.editor.saved', { version: saved.version, date: saved.effectiveFrom }),
      );
      await client.invalidateQueries({ queryKey: SUPERVISION_KEY });
      onClose();
    },
  });

  const onFinish = (values: Values) => {
    setOtherErrors([]);
    if (!catalogue.points.some((point, i) => isChanged(point, values.points[i]))) {
      void message.warning(t('supervision.editor.nothingChanged'));
      return;
    }
    save.mutate(values);
  };

  const required: FormRule = { required: true, message: t('common.required') };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('supervision.editor.title')}
      width={screens.md ? 720 : '100%'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="supervision-save"
          >
            {t('supervision.editor.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('supervision.editor.intro')}</Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('supervision.editor.base', {
          base: versionLabel(t, base),
          next: base.version + 1,
        })}
      />
      {otherErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="supervision-other-errors"
          message={t('supervision.editor.otherErrors')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {otherErrors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ points: catalogue.points.map(toValues) }}
        onFinish={onFinish}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields.find((f) => f.name[0] === 'points');
          if (first) setSelected(Number(first.name[1]));
        }}
      >
        <Form.Item label={t('supervision.editor.point')}>
          <Select<number>
            showSearch
            optionFilterProp="label"
            value={selected}
            onChange={setSelected}
            options={pointOptions}
            placeholder={t('supervision.editor.pointPlaceholder')}
            data-testid="supervision-editor-point"
          />
        </Form.Item>
        <Space wrap size={[4, 4]} style={{ marginBottom: 16 }} data-testid="supervision-edited">
          {changed.length === 0 ? (
            <Typography.Text type="secondary">{t('supervision.editor.noneEdited')}</Typography.Text>
          ) : (
            <>
              <Typography.Text type="secondary">{t('supervision.editor.edited')}</Typography.Text>
              {changed.map((point) => (
                <Tag
                  key={point.code}
                  color="blue"
                  style={{ cursor: 'pointer' }}
                  onClick={() => setSelected(catalogue.points.indexOf(point))}
                >
                  {point.code}
                </Tag>
              ))}
            </>
          )}
        </Space>
        {catalogue.points.map((point, index) => (
          <PointFields
            key={point.code}
            index={index}
            code={point.code}
            hidden={index !== selected}
            pathOptions={pathOptions}
          />
        ))}
        <Divider />
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="effectiveFrom"
              label={t('supervision.editor.effectiveFrom')}
              extra={t('supervision.editor.effectiveHint')}
              rules={[required]}
            >
              <DatePicker
                disabledDate={(date) => date.isBefore(dayjs(today), 'day')}
                style={{ width: '100%' }}
                data-testid="supervision-effective"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="reason"
              label={t('supervision.editor.reason')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input
                maxLength={500}
                placeholder={t('supervision.editor.reasonPlaceholder')}
                data-testid="supervision-reason"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

/** The inputs of one point; every point's are kept in the form, only the chosen one shown. */
const PointFields = memo(function PointFields({
  index,
  code,
  hidden,
  pathOptions,
}: {
  index: number;
  code: string;
  hidden: boolean;
  pathOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const required: FormRule = { required: true, whitespace: true, message: t('common.required') };
  const testId = (field: Editable) => `supervision-form-${code}-${field}`;
  const max = CATALOGUE_TEXT_LIMITS;
  return (
    <div hidden={hidden} data-testid={`supervision-form-${code}`}>
      <Form.Item
        name={['points', index, 'title']}
        label={t('supervision.editor.pointTitle')}
        rules={[required]}
      >
        <Input maxLength={max.title} showCount data-testid={testId('title')} />
      </Form.Item>
      <Form.Item
        name={['points', index, 'whatToCheck']}
        label={t('supervision.editor.whatToCheck')}
        rules={[required]}
      >
        <Input.TextArea
          maxLength={max.whatToCheck}
          showCount
          autoSize={{ minRows: 3, maxRows: 8 }}
          data-testid={testId('whatToCheck')}
        />
      </Form.Item>
      <Form.Item
        name={['points', index, 'basis']}
        label={t('supervision.editor.basis')}
        rules={[required]}
      >
        <Input.TextArea
          maxLength={max.basis}
          showCount
          autoSize={{ minRows: 1, maxRows: 4 }}
          data-testid={testId('basis')}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name={['points', index, 'risk']}
            label={t('supervision.editor.risk')}
            rules={[required]}
          >
            <Radio.Group
              optionType="button"
              data-testid={testId('risk')}
              options={RISK_LEVELS.map((risk) => ({
                value: risk,
                label: t(`supervision.risk.${risk}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name={['points', index, 'pathCode']}
            label={t('supervision.editor.path')}
            rules={[required]}
          >
            <Select<string>
              showSearch
              optionFilterProp="label"
              options={pathOptions}
              data-testid={testId('pathCode')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={['points', index, 'evidence']}
        label={t('supervision.editor.evidence')}
        extra={t('supervision.editor.evidenceHint')}
        rules={[
          {
            validator: async (_rule, value: string | undefined) => {
              const lines = evidenceLines(value);
              if (lines.length === 0) throw new Error(t('common.required'));
              if (lines.some((line) => [...line].length > max.evidence)) {
                throw new Error(t('supervision.editor.evidenceTooLong', { max: max.evidence }));
              }
            },
          },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={testId('evidence')} />
      </Form.Item>
    </div>
  );
});
