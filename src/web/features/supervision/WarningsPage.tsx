import { InfoCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Grid,
  List,
  Segmented,
  Space,
  Spin,
  Tag,
  theme,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { regionLevel } from '../../../shared/region.js';
import { RULES } from '../../../shared/supervision/rules.js';
import { formatTime } from '../../format.js';
import i18n, { currentLocale } from '../../i18n/index.js';
import { useRegion } from '../../region/RegionContext.js';
import { regionsApi } from '../../region/regions.api.js';
import { useMe } from '../auth/session.js';
import { caseStatusLabel } from '../cases/labels.js';
import { EvidenceView } from './EvidenceView.js';
import { WARNINGS_KEY, warningsApi, type GridCell, type WarningDto } from './supervision.api.js';

type Shown = 'open' | 'cleared' | 'all';

/** A rule's title in the current language; the server sends the Chinese one. */
function ruleTitle(warning: WarningDto): string {
  return RULES.find((r) => r.id === warning.rule)?.title[currentLocale()] ?? warning.ruleTitle;
}

/** A village of the grid: red, yellow or green, with its counts. */
function Tile({
  cell,
  selected,
  onClick,
}: {
  cell: GridCell;
  selected: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const palette = {
    red: { bg: token.colorErrorBg, border: token.colorError, text: token.colorErrorText },
    yellow: {
      bg: token.colorWarningBg,
      border: token.colorWarning,
      text: token.colorWarningText,
    },
    green: {
      bg: token.colorSuccessBg,
      border: token.colorSuccess,
      text: token.colorSuccessText,
    },
  }[cell.level];
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={selected}
      data-testid={`warning-tile-${cell.regionCode}`}
      data-level={cell.level}
      style={{
        textAlign: 'left',
        padding: '8px 10px',
        borderRadius: token.borderRadius,
        border: `${selected ? 3 : 1}px solid ${palette.border}`,
        background: palette.bg,
        color: palette.text,
        cursor: 'pointer',
        minWidth: 0,
      }}
    >
      <div style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {cell.regionName}
      </div>
      <div style={{ fontSize: 12 }} data-testid="warning-tile-counts">
        {cell.level === 'green'
          ? t('supervision.warnings.tileClear')
          : t('supervision.warnings.tileCounts', { red: cell.red, yellow: cell.yellow })}
      </div>
    </button>
  );
}

/**
 * 预警: the town's villages as a grid coloured by what the red-flag rules find in their
 * ledgers now, and the warnings raised, with their rule, evidence, entries and thresholds.
 * A warning cannot be closed by hand: it clears when a re-evaluation no longer finds its cause.
 */
export default function WarningsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const { regionCode: chosen } = useRegion();
  const regionCode = chosen ?? me.regionCode;
  const level = regionLevel(regionCode);
  const gridCode = level === 'town' || level === 'village' ? regionCode : null;
  const [village, setVillage] = useState<string>();
  const [shown, setShown] = useState<Shown>('open');
  const listCode = village ?? regionCode;

  const region = useQuery({
    queryKey: ['regions', regionCode],
    queryFn: () => regionsApi.get(regionCode),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  const grid = useQuery({
    queryKey: [...WARNINGS_KEY, 'grid', gridCode],
    queryFn: () => warningsApi.grid(gridCode!),
    enabled: gridCode !== null,
    staleTime: 0,
  });
  const warnings = useQuery({
    queryKey: [...WARNINGS_KEY, 'list', listCode, shown],
    queryFn: () => warningsApi.list(listCode, shown === 'all' ? undefined : shown === 'open'),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const cells = grid.data ?? [];
  const villageName = cells.find((c) => c.regionCode === village)?.regionName;
  const refresh = () => {
    void grid.refetch();
    void warnings.refetch();
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="warnings-page">
      <Card
        title={
          region.data
            ? t('supervision.warnings.titleOf', { region: region.data.name })
            : t('supervision.warnings.title')
        }
        styles={{ body: { padding: screens.md ? undefined : 12 } }}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={refresh}
            loading={grid.isFetching || warnings.isFetching}
            data-testid="warnings-refresh"
          >
            {t('common.refresh')}
          </Button>
        }
      >
        <Alert
          type="info"
          showIcon
          icon={<InfoCircleOutlined />}
          style={{ marginBottom: 12 }}
          message={t('supervision.warnings.howTheyClear')}
          description={t('supervision.warnings.howTheyClearDetail')}
          data-testid="warnings-clear-note"
        />
        {gridCode === null ? (
          <Alert type="info" showIcon message={t('supervision.warnings.chooseTown')} />
        ) : grid.isPending ? (
          <Spin />
        ) : (
          <>
            <Space wrap size={[16, 4]} style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">
                {t('supervision.warnings.gridIntro')}
              </Typography.Text>
              <Typography.Text type="danger">
                {t('supervision.warnings.legend.red', {
                  count: cells.filter((c) => c.level === 'red').length,
                })}
              </Typography.Text>
              <Typography.Text type="warning">
                {t('supervision.warnings.legend.yellow', {
                  count: cells.filter((c) => c.level === 'yellow').length,
                })}
              </Typography.Text>
              <Typography.Text type="success">
                {t('supervision.warnings.legend.green', {
                  count: cells.filter((c) => c.level === 'green').length,
                })}
              </Typography.Text>
            </Space>
            <div
              data-testid="warnings-grid"
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(auto-fill, minmax(104px, 1fr))',
                gap: 8,
              }}
            >
              {cells.map((cell) => (
                <Tile
                  key={cell.regionCode}
                  cell={cell}
                  selected={cell.regionCode === village}
                  onClick={() =>
                    setVillage((v) => (v === cell.regionCode ? undefined : cell.regionCode))
                  }
                />
              ))}
            </div>
          </>
        )}
      </Card>

      <Card
        title={
          villageName
            ? t('supervision.warnings.listOf', { region: villageName })
            : t('supervision.warnings.list')
        }
        styles={{ body: { padding: screens.md ? undefined : 12 } }}
        extra={
          village && (
            <Button size="small" onClick={() => setVillage(undefined)}>
              {t('supervision.warnings.allVillages')}
            </Button>
          )
        }
      >
        <Segmented<Shown>
          value={shown}
          onChange={setShown}
          style={{ marginBottom: 12 }}
          options={(['open', 'cleared', 'all'] as const).map((value) => ({
            value,
            label: (
              <span data-testid={`warnings-shown-${value}`}>
                {t(`supervision.warnings.shown.${value}`)}
              </span>
            ),
          }))}
        />
        <List<WarningDto>
          data-testid="warnings-list"
          loading={warnings.isFetching}
          dataSource={warnings.data ?? []}
          pagination={(warnings.data?.length ?? 0) > 20 ? { pageSize: 20, size: 'small' } : false}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t(`supervision.warnings.empty.${shown}`)}
              />
            ),
          }}
          renderItem={(warning) => <WarningItem warning={warning} />}
        />
      </Card>
    </Space>
  );
}

function WarningItem({ warning }: { warning: WarningDto }) {
  const { t } = useTranslation();
  const cleared = warning.clearedAt !== null;
  return (
    <List.Item
      key={warning.id}
      style={{ display: 'block' }}
      data-testid={`warning-${warning.id}`}
      data-state={cleared ? 'cleared' : 'open'}
      data-rule={warning.rule}
    >
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap size={6}>
          <Tag color={warning.severity === 'red' ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>
            {t(`supervision.warnings.severity.${warning.severity}`)}
          </Tag>
          <Typography.Text strong data-testid="warning-rule">
            {ruleTitle(warning)}
          </Typography.Text>
          <Typography.Text type="secondary">{warning.regionName}</Typography.Text>
        </Space>
        <Space wrap size={6}>
          {cleared ? (
            <Tag color="success" data-testid="warning-state" style={{ marginInlineEnd: 0 }}>
              {t('supervision.warnings.cleared')}
            </Tag>
          ) : (
            <Tag color="error" data-testid="warning-state" style={{ marginInlineEnd: 0 }}>
              {t('supervision.warnings.open')}
            </Tag>
          )}
          <Typography.Text type="secondary">
            {cleared
              ? t('supervision.warnings.clearedAt', {
                  raised: formatTime(warning.raisedAt).slice(0, 16),
                  cleared: formatTime(warning.clearedAt).slice(0, 16),
                })
              : t('supervision.warnings.raisedAt', {
                  raised: formatTime(warning.raisedAt).slice(0, 16),
                })}
          </Typography.Text>
        </Space>
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
          items={[
            {
              key: 'evidence',
              label: t('supervision.warnings.evidence'),
              children: <EvidenceView value={warning.evidence} />,
            },
            {
              key: 'entries',
              label: t('supervision.warnings.entries'),
              children: (
                <Space wrap size={[12, 4]} data-testid="warning-entries">
                  {warning.entryIds.map((id, index) => (
                    <Link key={id} to={`/ledger/${id}`}>
                      {t('supervision.warnings.entryN', { n: index + 1 })}
                    </Link>
                  ))}
                </Space>
              ),
            },
            {
              key: 'threshold',
              label: t('supervision.warnings.threshold'),
              children:
                Object.keys(warning.threshold).length > 0 ? (
                  <EvidenceView value={warning.threshold} />
                ) : (
                  <Typography.Text type="secondary">
                    {t('supervision.warnings.noThreshold')}
                  </Typography.Text>
                ),
            },
            {
              key: 'case',
              label: t('supervision.warnings.case'),
              children: (
                <Space wrap size={8}>
                  <Link to={`/cases/${warning.id}`}>{warning.code}</Link>
                  <Typography.Text type="secondary">
                    {i18n.exists(`cases.statuses.${warning.status}`)
                      ? caseStatusLabel(t, warning.status as Parameters<typeof caseStatusLabel>[1])
                      : warning.status}
                  </Typography.Text>
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </List.Item>
  );
}
