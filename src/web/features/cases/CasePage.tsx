import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Image,
  Rate,
  Result,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { WITH_UNIT } from '../../../shared/case-machine.js';
import type { TimelineItem } from '../../../shared/schemas/cases.js';
import { ApiError } from '../../api/client.js';
import { formatTime } from '../../format.js';
import { CaseActions } from './CaseActions.js';
import { caseKey, casesApi, fileUrl, type CaseDto } from './cases.api.js';
import { DueText } from './DueText.js';
import { useNow } from './useNow.js';
import {
  caseRoleLabel,
  caseStatusLabel,
  caseTypeLabel,
  categoryLabel,
  channelLabel,
  escalationLabel,
  overdueLabel,
  ratingName,
  STATUS_COLORS,
  stepLabel,
  TYPE_COLORS,
} from './labels.js';

export default function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: caseKey(id),
    queryFn: () => casesApi.get(id),
    enabled: id !== '',
    meta: { silent: true },
  });

  if (query.isPending) return <Card loading />;
  if (query.isError || !query.data) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('cases.detail.notFound') : t('app.loadFailed')}
        extra={
          <Space>
            <Link to="/cases">
              <Button icon={<ArrowLeftOutlined />}>{t('cases.detail.back')}</Button>
            </Link>
            {!missing && (
              <Button onClick={() => void query.refetch()}>{t('common.refresh')}</Button>
            )}
          </Space>
        }
      />
    );
  }
  return <CaseView item={query.data} />;
}

function CaseView({ item }: { item: CaseDto }) {
  const { t } = useTranslation();
  const open = item.status !== 'closed';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/cases">
        <ArrowLeftOutlined /> {t('cases.detail.back')}
      </Link>

      <Card
        data-testid="case-header"
        title={
          <Space wrap size={8}>
            <span>{item.code}</span>
            <Tag color={TYPE_COLORS[item.type]}>{caseTypeLabel(t, item.type)}</Tag>
            <Tag>{categoryLabel(item.category)}</Tag>
            <Tag color={STATUS_COLORS[item.status]} data-testid="case-status">
              {caseStatusLabel(t, item.status)}
            </Tag>
            {open && item.overdue > 0 && (
              <Tag color="error" data-testid="case-overdue-tag">
                {overdueLabel(t, item.overdue)}
              </Tag>
            )}
            {item.escalation > 0 && (
              <Tag color="volcano" data-testid="case-escalation-tag">
                {escalationLabel(t, item.escalation)}
              </Tag>
            )}
          </Space>
        }
      >
        <Header item={item} />
      </Card>

      {item.extension && (
        <Alert
          type="warning"
          showIcon
          data-testid="case-extension-pending"
          message={t('cases.detail.extensionPending', {
            days: item.extension.days,
            reason: item.extension.reason,
          })}
        />
      )}

      <Card title={t('cases.detail.actionsTitle')} data-testid="case-actions">
        <Space direction="vertical" style={{ width: '100%' }}>
          {item.roles.length > 0 && (
            <Typography.Text type="secondary">
              {t('cases.detail.myRoles', {
                roles: item.roles
                  .map((role) => caseRoleLabel(t, role))
                  .join(t('cases.detail.listSep')),
              })}
            </Typography.Text>
          )}
          <CaseActions item={item} />
        </Space>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('cases.detail.requestTitle')}>
              <Request item={item} />
            </Card>
            <Card title={t('cases.detail.replyTitle')}>
              <Reply item={item} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('cases.detail.timelineTitle')}>
            <CaseTimeline items={item.timeline} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** Who holds the case, by when each step is due and how much time is left. */
function Header({ item }: { item: CaseDto }) {
  const { t } = useTranslation();
  const now = useNow();
  const withUnit = WITH_UNIT.includes(item.status);
  const none = <Typography.Text type="secondary">{t('cases.detail.none')}</Typography.Text>;
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t('cases.detail.code'), children: item.code },
    {
      key: 'type',
      label: t('cases.detail.typeCategory'),
      children: `${caseTypeLabel(t, item.type)} · ${categoryLabel(item.category)}`,
    },
    { key: 'region', label: t('cases.detail.region'), children: item.regionName },
    {
      key: 'unit',
      label: t('cases.detail.unit'),
      children: item.unitName ?? none,
    },
    {
      key: 'coUnits',
      label: t('cases.detail.coUnits'),
      children:
        item.coUnits.length > 0 ? (
          <Space size={[4, 4]} wrap>
            {item.coUnits.map((unit) => (
              <Tag key={unit.id}>{unit.name}</Tag>
            ))}
          </Space>
        ) : (
          none
        ),
    },
    {
      key: 'createdAt',
      label: t('cases.detail.createdAt'),
      children: formatTime(item.createdAt),
    },
    {
      key: 'signDue',
      label: t('cases.detail.signDue'),
      children: <DueText dueAt={item.signDueAt} now={now} active={item.status === 'dispatched'} />,
    },
    {
      key: 'handleDue',
      label: t('cases.detail.handleDue'),
      children: (
        <Space size={8} wrap>
          <DueText dueAt={item.handleDueAt} now={now} active={withUnit} />
          {item.extensionDays > 0 && (
            <Tag color="blue">{t('cases.detail.extended', { n: item.extensionDays })}</Tag>
          )}
        </Space>
      ),
    },
    {
      key: 'returnDue',
      label: t('cases.detail.returnDue'),
      children: (
        <DueText
          dueAt={item.returnDueAt}
          now={now}
          active={item.status === 'dispatched' || item.status === 'signed'}
        />
      ),
    },
  ];
  if (item.reopenCount > 0) {
    items.push({
      key: 'reopenCount',
      label: t('cases.detail.reopenCount'),
      children: t('cases.detail.times', { n: item.reopenCount }),
    });
  }
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={items}
      data-testid="case-facts"
    />
  );
}

/** What the resident reported: text, place, photos, who and how. */
function Request({ item }: { item: CaseDto }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">{t('cases.detail.none')}</Typography.Text>;
  const reporter = item.anonymous ? (
    <Tag icon={<LockOutlined />}>{t('cases.detail.anonymous')}</Tag>
  ) : (
    (item.reporterName ?? none)
  );
  const items: DescriptionsProps['items'] = [
    {
      key: 'description',
      label: t('cases.detail.description'),
      span: 'filled',
      children: (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {item.description}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'address',
      label: t('cases.detail.address'),
      span: 'filled',
      children: item.address ?? none,
    },
    { key: 'reporter', label: t('cases.detail.reporter'), children: reporter },
    {
      key: 'mobile',
      label: t('cases.detail.mobile'),
      children: item.anonymous ? none : (item.reporterMobile ?? none),
    },
    { key: 'channel', label: t('cases.detail.channel'), children: channelLabel(t, item.channel) },
  ];
  if (item.location) {
    items.push({
      key: 'location',
      label: t('cases.detail.location'),
      children: t('cases.detail.latLng', {
        lat: item.location.lat.toFixed(5),
        lng: item.location.lng.toFixed(5),
      }),
    });
  }
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />
      <div>
        <Typography.Text type="secondary">{t('cases.detail.photos')}</Typography.Text>
        <div style={{ marginTop: 8 }} data-testid="case-photos">
          {item.photos.length > 0 ? (
            <Image.PreviewGroup>
              <Space wrap size={8}>
                {item.photos.map((id, index) => (
                  <Image
                    key={id}
                    src={fileUrl(id)}
                    alt={t('cases.detail.photoAlt', { n: index + 1 })}
                    width={104}
                    height={104}
                    style={{ objectFit: 'cover', borderRadius: 6 }}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          ) : (
            <Typography.Text type="secondary">{t('cases.detail.noPhotos')}</Typography.Text>
          )}
        </div>
      </div>
    </Space>
  );
}

/** The unit's reply, who verified it, and the resident's rating. */
function Reply({ item }: { item: CaseDto }) {
  const { t } = useTranslation();
  if (item.reply === null && item.rating === null) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('cases.detail.noReply')}
        data-testid="case-reply-empty"
      />
    );
  }
  const items: DescriptionsProps['items'] = [];
  if (item.verifiedBy) {
    items.push({
      key: 'verifiedBy',
      label: t('cases.detail.verifiedBy'),
      children: item.verifiedBy,
    });
  }
  if (item.rating !== null) {
    items.push({
      key: 'rating',
      label: t('cases.detail.rating'),
      children: (
        <Space size={8} data-testid="case-rating">
          <Rate disabled value={item.rating} />
          <Typography.Text>{ratingName(t, item.rating)}</Typography.Text>
        </Space>
      ),
    });
    if (item.ratingComment) {
      items.push({
        key: 'ratingComment',
        label: t('cases.detail.ratingComment'),
        span: 'filled',
        children: item.ratingComment,
      });
    }
  }
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {item.reply !== null && (
        <Typography.Paragraph
          data-testid="case-reply"
          style={{
            whiteSpace: 'pre-wrap',
            marginBottom: 0,
            padding: 12,
            background: 'rgba(0, 0, 0, 0.02)',
            borderRadius: 6,
          }}
        >
          {item.reply}
        </Typography.Paragraph>
      )}
      {items.length > 0 && <Descriptions size="small" column={1} items={items} />}
    </Space>
  );
}

/**
 * The case's steps, oldest first: what, the status it led to (when it changed), time, who,
 * and the note; internal steps marked.
 */
function CaseTimeline({ items }: { items: readonly TimelineItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.timeline.empty')} />;
  }
  const actorOf = (actor: string) =>
    actor === '—' || actor === ''
      ? t('cases.timeline.resident')
      : actor === 'system'
        ? t('cases.timeline.system')
        : actor;
  const noteOf = (step: TimelineItem) => {
    if (step.note === null) return null;
    // The deadline scan notes which limit was missed.
    if (step.action === 'escalate' && (step.note === 'sign' || step.note === 'handle')) {
      return t(`cases.timeline.missed.${step.note}`);
    }
    return step.note;
  };
  return (
    <div data-testid="case-timeline">
      <Timeline
        items={items.map((step, index) => {
          const note = noteOf(step);
          return {
            key: `${step.at}-${index}`,
            color: step.public ? 'blue' : 'gray',
            children: (
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space size={8} wrap>
                  <Typography.Text strong>{stepLabel(t, step.action)}</Typography.Text>
                  {step.toStatus !== items[index - 1]?.toStatus && (
                    <Tag color={STATUS_COLORS[step.toStatus]} style={{ marginInlineEnd: 0 }}>
                      {caseStatusLabel(t, step.toStatus)}
                    </Tag>
                  )}
                  {!step.public && (
                    <Tag style={{ marginInlineEnd: 0 }} data-testid="case-timeline-internal">
                      {t('cases.timeline.internal')}
                    </Tag>
                  )}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(step.at)} · {actorOf(step.actor)}
                </Typography.Text>
                {note && (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                    {note}
                  </Typography.Paragraph>
                )}
              </Space>
            ),
          };
        })}
      />
    </div>
  );
}
