import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  List,
  Popconfirm,
  Result,
  Row,
  Space,
  Steps,
  Tag,
  Typography,
  type DescriptionsProps,
  type StepsProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DECISION_STEPS, VOTING_STEPS } from '../../../shared/schemas/decision.js';
import { DISCLOSURE_SUBJECTS } from '../../../shared/schemas/disclosure.js';
import { ApiError } from '../../api/client.js';
import { formatTime, todayInShanghai } from '../../format.js';
import { yuanLabel } from '../../i18n/labels.js';
import { useMe } from '../auth/session.js';
import { OutcomeTag, StatusTag } from './DecisionTags.js';
import {
  addDays,
  DECISIONS_KEY,
  decisionsApi,
  fileUrl,
  holdsAt,
  voteFromOf,
  type DecisionDto,
  type MeetingDto,
} from './decisions.api.js';
import { MeetingForm } from './MeetingForm.js';
import { percentText } from './MeetingPreview.js';

const DATE = 'YYYY-MM-DD';

export default function DecisionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const decision = useQuery({
    queryKey: [...DECISIONS_KEY, 'detail', id],
    queryFn: () => decisionsApi.get(id),
    enabled: id !== '',
  });
  if (decision.isPending) return <Card loading />;
  if (!decision.data) {
    const missing = decision.error instanceof ApiError && decision.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('decision.notFound') : t('app.loadFailed')}
        extra={
          <Link to="/decisions">
            <Button>{t('decision.back')}</Button>
          </Link>
        }
      />
    );
  }
  return <DecisionView decision={decision.data} />;
}

function DecisionView({ decision }: { decision: DecisionDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = holdsAt(me, 'ledger.write', decision.regionCode);
  const [recording, setRecording] = useState(false);
  const [today] = useState(todayInShanghai);
  const next = decision.nextStep;
  const voteFrom = voteFromOf(decision);
  // The representatives may not vote before the county's comment period has run.
  const voteBlocked =
    next === 'representatives' && voteFrom !== null && (voteFrom === undefined || voteFrom > today);

  const header: DescriptionsProps['items'] = [
    { key: 'village', label: t('decision.village'), children: decision.regionName },
    { key: 'amount', label: t('decision.amount'), children: yuanLabel(t, decision.amount) },
    {
      key: 'status',
      label: t('decision.columns.status'),
      children: <StatusTag status={decision.status} />,
    },
    {
      key: 'step',
      label: t('decision.nextStep'),
      children: next ? t(`decision.steps.${next}`) : t('decision.finished'),
    },
    { key: 'created', label: t('decision.createdAt'), children: formatTime(decision.createdAt) },
    { key: 'updated', label: t('decision.updatedAt'), children: formatTime(decision.updatedAt) },
    {
      key: 'content',
      label: t('decision.content'),
      span: 'filled',
      children: <div style={{ whiteSpace: 'pre-wrap' }}>{decision.content}</div>,
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="decision-heading">{decision.title}</span>
            <StatusTag status={decision.status} />
          </Space>
        }
        extra={
          <Link to="/decisions">
            <ArrowLeftOutlined /> {t('decision.back')}
          </Link>
        }
      >
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={header} />
      </Card>

      <Card title={t('decision.progress.title')}>
        <DecisionSteps decision={decision} />
      </Card>

      {voteFrom !== null && next !== null && DECISION_STEPS.indexOf(next) <= 3 && (
        <CommentPeriod decision={decision} canWrite={canWrite} today={today} />
      )}

      <Card
        title={t('decision.meetings.title')}
        extra={
          canWrite &&
          next && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={voteBlocked}
              title={
                voteBlocked && typeof voteFrom === 'string'
                  ? t('decision.comment.note', { days: decision.commentPeriodDays, date: voteFrom })
                  : undefined
              }
              onClick={() => setRecording(true)}
              data-testid="meeting-record"
            >
              {t('decision.meetings.record', { step: t(`decision.steps.${next}`) })}
            </Button>
          )
        }
      >
        {decision.meetings.length === 0 ? (
          <Empty description={t('decision.meetings.none')} />
        ) : (
          <Row gutter={[16, 16]} data-testid="decision-meetings">
            {decision.meetings.map((meeting) => (
              <Col xs={24} key={meeting.id}>
                <MeetingCard meeting={meeting} />
              </Col>
            ))}
          </Row>
        )}
      </Card>

      <Card title={t('decision.entries.title')}>
        <List
          data-testid="decision-entries"
          dataSource={decision.entries}
          locale={{ emptyText: t('decision.entries.none') }}
          renderItem={(entry) => (
            <List.Item>
              <Space>
                <Tag>{kindLabel(t, entry.kind)}</Tag>
                <Link to={`/ledger/${entry.id}`}>{entry.title}</Link>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      {next && canWrite && (
        <MeetingForm
          decision={decision}
          step={next}
          open={recording}
          onClose={() => setRecording(false)}
        />
      )}
    </Space>
  );
}

/** A ledger kind by its Chinese name; an unknown kind shows as it is. */
function kindLabel(t: TFunction, kind: string): string {
  const known = DISCLOSURE_SUBJECTS.find((s) => s === kind);
  return known ? t(`disclosure.subjects.${known}`) : kind;
}

/** The six steps, each with the date and outcome of its latest meeting. */
function DecisionSteps({ decision }: { decision: DecisionDto }) {
  const { t } = useTranslation();
  const items: StepsProps['items'] = DECISION_STEPS.map((step) => {
    const held = decision.meetings.filter((m) => m.step === step);
    const last = held.at(-1);
    let status: 'wait' | 'process' | 'finish' | 'error' = 'wait';
    if (last?.outcome === 'passed' || last?.outcome === 'posted') status = 'finish';
    else if (last?.outcome === 'rejected') status = 'error';
    else if (decision.nextStep === step) status = 'process';
    return {
      key: step,
      status,
      title: t(`decision.steps.${step}`),
      description: last ? (
        <Space direction="vertical" size={2}>
          <span>{last.heldOn}</span>
          <OutcomeTag outcome={last.outcome} />
          {held.length > 1 && (
            <Typography.Text type="secondary">
              {t('decision.progress.times', { n: held.length })}
            </Typography.Text>
          )}
        </Space>
      ) : decision.nextStep === step ? (
        <Typography.Text type="secondary">{t('decision.progress.current')}</Typography.Text>
      ) : undefined,
    };
  });
  const current = decision.nextStep
    ? DECISION_STEPS.indexOf(decision.nextStep)
    : DECISION_STEPS.length - 1;
  return (
    <Steps
      data-testid="decision-steps"
      current={current}
      items={items}
      size="small"
      labelPlacement="vertical"
      responsive
    />
  );
}

/** The county's comment period before the representatives vote: open it, or when it ends. */
function CommentPeriod({
  decision,
  canWrite,
  today,
}: {
  decision: DecisionDto;
  canWrite: boolean;
  today: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [from, setFrom] = useState<Dayjs>(() => dayjs(today));
  const days = decision.commentPeriodDays;

  const open = useMutation({
    mutationFn: (date: string) => decisionsApi.openComment(decision.id, date),
    onSuccess: async (updated) => {
      void message.success(t('decision.comment.started'));
      client.setQueryData([...DECISIONS_KEY, 'detail', decision.id], updated);
      await client.invalidateQueries({ queryKey: DECISIONS_KEY });
    },
  });

  if (decision.commentFrom) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="decision-comment"
        message={t('decision.comment.title')}
        description={
          <Space direction="vertical" size={4}>
            <span>{t('decision.comment.opened', { from: decision.commentFrom })}</span>
            <Typography.Text strong>
              {t('decision.comment.note', {
                days,
                date: addDays(decision.commentFrom, days),
              })}
            </Typography.Text>
          </Space>
        }
      />
    );
  }
  const fromText = from.format(DATE);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="decision-comment"
      message={t('decision.comment.title')}
      description={
        <Space direction="vertical">
          <span>{t('decision.comment.required', { days })}</span>
          {canWrite && (
            <Space wrap>
              <Typography.Text>{t('decision.comment.from')}</Typography.Text>
              <DatePicker
                value={from}
                allowClear={false}
                onChange={(next: Dayjs | null) => setFrom(next ?? dayjs(today))}
                data-testid="decision-comment-from"
              />
              <Popconfirm
                title={t('decision.comment.confirm')}
                onConfirm={() => open.mutate(fromText)}
              >
                <Button loading={open.isPending} data-testid="decision-comment-start">
                  {t('decision.comment.start')}
                </Button>
              </Popconfirm>
              <Typography.Text strong>
                {t('decision.comment.note', { days, date: addDays(fromText, days) })}
              </Typography.Text>
            </Space>
          )}
        </Space>
      }
    />
  );
}

/** One meeting: when and how, who came, how they voted, what was decided, the signed minutes. */
function MeetingCard({ meeting }: { meeting: MeetingDto }) {
  const { t } = useTranslation();
  const voting = VOTING_STEPS.includes(meeting.step);
  const list = (names: readonly string[]) =>
    names.length > 0 ? names.join(t('decision.meetings.separator')) : t('decision.meetings.empty');
  const items: DescriptionsProps['items'] = [
    {
      key: 'date',
      label: t(voting ? 'decision.meetings.heldOn' : 'decision.meetings.postedOn'),
      children: meeting.heldOn,
    },
    {
      key: 'form',
      label: t('decision.meetings.form'),
      children: t(`decision.forms.${meeting.form}`),
    },
  ];
  if (voting) {
    items.push(
      {
        key: 'attendance',
        label: t('decision.meetings.attendance'),
        children: t('decision.meetings.attendanceValue', {
          expected: meeting.expected,
          present: meeting.present,
          ratio: meeting.ratio === null ? '—' : percentText(meeting.ratio),
        }),
      },
      {
        key: 'votes',
        label: t('decision.meetings.votes'),
        span: 'filled',
        children: t('decision.meetings.votesValue', {
          for: meeting.votesFor,
          against: meeting.votesAgainst,
          abstain: meeting.votesAbstain,
        }),
      },
    );
  }
  items.push({
    key: 'content',
    label: t('decision.meetings.content'),
    span: 'filled',
    children: <div style={{ whiteSpace: 'pre-wrap' }}>{meeting.content}</div>,
  });
  if (voting) {
    items.push({
      key: 'attendees',
      label: t('decision.meetings.attendees'),
      span: 'filled',
      children: list(meeting.attendees),
    });
  }
  items.push(
    {
      key: 'officials',
      label: t('decision.meetings.officials'),
      span: 'filled',
      children: list(meeting.officials),
    },
    {
      key: 'attachments',
      label: t('decision.meetings.attachments'),
      span: 'filled',
      children:
        meeting.attachments.length > 0 ? (
          <Space wrap>
            {meeting.attachments.map((a) => (
              <Typography.Link
                key={a.fileId}
                href={fileUrl(a.fileId)}
                target="_blank"
                rel="noopener"
              >
                {a.name}
              </Typography.Link>
            ))}
          </Space>
        ) : (
          t('decision.meetings.empty')
        ),
    },
  );
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`meeting-card-${meeting.step}`}
      title={t(`decision.steps.${meeting.step}`)}
      extra={<OutcomeTag outcome={meeting.outcome} />}
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 3, lg: 3, xl: 3, xxl: 3 }}
        items={items}
      />
    </Card>
  );
}
