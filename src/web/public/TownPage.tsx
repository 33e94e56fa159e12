import { useQuery } from '@tanstack/react-query';
import {
  Breadcrumb,
  Card,
  Col,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { regionKindLabel } from '../i18n/labels.js';
import { publicApi } from './public.api.js';

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
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (town.isError) {
    const notFound =
      town.error instanceof ApiError && ['NOT_FOUND', 'VALIDATION'].includes(town.error.code);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('public.notFound') : errorText(town.error)}
        extra={<Link to="/public">{t('public.allTowns')}</Link>}
      />
    );
  }

  const { town: info, county, villages } = town.data;
  const sorted = [...villages].sort((a, b) => a.code.localeCompare(b.code));
  const communities = sorted.filter((v) => v.kind === 'community').length;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Breadcrumb
        items={[{ title: <Link to="/public">{t('public.allTowns')}</Link> }, { title: info.name }]}
      />
      <Card>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="town-name">
          {info.name}
        </Typography.Title>
        {county && (
          <Typography.Text type="secondary">
            {t('common.labelValue', { label: t('public.county'), value: county.name })}
          </Typography.Text>
        )}
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={12}>
            <Statistic title={t('regionKind.village')} value={sorted.length - communities} />
          </Col>
          <Col span={12}>
            <Statistic title={t('regionKind.community')} value={communities} />
          </Col>
        </Row>
      </Card>
      <Typography.Title level={4} style={{ margin: '8px 4px 0' }}>
        {t('public.villagesTitle')}
      </Typography.Title>
      <Row gutter={[12, 12]} data-testid="town-villages">
        {sorted.map((village) => (
          <Col key={village.code} xs={12} sm={8} md={6}>
            <Card size="small" style={{ height: '100%' }} data-testid={`village-${village.code}`}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {village.name}
              </Typography.Text>
              <div style={{ marginTop: 6 }}>
                <Tag color={village.kind === 'community' ? 'blue' : 'green'}>
                  {regionKindLabel(t, village.kind ?? 'village')}
                </Tag>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small">
        <Link to="/public/checkpoints">{t('public.checkpointsLink')}</Link>
      </Card>
    </Space>
  );
}
