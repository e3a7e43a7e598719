import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ControlOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FormOutlined,
  IdcardOutlined,
  InboxOutlined,
  LoginOutlined,
  MonitorOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SearchOutlined,
  TeamOutlined,
  ToolOutlined,
  FileTextOutlined,
} from '@ant-design/icons';
import { Card } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { LoginLogsPage } from '../audit/LoginLogsPage';
import { OperationLogsPage } from '../audit/OperationLogsPage';
import { CalendarPage } from '../calendar/CalendarPage';
import { WorkbenchPage } from '../cases/WorkbenchPage';
import { CatalogPage } from '../catalog/CatalogPage';
import { ItemEditorPage } from '../catalog/ItemEditorPage';
import { ItemReviewPage } from '../catalog/ItemReviewPage';
import { ItemVersionsPage } from '../catalog/ItemVersionsPage';
import { HomePage } from '../home/HomePage';
import type { AppAbility } from '../identity/ability';
import { RolesPage } from '../identity/RolesPage';
import { UsersPage } from '../identity/users/UsersPage';
import { FaultsPage } from '../operations/FaultsPage';
import { ReportPage } from '../operations/ReportPage';
import { SystemLogsPage } from '../operations/SystemLogsPage';
import { SystemStatusPage } from '../operations/SystemStatusPage';
import { OrganisationPage } from '../organisation/OrganisationPage';
import { PostsPage } from '../organisation/PostsPage';
import { SynonymsPage } from '../search/SynonymsPage';
import { AlertsPage } from '../supervision/AlertsPage';
import { CaseSearchPage } from '../supervision/CaseSearchPage';
import { CoveragePage } from '../supervision/CoveragePage';
import { OrdersPage } from '../supervision/OrdersPage';
import { RulesPage } from '../supervision/RulesPage';
import { WallPage } from '../supervision/WallPage';

export interface StudioPage {
  path: string;
  /** The menu label and page title. */
  name: string;
  icon: ReactNode;
  /** Whether the menu shows it; the server still checks every request. */
  allowed: (ability: AppAbility) => boolean;
  element: ReactNode;
  /** A page reached from another (an item's editor), not from the menu. */
  hidden?: boolean;
}

const mayReadItems = (a: AppAbility) => a.can('read', 'Item');
const mayReadCases = (a: AppAbility) => a.can('read', 'Case');

// The designers carry bpmn-js and Formily: loaded when first opened, not with the studio.
const ItemFormsPage = lazy(() =>
  import('../forms/ItemFormsPage').then((m) => ({ default: m.ItemFormsPage })),
);

const FlowchartPage = lazy(() =>
  import('../process/FlowchartPage').then((m) => ({ default: m.FlowchartPage })),
);

// A case's page draws its diagram with bpmn-js: loaded when a case is first opened.
const CaseDetailPage = lazy(() =>
  import('../cases/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })),
);

// 窗口登记 renders the item's application form with Formily: loaded when first opened.
const RegisterPage = lazy(() =>
  import('../cases/register/RegisterPage').then((m) => ({ default: m.RegisterPage })),
);

// 立案 (RUN-17): loaded when first opened, as 窗口登记.
const OpenCasePage = lazy(() =>
  import('../cases/open/OpenCasePage').then((m) => ({ default: m.OpenCasePage })),
);

// 办件回放 draws the case's diagram with bpmn-js, as the case page does.
const ReplayPage = lazy(() =>
  import('../cases/ReplayPage').then((m) => ({ default: m.ReplayPage })),
);

// 绩效统计 draws with ECharts: loaded when first opened.
const StatisticsPage = lazy(() =>
  import('../supervision/StatisticsPage').then((m) => ({ default: m.StatisticsPage })),
);

function Lazy({ page: Page }: { page: ComponentType }) {
  return (
    <Suspense fallback={<Card loading />}>
      <Page />
    </Suspense>
  );
}

/** Every page of the studio, in menu order: one list feeds both the menu and the routes. */
export const PAGES: StudioPage[] = [
  {
    path: '/',
    name: '首页',
    icon: <DashboardOutlined />,
    allowed: () => true,
    element: <HomePage />,
  },
  {
    path: '/work',
    name: '工作台',
    icon: <InboxOutlined />,
    allowed: mayReadCases,
    element: <WorkbenchPage />,
  },
  {
    path: '/work/register',
    name: '窗口登记',
    icon: <FormOutlined />,
    allowed: (a) => a.can('create', 'Case'),
    element: <Lazy page={RegisterPage} />,
  },
  {
    path: '/work/open',
    name: '立案',
    icon: null,
    hidden: true,
    allowed: (a) => a.can('create', 'Case'),
    element: <Lazy page={OpenCasePage} />,
  },
  {
    path: '/cases/:id',
    name: '办件详情',
    icon: null,
    hidden: true,
    allowed: mayReadCases,
    element: <Lazy page={CaseDetailPage} />,
  },
  {
    path: '/cases/:id/replay',
    name: '办件回放',
    icon: null,
    hidden: true,
    allowed: mayReadCases,
    element: <Lazy page={ReplayPage} />,
  },
  {
    path: '/catalog',
    name: '事项目录',
    icon: <FileSearchOutlined />,
    allowed: mayReadItems,
    element: <CatalogPage />,
  },
  {
    path: '/catalog/:id',
    name: '事项',
    icon: null,
    hidden: true,
    allowed: mayReadItems,
    element: <ItemEditorPage />,
  },
  {
    path: '/catalog/:id/review',
    name: '事项审核',
    icon: null,
    hidden: true,
    allowed: (a) => a.can('approve', 'Item'),
    element: <ItemReviewPage />,
  },
  {
    path: '/catalog/:id/versions',
    name: '版本历史',
    icon: null,
    hidden: true,
    allowed: mayReadItems,
    element: <ItemVersionsPage />,
  },
  {
    path: '/catalog/:id/flowchart',
    name: '权力运行流程图',
    icon: null,
    hidden: true,
    allowed: mayReadItems,
    element: <Lazy page={FlowchartPage} />,
  },
  {
    path: '/catalog/:id/forms',
    name: '电子表单',
    icon: null,
    hidden: true,
    allowed: mayReadItems,
    element: <Lazy page={ItemFormsPage} />,
  },
  {
    path: '/organisation/units',
    name: '组织机构',
    icon: <ApartmentOutlined />,
    allowed: (a) => a.can('read', 'Unit'),
    element: <OrganisationPage />,
  },
  {
    path: '/identity/users',
    name: '用户管理',
    icon: <TeamOutlined />,
    allowed: (a) => a.can('read', 'User'),
    element: <UsersPage />,
  },
  {
    path: '/organisation/posts',
    name: '岗位管理',
    icon: <IdcardOutlined />,
    allowed: (a) => a.can('read', 'Post'),
    element: <PostsPage />,
  },
  {
    path: '/identity/roles',
    name: '角色说明',
    icon: <SafetyCertificateOutlined />,
    allowed: (a) => a.can('manage', 'User'),
    element: <RolesPage />,
  },
  // 电子监察 (SUP-2, SUP-3, SUP-9).
  {
    path: '/supervision/alerts',
    name: '预警监控',
    icon: <AlertOutlined />,
    allowed: (a) => a.can('read', 'SupervisionRule'),
    element: <AlertsPage />,
  },
  {
    path: '/supervision/wall',
    name: '监察大屏',
    icon: <DashboardOutlined />,
    allowed: (a) => a.can('read', 'SupervisionExemption'),
    element: <WallPage />,
  },
  {
    path: '/supervision/orders',
    name: '督办与投诉',
    icon: <AuditOutlined />,
    allowed: (a) => a.can('read', 'SupervisionExemption'),
    element: <OrdersPage />,
  },
  {
    path: '/supervision/cases',
    name: '办件查询',
    icon: <FileSearchOutlined />,
    allowed: (a) => a.can('read', 'SupervisionRule'),
    element: <CaseSearchPage />,
  },
  {
    path: '/supervision/rules',
    name: '监察规则',
    icon: <ControlOutlined />,
    allowed: (a) => a.can('read', 'SupervisionRule'),
    element: <RulesPage />,
  },
  {
    path: '/supervision/statistics',
    name: '绩效统计',
    icon: <BarChartOutlined />,
    allowed: (a) => a.can('read', 'SupervisionStatistics'),
    element: <Lazy page={StatisticsPage} />,
  },
  {
    path: '/supervision/coverage',
    name: '事项监察覆盖',
    icon: <SafetyOutlined />,
    allowed: (a) => a.can('read', 'SupervisionExemption'),
    element: <CoveragePage />,
  },
  {
    path: '/calendar',
    name: '日历管理',
    icon: <CalendarOutlined />,
    allowed: (a) => a.can('manage', 'OfficialCalendar'),
    element: <CalendarPage />,
  },
  {
    path: '/search/synonyms',
    name: '搜索同义词',
    icon: <SearchOutlined />,
    allowed: (a) => a.can('manage', 'SearchSynonym'),
    element: <SynonymsPage />,
  },
  {
    path: '/audit/logins',
    name: '登录日志',
    icon: <LoginOutlined />,
    allowed: (a) => a.can('read', 'LoginLog'),
    element: <LoginLogsPage />,
  },
  {
    path: '/audit/operations',
    name: '操作日志',
    icon: <AuditOutlined />,
    allowed: (a) => a.can('read', 'OperationLog'),
    element: <OperationLogsPage />,
  },
  // 运行维护 (OPS-1, ROLE-5): administrators only.
  {
    path: '/operations/status',
    name: '系统状态',
    icon: <MonitorOutlined />,
    allowed: (a) => a.can('read', 'SystemStatus'),
    element: <SystemStatusPage />,
  },
  {
    path: '/operations/logs',
    name: '运行日志',
    icon: <ProfileOutlined />,
    allowed: (a) => a.can('read', 'SystemStatus'),
    element: <SystemLogsPage />,
  },
  // 运维: faults and the monthly operation report (OPS-2, OPS-3).
  {
    path: '/operations/faults',
    name: '故障登记',
    icon: <ToolOutlined />,
    allowed: (a) => a.can('manage', 'Fault'),
    element: <FaultsPage />,
  },
  {
    path: '/operations/reports',
    name: '运行报告',
    icon: <FileTextOutlined />,
    allowed: (a) => a.can('read', 'SystemStatus'),
    element: <ReportPage />,
  },
];
