import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Image,
  List,
  Result,
  Row,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { STANDARD_ITEMS } from '../../../shared/schemas/services.js';
import type { CaseListItem } from '../../../shared/schemas/cases.js';
import { ApiError } from '../../api/client.js';
import { formatTime } from '../../format.js';
import { useMe } from '../auth/session.js';
import { CASES_KEY, casesApi } from '../cases/cases.api.js';
import {
  caseStatusLabel,
  caseTypeLabel,
  STATUS_COLORS,
  townOf,
  TYPE_COLORS,
} from '../cases/labels.js';
import { DutyRoster } from './DutyRoster.js';
import {
  AreaText,
  CaseTypeTags,
  fileUrl,
  hostTypeLabel,
  KIND_COLORS,
  pointKindLabel,
  StandardTag,
} from './fields.js';
import { ServiceLogCard } from './ServiceLogCard.js';
import { holdsAt, POINTS_KEY, servicesApi, type ServicePointDto } from './services.api.js';

/** /service-points/:unitId — one 党群微家 or 法官工作室. */
export default function ServicePointPage() {
  const { t } = useTranslation();
  const { unitId = '' } = useParams();
  const point = useQuery({
    queryKey: [...POINTS_KEY, 'detail', unitId],
    queryFn: () => servicesApi.point(unitId),
    enabled: unitId !== '',
  });
  if (point.isPending) return <Card loading />;
  if (!point.data) {
    const missing = point.error instanceof ApiError && point.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('services.point.notFound') : t('app.loadFailed')}
        extra={
          <Link to="/service-points">
            <Button>{t('services.point.back')}</Button>
          </Link>
        }
      />
    );
  }
  return <PointView point={point.data} />;
}

function PointView({ point }: { point: ServicePointDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const isTownOfficer = holdsAt(me, 'case.config', point.regionCode);
  // The server also lets the point's own staff (case.handle, their unit) keep the roster and
  // log; the session does not say which unit the user belongs to, so the server decides.
  const canWrite = isTownOfficer || holdsAt(me, 'case.handle', point.regionCode);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Link to="/service-points">
          <Button icon={<ArrowLeftOutlined />}>{t('services.point.back')}</Button>
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {point.name}
        </Typography.Title>
        <Tag color={KIND_COLORS[point.kind]}>{pointKindLabel(t, point.kind)}</Tag>
        <StandardTag status={point.standardStatus} standard={point.standard} />
      </Space>
      <Card title={t('services.point.facts')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'village', label: t('services.points.village'), children: point.regionName },
            { key: 'address', label: t('services.point.address'), children: point.address },
            {
              key: 'host',
              label: t('services.points.host'),
              children: t('services.point.hostValue', {
                type: hostTypeLabel(t, point.hostType),
                name: point.hostName,
              }),
            },
            {
              key: 'area',
              label: t('services.points.area'),
              children: <AreaText area={point.area} town={townOf(point.regionCode)} />,
            },
            {
              key: 'types',
              label: t('services.point.caseTypes'),
              children: <CaseTypeTags types={point.caseTypes} />,
            },
            {
              key: 'updated',
              label: t('services.point.updatedAt'),
              children: formatTime(point.updatedAt),
            },
          ]}
        />
      </Card>
      <ChecklistCard point={point} />
      <DutyRoster point={point} canWrite={canWrite} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ServiceLogCard point={point} canWrite={canWrite} />
        </Col>
        <Col xs={24} xl={12}>
          <PointCasesCard point={point} />
        </Col>
      </Row>
    </Space>
  );
}

/** 六有: each item pass or fail, with its note and photo. */
function ChecklistCard({ point }: { point: ServicePointDto }) {
  const { t } = useTranslation();
  const standard = point.standard;
  return (
    <Card title={t('services.standard.title')}>
      {!standard ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('services.standard.unassessed')}
        />
      ) : (
        <Image.PreviewGroup>
          <List
            grid={{ gutter: 16, xs: 1, sm: 2, lg: 3 }}
            dataSource={[...STANDARD_ITEMS]}
            renderItem={(item) => {
              const check = standard[item];
              return (
                <List.Item>
                  <Card size="small" data-testid={`standard-item-${item}`}>
                    <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
                      <Space direction="vertical" size={4}>
                        <Space size={6}>
                          {check.pass ? (
                            <CheckCircleFilled style={{ color: '#52c41a' }} />
                          ) : (
                            <CloseCircleFilled style={{ color: '#ff4d4f' }} />
                          )}
                          <Typography.Text strong>
                            {t(`services.standardItems.${item}`)}
                          </Typography.Text>
                          <Tag color={check.pass ? 'success' : 'error'}>
                            {check.pass ? t('services.standard.pass') : t('services.standard.fail')}
                          </Tag>
                        </Space>
                        <Typography.Text type={check.note ? undefined : 'secondary'}>
                          {check.note ?? t('services.standard.noNote')}
                        </Typography.Text>
                      </Space>
                      {check.photoFileId && (
                        <Image
                          src={fileUrl(check.photoFileId)}
                          width={72}
                          height={72}
                          style={{ objectFit: 'cover', borderRadius: 4 }}
                          alt={t(`services.standardItems.${item}`)}
                        />
                      )}
                    </Space>
                  </Card>
                </List.Item>
              );
            }}
          />
        </Image.PreviewGroup>
      )}
    </Card>
  );
}

/** The cases the point holds (open first), for its staff and the town's officers. */
function PointCasesCard({ point }: { point: ServicePointDto }) {
  const { t } = useTranslation();
  const held = useQuery({
    queryKey: [...CASES_KEY, 'list', { unitId: point.unitId }, 1, 200],
    queryFn: () => casesApi.list({ unitId: point.unitId, page: 1, pageSize: 200 }),
  });

  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t('services.cases.code'),
      key: 'code',
      render: (_v, c) => <Link to={`/cases/${c.id}`}>{c.code}</Link>,
    },
    {
      title: t('services.cases.type'),
      key: 'type',
      render: (_v, c) => <Tag color={TYPE_COLORS[c.type]}>{caseTypeLabel(t, c.type)}</Tag>,
    },
    { title: t('services.cases.subject'), dataIndex: 'title', key: 'title', ellipsis: true },
    {
      title: t('services.cases.status'),
      key: 'status',
      render: (_v, c) => <Tag color={STATUS_COLORS[c.status]}>{caseStatusLabel(t, c.status)}</Tag>,
    },
  ];

  return (
    <Card
      title={t('services.cases.title')}
      extra={<Link to="/cases?tab=all">{t('services.cases.toInbox')}</Link>}
    >
      <Table<CaseListItem>
        data-testid="service-point-cases"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={held.data?.items ?? []}
        loading={held.isFetching}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('services.cases.empty') }}
      />
    </Card>
  );
}
