import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ALLIANCE_CASE_TYPES } from '../../../shared/schemas/services.js';
import type { CaseType } from '../../../shared/case-machine.js';
import { isWithin } from '../../../shared/region.js';
import { useMyRegions } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { AreaSelect, CaseTypesField } from './fields.js';
import { ALLIANCES_KEY, holdsAt, servicesApi, type AllianceDto } from './services.api.js';

interface Values {
  regionCode: string;
  name: string;
  areaDescription: string;
  areaCodes: string[];
  caseTypes: CaseType[];
}

interface Props {
  open: boolean;
  /** The alliance to edit; null founds a new one. */
  alliance: AllianceDto | null;
  /** The header's region: its towns are offered first. */
  regionCode: string;
  onClose: () => void;
}

/** 新建/编辑联盟: the town, name, the street or area in words, the villages it covers, types. */
export function AllianceFormDrawer({ open, alliance, regionCode, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const client = useQueryClient();
  const mine = useMyRegions();
  const [form] = Form.useForm<Values>();
  const editing = alliance !== null;
  const town = Form.useWatch('regionCode', form) ?? alliance?.regionCode;

  const towns = (mine.data ?? []).filter(
    (r) =>
      r.level === 'town' &&
      holdsAt(me, 'case.config', r.code) &&
      (isWithin(r.code, regionCode) || isWithin(regionCode, r.code)),
  );
  const initialValues: Partial<Values> = alliance
    ? {
        regionCode: alliance.regionCode,
        name: alliance.name,
        areaDescription: alliance.areaDescription,
        areaCodes: alliance.area.map((a) => a.regionCode),
        caseTypes: alliance.caseTypes,
      }
    : {
        regionCode: towns.length === 1 ? towns[0]?.code : undefined,
        caseTypes: [...DEFAULT_ALLIANCE_CASE_TYPES],
      };

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body = {
        name: values.name.trim(),
        areaDescription: values.areaDescription.trim(),
        areaCodes: values.areaCodes,
        caseTypes: values.caseTypes,
      };
      return alliance
        ? servicesApi.updateAlliance(alliance.id, body)
        : servicesApi.createAlliance({ ...body, regionCode: values.regionCode });
    },
    meta: { form },
    onSuccess: async () => {
      void message.success(t('services.allianceForm.saved'));
      onClose();
      await client.invalidateQueries({ queryKey: ALLIANCES_KEY });
    },
  });

  const required = [{ required: true, whitespace: true, message: t('common.required') }];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={
        editing
          ? t('services.allianceForm.editTitle', { name: alliance.name })
          : t('services.allianceForm.title')
      }
      width={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="alliance-submit"
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
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.regionCode) form.setFieldValue('areaCodes', [changed.regionCode]);
        }}
      >
        <Form.Item
          name="regionCode"
          label={t('services.allianceForm.town')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select<string>
            disabled={editing}
            loading={mine.isLoading}
            showSearch
            optionFilterProp="label"
            options={towns.map((r) => ({ value: r.code, label: r.name }))}
            placeholder={t('services.allianceForm.townPlaceholder')}
            data-testid="alliance-town"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('services.allianceForm.name')}
          rules={[...required, { min: 2, message: t('services.allianceForm.nameShort') }]}
        >
          <Input
            maxLength={100}
            placeholder={t('services.allianceForm.namePlaceholder')}
            data-testid="alliance-name"
          />
        </Form.Item>
        <Form.Item
          name="areaDescription"
          label={t('services.allianceForm.areaDescription')}
          rules={[...required, { min: 2, message: t('services.allianceForm.areaShort') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('services.allianceForm.areaDescriptionPlaceholder')}
            data-testid="alliance-area-description"
          />
        </Form.Item>
        <Form.Item
          name="areaCodes"
          label={t('services.allianceForm.area')}
          extra={t('services.allianceForm.areaHint')}
          rules={[{ required: true, message: t('services.pointForm.areaRequired') }]}
        >
          <AreaSelect town={town} data-testid="alliance-area" />
        </Form.Item>
        <Form.Item
          name="caseTypes"
          label={t('services.allianceForm.caseTypes')}
          extra={t('services.allianceForm.caseTypesHint')}
          rules={[{ required: true, message: t('services.pointForm.caseTypesRequired') }]}
        >
          <CaseTypesField data-testid="alliance-case-types" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
