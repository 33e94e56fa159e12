import { LeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { regionKindLabel } from '../i18n/labels.js';
import { publicApi } from './public.api.js';
import { SearchBox } from './SearchPage.js';
import { Badge, Heading, Muted, Panel } from './ui.js';

function Figure({ label, value }: { label: string; value: number }) {
  const { token } = theme.useToken();
  return (
    <div style={{ flex: 1 }}>
      <div style={{ color: token.colorTextSecondary }}>{label}</div>
      <div style={{ fontSize: 28, fontWeight: 500 }}>{value}</div>
    </div>
  );
}

/** A town's public home: its name, its county, and its villages and communities. */
export default function TownPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const town = useQuery({
    queryKey: ['public', 'town', code],
    queryFn: () => publicApi.town(code),
    meta: { silent: true },
  });

  if (town.isPending) {
    return (
      <Panel>
        <Skeleton active />
      </Panel>
    );
  }
  if (town.isError) {
    const notFound =
      town.error instanceof ApiError && ['NOT_FOUND', 'VALIDATION'].includes(town.error.code);
    return (
      <Panel>
        <Empty description={notFound ? t('public.notFound') : errorText(town.error)}>
          <Link to="/public">{t('public.allTowns')}</Link>
        </Empty>
      </Panel>
    );
  }

  const { town: info, county, villages } = town.data;
  const sorted = [...villages].sort((a, b) => a.code.localeCompare(b.code));
  const communities = sorted.filter((v) => v.kind === 'community').length;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Link to="/public" data-testid="town-back">
        <LeftOutlined /> {t('public.allTowns')}
      </Link>
      <Panel>
        <Heading testId="town-name">{info.name}</Heading>
        {county && (
          <Muted>{t('common.labelValue', { label: t('public.county'), value: county.name })}</Muted>
        )}
        <div style={{ display: 'flex', gap: 16 }}>
          <Figure label={t('regionKind.village')} value={sorted.length - communities} />
          <Figure label={t('regionKind.community')} value={communities} />
        </div>
      </Panel>
      <Link
        to={`/public/report?town=${info.code}`}
        data-testid="town-report"
        style={{
          display: 'block',
          padding: '14px 16px',
          borderRadius: 8,
          background: '#fff',
          border: '1px solid currentColor',
          fontSize: 17,
          fontWeight: 600,
          textAlign: 'center',
        }}
      >
        {t('report.townButton')}
      </Link>
      <Panel title={t('publicEntry.search.townWide')} style={{ padding: 12 }}>
        <SearchBox regionCode={info.code} />
      </Panel>
      <Heading level={2}>{t('public.villagesTitle')}</Heading>
      <div
        data-testid="town-villages"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
          gap: 12,
        }}
      >
        {sorted.map((village) => (
          <Link
            key={village.code}
            to={`/public/villages/${village.code}`}
            reloadDocument
            style={{ color: 'inherit' }}
          >
            <Panel testId={`village-${village.code}`} style={{ padding: 12, height: '100%' }}>
              <div style={{ fontSize: 16, fontWeight: 600, marginBottom: 6 }}>{village.name}</div>
              <Badge color={village.kind === 'community' ? 'blue' : 'green'}>
                {regionKindLabel(t, village.kind ?? 'village')}
              </Badge>
            </Panel>
          </Link>
        ))}
      </div>
      <Panel style={{ padding: 12 }}>
        <Link to="/public/checkpoints">{t('public.checkpointsLink')}</Link>
      </Panel>
    </div>
  );
}
