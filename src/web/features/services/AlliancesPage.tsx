import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isWithin } from '../../../shared/region.js';
import { useRegion } from '../../region/RegionContext.js';
import { useMe } from '../auth/session.js';
import { AllianceFormDrawer } from './AllianceFormDrawer.js';
import { AreaText, CaseTypeTags } from './fields.js';
import { ALLIANCES_KEY, holdsAt, servicesApi, type AllianceDto } from './services.api.js';

/**
 * 西街管家（联盟）: the alliances of the header region's towns — units that jointly look after
 * a street or area, take its requests and complaints and keep its stall registry.
 */
export default function AlliancesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode } = useRegion();
  const region = regionCode ?? me.regionCode;
  const [drawer, setDrawer] = useState<{ open: boolean; alliance: AllianceDto | null }>({
    open: false,
    alliance: null,
  });
  const canCreate = (me.permissions['case.config'] ?? []).some(
    (root) => isWithin(region, root) || isWithin(root, region),
  );

  const list = useQuery({
    queryKey: [...ALLIANCES_KEY, 'list', region],
    queryFn: () => servicesApi.alliances(region),
  });

  const columns: TableColumnsType<AllianceDto> = [
    {
      title: t('services.alliances.name'),
      key: 'name',
      render: (_v, a) => <Link to={`/alliances/${a.id}`}>{a.name}</Link>,
    },
    { title: t('services.alliances.town'), dataIndex: 'regionName', key: 'town' },
    {
      title: t('services.alliances.area'),
      key: 'area',
      render: (_v, a) => (
        <Space direction="vertical" size={0}>
          <span>{a.areaDescription}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <AreaText area={a.area} town={a.regionCode} />
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('services.alliances.members'),
      key: 'members',
      align: 'right',
      render: (_v, a) => a.members.length,
    },
    {
      title: t('services.alliances.caseTypes'),
      key: 'caseTypes',
      render: (_v, a) => <CaseTypeTags types={a.caseTypes} />,
    },
  ];
  if (canCreate) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_v, a) =>
        holdsAt(me, 'case.config', a.regionCode) ? (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setDrawer({ open: true, alliance: a })}
          >
            {t('common.edit')}
          </Button>
        ) : null,
    });
  }

  return (
    <Card
      title={t('services.alliances.title')}
      extra={
        canCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="alliance-new"
            onClick={() => setDrawer({ open: true, alliance: null })}
          >
            {t('services.alliances.new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('services.alliances.intro')}</Typography.Paragraph>
      <Table<AllianceDto>
        data-testid="alliances-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('services.alliances.empty') }}
      />
      <AllianceFormDrawer
        open={drawer.open}
        alliance={drawer.alliance}
        regionCode={region}
        onClose={() => setDrawer({ open: false, alliance: null })}
      />
    </Card>
  );
}
