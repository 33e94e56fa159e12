import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Empty,
  List,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { diffCatalogue, type CatalogueDiff } from '../../../shared/supervision/catalogue.js';
import i18n from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { versionLabel } from './labels.js';
import { SUPERVISION_KEY, supervisionApi, type CatalogueVersionDto } from './supervision.api.js';

const DATE = 'YYYY-MM-DD';

interface Props {
  townCode: string;
  /** The town's saved versions, newest first. */
  versions: CatalogueVersionDto[];
  loading: boolean;
  /** Id of the version in force today (null: the standard catalogue). */
  inForceId: string | null | undefined;
  today: string;
}

/** Every saved version of the town's catalogue and, for the one selected, what it changed. */
export function CatalogueHistory({ townCode, versions, loading, inForceId, today }: Props) {
  const { t } = useTranslation();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const index = Math.max(
    0,
    versions.findIndex((v) => v.id === selectedId),
  );
  const selected = versions[index];

  const columns: TableColumnsType<CatalogueVersionDto> = [
    {
      title: t('supervision.history.version'),
      key: 'version',
      render: (_v, version) => (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          {versionLabel(t, version)}
          {version.id === inForceId && <Tag color="green">{t('supervision.history.current')}</Tag>}
          {version.effectiveFrom > today && (
            <Tag color="blue">{t('supervision.history.upcoming')}</Tag>
          )}
        </Space>
      ),
    },
    { title: t('supervision.history.from'), dataIndex: 'effectiveFrom', key: 'from' },
    { title: t('supervision.history.reason'), dataIndex: 'reason', key: 'reason' },
    {
      title: t('supervision.history.savedAt'),
      key: 'savedAt',
      render: (_v, version) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatTime(version.createdAt)}</span>
      ),
    },
  ];

  return (
    <Card title={t('supervision.history.title')}>
      <Table<CatalogueVersionDto>
        data-testid="supervision-history"
        rowKey={(version) => version.id ?? 'standard'}
        size="small"
        columns={columns}
        dataSource={versions}
        loading={loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('supervision.history.empty')} /> }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: selected?.id ? [selected.id] : [],
          onChange: (keys) => setSelectedId(String(keys[0] ?? '')),
        }}
        onRow={(version) =>
          ({
            'data-testid': `supervision-history-${version.version}`,
            onClick: () => setSelectedId(version.id),
            style: { cursor: 'pointer' },
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
      />
      {selected && (
        <VersionChanges
          townCode={townCode}
          version={selected}
          before={versions[index + 1]}
          earliest={versions.reduce(
            (min, v) => (v.effectiveFrom < min ? v.effectiveFrom : min),
            selected.effectiveFrom,
          )}
        />
      )}
    </Card>
  );
}

/**
 * What a version changed against the one before it. The oldest version is compared with the
 * platform's standard catalogue, which is what the town used the day before its earliest
 * version took effect.
 */
function VersionChanges({
  townCode,
  version,
  before,
  earliest,
}: {
  townCode: string;
  version: CatalogueVersionDto;
  before: CatalogueVersionDto | undefined;
  earliest: string;
}) {
  const { t } = useTranslation();
  const dayBefore = dayjs(earliest).subtract(1, 'day').format(DATE);
  const standard = useQuery({
    queryKey: [...SUPERVISION_KEY, 'catalogue', townCode, dayBefore],
    queryFn: () => supervisionApi.inForce(townCode, dayBefore),
    enabled: before === undefined,
  });
  const previous = before ?? standard.data;

  return (
    <div style={{ marginTop: 16 }} data-testid="supervision-diff">
      <Typography.Title level={5}>
        {t('supervision.history.changesOf', {
          version: versionLabel(t, version),
          before: previous ? versionLabel(t, previous) : '…',
        })}
      </Typography.Title>
      {previous ? (
        <DiffView diff={diffCatalogue(previous.catalogue, version.catalogue)} />
      ) : (
        <Spin spinning={standard.isFetching} />
      )}
    </div>
  );
}

/** `steps.2.action` → 第 3 步; `evidence.0` → 证明材料; a name the app does not know as it is. */
function fieldLabel(t: TFunction, path: string): string {
  const [head = '', index] = path.split('.');
  if (head === 'steps' && index !== undefined && /^\d+$/.test(index)) {
    return t('supervision.history.step', { n: Number(index) + 1 });
  }
  const key = `supervision.field.${head}`;
  return i18n.exists(key) ? String(t(key as 'supervision.field.title')) : head;
}

function fieldsText(t: TFunction, fields: string[]): string {
  const labels = [...new Set(fields.map((field) => fieldLabel(t, field)))];
  return labels.join(t('supervision.history.listSep'));
}

type Entry = { code: string; title?: string; text?: string };

function entryText(entry: Entry): string {
  return `${entry.code} ${entry.title ?? entry.text ?? ''}`.trim();
}

const SECTIONS = ['points', 'paths', 'negativeList'] as const;

function DiffView({ diff }: { diff: CatalogueDiff }) {
  const { t } = useTranslation();
  const sections = SECTIONS.map((name) => ({
    name,
    diff: diff[name],
  })).filter(({ diff: d }) => d.added.length + d.removed.length + d.changed.length > 0);
  if (sections.length === 0) {
    return <Alert type="info" showIcon message={t('supervision.history.noChanges')} />;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {sections.map(({ name, diff: d }) => (
        <List
          key={name}
          size="small"
          bordered
          header={
            <Typography.Text strong>{t(`supervision.history.sections.${name}`)}</Typography.Text>
          }
          dataSource={[
            ...d.added.map((entry) => ({
              key: `added-${entry.code}`,
              tag: <Tag color="green">{t('supervision.history.added')}</Tag>,
              text: entryText(entry),
            })),
            ...d.removed.map((entry) => ({
              key: `removed-${entry.code}`,
              tag: <Tag color="red">{t('supervision.history.removed')}</Tag>,
              text: entryText(entry),
            })),
            ...d.changed.map((change) => ({
              key: `changed-${change.code}`,
              tag: <Tag color="blue">{t('supervision.history.changed')}</Tag>,
              text: `${entryText(change.after)} · ${t('supervision.history.changedFields', {
                fields: fieldsText(t, change.fields),
              })}`,
            })),
          ]}
          renderItem={(item) => (
            <List.Item key={item.key} data-testid={`supervision-diff-${item.key}`}>
              <Space size={4} wrap>
                {item.tag}
                {item.text}
              </Space>
            </List.Item>
          )}
        />
      ))}
    </Space>
  );
}
