import { EditOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Space,
  Spin,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isWithin } from '../../../shared/region.js';
import { todayInShanghai } from '../../format.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionsApi } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { CatalogueHistory } from './CatalogueHistory.js';
import { versionLabel } from './labels.js';
import { NegativeListTab } from './NegativeListTab.js';
import { PathsTab } from './PathsTab.js';
import { PointEditor } from './PointEditor.js';
import { PointsTab } from './PointsTab.js';
import { SUPERVISION_KEY, supervisionApi, townOf } from './supervision.api.js';

const DATE = 'YYYY-MM-DD';

type TabKey = 'points' | 'paths' | 'negative';

/** 监督目录 · 六小一督: the catalogue of the header's town (or a village's town). */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { regionCode } = useRegion();
  const townCode = townOf(regionCode ?? me.regionCode);
  if (!townCode) {
    return (
      <Card title={t('supervision.title')}>
        <Alert type="info" showIcon message={t('supervision.chooseTown')} />
      </Card>
    );
  }
  return <TownCatalogue key={townCode} townCode={townCode} />;
}

function TownCatalogue({ townCode }: { townCode: string }) {
  const { t } = useTranslation();
  const me = useMe();
  // Held over this town: a grant over one village cannot change the town's catalogue.
  const canEdit = (me.permissions['supervision.configure'] ?? []).some((root) =>
    isWithin(townCode, root),
  );
  const [today] = useState(todayInShanghai);
  const [date, setDate] = useState(today);
  const [tab, setTab] = useState<TabKey>('points');
  const [pathCode, setPathCode] = useState<string>();
  /** The editor: open or not, the point it shows first; each opening starts afresh. */
  const [editor, setEditor] = useState<{ open: boolean; code?: string; session: number }>({
    open: false,
    session: 0,
  });
  const openEditor = (code?: string) =>
    setEditor((e) => ({ open: true, code, session: e.session + 1 }));

  const town = useQuery({
    queryKey: ['regions', townCode],
    queryFn: () => regionsApi.get(townCode),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const viewed = useQuery({
    queryKey: [...SUPERVISION_KEY, 'catalogue', townCode, date],
    queryFn: () => supervisionApi.inForce(townCode, date),
    placeholderData: keepPreviousData,
  });
  const current = useQuery({
    queryKey: [...SUPERVISION_KEY, 'catalogue', townCode, today],
    queryFn: () => supervisionApi.inForce(townCode, today),
  });
  const versions = useQuery({
    queryKey: [...SUPERVISION_KEY, 'versions', townCode],
    queryFn: () => supervisionApi.versions(townCode),
  });
  // A revision starts from the latest saved version (it may not be in force yet), else from
  // the standard catalogue the town uses today.
  const base = versions.data ? (versions.data[0] ?? current.data) : undefined;

  const shown = viewed.data;
  const catalogue = shown?.catalogue;
  const title = town.data
    ? t('supervision.titleOf', { town: town.data.name })
    : t('supervision.title');

  const openPath = (code: string) => {
    setPathCode(code);
    setTab('paths');
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card
          title={title}
          loading={viewed.isPending}
          data-testid="supervision-page"
          extra={
            canEdit &&
            base && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => openEditor()}
                data-testid="supervision-edit"
              >
                {t('supervision.edit')}
              </Button>
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('supervision.intro')}</Typography.Paragraph>
          {shown && catalogue && (
            <>
              <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
                <Tag
                  color={shown.standard ? 'default' : 'green'}
                  style={{ fontSize: 14, padding: '2px 10px' }}
                  data-testid="supervision-version"
                >
                  {versionLabel(t, shown)}
                </Tag>
                <Typography.Text data-testid="supervision-effective-from">
                  {t('common.labelValue', {
                    label: t('supervision.effectiveFrom'),
                    value: shown.effectiveFrom,
                  })}
                </Typography.Text>
                <Space size={8}>
                  <Tooltip title={t('supervision.viewDateHint')}>
                    <Typography.Text>{t('supervision.viewDate')}</Typography.Text>
                  </Tooltip>
                  <DatePicker
                    value={dayjs(date)}
                    onChange={(next: Dayjs | null) => setDate(next ? next.format(DATE) : today)}
                    allowClear={false}
                    data-testid="supervision-date"
                  />
                  <Spin size="small" spinning={viewed.isFetching} />
                </Space>
                <Typography.Text type="secondary" data-testid="supervision-counts">
                  {t('supervision.counts', {
                    points: catalogue.points.length,
                    paths: catalogue.paths.length,
                    negative: catalogue.negativeList.length,
                  })}
                </Typography.Text>
              </Space>
              {shown.standard && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={t('supervision.standardNote')}
                />
              )}
              <Tabs
                activeKey={tab}
                onChange={(key) => setTab(key as TabKey)}
                items={[
                  {
                    key: 'points',
                    label: (
                      <span data-testid="supervision-tab-points">
                        {t('supervision.tabs.points')}
                      </span>
                    ),
                    children: (
                      <PointsTab
                        catalogue={catalogue}
                        onOpenPath={openPath}
                        onEditPoint={canEdit && base ? openEditor : undefined}
                      />
                    ),
                  },
                  {
                    key: 'paths',
                    label: (
                      <span data-testid="supervision-tab-paths">{t('supervision.tabs.paths')}</span>
                    ),
                    children: (
                      <PathsTab
                        catalogue={catalogue}
                        townCode={townCode}
                        date={date}
                        selected={pathCode ?? catalogue.paths[0]?.code}
                        onSelect={setPathCode}
                      />
                    ),
                  },
                  {
                    key: 'negative',
                    label: (
                      <span data-testid="supervision-tab-negative">
                        {t('supervision.tabs.negative')}
                      </span>
                    ),
                    children: <NegativeListTab catalogue={catalogue} />,
                  },
                ]}
              />
            </>
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <CatalogueHistory
          townCode={townCode}
          versions={versions.data ?? []}
          loading={versions.isFetching}
          inForceId={current.data?.id}
          today={today}
        />
      </Col>
      {base && (
        <PointEditor
          key={editor.session}
          open={editor.open}
          onClose={() => setEditor((e) => ({ ...e, open: false }))}
          townCode={townCode}
          base={base}
          initialCode={editor.code}
          today={today}
        />
      )}
    </Row>
  );
}
