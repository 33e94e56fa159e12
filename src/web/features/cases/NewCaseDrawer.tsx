import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Col,
  Drawer,
  Empty,
  Form,
  Grid,
  Image,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CATEGORIES } from '../../../shared/case-categories.js';
import { CASE_TYPES, type CaseType } from '../../../shared/case-machine.js';
import { isWithin, regionLevel } from '../../../shared/region.js';
import type { Me } from '../../../shared/schemas/auth.js';
import { useRegion } from '../../region/RegionContext.js';
import { useMyRegions } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { CASES_KEY, casesApi, fileUrl, type FiledCaseDto } from './cases.api.js';
import { categoryLabel, caseTypeLabel } from './labels.js';
import { useUnitsFor } from './UnitSelect.js';

/** The most photos a case may carry (the schema's limit). */
const MAX_PHOTOS = 9;
const SERVICE_POINT_KINDS = ['service_point', 'legal_studio'];

interface Photo {
  id: string;
  name: string;
}

interface Values {
  type?: CaseType;
  category?: string;
  regionCode?: string;
  description?: string;
  address?: string;
  photos?: Photo[];
  anonymous?: boolean;
  reporterName?: string;
  reporterMobile?: string;
  servicePointId?: string;
}

/** True when the user may handle (and so record) cases of the village. */
function canHandleIn(me: Me, code: string): boolean {
  return (me.permissions['case.handle'] ?? []).some((root) => isWithin(code, root));
}

/** The villages (村、社区) where the user may record a case, grouped by town. */
function useVillageOptions() {
  const me = useMe();
  const { data, isLoading } = useMyRegions();
  const { options, codes } = useMemo(() => {
    const all = data ?? [];
    const names = new Map(all.map((region) => [region.code, region.name]));
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const village of all
      .filter((region) => region.level === 'village' && canHandleIn(me, region.code))
      .sort((a, b) => a.code.localeCompare(b.code))) {
      const town = village.parentCode ?? '';
      const group = groups.get(town) ?? [];
      group.push({ value: village.code, label: village.name });
      groups.set(town, group);
    }
    const codes = [...groups.values()].flat().map((o) => o.value);
    if (groups.size <= 1) return { options: [...groups.values()].flat(), codes };
    const grouped = [...groups.entries()].map(([town, group]) => ({
      label: names.get(town) ?? town,
      title: names.get(town) ?? town,
      options: group,
    }));
    return { options: grouped, codes };
  }, [data, me]);
  return { options, codes, loading: isLoading };
}

/** The photos of the case being recorded: uploaded at once into the village, shown as thumbnails. */
function PhotosField({
  value = [],
  onChange,
  regionCode,
}: {
  value?: Photo[];
  onChange?: (next: Photo[]) => void;
  regionCode: string | undefined;
}) {
  const { t } = useTranslation();
  const upload = useMutation({
    mutationFn: (file: File) => casesApi.uploadPhoto(regionCode!, file, file.name),
    onSuccess: (stored) => onChange?.([...value, { id: stored.id, name: stored.originalName }]),
  });
  return (
    <Space wrap size={8} align="start">
      <Image.PreviewGroup>
        {value.map((photo) => (
          <Space key={photo.id} direction="vertical" size={0} align="center">
            <Image
              src={fileUrl(photo.id)}
              alt={photo.name}
              width={88}
              height={88}
              style={{ objectFit: 'cover', borderRadius: 6 }}
            />
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => onChange?.(value.filter((p) => p.id !== photo.id))}
            >
              {t('common.remove')}
            </Button>
          </Space>
        ))}
      </Image.PreviewGroup>
      {value.length < MAX_PHOTOS && (
        <Upload
          accept="image/*"
          showUploadList={false}
          multiple={false}
          disabled={!regionCode || upload.isPending}
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <Button
            icon={<PlusOutlined />}
            loading={upload.isPending}
            disabled={!regionCode}
            style={{ width: 88, height: 88 }}
            data-testid="case-new-photo"
          />
        </Upload>
      )}
      {!regionCode && (
        <Typography.Text type="secondary">{t('cases.new.photosNeedVillage')}</Typography.Text>
      )}
    </Space>
  );
}

interface Props {
  open: boolean;
  onClose: () => void;
}

/**
 * 登记来电来访: staff record a resident's complaint, request, dispute or question, with the
 * same fields as the residents' own form. The case is filed as from the staff channel, and
 * the resident is given its code and tracking link.
 */
export function NewCaseDrawer({ open, onClose }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const screens = Grid.useBreakpoint();
  const { regionCode: headerRegion } = useRegion();
  const [form] = Form.useForm<Values>();
  const villages = useVillageOptions();

  const type = Form.useWatch('type', form);
  const regionCode = Form.useWatch('regionCode', form);
  const anonymous = Form.useWatch('anonymous', form) === true;
  const { units } = useUnitsFor(regionCode ? [regionCode] : []);
  const servicePoints = units
    .filter((u) => SERVICE_POINT_KINDS.includes(u.kind))
    .map((u) => ({ value: u.id, label: u.name }));

  // With a single village to choose from, choose it.
  const only = villages.codes.length === 1 ? villages.codes[0] : undefined;
  useEffect(() => {
    if (open && only && !form.getFieldValue('regionCode')) form.setFieldValue('regionCode', only);
  }, [open, only, form]);

  const showFiled = (filed: FiledCaseDto) => {
    const link = `${window.location.origin}${filed.trackPath}`;
    modal.success({
      title: t('cases.new.done.title'),
      width: 520,
      content: (
        <div data-testid="case-new-done">
          <Typography.Paragraph>
            {t('cases.new.done.code')}
            <Typography.Text strong copyable data-testid="case-new-code">
              {filed.code}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('cases.new.done.link')}
            <Typography.Text copyable={{ text: link }} code>
              {link}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('cases.new.done.hint')}</Typography.Paragraph>
        </div>
      ),
    });
  };

  const create = useMutation({
    mutationFn: (values: Values) =>
      casesApi.create({
        type: values.type!,
        category: values.category!,
        regionCode: values.regionCode!,
        description: values.description!.trim(),
        address: values.address?.trim() || undefined,
        photos: (values.photos ?? []).map((p) => p.id),
        anonymous: values.type === 'complaint' && values.anonymous === true,
        reporterName: values.anonymous ? undefined : values.reporterName?.trim() || undefined,
        reporterMobile: values.anonymous ? undefined : values.reporterMobile?.trim() || undefined,
        servicePointId: values.servicePointId || undefined,
      }),
    meta: { form },
    onSuccess: async (filed) => {
      await client.invalidateQueries({ queryKey: CASES_KEY });
      onClose();
      showFiled(filed);
    },
  });

  const required = { required: true, message: t('common.required') };
  const headerVillage =
    headerRegion && regionLevel(headerRegion) === 'village' ? headerRegion : undefined;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('cases.new.title')}
      width={screens.md ? 640 : '100%'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="case-new-submit"
          >
            {t('cases.new.submit')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={{ type: 'request', regionCode: headerVillage, photos: [], anonymous: false }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.type) {
            form.setFieldValue('category', undefined);
            if (changed.type !== 'complaint') form.setFieldValue('anonymous', false);
          }
          if ('regionCode' in changed) {
            form.setFieldsValue({ photos: [], servicePointId: undefined });
          }
        }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="type" label={t('cases.new.type')} rules={[required]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="case-new-type"
            options={CASE_TYPES.map((value) => ({ value, label: caseTypeLabel(t, value) }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('cases.new.category')} rules={[required]}>
              <Select<string>
                data-testid="case-new-category"
                disabled={!type}
                placeholder={t('cases.new.categoryPlaceholder')}
                options={(type ? CASE_CATEGORIES[type] : []).map((value) => ({
                  value,
                  label: categoryLabel(value),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('cases.new.region')} rules={[required]}>
              <Select<string>
                data-testid="case-new-region"
                showSearch
                optionFilterProp="label"
                loading={villages.loading}
                options={villages.options}
                placeholder={t('cases.new.regionPlaceholder')}
                notFoundContent={
                  villages.loading ? undefined : (
                    <Empty
                      image={Empty.PRESENTED_IMAGE_SIMPLE}
                      description={t('cases.new.noVillages')}
                    />
                  )
                }
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="description"
          label={t('cases.new.description')}
          rules={[
            { ...required, whitespace: true },
            {
              validator: async (_rule, value: string | undefined) => {
                const length = value?.trim().length ?? 0;
                if (length > 0 && (length < 10 || length > 2000)) {
                  throw new Error(t('cases.new.descriptionRule'));
                }
              },
            },
          ]}
        >
          <Input.TextArea
            rows={5}
            maxLength={2000}
            showCount
            placeholder={t('cases.new.descriptionPlaceholder')}
            data-testid="case-new-description"
          />
        </Form.Item>
        <Form.Item name="address" label={t('cases.new.address')}>
          <Input
            maxLength={200}
            placeholder={t('cases.new.addressPlaceholder')}
            data-testid="case-new-address"
          />
        </Form.Item>
        <Form.Item name="photos" label={t('cases.new.photos', { n: MAX_PHOTOS })}>
          <PhotosField regionCode={regionCode} />
        </Form.Item>
        {type === 'complaint' && (
          <Form.Item
            name="anonymous"
            label={t('cases.new.anonymous')}
            valuePropName="checked"
            extra={t('cases.new.anonymousHint')}
          >
            <Switch data-testid="case-new-anonymous" />
          </Form.Item>
        )}
        {!anonymous && (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                name="reporterName"
                label={t('cases.new.reporterName')}
                rules={[{ max: 40 }]}
              >
                <Input maxLength={40} data-testid="case-new-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="reporterMobile"
                label={t('cases.new.reporterMobile')}
                rules={[
                  { ...required, whitespace: true },
                  { pattern: /^1\d{10}$/, message: t('cases.new.mobileRule') },
                ]}
              >
                <Input maxLength={11} inputMode="numeric" data-testid="case-new-mobile" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item
          name="servicePointId"
          label={t('cases.new.servicePoint')}
          extra={t('cases.new.servicePointHint')}
        >
          <Select<string>
            allowClear
            showSearch
            optionFilterProp="label"
            disabled={!regionCode}
            options={servicePoints}
            placeholder={t('cases.new.servicePointPlaceholder')}
            data-testid="case-new-service-point"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
