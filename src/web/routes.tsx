import {
  AccountBookOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  EyeOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FlagOutlined,
  HomeOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  UnorderedListOutlined,
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
const LedgerPage = lazy(() => import('./features/ledger/LedgerPage.js'));
const LedgerEntryPage = lazy(() => import('./features/ledger/EntryPage.js'));
const UsersPage = lazy(() => import('./features/users/UsersPage.js'));
const RolesPage = lazy(() => import('./features/roles/RolesPage.js'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.js'));
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage.js'));
const PolicyPage = lazy(() => import('./features/policy/PolicyPage.js'));
const SupervisionPage = lazy(() => import('./features/supervision/SupervisionPage.js'));
const SupervisionFiguresPage = lazy(() => import('./features/supervision/FiguresPage.js'));
const InspectionsPage = lazy(() => import('./features/supervision/InspectionsPage.js'));
const InspectionPage = lazy(() => import('./features/supervision/InspectionPage.js'));
const FindingsPage = lazy(() => import('./features/supervision/FindingsPage.js'));
const WarningsPage = lazy(() => import('./features/supervision/WarningsPage.js'));
const CluePage = lazy(() => import('./features/supervision/CluePage.js'));
const DecisionsPage = lazy(() => import('./features/decisions/DecisionsPage.js'));
const DecisionPage = lazy(() => import('./features/decisions/DecisionPage.js'));
const DisclosurePage = lazy(() => import('./features/disclosure/DisclosurePage.js'));
const CataloguePage = lazy(() => import('./features/disclosure/CataloguePage.js'));
const CasesPage = lazy(() => import('./features/cases/CasesPage.js'));
const CasePage = lazy(() => import('./features/cases/CasePage.js'));
const CaseSettingsPage = lazy(() => import('./features/cases/CaseSettingsPage.js'));
const ServicePointsPage = lazy(() => import('./features/services/ServicePointsPage.js'));
const ServicePointPage = lazy(() => import('./features/services/ServicePointPage.js'));
const AlliancesPage = lazy(() => import('./features/services/AlliancesPage.js'));
const AlliancePage = lazy(() => import('./features/services/AlliancePage.js'));
const ProfilePage = lazy(() => import('./features/auth/ProfilePage.js'));
const ChangePasswordPage = lazy(() => import('./features/auth/ChangePasswordPage.js'));
const NotFoundPage = lazy(() => import('./layout/NotFoundPage.js'));
const PublicLayout = lazy(() => import('./public/PublicLayout.js'));
const TownListPage = lazy(() => import('./public/TownListPage.js'));
const TownPage = lazy(() => import('./public/TownPage.js'));
const CheckpointsPage = lazy(() => import('./public/CheckpointsPage.js'));
const EntryPage = lazy(() => import('./public/EntryPage.js'));
const SearchPage = lazy(() => import('./public/SearchPage.js'));
const ChainPage = lazy(() => import('./public/ChainPage.js'));
const ReportPage = lazy(() => import('./public/ReportPage.js'));
const TrackPage = lazy(() => import('./public/TrackPage.js'));

/** One page of the logged-in app: where it lives, how the menu shows it, who may open it. */
export interface AdminRoute {
  key: string;
  path: string;
  labelKey: `menu.${keyof Messages['menu']}`;
  icon: ReactNode;
  /** Needed over at least one region; none means every logged-in user. */
  permission?: Permission;
  inMenu: boolean;
  /** The menu item a page outside the menu lights up (a detail page: its list). */
  menuKey?: string;
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
  // Right after the home page: an informant's menu has this first (bookmark /clue on a phone).
  {
    key: 'clue',
    path: '/clue',
    labelKey: 'menu.clue',
    icon: <SendOutlined />,
    permission: 'supervision.report',
    inMenu: true,
    Page: CluePage,
  },
  {
    key: 'ledger',
    path: '/ledger',
    labelKey: 'menu.ledger',
    icon: <AccountBookOutlined />,
    permission: 'ledger.read',
    inMenu: true,
    Page: LedgerPage,
  },
  {
    key: 'ledgerEntry',
    path: '/ledger/:id',
    labelKey: 'menu.ledger',
    icon: <AccountBookOutlined />,
    permission: 'ledger.read',
    inMenu: false,
    menuKey: 'ledger',
    Page: LedgerEntryPage,
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
    key: 'supervision',
    path: '/supervision',
    labelKey: 'menu.supervision',
    icon: <EyeOutlined />,
    permission: 'region.read',
    inMenu: true,
    Page: SupervisionPage,
  },
  {
    key: 'inspections',
    path: '/inspections',
    labelKey: 'menu.inspections',
    icon: <FileSearchOutlined />,
    permission: 'supervision.read',
    inMenu: true,
    Page: InspectionsPage,
  },
  {
    key: 'inspection',
    path: '/inspections/:id',
    labelKey: 'menu.inspections',
    icon: <FileSearchOutlined />,
    permission: 'supervision.read',
    inMenu: false,
    menuKey: 'inspections',
    Page: InspectionPage,
  },
  {
    key: 'findings',
    path: '/findings',
    labelKey: 'menu.findings',
    icon: <ToolOutlined />,
    permission: 'supervision.read',
    inMenu: true,
    Page: FindingsPage,
  },
  {
    key: 'warnings',
    path: '/warnings',
    labelKey: 'menu.warnings',
    icon: <AlertOutlined />,
    permission: 'supervision.read',
    inMenu: true,
    Page: WarningsPage,
  },
  {
    key: 'supervisionFigures',
    path: '/supervision-figures',
    labelKey: 'menu.supervisionFigures',
    icon: <BarChartOutlined />,
    permission: 'supervision.read',
    inMenu: true,
    Page: SupervisionFiguresPage,
  },
  {
    key: 'decisions',
    path: '/decisions',
    labelKey: 'menu.decisions',
    icon: <FileDoneOutlined />,
    permission: 'ledger.read',
    inMenu: true,
    Page: DecisionsPage,
  },
  {
    key: 'decision',
    path: '/decisions/:id',
    labelKey: 'menu.decisions',
    icon: <FileDoneOutlined />,
    permission: 'ledger.read',
    inMenu: false,
    menuKey: 'decisions',
    Page: DecisionPage,
  },
  {
    key: 'disclosure',
    path: '/disclosure',
    labelKey: 'menu.disclosure',
    icon: <NotificationOutlined />,
    permission: 'ledger.read',
    inMenu: true,
    Page: DisclosurePage,
  },
  {
    key: 'catalogue',
    path: '/catalogue',
    labelKey: 'menu.catalogue',
    icon: <UnorderedListOutlined />,
    permission: 'region.read',
    inMenu: true,
    Page: CataloguePage,
  },
  {
    key: 'cases',
    path: '/cases',
    labelKey: 'menu.cases',
    icon: <SolutionOutlined />,
    permission: 'case.read',
    inMenu: true,
    Page: CasesPage,
  },
  {
    key: 'case',
    path: '/cases/:id',
    labelKey: 'menu.cases',
    icon: <SolutionOutlined />,
    permission: 'case.read',
    inMenu: false,
    menuKey: 'cases',
    Page: CasePage,
  },
  {
    key: 'caseSettings',
    path: '/case-settings',
    labelKey: 'menu.caseSettings',
    icon: <FieldTimeOutlined />,
    permission: 'case.config',
    inMenu: true,
    Page: CaseSettingsPage,
  },
  {
    key: 'servicePoints',
    path: '/service-points',
    labelKey: 'menu.servicePoints',
    icon: <FlagOutlined />,
    permission: 'case.read',
    inMenu: true,
    Page: ServicePointsPage,
  },
  {
    key: 'servicePoint',
    path: '/service-points/:unitId',
    labelKey: 'menu.servicePoints',
    icon: <FlagOutlined />,
    permission: 'case.read',
    inMenu: false,
    menuKey: 'servicePoints',
    Page: ServicePointPage,
  },
  {
    key: 'alliances',
    path: '/alliances',
    labelKey: 'menu.alliances',
    icon: <ShopOutlined />,
    permission: 'case.read',
    inMenu: true,
    Page: AlliancesPage,
  },
  {
    key: 'alliance',
    path: '/alliances/:id',
    labelKey: 'menu.alliances',
    icon: <ShopOutlined />,
    permission: 'case.read',
    inMenu: false,
    menuKey: 'alliances',
    Page: AlliancePage,
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
    menuKey: 'profile',
    Page: ChangePasswordPage,
  },
];

/** Data attached to each admin route, read by the layout through useMatches(). */
export interface RouteHandle {
  routeKey: string;
  menuKey?: string;
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
      { path: 'entries/:id', element: page(EntryPage) },
      { path: 'entries/:id/chain/:disclosureId', element: page(ChainPage) },
      { path: 'search', element: page(SearchPage) },
      { path: 'report', element: page(ReportPage) },
      { path: 'track', element: page(TrackPage) },
      { path: 'track/:code', element: page(TrackPage) },
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
        handle: {
          routeKey: route.key,
          menuKey: route.menuKey,
          permission: route.permission,
        } satisfies RouteHandle,
      })),
      { path: '*', element: page(NotFoundPage) },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
