import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../api/errors.js';
import { publicApi } from './public.api.js';
import { Heading, Muted, Panel } from './ui.js';

export default function TownListPage() {
  const { t } = useTranslation();
  const towns = useQuery({
    queryKey: ['public', 'towns'],
    queryFn: publicApi.towns,
    meta: { silent: true },
  });

  let body;
  if (towns.isPending) body = <Skeleton active />;
  else if (towns.isError) body = <Empty description={errorText(towns.error)} />;
  else if (towns.data.length === 0) body = <Empty description={t('public.noTowns')} />;
  else {
    body = (
      <nav data-testid="public-towns">
        {towns.data.map((town, index) => (
          <Link
            key={town.code}
            to={`/public/towns/${town.code}`}
            data-testid={`public-town-${town.code}`}
            style={{
              display: 'flex',
              alignItems: 'center',
              padding: '14px 4px',
              fontSize: 16,
              borderTop: index === 0 ? undefined : '1px solid rgba(5, 5, 5, 0.06)',
            }}
          >
            <span style={{ flex: 1 }}>{town.name}</span>
            <RightOutlined />
          </Link>
        ))}
      </nav>
    );
  }

  return (
    <Panel>
      <Heading>{t('public.townsTitle')}</Heading>
      <Muted>{t('public.townsIntro')}</Muted>
      {body}
    </Panel>
  );
}
