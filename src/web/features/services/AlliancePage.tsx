import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Result,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isWithin } from '../../../shared/region.js';
import { ApiError } from '../../api/client.js';
import { formatTime } from '../../format.js';
import { useMe } from '../auth/session.js';
import { useUnits } from '../cases/cases.api.js';
import { unitKindLabel } from '../cases/labels.js';
import { UnitSelect } from '../cases/UnitSelect.js';
import { AreaText, CaseTypeTags } from './fields.js';
import {
  ALLIANCES_KEY,
  holdsAt,
  servicesApi,
  type AllianceDto,
  type AllianceFigures,
} from './services.api.js';
import { StallsCard } from './StallsCard.js';

type Member = AllianceDto['members'][number];

/** /alliances/:id — one alliance: its facts and figures, member units and stalls. */
export default function AlliancePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const alliance = useQuery({
    queryKey: [...ALLIANCES_KEY, 'detail', id],
    queryFn: () => servicesApi.alliance(id),
    enabled: id !== '',
  });
  if (alliance.isPending) return <Card loading />;
  if (!alliance.data) {
    const missing = alliance.error instanceof ApiError && alliance.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('services.alliance.notFound') : t('app.loadFailed')}
        extra={
          <Link to="/alliances">
            <Button>{t('services.alliance.back')}</Button>
          </Link>
        }
      />
    );
  }
  return <AllianceView alliance={alliance.data} />;
}

function AllianceView({ alliance }: { alliance: AllianceDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = holdsAt(me, 'case.config', alliance.regionCode);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Link to="/alliances">
          <Button icon={<ArrowLeftOutlined />}>{t('services.alliance.back')}</Button>
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {alliance.name}
        </Typography.Title>
      </Space>
      <Card title={t('services.alliance.facts')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'town', label: t('services.alliances.town'), children: alliance.regionName },
            {
              key: 'areaDescription',
              label: t('services.allianceForm.areaDescription'),
              children: alliance.areaDescription,
            },
            {
              key: 'area',
              label: t('services.allianceForm.area'),
              children: <AreaText area={alliance.area} town={alliance.regionCode} />,
            },
            {
              key: 'types',
              label: t('services.alliances.caseTypes'),
              children: <CaseTypeTags types={alliance.caseTypes} />,
            },
            {
              key: 'updated',
              label: t('services.point.updatedAt'),
              children: formatTime(alliance.updatedAt),
            },
          ]}
        />
      </Card>
      <FiguresCard alliance={alliance} />
      <MembersCard alliance={alliance} canEdit={canEdit} />
      <StallsCard alliance={alliance} canEdit={canEdit} />
    </Space>
  );
}

/** The alliance's figures as statistic cards. */
function FiguresCard({ alliance }: { alliance: AllianceDto }) {
  const { t } = useTranslation();
  const figures = useQuery({
    queryKey: [...ALLIANCES_KEY, 'figures', alliance.id],
    queryFn: () => servicesApi.figures(alliance.id),
  });
  const f: AllianceFigures | undefined = figures.data;
  const onTime =
    f && f.cases.closed > 0
      ? Math.round((f.cases.closedOnTime / f.cases.closed) * 1000) / 10
      : null;
  const stat = (
    key: string,
    title: string,
    value: number | string | undefined,
    color?: string,
    suffix?: string,
  ) => (
    <Col xs={12} md={8} xl={6} key={key}>
      <Card size="small" data-testid={`alliance-figure-${key}`}>
        <Statistic
          title={title}
          value={value ?? '—'}
          suffix={value === undefined || value === '—' ? undefined : suffix}
          valueStyle={color ? { color } : undefined}
          loading={figures.isPending}
        />
      </Card>
    </Col>
  );
  return (
    <Card title={t('services.figures.title')} data-testid="alliance-figures">
      <Row gutter={[12, 12]}>
        {stat('members', t('services.figures.members'), f?.members)}
        {stat('stalls', t('services.figures.stalls'), f?.stalls)}
        {stat(
          'licencesExpiring',
          t('services.figures.licencesExpiring'),
          f?.licencesExpiring,
          f && f.licencesExpiring > 0 ? '#fa8c16' : undefined,
        )}
        {stat(
          'licencesExpired',
          t('services.figures.licencesExpired'),
          f?.licencesExpired,
          f && f.licencesExpired > 0 ? '#f5222d' : undefined,
        )}
        {stat('cases', t('services.figures.cases'), f?.cases.total)}
        {stat('taken', t('services.figures.takenByMembers'), f?.cases.takenByMembers)}
        {stat('closed', t('services.figures.closed'), f?.cases.closed)}
        {stat(
          'onTime',
          t('services.figures.onTimeRate'),
          f ? (onTime ?? '—') : undefined,
          undefined,
          '%',
        )}
        {stat(
          'rating',
          t('services.figures.averageRating'),
          f ? (f.cases.averageRating ?? '—') : undefined,
          undefined,
          t('services.figures.ratingSuffix'),
        )}
      </Row>
    </Card>
  );
}

/** 成员单位: add a unit of the town (it then takes the alliance's matters) or remove one. */
function MembersCard({ alliance, canEdit }: { alliance: AllianceDto; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [unitId, setUnitId] = useState<string | undefined>();
  const all = useUnits(canEdit);
  const units = useMemo(
    () => (all.data ?? []).filter((u) => isWithin(u.regionCode, alliance.regionCode)),
    [all.data, alliance.regionCode],
  );
  const memberIds = alliance.members.map((m) => m.unitId);

  const changed = async (next: AllianceDto) => {
    client.setQueryData([...ALLIANCES_KEY, 'detail', alliance.id], next);
    await client.invalidateQueries({ queryKey: ALLIANCES_KEY });
  };
  const add = useMutation({
    mutationFn: (id: string) => servicesApi.addMember(alliance.id, id),
    onSuccess: async (next) => {
      void message.success(t('services.members.added'));
      setUnitId(undefined);
      await changed(next);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => servicesApi.removeMember(alliance.id, id),
    onSuccess: async (next) => {
      void message.success(t('services.members.removed'));
      await changed(next);
    },
  });

  const columns: TableColumnsType<Member> = [
    { title: t('services.members.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('services.members.kind'),
      key: 'kind',
      render: (_v, m) => unitKindLabel(t, m.kind),
    },
    {
      title: t('services.members.joinedAt'),
      key: 'joinedAt',
      render: (_v, m) => formatTime(m.joinedAt).slice(0, 10),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_v, m) => (
        <Popconfirm
          title={t('services.members.confirmRemove', { name: m.name })}
          description={t('services.members.removeHint')}
          onConfirm={() => remove.mutate(m.unitId)}
        >
          <Button
            type="link"
            size="small"
            danger
            data-testid={`alliance-member-remove-${m.unitId}`}
          >
            {t('common.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card title={t('services.members.title')} data-testid="alliance-members">
      {canEdit && (
        <Space wrap style={{ marginBottom: 12 }}>
          <UnitSelect
            units={units}
            loading={all.isLoading}
            exclude={memberIds}
            value={unitId}
            onChange={(next) => setUnitId(typeof next === 'string' ? next : undefined)}
            placeholder={t('services.members.unitPlaceholder')}
            style={{ width: 320 }}
            data-testid="alliance-member-unit"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!unitId}
            loading={add.isPending}
            onClick={() => unitId && add.mutate(unitId)}
            data-testid="alliance-member-add"
          >
            {t('services.members.add')}
          </Button>
        </Space>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('services.members.hint')}
      </Typography.Paragraph>
      <Table<Member>
        rowKey="unitId"
        size="small"
        columns={columns}
        dataSource={alliance.members}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('services.members.empty') }}
      />
    </Card>
  );
}
