import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  FilePdfOutlined,
  FileWordOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Popconfirm,
  Progress,
  Result,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { SUPERVISION_CATEGORY_IDS } from '../../../shared/supervision/catalogue.js';
import { ApiError } from '../../api/client.js';
import type { FieldSink } from '../../api/errors.js';
import { formatTime, todayInShanghai } from '../../format.js';
import { useMe } from '../auth/session.js';
import { InspectionItemCard, saveScope } from './InspectionItemCard.js';
import {
  categoryFull,
  fieldSink,
  holds,
  InspectionStatusTag,
  OtherErrors,
} from './inspection.labels.js';
import {
  FINDINGS_KEY,
  INSPECTIONS_KEY,
  inspectionKey,
  inspectionsApi,
  noticeDocumentUrl,
  type InspectionDto,
} from './supervision.api.js';

const DATE = 'YYYY-MM-DD';

/** 监督检查: one inspection, performed on a phone, then fed back by the town. */
export default function InspectionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: inspectionKey(id),
    queryFn: () => inspectionsApi.get(id),
    enabled: id !== '',
    staleTime: 0,
    meta: { silent: true },
  });

  if (query.isPending) return <Card loading />;
  if (query.isError || !query.data) {
    // Out of the caller's scope reads as missing.
    const missing =
      query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('supervision.inspection.notFound') : t('app.loadFailed')}
        extra={
          <Space wrap>
            <Link to="/inspections">
              <Button icon={<ArrowLeftOutlined />}>{t('supervision.inspection.back')}</Button>
            </Link>
            {!missing && (
              <Button onClick={() => void query.refetch()}>{t('common.refresh')}</Button>
            )}
          </Space>
        }
      />
    );
  }
  return <InspectionView inspection={query.data} />;
}

function InspectionView({ inspection }: { inspection: InspectionDto }) {
  const { t } = useTranslation();
  const me = useMe();
  /** Points the server named as unanswered at the last submission: code → its message. */
  const [flags, setFlags] = useState<Map<string, string>>(new Map());
  const canAnswer =
    inspection.status === 'planned' && holds(me, 'supervision.duty', inspection.regionCode);
  const canFeedBack =
    inspection.status === 'submitted' && holds(me, 'supervision.manage', inspection.regionCode);

  const groups = useMemo(
    () =>
      SUPERVISION_CATEGORY_IDS.map((category) => ({
        category,
        items: inspection.items.filter((item) => item.category === category),
      })).filter((group) => group.items.length > 0),
    [inspection.items],
  );
  const stillFlagged = inspection.items.filter(
    (item) => item.result === null && flags.has(item.pointCode),
  );

  return (
    <div
      style={{ maxWidth: 760, margin: '0 auto', width: '100%' }}
      data-testid="inspection-page"
      data-status={inspection.status}
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Link to="/inspections">
          <ArrowLeftOutlined /> {t('supervision.inspection.back')}
        </Link>
        <Header inspection={inspection} />
        {groups.map(({ category, items }) => (
          <section key={category}>
            <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
              {t('supervision.inspection.categoryProgress', {
                name: categoryFull(category),
                answered: items.filter((i) => i.result !== null).length,
                total: items.length,
              })}
            </Typography.Title>
            <Space direction="vertical" size={8} style={{ width: '100%' }}>
              {items.map((item) => (
                <InspectionItemCard
                  key={item.id}
                  inspectionId={inspection.id}
                  item={item}
                  regionCode={inspection.regionCode}
                  editable={canAnswer}
                  flag={flags.get(item.pointCode)}
                />
              ))}
            </Space>
          </section>
        ))}
        {canAnswer && (
          <SignCard
            inspection={inspection}
            unanswered={stillFlagged.map((i) => i.pointCode)}
            onFlags={setFlags}
          />
        )}
        {inspection.status !== 'planned' && <Outcome inspection={inspection} />}
        {canFeedBack && <FeedbackCard inspection={inspection} />}
        {inspection.noticeId && <NoticeCard inspection={inspection} />}
      </Space>
    </div>
  );
}

/** Title, village, day, officers and 已答 12/38. */
function Header({ inspection }: { inspection: InspectionDto }) {
  const { t } = useTranslation();
  const percent =
    inspection.total === 0 ? 0 : Math.round((inspection.answered / inspection.total) * 100);
  return (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap size={8} align="center">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="inspection-title">
            {inspection.title}
          </Typography.Title>
          <InspectionStatusTag status={inspection.status} />
        </Space>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'region',
              label: t('supervision.inspection.village'),
              children: inspection.regionName,
            },
            {
              key: 'date',
              label: t('supervision.inspection.plannedOn'),
              children: inspection.plannedOn,
            },
            {
              key: 'officers',
              label: t('supervision.inspection.officers'),
              children: inspection.officers.join(t('supervision.listSep')),
            },
          ]}
        />
        <div>
          <Typography.Text strong data-testid="inspection-progress">
            {t('supervision.inspection.progress', {
              answered: inspection.answered,
              total: inspection.total,
            })}
          </Typography.Text>
          {inspection.problems > 0 && (
            <Typography.Text type="danger" style={{ marginInlineStart: 12 }}>
              {t('supervision.inspections.problems', { count: inspection.problems })}
            </Typography.Text>
          )}
          <Progress percent={percent} showInfo={false} size="small" />
        </div>
      </Space>
    </Card>
  );
}

/**
 * 签名提交: the officer signs with their name. The server refuses while a point is
 * unanswered and names each one; those cards are flagged and the first is scrolled to.
 */
function SignCard({
  inspection,
  unanswered,
  onFlags,
}: {
  inspection: InspectionDto;
  unanswered: string[];
  onFlags: (flags: Map<string, string>) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ signedBy: string }>();
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  // The signature lands on the form; anything else (a stale version …) above the button.
  const formSink = fieldSink(form, ['signedBy'], setOtherErrors);

  const sink: FieldSink = {
    setFields: (fields) => {
      const flags = new Map<string, string>();
      const rest: typeof fields = [];
      for (const field of fields) {
        const path = Array.isArray(field.name) ? field.name : [field.name];
        if (path[0] === 'items' && path[1] !== undefined) {
          flags.set(String(path[1]), (field.errors ?? []).join(' '));
        } else {
          rest.push(field);
        }
      }
      onFlags(flags);
      formSink.setFields(rest);
      const first = inspection.items.find((item) => flags.has(item.pointCode));
      if (first) {
        document
          .querySelector(`[data-testid="inspection-item-${first.pointCode}"]`)
          ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      }
    },
  };

  const submit = useMutation({
    mutationFn: (signedBy: string) =>
      inspectionsApi.submit(inspection.id, {
        // Read when it runs: answers saved just before (same scope) do not change it.
        expectedVersion:
          client.getQueryData<InspectionDto>(inspectionKey(inspection.id))?.version ??
          inspection.version,
        signedBy,
      }),
    // After any answer still being saved.
    scope: saveScope(inspection.id),
    meta: { form: sink },
    onMutate: () => setOtherErrors([]),
    onSuccess: async (next) => {
      onFlags(new Map());
      client.setQueryData(inspectionKey(inspection.id), next);
      void message.success(t('supervision.sign.done'));
      await client.invalidateQueries({ queryKey: INSPECTIONS_KEY });
      await client.invalidateQueries({ queryKey: FINDINGS_KEY });
    },
    onError: () => void client.invalidateQueries({ queryKey: inspectionKey(inspection.id) }),
  });

  return (
    <Card
      size="small"
      title={t('supervision.sign.title')}
      data-testid="inspection-sign"
      styles={{ body: { padding: 12 } }}
    >
      <Typography.Paragraph type="secondary">
        {t('supervision.sign.intro', {
          answered: inspection.answered,
          total: inspection.total,
        })}
      </Typography.Paragraph>
      {unanswered.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="inspection-unanswered"
          message={t('supervision.sign.unanswered', { count: unanswered.length })}
          description={
            <Space wrap size={8}>
              {unanswered.map((code) => (
                <Typography.Link
                  key={code}
                  onClick={() =>
                    document
                      .querySelector(`[data-testid="inspection-item-${code}"]`)
                      ?.scrollIntoView({ behavior: 'smooth', block: 'center' })
                  }
                >
                  {code}
                </Typography.Link>
              ))}
            </Space>
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ signedBy: me.displayName.slice(0, 40) }}
        onFinish={(values) => submit.mutate(values.signedBy.trim())}
      >
        <Form.Item
          name="signedBy"
          label={t('supervision.sign.signedBy')}
          extra={t('supervision.sign.signedByHint')}
          rules={[
            { required: true, whitespace: true, message: t('supervision.sign.signedByRequired') },
            { max: 40, message: t('supervision.sign.signedByLength') },
          ]}
        >
          <Input maxLength={40} autoComplete="name" data-testid="inspection-signed-by" />
        </Form.Item>
        <OtherErrors messages={otherErrors} />
        <Popconfirm
          title={t('supervision.sign.confirmTitle')}
          description={t('supervision.sign.confirm')}
          okText={t('supervision.sign.submit')}
          cancelText={t('common.cancel')}
          onConfirm={() => form.submit()}
          okButtonProps={{ 'data-testid': 'inspection-submit-confirm' }}
        >
          <Button
            type="primary"
            block
            size="large"
            loading={submit.isPending}
            data-testid="inspection-submit"
          >
            {t('supervision.sign.submit')}
          </Button>
        </Popconfirm>
      </Form>
    </Card>
  );
}

/** Who signed, when; what happens next. */
function Outcome({ inspection }: { inspection: InspectionDto }) {
  const { t } = useTranslation();
  const signed = t('supervision.inspection.signed', {
    name: inspection.signedBy ?? '',
    time: formatTime(inspection.submittedAt).slice(0, 16),
  });
  if (inspection.status === 'done') {
    return (
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        data-testid="inspection-outcome"
        message={
          inspection.problems > 0
            ? t('supervision.inspection.doneAllClosed', { count: inspection.problems })
            : t('supervision.inspection.doneNoProblem')
        }
        description={signed}
      />
    );
  }
  return (
    <Alert
      type={inspection.status === 'submitted' ? 'warning' : 'info'}
      showIcon
      data-testid="inspection-outcome"
      message={
        inspection.status === 'submitted'
          ? t('supervision.inspection.awaitingFeedback', { count: inspection.problems })
          : t('supervision.inspection.fedBack', { count: inspection.problems })
      }
      description={signed}
    />
  );
}

/** 反馈: the town issues the numbered notice and sends each finding to the village committee. */
function FeedbackCard({ inspection }: { inspection: InspectionDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ issuedOn: Dayjs }>();
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const today = todayInShanghai();

  const feedback = useMutation({
    mutationFn: (issuedOn: string) =>
      inspectionsApi.feedback(inspection.id, {
        expectedVersion: inspection.version,
        ...(issuedOn === today ? {} : { issuedOn }),
      }),
    meta: { form: fieldSink(form, ['issuedOn'], setOtherErrors) },
    onMutate: () => setOtherErrors([]),
    onSuccess: async (next) => {
      client.setQueryData(inspectionKey(inspection.id), next);
      void message.success(t('supervision.feedback.done', { docNo: next.docNo ?? '' }));
      await client.invalidateQueries({ queryKey: INSPECTIONS_KEY });
      await client.invalidateQueries({ queryKey: FINDINGS_KEY });
    },
    onError: () => void client.invalidateQueries({ queryKey: inspectionKey(inspection.id) }),
  });

  return (
    <Card
      size="small"
      title={t('supervision.feedback.title')}
      data-testid="inspection-feedback-card"
      styles={{ body: { padding: 12 } }}
    >
      <Typography.Paragraph type="secondary">
        {t('supervision.feedback.intro', {
          count: inspection.problems,
          village: inspection.regionName,
        })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ issuedOn: dayjs(today) }}
        onFinish={(values) => feedback.mutate(values.issuedOn.format(DATE))}
      >
        <Form.Item
          name="issuedOn"
          label={t('supervision.feedback.issuedOn')}
          extra={t('supervision.feedback.issuedOnHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker
            allowClear={false}
            data-testid="inspection-issued-on"
            disabledDate={(day) =>
              day.format(DATE) < inspection.plannedOn || day.format(DATE) > today
            }
          />
        </Form.Item>
        <OtherErrors messages={otherErrors} />
        <Popconfirm
          title={t('supervision.feedback.confirmTitle')}
          description={t('supervision.feedback.confirm', { count: inspection.problems })}
          okText={t('supervision.feedback.submit')}
          cancelText={t('common.cancel')}
          onConfirm={() => form.submit()}
          okButtonProps={{ 'data-testid': 'inspection-feedback-confirm' }}
        >
          <Button type="primary" loading={feedback.isPending} data-testid="inspection-feedback">
            {t('supervision.feedback.submit')}
          </Button>
        </Popconfirm>
      </Form>
    </Card>
  );
}

/** 反馈意见书: its number, PDF and Word downloads, and the findings it sent for rectification. */
function NoticeCard({ inspection }: { inspection: InspectionDto }) {
  const { t } = useTranslation();
  const noticeId = inspection.noticeId!;
  const findings = inspection.items.filter((item) => item.findingId);
  return (
    <Card
      size="small"
      title={t('supervision.notice.title')}
      data-testid="inspection-notice"
      styles={{ body: { padding: 12 } }}
    >
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text>
          {t('common.labelValue', { label: t('supervision.notice.docNo'), value: '' })}
          <Typography.Text strong data-testid="inspection-docno">
            {inspection.docNo}
          </Typography.Text>
        </Typography.Text>
        <Space wrap>
          <Button
            icon={<FilePdfOutlined />}
            href={noticeDocumentUrl(noticeId, 'pdf')}
            target="_blank"
            data-testid="inspection-notice-pdf"
          >
            {t('supervision.notice.pdf')}
          </Button>
          <Button
            icon={<FileWordOutlined />}
            href={noticeDocumentUrl(noticeId, 'docx')}
            data-testid="inspection-notice-docx"
          >
            {t('supervision.notice.docx')}
          </Button>
        </Space>
        {findings.length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{t('supervision.notice.findings')}</Typography.Text>}
            dataSource={findings}
            renderItem={(item) => (
              <List.Item
                actions={[
                  <Link key="open" to={`/cases/${item.findingId}`}>
                    {t('supervision.inspection.openFinding')}
                  </Link>,
                ]}
              >
                <Typography.Text>
                  {item.pointCode} {item.title}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
        <Link to="/findings">{t('supervision.notice.allFindings')}</Link>
      </Space>
    </Card>
  );
}
