import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingProblems } from '../../../shared/decision-rules.js';
import {
  MEETING_FORMS,
  VOTING_STEPS,
  type DecisionStep,
  type NewMeetingBody,
} from '../../../shared/schemas/decision.js';
import { showError } from '../../api/errors.js';
import { todayInShanghai } from '../../format.js';
import { detailMessage } from '../../i18n/labels.js';
import {
  DECISIONS_KEY,
  decisionsApi,
  type DecisionDto,
  voteFromOf,
  type UploadedFile,
} from './decisions.api.js';
import { MeetingPreview } from './MeetingPreview.js';

type MeetingForm = NewMeetingBody['form'];
type VotingStep = 'proposal' | 'committees' | 'partyMembers' | 'representatives';

interface Values {
  heldOn: Dayjs;
  form: MeetingForm;
  expected?: number | null;
  present?: number | null;
  votesFor?: number | null;
  votesAgainst?: number | null;
  votesAbstain?: number | null;
  content: string;
  attendees?: string[];
  officials?: string[];
}

const DATE = 'YYYY-MM-DD';
/** Names pasted as one list: split on 、 ， , ; ； and line breaks. */
const NAME_SEPARATORS = ['、', '，', ',', '；', ';', '\n'];
const MAX_ATTACHMENTS = 20;

function isVoting(step: DecisionStep): step is VotingStep {
  return VOTING_STEPS.includes(step);
}

/** Names as entered, each trimmed, empty and repeated ones dropped. */
function names(values: readonly string[] | undefined): string[] {
  const split = (values ?? []).flatMap((v) => v.split(/[、，,；;\n]/));
  return [...new Set(split.map((v) => v.trim()).filter((v) => v.length > 0))];
}

interface Props {
  decision: DecisionDto;
  /** The step being recorded: the decision's next step. */
  step: DecisionStep;
  open: boolean;
  onClose: () => void;
}

/**
 * Record the meeting (or, for the two 公开 steps, the posting) of the decision's next step,
 * with a live preview of its legal outcome.
 */
export function MeetingForm({ decision, step, open, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={720}
      destroyOnHidden
      title={t(isVoting(step) ? 'decision.form.title' : 'decision.form.titlePosting', {
        step: t(`decision.steps.${step}`),
      })}
    >
      <MeetingFields decision={decision} step={step} onDone={onClose} />
    </Drawer>
  );
}

function MeetingFields({
  decision,
  step,
  onDone,
}: {
  decision: DecisionDto;
  step: DecisionStep;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile<UploadedFile>[]>([]);
  const [today] = useState(todayInShanghai);
  const voting = isVoting(step);

  const expected = Form.useWatch('expected', form);
  const present = Form.useWatch('present', form);
  const votesFor = Form.useWatch('votesFor', form);
  const votesAgainst = Form.useWatch('votesAgainst', form);
  const votesAbstain = Form.useWatch('votesAbstain', form);

  // A meeting held again after one without quorum starts from the same head count.
  const earlier = decision.meetings.filter((m) => m.step === step).at(-1);
  const lastHeld = decision.meetings.at(-1)?.heldOn;
  const voteFrom = step === 'representatives' ? voteFromOf(decision) : null;
  const earliest = [lastHeld, voteFrom]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);

  const record = useMutation({
    mutationFn: (body: NewMeetingBody) => decisionsApi.recordMeeting(decision.id, body),
    meta: { form },
    onSuccess: async (updated) => {
      void message.success(t(voting ? 'decision.form.saved' : 'decision.form.savedPosting'));
      client.setQueryData([...DECISIONS_KEY, 'detail', decision.id], updated);
      await client.invalidateQueries({ queryKey: DECISIONS_KEY });
      onDone();
    },
  });

  const onFinish = (values: Values) => {
    const count = {
      expected: voting ? (values.expected ?? 0) : 0,
      present: voting ? (values.present ?? 0) : 0,
      votesFor: voting ? (values.votesFor ?? 0) : 0,
      votesAgainst: voting ? (values.votesAgainst ?? 0) : 0,
      votesAbstain: voting ? (values.votesAbstain ?? 0) : 0,
    };
    const problems = meetingProblems(step, count);
    if (problems.length > 0) {
      form.setFields(
        problems.map((p) => ({ name: p.field, errors: [detailMessage(p.messageKey)] })),
      );
      return;
    }
    if (files.some((f) => f.status === 'uploading')) {
      void message.warning(t('decision.form.uploading'));
      return;
    }
    record.mutate({
      step,
      heldOn: values.heldOn.format(DATE),
      form: values.form,
      ...count,
      content: values.content.trim(),
      attendees: names(values.attendees),
      officials: names(values.officials),
      attachments: files
        .filter((f) => f.status === 'done' && f.response)
        .map((f) => ({ fileId: f.response!.id, name: f.response!.originalName, public: false })),
    });
  };

  const required = { required: true, message: t('common.required') };
  const count = (testId: string) => (
    <InputNumber
      min={0}
      max={10_000}
      precision={0}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{
        heldOn: dayjs(today),
        form: voting ? 'in_person' : 'notice_board',
        expected: earlier?.expected,
        votesAgainst: 0,
        votesAbstain: 0,
        attendees: [],
        officials: [],
      }}
      onFinish={onFinish}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="heldOn"
            label={t(voting ? 'decision.form.heldOn' : 'decision.form.postedOn')}
            rules={[required]}
          >
            <DatePicker
              allowClear={false}
              style={{ width: '100%' }}
              disabledDate={(date) =>
                date.isAfter(dayjs(today), 'day') ||
                (earliest !== undefined && date.isBefore(dayjs(earliest), 'day'))
              }
              data-testid="meeting-date"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="form" label={t('decision.form.form')} rules={[required]}>
            <Select
              data-testid="meeting-form"
              options={MEETING_FORMS.map((value) => ({
                value,
                label: t(`decision.forms.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
      </Row>

      {voting && (
        <>
          <Row gutter={12}>
            <Col xs={12} md={6}>
              <Form.Item
                name="expected"
                label={t('decision.form.expected', { members: t(`decision.members.${step}`) })}
                rules={[required]}
              >
                {count('meeting-expected')}
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="present"
                label={t('decision.form.present')}
                rules={[required]}
                dependencies={['expected']}
              >
                {count('meeting-present')}
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={8} md={6}>
              <Form.Item name="votesFor" label={t('decision.form.votesFor')} rules={[required]}>
                {count('meeting-for')}
              </Form.Item>
            </Col>
            <Col xs={8} md={6}>
              <Form.Item name="votesAgainst" label={t('decision.form.votesAgainst')}>
                {count('meeting-against')}
              </Form.Item>
            </Col>
            <Col xs={8} md={6}>
              <Form.Item name="votesAbstain" label={t('decision.form.votesAbstain')}>
                {count('meeting-abstain')}
              </Form.Item>
            </Col>
          </Row>
        </>
      )}

      <MeetingPreview
        step={step}
        count={{ expected, present, votesFor, votesAgainst, votesAbstain }}
      />

      <Form.Item
        name="content"
        label={t(voting ? 'decision.form.content' : 'decision.form.contentPosting')}
        rules={[
          required,
          { whitespace: true, message: t('common.required') },
          { min: 2, message: t('decision.contentRule') },
        ]}
      >
        <Input.TextArea
          rows={5}
          maxLength={4000}
          showCount
          placeholder={t(
            voting ? 'decision.form.contentPlaceholder' : 'decision.form.contentPostingPlaceholder',
          )}
          data-testid="meeting-content"
        />
      </Form.Item>

      {voting && (
        <Form.Item name="attendees" label={t('decision.form.attendees')}>
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={NAME_SEPARATORS}
            placeholder={t('decision.form.attendeesPlaceholder')}
            data-testid="meeting-attendees"
          />
        </Form.Item>
      )}
      <Form.Item name="officials" label={t('decision.form.officials')}>
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={NAME_SEPARATORS}
          placeholder={t('decision.form.officialsPlaceholder')}
          data-testid="meeting-officials"
        />
      </Form.Item>

      <Form.Item label={t('decision.form.attachments')} extra={t('decision.form.attachmentsHint')}>
        <Upload<UploadedFile>
          fileList={files}
          maxCount={MAX_ATTACHMENTS}
          onChange={({ fileList }) => setFiles(fileList.filter((f) => f.status !== 'error'))}
          customRequest={({ file, onSuccess, onError }) => {
            const blob = file as File;
            decisionsApi
              .uploadPrivate(decision.regionCode, blob, blob.name)
              .then((uploaded) => onSuccess?.(uploaded))
              .catch((error: unknown) => {
                showError(error);
                onError?.(new Error(t('decision.form.uploadFailed')));
              });
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="meeting-upload">
            {t('decision.form.upload')}
          </Button>
        </Upload>
      </Form.Item>

      <Space>
        <Button
          type="primary"
          htmlType="submit"
          loading={record.isPending}
          data-testid="meeting-save"
        >
          {t('common.save')}
        </Button>
        <Typography.Text type="secondary">{t(`decision.steps.${step}`)}</Typography.Text>
      </Space>
    </Form>
  );
}
