import { RightOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Empty, Skeleton, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../api/errors.js';
import {
  entriesApi,
  entryKeys,
  type PublicEntryFilter,
  type PublicEntrySummary,
} from './entries.api.js';
import { isPublicKind, kindLabel, stageLabel, yuanLabel } from './entryLabels.js';
import { Muted, Panel } from './ui.js';

// ---------------------------------------------------------------------------
// Small blocks shared by the public list pages (village, search) and the entry page.
// ---------------------------------------------------------------------------

const TONES = {
  project: { color: '#0958d9', background: '#e6f4ff', border: '#91caff' },
  procurement: { color: '#531dab', background: '#f9f0ff', border: '#d3adf7' },
  labour: { color: '#d46b08', background: '#fff7e6', border: '#ffd591' },
  fund: { color: '#389e0d', background: '#f6ffed', border: '#b7eb8f' },
  asset: { color: '#08979c', background: '#e6fffb', border: '#87e8de' },
  decision: { color: '#c41d7f', background: '#fff0f6', border: '#ffadd2' },
  red: { color: '#cf1322', background: '#fff1f0', border: '#ffa39e' },
  gold: { color: '#ad6800', background: '#fffbe6', border: '#ffe58f' },
  gray: { color: 'rgba(0, 0, 0, 0.65)', background: '#fafafa', border: '#d9d9d9' },
} as const;
export type Tone = keyof typeof TONES;

/** A small coloured label: a kind, 已作废, a version. */
export function Tag({ tone, children }: { tone: Tone; children: ReactNode }) {
  const palette = TONES[tone];
  return (
    <span
      style={{
        display: 'inline-block',
        fontSize: 12,
        lineHeight: '20px',
        padding: '0 7px',
        borderRadius: 4,
        border: `1px solid ${palette.border}`,
        color: palette.color,
        background: palette.background,
        whiteSpace: 'nowrap',
      }}
    >
      {children}
    </span>
  );
}

export const kindTone = (kind: string): Tone => (isPublicKind(kind) ? kind : 'gray');

/** One published entry in a list: kind, title, amount, date, stage; links to its page. */
export function EntryCard({
  entry,
  showVillage,
}: {
  entry: PublicEntrySummary;
  showVillage?: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Link
      to={`/public/entries/${encodeURIComponent(entry.subjectId)}`}
      data-testid="entry-card"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        padding: 12,
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        color: token.colorText,
      }}
    >
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 4 }}>
          <Tag tone={kindTone(entry.kind)}>{kindLabel(t, entry.kind)}</Tag>
          {entry.voided && <Tag tone="red">{t('publicEntry.card.voided')}</Tag>}
          {entry.version > 1 && (
            <Tag tone="gold">{t('publicEntry.card.modified', { version: entry.version })}</Tag>
          )}
          {showVillage && <Tag tone="gray">{entry.regionName}</Tag>}
        </div>
        <div
          style={{
            fontSize: 16,
            fontWeight: 600,
            lineHeight: 1.4,
            textDecoration: entry.voided ? 'line-through' : undefined,
            wordBreak: 'break-word',
          }}
        >
          {entry.title}
        </div>
        <div
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            columnGap: 12,
            marginTop: 4,
            color: token.colorTextSecondary,
          }}
        >
          <span style={{ color: token.colorText, fontWeight: 500 }}>
            {yuanLabel(t, entry.amount)}
          </span>
          <span>{entry.occurredOn}</span>
          <span>{stageLabel(t, entry.kind, entry.stage)}</span>
        </div>
      </div>
      <RightOutlined style={{ color: token.colorTextQuaternary }} />
    </Link>
  );
}

const PAGE_SIZE = 20;

/** The entries matching a filter, newest first, a page at a time (加载更多). */
export function EntryList({
  filter,
  testId,
  showVillage,
  empty,
  summary,
}: {
  filter: Omit<PublicEntryFilter, 'page' | 'pageSize'>;
  testId: string;
  showVillage?: boolean;
  empty: string;
  /** A line above the cards, given the total (`more`: there are more than `total`). */
  summary?: (total: number, more: boolean) => ReactNode;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const key = { ...filter, pageSize: PAGE_SIZE };
  const list = useInfiniteQuery({
    queryKey: entryKeys.list(key),
    queryFn: ({ pageParam }) => entriesApi.list({ ...key, page: pageParam }),
    initialPageParam: 1,
    getNextPageParam: (last) =>
      last.page * last.pageSize < last.total || (last.more && last.items.length === last.pageSize)
        ? last.page + 1
        : undefined,
    meta: { silent: true },
  });

  let body: ReactNode;
  if (list.isPending) body = <Skeleton active />;
  else if (list.isError) {
    body = <Empty description={t('publicEntry.loadFailed', { message: errorText(list.error) })} />;
  } else {
    const items = list.data.pages.flatMap((p) => p.items);
    const total = list.data.pages[0]?.total ?? 0;
    const more = list.data.pages[0]?.more ?? false;
    body = (
      <>
        {summary?.(total, more)}
        {items.length === 0 ? (
          <Panel>
            <Empty description={empty} />
          </Panel>
        ) : (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {items.map((entry) => (
              <EntryCard key={entry.id} entry={entry} showVillage={showVillage} />
            ))}
          </div>
        )}
        {list.hasNextPage ? (
          <button
            type="button"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
            data-testid="load-more"
            style={{
              width: '100%',
              marginTop: 8,
              padding: '10px 0',
              fontSize: 15,
              border: `1px solid ${token.colorBorder}`,
              borderRadius: token.borderRadiusLG,
              background: token.colorBgContainer,
              color: token.colorPrimary,
              cursor: 'pointer',
            }}
          >
            {list.isFetchingNextPage
              ? t('publicEntry.list.loading')
              : t('publicEntry.list.loadMore')}
          </button>
        ) : (
          items.length > 0 && (
            <Muted style={{ textAlign: 'center', margin: '12px 0 0' }}>
              {t('publicEntry.list.allShown', { total })}
            </Muted>
          )
        )}
      </>
    );
  }
  return (
    <div data-testid={testId} aria-busy={list.isFetching}>
      {body}
    </div>
  );
}

/** A breadcrumb: links, the last item plain. */
export function Crumbs({ items }: { items: { label: string; to?: string }[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <nav
      aria-label={t('publicEntry.nav.breadcrumb')}
      className="qf-no-print"
      style={{ display: 'flex', flexWrap: 'wrap', gap: 6, color: token.colorTextSecondary }}
    >
      {items.map((item, index) => (
        <span key={index} style={{ display: 'inline-flex', gap: 6 }}>
          {index > 0 && <span aria-hidden>›</span>}
          {item.to ? (
            // A village's list is a server-rendered page: load it as a document.
            <Link to={item.to} reloadDocument={item.to.startsWith('/public/villages/')}>
              {item.label}
            </Link>
          ) : (
            <span>{item.label}</span>
          )}
        </span>
      ))}
    </nav>
  );
}
