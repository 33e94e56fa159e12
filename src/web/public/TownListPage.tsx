import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { publicApi } from './public.api.js';

export default function TownListPage() {
  const { t } = useTranslation();
  const towns = useQuery({ queryKey: ['public', 'towns'], queryFn: publicApi.towns });

  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('public.townsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('public.townsIntro')}</Typography.Paragraph>
      {towns.isPending ? (
        <Skeleton active />
      ) : (towns.data ?? []).length === 0 ? (
        <Empty description={t('public.noTowns')} />
      ) : (
        <List
          data-testid="public-towns"
          dataSource={towns.data ?? []}
          renderItem={(town) => (
            <List.Item>
              <Link
                to={`/public/towns/${town.code}`}
                data-testid={`public-town-${town.code}`}
                style={{ display: 'flex', width: '100%', alignItems: 'center', fontSize: 16 }}
              >
                <span style={{ flex: 1 }}>{town.name}</span>
                <RightOutlined />
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
