import {
  DownOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Grid, Layout, Menu, Result, theme, type MenuProps } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { detailMessage } from '../i18n/labels.js';
import { Link, Navigate, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import {
  can,
  MeContext,
  useChangeLocale,
  useLogout,
  useMe,
  useSession,
} from '../features/auth/session.js';
import { NotificationBell } from '../features/cases/NotificationBell.js';
import { RegionProvider, useRegion } from '../region/RegionContext.js';
import { RegionSelect } from '../region/RegionSelect.js';
import { useMyRegions } from '../region/regions.api.js';
import { ADMIN_ROUTES, type RouteHandle } from '../routes.js';
import { AppFrame } from './AppFrame.js';
import { LangSwitch } from './LangSwitch.js';
import { PageLoading } from './PageLoading.js';

/** The logged-in app: checks the session, then shows the menu, the header and the page. */
export default function AdminLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title={t('app.loadFailed')}
        extra={<Button onClick={() => void session.refetch()}>{t('common.refresh')}</Button>}
      />
    );
  }
  if (!session.data) {
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  const me = session.data.user;
  if (me.mustChangePassword && location.pathname !== '/password') {
    return <Navigate to="/password" replace />;
  }
  return (
    <MeContext.Provider value={me}>
      <RegionProvider>
        <AppFrame>
          <Shell />
        </AppFrame>
      </RegionProvider>
    </MeContext.Provider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const matches = useMatches();
  const logout = useLogout();
  const { token } = theme.useToken();
  // A phone: the menu folds behind its button at the top left, the header keeps to icons and
  // the language moves into the user's menu, so that nothing scrolls sideways at 360 px.
  const phone = Grid.useBreakpoint().sm === false;
  const changeLocale = useChangeLocale();
  const { regionCode, fromLink, setRegionCode } = useRegion();
  const myRegions = useMyRegions();
  const outOfScope =
    regionCode !== undefined &&
    myRegions.data !== undefined &&
    !myRegions.data.some((r) => r.code === regionCode);

  // A region remembered on this device may be outside the current user's scope: forget it.
  // A region named by a link is refused on screen instead, so the user learns why.
  useEffect(() => {
    if (outOfScope && !fromLink) setRegionCode(undefined);
  }, [outOfScope, fromLink, setRegionCode]);

  const handle = matches
    .map((match) => match.handle as RouteHandle | undefined)
    .find((h) => h?.routeKey !== undefined);
  const selectedKey = handle?.menuKey ?? handle?.routeKey ?? '';
  const forbidden = handle?.permission !== undefined && !can(me, handle.permission);

  const menuItems: MenuProps['items'] = ADMIN_ROUTES.filter(
    (route) => route.inMenu && (!route.permission || can(me, route.permission)),
  ).map((route) => ({
    key: route.key,
    icon: route.icon,
    label: (
      <Link to={route.path} data-testid={`menu-${route.key}`}>
        {t(route.labelKey)}
      </Link>
    ),
  }));

  const userItems: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('header.profile') },
    { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
    { key: 'public', icon: <GlobalOutlined />, label: t('header.publicSite') },
    ...(phone
      ? [
          { type: 'divider' as const },
          { key: 'lang-zh-CN', label: <span lang="zh-CN">{t('lang.zh')}</span> },
          { key: 'lang-en-US', label: <span lang="en-US">{t('lang.en')}</span> },
        ]
      : []),
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="logout">{t('header.logout')}</span>,
    },
  ];

  const onUserMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'lang-zh-CN' || key === 'lang-en-US') {
      changeLocale(key === 'lang-zh-CN' ? 'zh-CN' : 'en-US');
    } else if (key === 'logout') {
      logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
    } else if (key === 'public') {
      void navigate('/public');
    } else {
      void navigate(`/${key}`);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={208}
        // The folded menu's button sits in the header's left corner, not over the page.
        zeroWidthTriggerStyle={{ top: 12 }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            padding: '0 24px',
            color: '#fff',
            fontSize: 20,
            fontWeight: 600,
            letterSpacing: 2,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {t('app.name')}
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[selectedKey]} items={menuItems} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            display: 'flex',
            alignItems: 'center',
            gap: phone ? 8 : 12,
            padding: phone ? '0 12px 0 56px' : '0 16px',
            lineHeight: 'normal',
          }}
        >
          <RegionSelect
            data-testid="region-switch"
            value={regionCode}
            onChange={setRegionCode}
            placeholder={t('header.allRegions')}
            allowClear
            style={{ width: 220, maxWidth: '40vw', minWidth: 0, flexShrink: 1 }}
          />
          <div style={{ flex: 1 }} />
          <NotificationBell />
          {!phone && <LangSwitch />}
          <Dropdown menu={{ items: userItems, onClick: onUserMenu }} trigger={['click']}>
            <Button
              type="text"
              data-testid="user-menu"
              icon={<UserOutlined />}
              aria-label={me.displayName}
            >
              {!phone && (
                <>
                  {me.displayName} <DownOutlined style={{ fontSize: 10 }} />
                </>
              )}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ margin: phone ? 8 : 16, minWidth: 0 }}>
          {forbidden || (outOfScope && fromLink) ? (
            <div data-testid="forbidden">
              <Result
                status="403"
                title={t('app.forbidden')}
                subTitle={outOfScope ? detailMessage('region.outOfScope') : undefined}
              />
            </div>
          ) : (
            <Outlet />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
