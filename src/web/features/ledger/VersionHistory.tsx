import { Space, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ProcurementMethod, WorksMethod } from '../../../shared/policy.js';
import type {
  ApproverRole,
  FieldChange,
  LedgerKind,
  LedgerStage,
  LedgerStatus,
  LedgerVersionDto,
} from '../../../shared/schemas/ledger.js';
import { formatTime } from '../../format.js';
import i18n from '../../i18n/index.js';
import {
  acceptanceResultLabel,
  approverRoleLabel,
  fundDirectionLabel,
  ledgerStageLabel,
  ledgerStatusLabel,
  paymentMethodLabel,
  procurementMethodLabel,
  worksMethodLabel,
  yuanLabel,
} from './labels.js';

const DETAIL = 'ledger.detail';
const SEPARATOR = '·';

/** A message whose key is built from server data; null when the app has no name for it. */
function known(t: TFunction, key: string, options?: Record<string, unknown>): string | null {
  if (!i18n.exists(key)) return null;
  const value: unknown = t(key as 'ledger.detail.empty', options ?? {});
  return typeof value === 'string' ? value : null;
}

/** Parts of a list item whose name depends on the list (an attachment's name is a file name). */
const SUB_KEYS: Record<string, string> = {
  'attachments.name': `${DETAIL}.attachments.name`,
};

const isIndex = (part: string | undefined) => part !== undefined && /^\d+$/.test(part);
const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A dotted field path in words: `amount` → 金额, `fields.contract.amount` → 合同金额,
 * `fields.payments.2.amount` → 第 3 笔付款·金额. A path the app has no words for stays as is.
 */
export function pathLabel(t: TFunction, kind: LedgerKind, path: string): string {
  const parts = path.split('.');
  const inFields = parts[0] === 'fields';
  const [head, second, third, ...deeper] = inFields ? parts.slice(1) : parts;
  if (!head || deeper.length > 0) return path;
  if (isIndex(second)) {
    const item = known(t, `${DETAIL}.item.${head}`, { n: Number(second) + 1 });
    if (!item) return path;
    if (third === undefined) return item;
    const sub = known(t, SUB_KEYS[`${head}.${third}`] ?? `${DETAIL}.col.${third}`);
    return sub ? `${item}${SEPARATOR}${sub}` : path;
  }
  if (third !== undefined) return path;
  if (second !== undefined) return known(t, `${DETAIL}.f.${head}${capitalized(second)}`) ?? path;
  const name = inFields && kind === 'fund' && head === 'method' ? 'fundMethod' : head;
  return known(t, `${DETAIL}.f.${name}`) ?? path;
}

/** One stored value, readable: amounts in yuan, codes by name, dates as they are. */
export function valueText(t: TFunction, kind: LedgerKind, path: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('ledger.detail.empty');
  const parts = path.split('.');
  const last = parts.at(-1) ?? '';
  if (typeof value === 'number' && (last === 'amount' || last === 'referencePrice')) {
    return yuanLabel(t, value);
  }
  if (typeof value === 'string') {
    if (path === 'stage') return ledgerStageLabel(t, value as LedgerStage);
    if (path === 'status') return ledgerStatusLabel(t, value as LedgerStatus);
    if (last === 'result') return acceptanceResultLabel(t, value as 'pass' | 'fail');
    if (last === 'role') return approverRoleLabel(t, value as ApproverRole);
    if (last === 'direction') return fundDirectionLabel(t, value as 'income' | 'expense');
    if (last === 'method') {
      if (path === 'fields.trade.method') return worksMethodLabel(t, value as WorksMethod);
      if (kind === 'procurement' && path === 'fields.method') {
        return procurementMethodLabel(t, value as ProcurementMethod);
      }
      return paymentMethodLabel(t, value as 'transfer' | 'cash');
    }
    return value;
  }
  if (typeof value === 'boolean') {
    if (last === 'public') {
      return value
        ? t('ledger.detail.attachments.public')
        : t('ledger.detail.attachments.internal');
    }
    return value ? t('ledger.detail.yes') : t('ledger.detail.no');
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The leaves of a value that appeared or disappeared whole (a new payment, the contract). */
function leaves(value: unknown, path: string): { path: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${path}.${i}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, `${path}.${key}`));
  }
  return [{ path, value }];
}

function ValueCell({ kind, path, value }: { kind: LedgerKind; path: string; value: unknown }) {
  const { t } = useTranslation();
  if (typeof value !== 'object' || value === null) return <>{valueText(t, kind, path, value)}</>;
  const rowLabel = pathLabel(t, kind, path);
  // A stored file's id tells a reader nothing: its name is shown instead.
  const lines = leaves(value, path).filter(
    (leaf) => leaf.value !== null && leaf.value !== '' && !leaf.path.endsWith('.fileId'),
  );
  if (lines.length === 0) return <>{t('ledger.detail.empty')}</>;
  return (
    <Space direction="vertical" size={0}>
      {lines.map((leaf) => {
        const full = pathLabel(t, kind, leaf.path);
        const label = full.startsWith(`${rowLabel}${SEPARATOR}`)
          ? full.slice(rowLabel.length + SEPARATOR.length)
          : full;
        return (
          <span key={leaf.path}>
            {t('common.labelValue', { label, value: valueText(t, kind, leaf.path, leaf.value) })}
          </span>
        );
      })}
    </Space>
  );
}

function ChangesTable({ kind, changes }: { kind: LedgerKind; changes: FieldChange[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<FieldChange> = [
    {
      title: t('ledger.detail.history.field'),
      key: 'field',
      width: '28%',
      render: (_v, change) => pathLabel(t, kind, change.path),
    },
    {
      title: t('ledger.detail.history.before'),
      key: 'before',
      width: '36%',
      render: (_v, change) => <ValueCell kind={kind} path={change.path} value={change.before} />,
    },
    {
      title: t('ledger.detail.history.after'),
      key: 'after',
      render: (_v, change) => <ValueCell kind={kind} path={change.path} value={change.after} />,
    },
  ];
  return (
    <Table<FieldChange>
      rowKey="path"
      size="small"
      tableLayout="fixed"
      columns={columns}
      dataSource={changes}
      pagination={false}
      style={{ marginTop: 8 }}
    />
  );
}

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  amend: 'blue',
  void: 'red',
  override: 'orange',
};

/** What a version did, in words: 登记, 修改, 作废, 付款 …; an unknown action as it is. */
export function versionActionLabel(t: TFunction, action: string): string {
  return known(t, `${DETAIL}.history.actions.${action}`) ?? action;
}

/** Every version of the entry, newest first, with who, when, why and the fields it changed. */
export function VersionHistory({
  kind,
  versions,
}: {
  kind: LedgerKind;
  versions: LedgerVersionDto[];
}) {
  const { t } = useTranslation();
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <Timeline
      data-testid="version-history"
      items={newestFirst.map((v) => ({
        key: v.version,
        color: ACTION_COLORS[v.action] ?? 'gray',
        children: (
          <div data-testid={`version-${v.version}`}>
            <Space wrap size={[8, 4]}>
              <Tag>{t('ledger.detail.versionTag', { n: v.version })}</Tag>
              <Typography.Text strong>{versionActionLabel(t, v.action)}</Typography.Text>
              <Typography.Text>
                {t('ledger.detail.history.by', { name: v.actorName })}
              </Typography.Text>
              <Typography.Text type="secondary">{formatTime(v.at)}</Typography.Text>
            </Space>
            {v.reason && (
              <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                {t('ledger.detail.history.reason', { reason: v.reason })}
              </Typography.Paragraph>
            )}
            {v.changes.length > 0 ? (
              <ChangesTable kind={kind} changes={v.changes} />
            ) : (
              v.version > 1 &&
              v.action !== 'override' && (
                <Typography.Text type="secondary">
                  {t('ledger.detail.history.noChanges')}
                </Typography.Text>
              )
            )}
          </div>
        ),
      }))}
    />
  );
}
