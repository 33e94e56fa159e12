import { CheckCircleFilled, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Radio,
  Select,
  Space,
  Tag,
  theme,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isWithin } from '../../../shared/region.js';
import { SUPERVISION_CATEGORY_IDS } from '../../../shared/supervision/catalogue.js';
import { formatTime } from '../../format.js';
import { useRegion } from '../../region/RegionContext.js';
import { useMyRegions } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { FilePicker } from './FilePicker.js';
import { categoryFull, categoryShort, fieldSink, OtherErrors } from './inspection.labels.js';
import { CLUES_KEY, cluesApi, type MyClue, type NewClueInput } from './supervision.api.js';

/** The shortest description the server takes. */
const MIN_TEXT = 5;
const MAX_TEXT = 2000;

interface Values {
  regionCode?: string;
  category?: NewClueInput['category'];
  description: string;
  photos: string[];
}

/** The villages where the user may report (supervision.report), their own first. */
function useReportVillages() {
  const me = useMe();
  const regions = useMyRegions();
  return useMemo(() => {
    const roots = me.permissions['supervision.report'] ?? [];
    const villages = (regions.data ?? [])
      .filter((r) => r.level === 'village' && roots.some((root) => isWithin(r.code, root)))
      .sort((a, b) => a.code.localeCompare(b.code));
    return {
      loading: regions.isLoading,
      options: villages.map((v) => ({ value: v.code, label: v.name })),
    };
  }, [me, regions.data, regions.isLoading]);
}

/**
 * 报送线索: an informant's phone page. Village (their own already chosen), what kind of small
 * power, what they saw, photos; sent in one screen, it goes at once to the village's liaison
 * station, never to the village. Their own clues are listed below with where each stands.
 */
export default function CluePage() {
  const { t } = useTranslation();
  const [filed, setFiled] = useState<string | null>(null);
  const [session, setSession] = useState(0);

  return (
    <div style={{ maxWidth: 640, margin: '0 auto', width: '100%' }} data-testid="clue-page">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {filed ? (
          <Filed
            code={filed}
            onAgain={() => {
              setFiled(null);
              setSession((s) => s + 1);
            }}
          />
        ) : (
          <ClueForm key={session} onFiled={setFiled} />
        )}
        <MyClues />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
          {t('supervision.clue.privacy')}
        </Typography.Paragraph>
      </Space>
    </div>
  );
}

function ClueForm({ onFiled }: { onFiled: (code: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { regionCode: chosen } = useRegion();
  const villages = useReportVillages();
  const [form] = Form.useForm<Values>();
  const [uploading, setUploading] = useState(false);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const regionCode = Form.useWatch('regionCode', form);
  const description = Form.useWatch('description', form) ?? '';

  // Their own village, else the one chosen in the header, else the only one they may report on.
  const preselected = useMemo(() => {
    const codes = villages.options.map((o) => o.value);
    for (const code of [me.regionCode, chosen]) if (code && codes.includes(code)) return code;
    return codes.length === 1 ? codes[0] : undefined;
  }, [villages.options, me.regionCode, chosen]);

  const file = useMutation({
    mutationFn: (values: Values) =>
      cluesApi.file({
        regionCode: values.regionCode!,
        category: values.category!,
        description: values.description.trim(),
        photos: values.photos,
      }),
    meta: {
      form: fieldSink(form, ['regionCode', 'category', 'description', 'photos'], setOtherErrors),
    },
    onMutate: () => setOtherErrors([]),
    onSuccess: async (result) => {
      void message.success(t('supervision.clue.done'));
      await client.invalidateQueries({ queryKey: CLUES_KEY });
      onFiled(result.code);
    },
  });

  if (villages.loading) return <Card loading />;
  if (villages.options.length === 0) {
    return <Alert type="info" showIcon message={t('supervision.clue.noVillage')} />;
  }

  return (
    <Card
      title={t('supervision.clue.title')}
      styles={{ body: { padding: 12 } }}
      data-testid="clue-form"
    >
      <Typography.Paragraph type="secondary">{t('supervision.clue.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ regionCode: preselected, description: '', photos: [] }}
        onFinish={(values) => file.mutate(values)}
      >
        <Form.Item
          name="regionCode"
          label={t('supervision.clue.village')}
          rules={[{ required: true, message: t('supervision.clue.villageRequired') }]}
        >
          <Select
            size="large"
            showSearch
            optionFilterProp="label"
            options={villages.options}
            placeholder={t('supervision.clue.villagePlaceholder')}
            data-testid="clue-village"
          />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('supervision.clue.category')}
          rules={[{ required: true, message: t('supervision.clue.categoryRequired') }]}
        >
          <Radio.Group style={{ width: '100%' }}>
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
                gap: 8,
              }}
            >
              {SUPERVISION_CATEGORY_IDS.map((id) => (
                <Radio
                  key={id}
                  value={id}
                  style={{
                    margin: 0,
                    padding: '8px 10px',
                    border: `1px solid ${token.colorBorder}`,
                    borderRadius: token.borderRadius,
                  }}
                >
                  <span data-testid={`clue-category-${id}`}>
                    <Typography.Text strong>{categoryShort(t, id)}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {categoryFull(id)}
                    </Typography.Text>
                  </span>
                </Radio>
              ))}
            </div>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="description"
          label={t('supervision.clue.description')}
          extra={
            description.trim().length < MIN_TEXT
              ? t('supervision.clue.descriptionHint', { n: MIN_TEXT })
              : t('supervision.clue.counter', { count: description.length, max: MAX_TEXT })
          }
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('supervision.clue.descriptionRequired'),
            },
            {
              validator: (_rule, value: string | undefined) =>
                (value ?? '').trim().length >= MIN_TEXT
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(t('supervision.clue.descriptionHint', { n: MIN_TEXT })),
                    ),
            },
          ]}
        >
          <Input.TextArea
            rows={5}
            maxLength={MAX_TEXT}
            placeholder={t('supervision.clue.descriptionPlaceholder')}
            data-testid="clue-description"
          />
        </Form.Item>
        <Form.Item name="photos" label={t('supervision.clue.photos')}>
          <PhotosField
            regionCode={regionCode}
            onBusyChange={setUploading}
            needVillage={t('supervision.clue.photosNeedVillage')}
          />
        </Form.Item>
        <OtherErrors messages={otherErrors} />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          icon={<SendOutlined />}
          loading={file.isPending}
          disabled={uploading}
          data-testid="clue-submit"
        >
          {uploading ? t('supervision.clue.uploading') : t('supervision.clue.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The photos as a form control; they are stored in the chosen village. */
function PhotosField({
  value = [],
  onChange,
  regionCode,
  onBusyChange,
  needVillage,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  regionCode: string | undefined;
  onBusyChange: (busy: boolean) => void;
  needVillage: string;
}) {
  if (!regionCode) return <Typography.Text type="secondary">{needVillage}</Typography.Text>;
  return (
    <FilePicker
      // Photos belong to the village they were stored in: another village starts afresh.
      key={regionCode}
      kind="photo"
      regionCode={regionCode}
      value={value}
      onChange={(ids) => onChange?.(ids)}
      onBusyChange={onBusyChange}
      testId="clue-photos"
    />
  );
}

/** 已报送: the clue's code to quote when asking about it. */
function Filed({ code, onAgain }: { code: string; onAgain: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Card styles={{ body: { padding: 16, textAlign: 'center' } }} data-testid="clue-filed">
      <CheckCircleFilled style={{ fontSize: 48, color: token.colorSuccess }} />
      <Typography.Title level={4} style={{ margin: '12px 0 4px' }}>
        {t('supervision.clue.filedTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        {t('supervision.clue.codeLabel')}
      </Typography.Paragraph>
      <Typography.Title
        level={3}
        copyable
        style={{ margin: '4px 0 12px', letterSpacing: 1 }}
        data-testid="clue-code"
      >
        {code}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('supervision.clue.filedNext')}
      </Typography.Paragraph>
      <Button type="primary" ghost block size="large" onClick={onAgain} data-testid="clue-again">
        {t('supervision.clue.again')}
      </Button>
    </Card>
  );
}

/** 我报送的线索: the caller's clues, newest first. */
function MyClues() {
  const { t } = useTranslation();
  const clues = useQuery({
    queryKey: [...CLUES_KEY, 'mine'],
    queryFn: cluesApi.mine,
    staleTime: 0,
  });
  return (
    <Card
      title={t('supervision.clue.mine')}
      size="small"
      styles={{ body: { padding: '0 12px' } }}
      data-testid="clue-mine"
    >
      <List<MyClue>
        loading={clues.isFetching && !clues.data}
        dataSource={clues.data ?? []}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.clue.none')} />
          ),
        }}
        renderItem={(clue) => (
          <List.Item key={clue.id} data-testid="clue-mine-item" style={{ display: 'block' }}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Typography.Text strong data-testid="clue-mine-code">
                  {clue.code}
                </Typography.Text>
                <Tag color={clue.status === 'closed' ? 'success' : 'blue'}>
                  {t(`supervision.clue.statuses.${clue.status}`)}
                </Tag>
              </Space>
              <Typography.Text>{clue.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[
                  clue.regionName,
                  categoryShort(t, clue.category),
                  formatTime(clue.createdAt).slice(0, 16),
                ].join(' · ')}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
