import {
  AuditOutlined,
  CalendarOutlined,
  HomeOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Permission } from '../shared/permissions.js';
import type { Messages } from './i18n/zh-CN.js';
import { PageLoading } from './layout/PageLoading.js';

const AdminLayout = lazy(() => import('./layout/AdminLayout.js'));
const LoginPage = lazy(() => import('./features/auth/LoginPage.js'));
const HomePage = lazy(() => import('./features/home/HomePage.js'));
const UsersPage = lazy(() => import('./features/users/UsersPage.js'));
const RolesPage = lazy(() => import('./features/roles/RolesPage.js'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.js'));
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage.js'));
const PolicyPage = lazy(() => import('./features/policy/PolicyPage.js'));
const ProfilePage = lazy(() => import('./features/auth/ProfilePage.js'));
const ChangePasswordPage = lazy(() => import('./features/auth/ChangePasswordPage.js'));
const NotFoundPage = lazy(() => import('./layout/NotFoundPage.js'));
const PublicLayout = lazy(() => import('./public/PublicLayout.js'));
const TownListPage = lazy(() => import('./public/TownListPage.js'));
const TownPage = lazy(() => import('./public/TownPage.js'));
const CheckpointsPage = lazy(() => import('./public/CheckpointsPage.js'));

/** One page of the logged-in app: where it lives, how the menu shows it, who may open it. */
export interface AdminRoute {
  key: string;
  path: string;
  labelKey: `menu.${keyof Messages['menu']}`;
  icon: ReactNode;
  /** Needed over at least one region; none means every logged-in user. */
  permission?: Permission;
  inMenu: boolean;
  Page: ComponentType;
}

export const ADMIN_ROUTES: readonly AdminRoute[] = [
  {
    key: 'home',
    path: '/',
    labelKey: 'menu.home',
    icon: <HomeOutlined />,
    inMenu: true,
    Page: HomePage,
  },
  {
    key: 'users',
    path: '/users',
    labelKey: 'menu.users',
    icon: <TeamOutlined />,
    permission: 'user.read',
    inMenu: true,
    Page: UsersPage,
  },
  {
    key: 'roles',
    path: '/roles',
    labelKey: 'menu.roles',
    icon: <SafetyCertificateOutlined />,
    permission: 'user.read',
    inMenu: true,
    Page: RolesPage,
  },
  {
    key: 'audit',
    path: '/audit',
    labelKey: 'menu.audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    inMenu: true,
    Page: AuditPage,
  },
  {
    key: 'calendar',
    path: '/calendar',
    labelKey: 'menu.calendar',
    icon: <CalendarOutlined />,
    permission: 'region.read',
    inMenu: true,
    Page: CalendarPage,
  },
  {
    key: 'policy',
    path: '/policy',
    labelKey: 'menu.policy',
    icon: <ProfileOutlined />,
    permission: 'region.read',
    inMenu: true,
    Page: PolicyPage,
  },
  {
    key: 'profile',
    path: '/profile',
    labelKey: 'menu.profile',
    icon: <UserOutlined />,
    inMenu: true,
    Page: ProfilePage,
  },
  {
    key: 'password',
    path: '/password',
    labelKey: 'menu.profile',
    icon: <UserOutlined />,
    inMenu: false,
    Page: ChangePasswordPage,
  },
];

/** Data attached to each admin route, read by the layout through useMatches(). */
export interface RouteHandle {
  routeKey: string;
  permission?: Permission;
}

function page(Component: ComponentType): ReactNode {
  return (
    <Suspense fallback={<PageLoading />}>
      <Component />
    </Suspense>
  );
}

const routes: RouteObject[] = [
  { path: '/login', element: page(LoginPage) },
  {
    path: '/public',
    element: page(PublicLayout),
    children: [
      { index: true, element: page(TownListPage) },
      { path: 'towns/:code', element: page(TownPage) },
      { path: 'checkpoints', element: page(CheckpointsPage) },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
  {
    path: '/',
    element: page(AdminLayout),
    children: [
      ...ADMIN_ROUTES.map((route): RouteObject => ({
        path: route.path,
        element: page(route.Page),
        handle: { routeKey: route.key, permission: route.permission } satisfies RouteHandle,
      })),
      { path: '*', element: page(NotFoundPage) },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
