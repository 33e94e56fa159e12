import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Switch,
  Typography,
  type FormRule,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_POLICY, worksMethod, type CountyPolicy } from '../../../shared/policy.js';
import { yuanToFen } from '../../format.js';
import {
  detailMessage,
  procurementMethodLabel,
  worksMethodLabel,
  yuanLabel,
} from '../../i18n/labels.js';
import { POLICY_KEY, policyApi, policyInFen, policyInYuan } from './policy.api.js';
import { YuanInput } from './YuanInput.js';

interface Values {
  effectiveFrom?: Dayjs;
  /** Amounts in yuan, as entered. */
  policy: CountyPolicy;
  reason: string;
}

const PREVIEW_YUAN = 80_000;
const MAX_COMMENT_DAYS = 90;

/** The works tiers being entered (yuan) in fen, or null while one is empty. */
function worksInFen(
  works: Partial<CountyPolicy['works']> | undefined,
): CountyPolicy['works'] | null {
  const { ownChoiceBelow, contractorPoolBelow, townshipTenderBelow } = works ?? {};
  if (
    typeof ownChoiceBelow !== 'number' ||
    typeof contractorPoolBelow !== 'number' ||
    typeof townshipTenderBelow !== 'number'
  ) {
    return null;
  }
  return {
    ownChoiceBelow: yuanToFen(ownChoiceBelow),
    contractorPoolBelow: yuanToFen(contractorPoolBelow),
    townshipTenderBelow: yuanToFen(townshipTenderBelow),
  };
}

interface Props {
  countyCode: string;
  /** The rules in force today (fen): the starting point of the new version. */
  current: CountyPolicy;
  /** Today in Beijing, `YYYY-MM-DD`: the earliest effective date. */
  today: string;
}

/** Publish a new version of the county's rules, effective from a date not before today. */
export function PublishForm({ countyCode, current, today }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [previewYuan, setPreviewYuan] = useState<number | null>(PREVIEW_YUAN);
  const works = Form.useWatch(['policy', 'works'], form) as
    Partial<CountyPolicy['works']> | undefined;

  const publish = useMutation({
    mutationFn: (values: Values) =>
      policyApi.publish({
        countyCode,
        effectiveFrom: values.effectiveFrom!.format('YYYY-MM-DD'),
        // The form edits the tiers; the red-flag thresholds are carried over as they are.
        policy: { ...policyInFen(values.policy), redFlags: current.redFlags },
        reason: values.reason.trim(),
      }),
    meta: { form },
    onSuccess: async (version) => {
      void message.success(t('policy.published', { date: version.effectiveFrom }));
      form.resetFields();
      await client.invalidateQueries({ queryKey: POLICY_KEY });
    },
  });

  const required: FormRule = { required: true, message: t('common.required') };
  /** The amount must be above the one at `below` (the tier before it). */
  const above =
    (below: string[]): FormRule =>
    ({ getFieldValue }) => ({
      validator: async (_rule, value: number | null | undefined) => {
        const lower = getFieldValue(below) as number | null | undefined;
        if (typeof value === 'number' && typeof lower === 'number' && value <= lower) {
          throw new Error(detailMessage('tiers.ascending'));
        }
      },
    });

  const previewFen = previewYuan === null ? null : yuanToFen(previewYuan);
  const tiers = worksInFen(works);
  const preview =
    tiers && previewFen !== null
      ? t('policy.preview', {
          amount: yuanLabel(t, previewFen),
          method: worksMethodLabel(t, worksMethod({ ...DEFAULT_POLICY, works: tiers }, previewFen)),
        })
      : t('policy.previewIncomplete');

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ policy: policyInYuan(current) }}
      onFinish={(values) => publish.mutate(values)}
      data-testid="policy-form"
    >
      <Typography.Paragraph type="secondary">{t('policy.publishIntro')}</Typography.Paragraph>

      <Divider orientation="left" orientationMargin={0} plain>
        {t('policy.worksTiers')}
      </Divider>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name={['policy', 'works', 'ownChoiceBelow']}
            label={worksMethodLabel(t, 'own_choice')}
            rules={[required]}
          >
            <YuanInput data-testid="policy-own-choice" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['policy', 'works', 'contractorPoolBelow']}
            label={worksMethodLabel(t, 'contractor_pool')}
            dependencies={[['policy', 'works', 'ownChoiceBelow']]}
            rules={[required, above(['policy', 'works', 'ownChoiceBelow'])]}
          >
            <YuanInput data-testid="policy-contractor-pool" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['policy', 'works', 'townshipTenderBelow']}
            label={worksMethodLabel(t, 'township_tender')}
            dependencies={[['policy', 'works', 'contractorPoolBelow']]}
            rules={[required, above(['policy', 'works', 'contractorPoolBelow'])]}
            extra={t('policy.countyTenderHint')}
          >
            <YuanInput data-testid="policy-township-tender" />
          </Form.Item>
        </Col>
      </Row>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('policy.previewAmount')}</Typography.Text>
        <YuanInput
          value={previewYuan}
          onChange={setPreviewYuan}
          style={{ width: 180 }}
          data-testid="policy-preview-amount"
        />
        <Typography.Text strong data-testid="policy-preview">
          {preview}
        </Typography.Text>
      </Space>

      <Divider orientation="left" orientationMargin={0} plain>
        {t('policy.procurementTiers')}
      </Divider>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['policy', 'procurement', 'simpleBelow']}
            label={procurementMethodLabel(t, 'simple')}
            rules={[required]}
          >
            <YuanInput data-testid="policy-simple" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['policy', 'procurement', 'jointMeetingBelow']}
            label={procurementMethodLabel(t, 'joint_meeting')}
            dependencies={[['policy', 'procurement', 'simpleBelow']]}
            rules={[required, above(['policy', 'procurement', 'simpleBelow'])]}
            extra={t('policy.representativesHint')}
          >
            <YuanInput data-testid="policy-joint-meeting" />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0} plain>
        {t('policy.thresholds')}
      </Divider>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name={['policy', 'resolutionRequiredFrom']}
            label={t('policy.resolutionRequiredFrom')}
            rules={[required]}
          >
            <YuanInput data-testid="policy-resolution" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['policy', 'immediateDisclosureFrom']}
            label={t('policy.immediateDisclosureFrom')}
            rules={[required]}
          >
            <YuanInput data-testid="policy-disclosure" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['policy', 'commentPeriodDays']}
            label={t('policy.commentPeriodDays')}
            rules={[required]}
          >
            <InputNumber
              min={0}
              max={MAX_COMMENT_DAYS}
              precision={0}
              style={{ width: '100%' }}
              data-testid="policy-comment-days"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['policy', 'townReviewRequired']}
            label={t('policy.townReviewRequired')}
            valuePropName="checked"
          >
            <Switch
              checkedChildren={t('policy.townReview.on')}
              unCheckedChildren={t('policy.townReview.off')}
              data-testid="policy-town-review"
            />
          </Form.Item>
        </Col>
      </Row>

      <Divider />
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="effectiveFrom" label={t('policy.effectiveFrom')} rules={[required]}>
            <DatePicker
              disabledDate={(date) => date.isBefore(dayjs(today), 'day')}
              style={{ width: '100%' }}
              data-testid="policy-effective"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="reason"
            label={t('policy.reason')}
            rules={[
              required,
              { whitespace: true, message: t('common.required') },
              {
                validator: async (_rule, value: string | undefined) => {
                  const length = value?.trim().length ?? 0;
                  if (length > 0 && (length < 2 || length > 500)) {
                    throw new Error(t('policy.reasonRule'));
                  }
                },
              },
            ]}
          >
            <Input
              maxLength={500}
              placeholder={t('policy.reasonPlaceholder')}
              data-testid="policy-reason"
            />
          </Form.Item>
        </Col>
      </Row>
      <Button
        type="primary"
        htmlType="submit"
        loading={publish.isPending}
        data-testid="policy-submit"
      >
        {t('policy.submit')}
      </Button>
    </Form>
  );
}
