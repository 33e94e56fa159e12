import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PERMISSIONS } from '../../../shared/permissions.js';
import { permissionLabel, roleLabel } from '../../i18n/labels.js';
import { ADMIN_ROUTES } from '../../routes.js';
import { can, useMe } from '../auth/session.js';

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const permissions = PERMISSIONS.filter((p) => can(me, p));
  const shortcuts = ADMIN_ROUTES.filter(
    (route) =>
      route.inMenu && route.key !== 'home' && (!route.permission || can(me, route.permission)),
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card data-testid="welcome-card">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('home.welcome', { name: me.displayName })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
          <Typography.Title level={5}>{t('home.grants')}</Typography.Title>
          {me.grants.length === 0 ? (
            <Empty description={t('home.noGrants')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              data-testid="home-grants"
              bordered
              dataSource={me.grants}
              renderItem={(grant) => (
                <List.Item>
                  <Space wrap>
                    <Tag color="green">{roleLabel(t, grant.role)}</Tag>
                    <Typography.Text>{grant.regionName}</Typography.Text>
                    <Typography.Text type="secondary">{grant.regionCode}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('home.permissions')}
          </Typography.Title>
          <Space size={[4, 8]} wrap>
            {permissions.map((permission) => (
              <Tag key={permission}>{permissionLabel(t, permission)}</Tag>
            ))}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('home.quickLinks')}>
          <List
            dataSource={shortcuts}
            renderItem={(route) => (
              <List.Item>
                <Link to={route.path}>
                  <Space>
                    {route.icon}
                    {t(route.labelKey)}
                  </Space>
                </Link>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
