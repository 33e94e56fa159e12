import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoleCode } from '../../../shared/permissions.js';
import type { UserDto } from '../../../shared/schemas/users.js';
import { roleLabel } from '../../i18n/labels.js';
import { RegionSelect } from '../../region/RegionSelect.js';
import { RoleSelect } from './RoleSelect.js';
import { USERS_KEY, usersApi } from './users.api.js';

interface Values {
  role: RoleCode;
  regionCode: string;
}

/** The roles of one user: remove one, or add a role over a region. */
export function GrantsModal({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<UserDto | null>(user);

  useEffect(() => setCurrent(user), [user]);

  const changed = (next: UserDto, text: string) => {
    setCurrent(next);
    void message.success(text);
    void client.invalidateQueries({ queryKey: USERS_KEY });
  };

  const add = useMutation({
    mutationFn: (values: Values) => usersApi.addGrant(current!.id, values),
    meta: { form },
    onSuccess: (next) => {
      changed(next, t('users.grantAdded'));
      form.resetFields(['role']);
    },
  });
  const remove = useMutation({
    mutationFn: (grantId: string) => usersApi.removeGrant(current!.id, grantId),
    onSuccess: (next) => changed(next, t('users.grantRemoved')),
  });

  return (
    <Modal
      open={user !== null}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      title={current ? t('users.grantsTitle', { name: current.displayName }) : ''}
      width={640}
      destroyOnHidden
    >
      {current && current.grants.length > 0 ? (
        <List
          size="small"
          bordered
          dataSource={current.grants}
          renderItem={(grant) => (
            <List.Item
              actions={[
                <Popconfirm
                  key="remove"
                  title={t('users.confirmRemoveGrant')}
                  onConfirm={() => remove.mutate(grant.id)}
                >
                  <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                    {t('common.remove')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <Space wrap>
                <Tag color="green">{roleLabel(t, grant.role)}</Tag>
                <Typography.Text>{grant.regionName}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.noGrants')} />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('users.addGrant')}
      </Typography.Title>
      <Form<Values>
        form={form}
        layout="inline"
        initialValues={{ regionCode: user?.regionCode }}
        onFinish={(values) => add.mutate(values)}
      >
        <Form.Item name="role" rules={[{ required: true, message: t('common.required') }]}>
          <RoleSelect
            placeholder={t('users.grantRole')}
            style={{ width: 180 }}
            data-testid="grant-add-role"
          />
        </Form.Item>
        <Form.Item name="regionCode" rules={[{ required: true, message: t('common.required') }]}>
          <RegionSelect
            placeholder={t('users.grantRegion')}
            style={{ width: 220 }}
            data-testid="grant-add-region"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={add.isPending}
          data-testid="grant-add-submit"
        >
          {t('common.add')}
        </Button>
      </Form>
    </Modal>
  );
}
