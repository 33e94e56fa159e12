import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePaging } from '../../layout/usePaging.js';
import type { UserDto } from '../../../shared/schemas/users.js';
import { roleLabel } from '../../i18n/labels.js';
import { useRegion } from '../../region/RegionContext.js';
import { can, useMe } from '../auth/session.js';
import { GrantsModal } from './GrantsModal.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { UserFormDrawer } from './UserFormDrawer.js';
import { USERS_KEY, usersApi } from './users.api.js';

type Status = UserDto['status'];

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const client = useQueryClient();
  const { regionCode } = useRegion();
  const canWrite = can(me, 'user.write');
  const canReveal = can(me, 'user.readSensitive');

  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | undefined>();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [revealed, setRevealed] = useState<Record<string, string | null>>({});
  const [drawer, setDrawer] = useState<{ open: boolean; user: UserDto | null }>({
    open: false,
    user: null,
  });
  const [grantsOf, setGrantsOf] = useState<UserDto | null>(null);
  const [resetOf, setResetOf] = useState<UserDto | null>(null);

  useEffect(() => setPage(1), [regionCode]);

  const filter = { regionCode, q: q || undefined, status, page, pageSize };
  const list = useQuery({
    queryKey: [...USERS_KEY, filter],
    queryFn: () => usersApi.list(filter),
    placeholderData: keepPreviousData,
  });

  const reveal = useMutation({
    mutationFn: (id: string) => usersApi.revealMobile(id),
    onSuccess: (result, id) => setRevealed((prev) => ({ ...prev, [id]: result.mobile })),
  });

  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      active ? usersApi.enable(id) : usersApi.disable(id),
    onSuccess: async () => {
      void message.success(t('users.statusChanged'));
      await client.invalidateQueries({ queryKey: USERS_KEY });
    },
  });

  const columns: TableColumnsType<UserDto> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.mobile'),
      key: 'mobile',
      render: (_value, user) => {
        if (user.id in revealed) return revealed[user.id] ?? '';
        if (!user.mobile) return null;
        return (
          <Space size={4}>
            <span>{user.mobile}</span>
            {canReveal && (
              <Typography.Link
                data-testid={`user-mobile-show-${user.username}`}
                onClick={() => reveal.mutate(user.id)}
              >
                {t('users.showMobile')}
              </Typography.Link>
            )}
          </Space>
        );
      },
    },
    { title: t('users.region'), dataIndex: 'regionName', key: 'region' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_value, user) => (
        <Space size={[4, 4]} wrap>
          {user.grants.map((grant) => (
            <Tag key={grant.id} color="green" title={grant.regionName}>
              {roleLabel(t, grant.role)} · {grant.regionName}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_value, user) =>
        user.status === 'active' ? (
          <Tag color="success">{t('users.active')}</Tag>
        ) : (
          <Tag color="default">{t('users.disabled')}</Tag>
        ),
    },
    {
      title: t('users.locked'),
      key: 'locked',
      render: (_value, user) =>
        user.locked ? <Tag color="error">{t('users.isLocked')}</Tag> : null,
    },
  ];

  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_value, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDrawer({ open: true, user })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setGrantsOf(user)}>
            {t('users.manageGrants')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetOf(user)}>
            {t('users.resetPassword')}
          </Button>
          {user.status === 'active' ? (
            <Popconfirm
              title={t('users.confirmDisable')}
              onConfirm={() => setActive.mutate({ id: user.id, active: false })}
            >
              <Button type="link" size="small" danger disabled={user.id === me.id}>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t('users.confirmEnable')}
              onConfirm={() => setActive.mutate({ id: user.id, active: true })}
            >
              <Button type="link" size="small">
                {t('users.enable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('users.title')}
      extra={
        canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="users-new"
            onClick={() => setDrawer({ open: true, user: null })}
          >
            {t('users.new')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          data-testid="users-search"
          placeholder={t('users.searchPlaceholder')}
          style={{ width: 280 }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
        />
        <Select<Status>
          allowClear
          data-testid="users-status"
          placeholder={t('users.statusFilter')}
          style={{ width: 140 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={[
            { value: 'active', label: t('users.active') },
            { value: 'disabled', label: t('users.disabled') },
          ]}
        />
      </Space>
      <Table<UserDto>
        data-testid="users-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={pagination(list.data?.total)}
      />
      <UserFormDrawer
        open={drawer.open}
        user={drawer.user}
        onClose={() => setDrawer((prev) => ({ ...prev, open: false }))}
      />
      <GrantsModal user={grantsOf} onClose={() => setGrantsOf(null)} />
      <ResetPasswordModal user={resetOf} onClose={() => setResetOf(null)} />
    </Card>
  );
}
