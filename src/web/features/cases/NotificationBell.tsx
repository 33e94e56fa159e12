import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatTime } from '../../format.js';
import { can, useMe } from '../auth/session.js';
import { casesApi, NOTIFICATIONS_KEY, type NotificationItem } from './cases.api.js';
import { notificationKindLabel } from './labels.js';

/** How often the bell asks for news. */
const POLL_MS = 60_000;

const KIND_COLORS: Record<string, string> = {
  dispatched: 'blue',
  available: 'green',
  licenceExpiring: 'orange',
  overdue: 'red',
  escalated: 'volcano',
  reopen: 'magenta',
  return: 'orange',
  requestExtension: 'gold',
};

/**
 * The bell in the header: the unread count of the caller's unit inbox (new dispatches,
 * overdue and escalated cases, returns, extension requests), polled every minute; opening a
 * message marks it read and goes to its case.
 */
export function NotificationBell() {
  const me = useMe();
  if (!can(me, 'case.read') && !can(me, 'case.handle')) return null;
  return <Bell />;
}

function Bell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const inbox = useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: casesApi.notifications,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: POLL_MS / 2,
    meta: { silent: true },
  });
  const markRead = useMutation({
    mutationFn: (id: string) => casesApi.markRead(id),
    meta: { silent: true },
    onSettled: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });

  const items = inbox.data ?? [];
  const unread = items.filter((n) => n.readAt === null).length;

  const openItem = (item: NotificationItem) => {
    setOpen(false);
    if (item.readAt === null) markRead.mutate(item.id);
    // A licence warning has no case to open: reading it is all.
    if (item.caseId) void navigate(`/cases/${item.caseId}`);
  };

  const content = (
    <div style={{ width: 360, maxHeight: 420, overflowY: 'auto' }} data-testid="notification-list">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.notifications.empty')} />
      ) : (
        <List<NotificationItem>
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              key={item.id}
              onClick={() => openItem(item)}
              style={{ cursor: item.caseId ? 'pointer' : 'default', paddingInline: 8 }}
              data-testid="notification-item"
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <Badge status={item.readAt === null ? 'processing' : 'default'} />
                    <Typography.Text strong={item.readAt === null}>{item.title}</Typography.Text>
                    <Tag color={KIND_COLORS[item.kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                      {notificationKindLabel(t, item.kind)}
                    </Tag>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0} style={{ width: '100%' }}>
                    {item.body && (
                      <Typography.Text ellipsis={{ tooltip: item.body }} style={{ maxWidth: 320 }}>
                        {item.body}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(item.createdAt).slice(0, 16)}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        unread > 0
          ? t('cases.notifications.titleUnread', { n: unread })
          : t('cases.notifications.title')
      }
      content={content}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('cases.notifications.title')}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
