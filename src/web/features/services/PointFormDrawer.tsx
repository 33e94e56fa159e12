import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Divider,
  Drawer,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseType } from '../../../shared/case-machine.js';
import { isWithin } from '../../../shared/region.js';
import {
  DEFAULT_POINT_CASE_TYPES,
  HOST_TYPES,
  LEGAL_CASE_TYPES,
  STANDARD_ITEMS,
  type HostType,
  type Standard,
  type StandardItem,
} from '../../../shared/schemas/services.js';
import type { UnitDto } from '../../../shared/schemas/regions.js';
import { useMe } from '../auth/session.js';
import { useUnits } from '../cases/cases.api.js';
import { townOf } from '../cases/labels.js';
import { AreaSelect, CaseTypesField, hostTypeLabel, PhotoField, pointKindLabel } from './fields.js';
import {
  holdsAt,
  POINTS_KEY,
  servicesApi,
  type ServicePointDto,
  type ServicePointKind,
} from './services.api.js';

interface CheckValues {
  pass?: boolean;
  note?: string;
  photoFileId?: string;
}

interface Values {
  unitId?: string;
  address: string;
  hostType: HostType;
  hostName: string;
  areaCodes: string[];
  caseTypes: CaseType[];
  standard: Record<StandardItem, CheckValues>;
}

const POINT_UNIT_KINDS: Record<string, ServicePointKind> = {
  service_point: 'service',
  legal_studio: 'legal',
};

interface Props {
  open: boolean;
  /** The point to edit; null registers a new one. */
  point: ServicePointDto | null;
  /** The region of the list: units under it are offered. */
  regionCode: string;
  /** Units already registered as points. */
  registered: readonly string[];
  onClose: () => void;
}

/** The checklist as the form holds it: every item unanswered for a point never assessed. */
function checklistValues(standard: Standard | null): Values['standard'] {
  const out = {} as Values['standard'];
  for (const item of STANDARD_ITEMS) {
    const check = standard?.[item];
    out[item] = check
      ? { pass: check.pass, note: check.note, photoFileId: check.photoFileId }
      : { pass: undefined };
  }
  return out;
}

/**
 * 登记/编辑党群微家（法官工作室）: the unit, address, host, area, case types and the "六有"
 * checklist (each item pass or fail, a note and one photo). Town officers with case.config.
 */
export function PointFormDrawer({ open, point, regionCode, registered, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = point !== null;
  const units = useUnits(open && !editing);
  const unitId = Form.useWatch('unitId', form);

  const candidates = useMemo(
    () =>
      (units.data ?? []).filter(
        (u) =>
          u.kind in POINT_UNIT_KINDS &&
          isWithin(u.regionCode, regionCode) &&
          holdsAt(me, 'case.config', u.regionCode) &&
          !registered.includes(u.id),
      ),
    [units.data, regionCode, registered, me],
  );
  const unit: UnitDto | undefined = candidates.find((u) => u.id === unitId);
  const pointRegion = point?.regionCode ?? unit?.regionCode;
  const kind: ServicePointKind | undefined =
    point?.kind ?? (unit ? POINT_UNIT_KINDS[unit.kind] : undefined);
  const town = townOf(pointRegion);

  const initialValues: Partial<Values> = point
    ? {
        address: point.address,
        hostType: point.hostType,
        hostName: point.hostName,
        areaCodes: point.area.map((a) => a.regionCode),
        caseTypes: point.caseTypes,
        standard: checklistValues(point.standard),
      }
    : { hostType: 'village_office', standard: checklistValues(null) };

  const save = useMutation({
    mutationFn: (values: Values & { standardBody: Standard | undefined }) => {
      const body = {
        address: values.address.trim(),
        hostType: values.hostType,
        hostName: values.hostName.trim(),
        areaCodes: values.areaCodes,
        caseTypes: values.caseTypes,
        standard: values.standardBody,
      };
      return point
        ? servicesApi.updatePoint(point.unitId, body)
        : servicesApi.register({ ...body, unitId: values.unitId ?? '' });
    },
    meta: { form },
    onSuccess: async () => {
      void message.success(editing ? t('services.pointForm.saved') : t('services.pointForm.done'));
      onClose();
      await client.invalidateQueries({ queryKey: POINTS_KEY });
    },
  });

  const submit = (values: Values) => {
    const answered = STANDARD_ITEMS.filter((item) => values.standard[item]?.pass !== undefined);
    if (answered.length > 0 && answered.length < STANDARD_ITEMS.length) {
      form.setFields(
        STANDARD_ITEMS.filter((item) => !answered.includes(item)).map((item) => ({
          name: ['standard', item, 'pass'],
          errors: [t('services.pointForm.assessAll')],
        })),
      );
      return;
    }
    let standardBody: Standard | undefined;
    if (answered.length === STANDARD_ITEMS.length) {
      standardBody = {} as Standard;
      for (const item of STANDARD_ITEMS) {
        const check = values.standard[item];
        const note = check.note?.trim();
        standardBody[item] = {
          pass: check.pass === true,
          ...(note ? { note } : {}),
          ...(check.photoFileId ? { photoFileId: check.photoFileId } : {}),
        };
      }
    }
    save.mutate({ ...values, standardBody });
  };

  const required = [{ required: true, whitespace: true, message: t('common.required') }];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={
        editing
          ? t('services.pointForm.editTitle', { name: point.name })
          : t('services.pointForm.title')
      }
      width={720}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="point-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if (!changed.unitId) return;
          const next = candidates.find((u) => u.id === changed.unitId);
          if (!next) return;
          const nextKind = POINT_UNIT_KINDS[next.kind] ?? 'service';
          form.setFieldsValue({
            caseTypes: [...DEFAULT_POINT_CASE_TYPES[nextKind]],
            areaCodes: [next.regionCode],
          });
        }}
      >
        {!editing && (
          <Form.Item
            name="unitId"
            label={t('services.pointForm.unit')}
            extra={t('services.pointForm.unitHint')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select<string>
              showSearch
              optionFilterProp="label"
              loading={units.isLoading}
              placeholder={t('services.pointForm.unitPlaceholder')}
              notFoundContent={units.isLoading ? undefined : t('services.pointForm.noUnits')}
              options={candidates.map((u) => ({
                value: u.id,
                label: t('services.pointForm.unitOption', {
                  name: u.name,
                  kind: pointKindLabel(t, POINT_UNIT_KINDS[u.kind] ?? 'service'),
                }),
              }))}
              data-testid="point-unit"
            />
          </Form.Item>
        )}
        <Form.Item name="address" label={t('services.pointForm.address')} rules={required}>
          <Input maxLength={200} data-testid="point-address" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item
              name="hostType"
              label={t('services.pointForm.hostType')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select<HostType>
                options={HOST_TYPES.map((value) => ({ value, label: hostTypeLabel(t, value) }))}
                data-testid="point-host-type"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="hostName"
              label={t('services.pointForm.hostName')}
              extra={t('services.pointForm.hostNameHint')}
              rules={required}
            >
              <Input maxLength={100} data-testid="point-host-name" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="areaCodes"
          label={t('services.pointForm.area')}
          extra={t('services.pointForm.areaHint')}
          rules={[{ required: true, message: t('services.pointForm.areaRequired') }]}
        >
          <AreaSelect town={town} data-testid="point-area" />
        </Form.Item>
        <Form.Item
          name="caseTypes"
          label={t('services.pointForm.caseTypes')}
          extra={kind === 'legal' ? t('services.pointForm.legalTypesHint') : undefined}
          rules={[{ required: true, message: t('services.pointForm.caseTypesRequired') }]}
        >
          <CaseTypesField
            allowed={kind === 'legal' ? LEGAL_CASE_TYPES : undefined}
            data-testid="point-case-types"
          />
        </Form.Item>

        <Divider orientation="left" style={{ marginTop: 8 }}>
          {t('services.standard.title')}
        </Divider>
        <Alert type="info" showIcon message={t('services.pointForm.standardHint')} />
        {STANDARD_ITEMS.map((item) => (
          <div
            key={item}
            data-testid={`standard-item-${item}`}
            style={{ padding: '12px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
          >
            <Typography.Text strong>{t(`services.standardItems.${item}`)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {t(`services.standardHints.${item}`)}
            </Typography.Text>
            <Row gutter={12} style={{ marginTop: 8 }}>
              <Col xs={24} md={7}>
                <Form.Item name={['standard', item, 'pass']} style={{ marginBottom: 8 }}>
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={[
                      { value: true, label: t('services.standard.pass') },
                      { value: false, label: t('services.standard.fail') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name={['standard', item, 'note']} style={{ marginBottom: 8 }}>
                  <Input
                    maxLength={500}
                    placeholder={t('services.standard.notePlaceholder')}
                    data-testid={`standard-note-${item}`}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={7}>
                <Form.Item name={['standard', item, 'photoFileId']} style={{ marginBottom: 8 }}>
                  <PhotoField regionCode={pointRegion} data-testid={`standard-photo-${item}`} />
                </Form.Item>
              </Col>
            </Row>
          </div>
        ))}
      </Form>
    </Drawer>
  );
}
