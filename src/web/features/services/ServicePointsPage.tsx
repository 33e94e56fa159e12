import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isWithin } from '../../../shared/region.js';
import { todayInShanghai } from '../../format.js';
import { useRegion } from '../../region/RegionContext.js';
import { useMe } from '../auth/session.js';
import { townOf } from '../cases/labels.js';
import {
  AreaText,
  DutyText,
  hostTypeLabel,
  KIND_COLORS,
  pointKindLabel,
  StandardTag,
} from './fields.js';
import { PointFormDrawer } from './PointFormDrawer.js';
import {
  holdsAt,
  POINTS_KEY,
  servicesApi,
  type ServicePointDto,
  type ServicePointKind,
} from './services.api.js';

/**
 * 党群微家与法官工作室: the points under the header region, their "六有" status, area and
 * today's duty. Town officers (case.config) register and edit them.
 */
export default function ServicePointsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode } = useRegion();
  const region = regionCode ?? me.regionCode;
  const [kind, setKind] = useState<ServicePointKind | 'all'>('all');
  const [drawer, setDrawer] = useState<{ open: boolean; point: ServicePointDto | null }>({
    open: false,
    point: null,
  });
  const canRegister = (me.permissions['case.config'] ?? []).some(
    (root) => isWithin(region, root) || isWithin(root, region),
  );

  const list = useQuery({
    queryKey: [...POINTS_KEY, 'list', region],
    queryFn: () => servicesApi.points(region),
  });
  const points = useMemo(
    () => (list.data ?? []).filter((p) => kind === 'all' || p.kind === kind),
    [list.data, kind],
  );

  const registered = useMemo(() => (list.data ?? []).map((p) => p.unitId), [list.data]);

  const today = todayInShanghai();
  const duty = useQueries({
    queries: (list.data ?? []).map((p) => ({
      queryKey: [...POINTS_KEY, 'duty', p.unitId, today, today],
      queryFn: () => servicesApi.duty(p.unitId, { from: today, to: today }),
      staleTime: 60_000,
      meta: { silent: true },
    })),
  });
  const dutyOf = new Map((list.data ?? []).map((p, i) => [p.unitId, duty[i]?.data]));

  const columns: TableColumnsType<ServicePointDto> = [
    {
      title: t('services.points.name'),
      key: 'name',
      render: (_v, p) => <Link to={`/service-points/${p.unitId}`}>{p.name}</Link>,
    },
    {
      title: t('services.points.kind'),
      key: 'kind',
      render: (_v, p) => <Tag color={KIND_COLORS[p.kind]}>{pointKindLabel(t, p.kind)}</Tag>,
    },
    { title: t('services.points.village'), dataIndex: 'regionName', key: 'village' },
    {
      title: t('services.points.host'),
      key: 'host',
      render: (_v, p) => (
        <Space direction="vertical" size={0}>
          <span>{p.hostName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hostTypeLabel(t, p.hostType)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('services.points.standard'),
      key: 'standard',
      render: (_v, p) => <StandardTag status={p.standardStatus} standard={p.standard} />,
    },
    {
      title: t('services.points.area'),
      key: 'area',
      render: (_v, p) => <AreaText area={p.area} town={townOf(p.regionCode)} />,
    },
    {
      title: t('services.points.todayDuty'),
      key: 'duty',
      render: (_v, p) => <DutyText shifts={dutyOf.get(p.unitId)} />,
    },
  ];
  if (canRegister) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_v, p) =>
        holdsAt(me, 'case.config', p.regionCode) ? (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            data-testid={`service-point-edit-${p.unitId}`}
            onClick={() => setDrawer({ open: true, point: p })}
          >
            {t('common.edit')}
          </Button>
        ) : null,
    });
  }

  return (
    <Card
      title={t('services.points.title')}
      extra={
        canRegister && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="service-point-register"
            onClick={() => setDrawer({ open: true, point: null })}
          >
            {t('services.points.register')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('services.points.intro')}</Typography.Paragraph>
      <Segmented<ServicePointKind | 'all'>
        style={{ marginBottom: 16 }}
        value={kind}
        onChange={setKind}
        options={[
          { value: 'all', label: t('services.points.allKinds') },
          { value: 'service', label: pointKindLabel(t, 'service') },
          { value: 'legal', label: pointKindLabel(t, 'legal') },
        ]}
      />
      <Table<ServicePointDto>
        data-testid="service-points-table"
        rowKey="unitId"
        size="middle"
        columns={columns}
        dataSource={points}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('services.points.empty') }}
      />
      <PointFormDrawer
        open={drawer.open}
        point={drawer.point}
        regionCode={region}
        registered={registered}
        onClose={() => setDrawer({ open: false, point: null })}
      />
    </Card>
  );
}
