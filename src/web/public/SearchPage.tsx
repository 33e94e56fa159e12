import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Empty, theme } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { isRegionCode } from '../../shared/region.js';
import { errorText } from '../api/errors.js';
import { publicApi } from './public.api.js';
import { Heading, Muted, Panel } from './ui.js';
import { Crumbs, EntryList } from './entryCards.js';

/** Where a search of a town's disclosures goes: this page, with the words in the URL. */
export function searchPath(regionCode: string, q: string): string {
  const params = new URLSearchParams({ regionCode });
  if (q) params.set('q', q);
  return `/public/search?${params.toString()}`;
}

/**
 * A search box over a town's published entries. The words go to the server as they are
 * (it matches them literally), so two-character words such as 道路 or 工程 find entries.
 */
export function SearchBox({
  regionCode,
  initial = '',
  autoFocus,
}: {
  regionCode: string;
  initial?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const words = q.trim();
    if (!words || !regionCode) return;
    void navigate(searchPath(regionCode, words));
  };

  return (
    <form role="search" onSubmit={submit} style={{ display: 'flex', gap: 8 }}>
      <input
        type="search"
        name="q"
        value={q}
        onChange={(event) => setQ(event.target.value)}
        placeholder={t('publicEntry.search.placeholder')}
        aria-label={t('publicEntry.search.label')}
        maxLength={50}
        enterKeyHint="search"
        autoFocus={autoFocus}
        data-testid="public-search-input"
        style={{
          flex: 1,
          minWidth: 0,
          fontSize: 16,
          padding: '8px 12px',
          border: `1px solid ${token.colorBorder}`,
          borderRadius: token.borderRadius,
          outline: 'none',
          background: token.colorBgContainer,
          color: token.colorText,
        }}
      />
      <button
        type="submit"
        disabled={!regionCode}
        data-testid="public-search-submit"
        style={{
          flex: 'none',
          fontSize: 16,
          padding: '8px 16px',
          border: 'none',
          borderRadius: token.borderRadius,
          background: token.colorPrimary,
          color: '#fff',
          cursor: regionCode ? 'pointer' : 'not-allowed',
          opacity: regionCode ? 1 : 0.5,
        }}
      >
        <SearchOutlined /> {t('publicEntry.search.submit')}
      </button>
    </form>
  );
}

/** Pick the town to search when the link did not name one. */
function TownChoice({ value }: { value: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const towns = useQuery({
    queryKey: ['public', 'towns'],
    queryFn: publicApi.towns,
    meta: { silent: true },
  });
  return (
    <label style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 12 }}>
      <span>{t('publicEntry.search.town')}</span>
      <select
        value={value}
        onChange={(event) => void navigate(searchPath(event.target.value, ''), { replace: true })}
        data-testid="public-search-town"
        style={{
          fontSize: 16,
          padding: '8px 12px',
          border: `1px solid ${token.colorBorder}`,
          borderRadius: token.borderRadius,
          background: token.colorBgContainer,
          color: token.colorText,
        }}
      >
        <option value="">{t('publicEntry.search.chooseTown')}</option>
        {(towns.data ?? []).map((town) => (
          <option key={town.code} value={town.code}>
            {town.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** /public/search?regionCode=<town>&q=道路: a town's published entries that mention the words. */
export default function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const raw = params.get('regionCode') ?? params.get('townCode') ?? '';
  const regionCode = isRegionCode(raw) ? raw : '';
  const q = (params.get('q') ?? '').trim();
  const town = useQuery({
    queryKey: ['public', 'town', regionCode],
    queryFn: () => publicApi.town(regionCode),
    enabled: regionCode !== '',
    meta: { silent: true },
  });
  const townName = town.data?.town.name;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Crumbs
        items={[
          { label: t('publicEntry.nav.allTowns'), to: '/public' },
          ...(regionCode && townName
            ? [{ label: townName, to: `/public/towns/${regionCode}` }]
            : []),
          { label: t('publicEntry.search.title') },
        ]}
      />
      <Panel>
        <Heading>{t('publicEntry.search.title')}</Heading>
        {regionCode === '' || town.isError ? (
          <TownChoice value={town.isError ? '' : regionCode} />
        ) : (
          <Muted>
            {townName ? t('publicEntry.search.scope', { town: townName }) : <>&nbsp;</>}
          </Muted>
        )}
        <SearchBox key={`${regionCode}:${q}`} regionCode={regionCode} initial={q} autoFocus={!q} />
        <Muted style={{ margin: '8px 0 0', fontSize: 12 }}>{t('publicEntry.search.hint')}</Muted>
      </Panel>
      {town.isError && <Empty description={errorText(town.error)} />}
      {regionCode && q ? (
        <EntryList
          filter={{ regionCode, q }}
          testId="search-results"
          showVillage
          empty={t('publicEntry.search.none', { q })}
          summary={(total, more) =>
            total > 0 && (
              <Muted style={{ margin: '0 0 8px' }} data-testid="search-summary">
                {more
                  ? t('publicEntry.search.resultsMore', { total, q })
                  : t('publicEntry.search.results', { total, q })}
              </Muted>
            )
          }
        />
      ) : null}
    </div>
  );
}
