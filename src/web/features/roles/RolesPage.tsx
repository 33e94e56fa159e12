import { CheckOutlined } from '@ant-design/icons';
import { Alert, Card, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PERMISSIONS, ROLE_CODES, roleHas, type RoleCode } from '../../../shared/permissions.js';
import { permissionLabel, roleLabel } from '../../i18n/labels.js';

/** The fixed roles of the platform and what each may do: a read-only matrix. */
export default function RolesPage() {
  const { t } = useTranslation();

  const columns: TableColumnsType<RoleCode> = [
    {
      title: t('roles.role'),
      key: 'role',
      fixed: 'left',
      render: (_v, role) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
            {roleLabel(t, role)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {role}
          </Typography.Text>
        </Space>
      ),
    },
    ...PERMISSIONS.map((permission): TableColumnsType<RoleCode>[number] => ({
      title: (
        <Tooltip title={permission}>
          <span>{permissionLabel(t, permission)}</span>
        </Tooltip>
      ),
      key: permission,
      align: 'center',
      width: 80,
      render: (_v, role) =>
        roleHas(role, permission) ? (
          <CheckOutlined style={{ color: '#1f7a5c' }} aria-label={t('roles.granted')} />
        ) : null,
    })),
  ];

  return (
    <Card title={t('roles.title')}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('roles.intro')}
        description={
          <Space wrap>
            <span>{t('roles.manage')}</span>
            <Link to="/users">{t('roles.manageLink')}</Link>
          </Space>
        }
      />
      <Table<RoleCode>
        data-testid="roles-matrix"
        rowKey={(role) => role}
        size="small"
        bordered
        columns={columns}
        dataSource={[...ROLE_CODES]}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
