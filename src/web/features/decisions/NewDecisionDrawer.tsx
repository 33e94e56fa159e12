import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isWithin } from '../../../shared/region.js';
import { yuanToFen } from '../../format.js';
import { useRegion } from '../../region/RegionContext.js';
import { useMyRegions } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { YuanInput } from '../policy/YuanInput.js';
import { DECISIONS_KEY, decisionsApi, holdsAt } from './decisions.api.js';

interface Values {
  regionCode: string;
  title: string;
  content: string;
  /** Yuan, as entered. */
  amount: number;
}

/** The villages where the user may open a matter, within the region chosen in the header. */
function useVillageOptions() {
  const me = useMe();
  const { regionCode } = useRegion();
  const regions = useMyRegions();
  return useMemo(() => {
    const all = regions.data ?? [];
    const names = new Map(all.map((r) => [r.code, r.name]));
    const villages = all.filter(
      (r) =>
        r.level === 'village' &&
        (!regionCode || isWithin(r.code, regionCode)) &&
        holdsAt(me, 'ledger.write', r.code),
    );
    const towns = new Set(villages.map((v) => v.parentCode));
    return {
      loading: regions.isLoading,
      options: villages.map((v) => ({
        value: v.code,
        label:
          towns.size > 1 && v.parentCode ? `${names.get(v.parentCode) ?? ''} / ${v.name}` : v.name,
      })),
    };
  }, [regions.data, regions.isLoading, regionCode, me]);
}

/** Open a new matter for the 四议两公开 procedure: village, title, content, estimated amount. */
export function NewDecisionDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const villages = useVillageOptions();

  const create = useMutation({
    mutationFn: (values: Values) =>
      decisionsApi.create({
        regionCode: values.regionCode,
        title: values.title.trim(),
        content: values.content.trim(),
        amount: yuanToFen(values.amount),
      }),
    meta: { form },
    onSuccess: async (decision) => {
      void message.success(t('decision.created'));
      await client.invalidateQueries({ queryKey: DECISIONS_KEY });
      onClose();
      void navigate(`/decisions/${decision.id}`);
    },
  });

  const required = { required: true, message: t('common.required') };
  const length = (min: number, max: number, key: 'titleRule' | 'contentRule') => ({
    validator: async (_rule: unknown, value: string | undefined) => {
      const n = value?.trim().length ?? 0;
      if (n > 0 && (n < min || n > max)) throw new Error(t(`decision.${key}`));
    },
  });
  const only = villages.options.length === 1 ? villages.options[0]?.value : undefined;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('decision.new')}
      width={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="decision-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {!villages.loading && villages.options.length === 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('decision.noVillage')}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ regionCode: only, amount: 0 }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="regionCode" label={t('decision.village')} rules={[required]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={villages.loading}
            options={villages.options}
            placeholder={t('decision.villagePlaceholder')}
            data-testid="decision-village"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('decision.titleLabel')}
          rules={[
            required,
            { whitespace: true, message: t('common.required') },
            length(2, 200, 'titleRule'),
          ]}
        >
          <Input
            maxLength={200}
            placeholder={t('decision.titlePlaceholder')}
            data-testid="decision-title"
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('decision.content')}
          rules={[
            required,
            { whitespace: true, message: t('common.required') },
            length(2, 4000, 'contentRule'),
          ]}
        >
          <Input.TextArea
            rows={6}
            maxLength={4000}
            showCount
            placeholder={t('decision.contentPlaceholder')}
            data-testid="decision-content"
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('decision.amount')}
          extra={t('decision.amountHint')}
          rules={[required]}
        >
          <YuanInput data-testid="decision-amount" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
