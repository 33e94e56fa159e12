import { Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { roleLabel } from '../../i18n/labels.js';
import { useMyRegions } from '../../region/regions.api.js';
import { ChangePasswordForm } from './ChangePasswordForm.js';
import { useMe } from './session.js';
import { TotpCard } from './TotpCard.js';

export default function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const regions = useMyRegions();
  const homeRegion = regions.data?.find((r) => r.code === me.regionCode)?.name ?? me.regionCode;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('profile.info')}>
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('profile.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('profile.displayName')}>
                {me.displayName}
              </Descriptions.Item>
              <Descriptions.Item label={t('profile.region')}>{homeRegion}</Descriptions.Item>
              <Descriptions.Item label={t('profile.grants')}>
                <Space size={[4, 8]} wrap>
                  {me.grants.map((grant) => (
                    <Tag key={grant.id} color="green">
                      {roleLabel(t, grant.role)} · {grant.regionName}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {me.canUseTotp && <TotpCard />}
        </Space>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('profile.changePassword')}>
          <ChangePasswordForm />
        </Card>
      </Col>
    </Row>
  );
}
