import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FormOutlined,
  HomeOutlined,
  ProfileOutlined,
  ShopOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import type { Me } from '@tongxin/contracts'
import { lazy } from 'react'
import { accountsModules } from '../features/accounts/modules.tsx'
import { hasPermission } from '../features/auth/session.ts'
import { censusModules } from '../features/census/modules.tsx'
import { enterpriseModules } from '../features/enterprise/modules.tsx'
import { eventsModules } from '../features/events/modules.tsx'
import { exchangeExtraModules } from '../features/exchange/modules.tsx'
import { notificationsModules } from '../features/notifications/modules.tsx'
import { operationsModules } from '../features/operations/modules.tsx'
import { orglifeModules } from '../features/orglife/modules.tsx'
import { surveysModules } from '../features/surveys/modules.tsx'
import { volunteersModules } from '../features/volunteers/modules.tsx'
import { wasteModules } from '../features/waste/modules.tsx'
import type { ModuleEntry } from './module-types.ts'

export const MODULES: ModuleEntry[] = [
  {
    key: 'home',
    path: '/',
    icon: <HomeOutlined />,
    page: lazy(() => import('../features/home/HomePage.tsx').then((m) => ({ default: m.HomePage }))),
  },
  {
    key: 'coverage',
    group: 'figures',
    path: '/coverage',
    icon: <BarChartOutlined />,
    permission: 'coverage.read',
    page: lazy(() =>
      import('../features/coverage/CoveragePage.tsx').then((m) => ({ default: m.CoveragePage })),
    ),
  },
  {
    key: 'gaps',
    group: 'figures',
    path: '/gaps',
    icon: <WarningOutlined />,
    permission: 'coverage.read',
    areaWide: true,
    page: lazy(() => import('../features/gaps/GapsPage.tsx').then((m) => ({ default: m.GapsPage }))),
  },
  {
    key: 'buildings',
    group: 'registry',
    path: '/buildings',
    icon: <BankOutlined />,
    permission: 'registry.read',
    page: lazy(() =>
      import('../features/registry/BuildingsPage.tsx').then((m) => ({ default: m.BuildingsPage })),
    ),
    children: [
      {
        path: ':id',
        page: lazy(() =>
          import('../features/registry/BuildingPage.tsx').then((m) => ({ default: m.BuildingPage })),
        ),
      },
    ],
  },
  {
    key: 'units',
    group: 'registry',
    path: '/units',
    icon: <ShopOutlined />,
    permission: 'registry.read',
    page: lazy(() => import('../features/registry/UnitsPage.tsx').then((m) => ({ default: m.UnitsPage }))),
    children: [
      {
        path: ':id',
        page: lazy(() => import('../features/registry/UnitPage.tsx').then((m) => ({ default: m.UnitPage }))),
      },
    ],
  },
  {
    key: 'partyOrgs',
    group: 'registry',
    path: '/party-orgs',
    icon: <ApartmentOutlined />,
    permission: 'registry.read',
    page: lazy(() =>
      import('../features/registry/PartyOrgsPage.tsx').then((m) => ({ default: m.PartyOrgsPage })),
    ),
    children: [
      {
        path: ':id',
        page: lazy(() =>
          import('../features/registry/PartyOrgPage.tsx').then((m) => ({ default: m.PartyOrgPage })),
        ),
      },
    ],
  },
  {
    key: 'completeness',
    group: 'figures',
    path: '/completeness',
    icon: <FileDoneOutlined />,
    permission: 'coverage.read',
    areaWide: true,
    page: lazy(() =>
      import('../features/registry/CompletenessPage.tsx').then((m) => ({ default: m.CompletenessPage })),
    ),
  },
  ...censusModules,
  {
    key: 'alliances',
    group: 'exchange',
    path: '/alliances',
    icon: <ClusterOutlined />,
    permission: 'exchange.read',
    page: lazy(() =>
      import('../features/exchange/AlliancePages.tsx').then((m) => ({ default: m.AlliancesPage })),
    ),
    children: [
      {
        path: ':id',
        page: lazy(() =>
          import('../features/exchange/AlliancePages.tsx').then((m) => ({ default: m.AlliancePage })),
        ),
      },
    ],
  },
  {
    key: 'lists',
    group: 'exchange',
    path: '/lists',
    icon: <ProfileOutlined />,
    permission: 'exchange.read',
    page: lazy(() => import('../features/exchange/ListsPage.tsx').then((m) => ({ default: m.ListsPage }))),
  },
  {
    key: 'myNeeds',
    group: 'exchange',
    path: '/my-needs',
    icon: <FormOutlined />,
    permission: 'need.post',
    page: lazy(() =>
      import('../features/exchange/MyNeedsPage.tsx').then((m) => ({ default: m.MyNeedsPage })),
    ),
    children: [
      {
        path: 'new',
        page: lazy(() =>
          import('../features/exchange/PostNeedPage.tsx').then((m) => ({ default: m.PostNeedPage })),
        ),
      },
      {
        path: ':id',
        page: lazy(() =>
          import('../features/exchange/NeedPage.tsx').then((m) => ({ default: m.RequesterNeedPage })),
        ),
      },
    ],
  },
  {
    key: 'orders',
    group: 'exchange',
    path: '/orders',
    icon: <CarryOutOutlined />,
    permission: 'need.claim',
    page: lazy(() =>
      import('../features/exchange/OrderDeskPage.tsx').then((m) => ({ default: m.OrderDeskPage })),
    ),
    children: [
      {
        path: ':id',
        page: lazy(() =>
          import('../features/exchange/NeedPage.tsx').then((m) => ({ default: m.ProviderNeedPage })),
        ),
      },
    ],
  },
  {
    key: 'needs',
    group: 'exchange',
    path: '/needs',
    icon: <DashboardOutlined />,
    permission: 'need.manage',
    page: lazy(() =>
      import('../features/exchange/NeedsOverviewPage.tsx').then((m) => ({ default: m.NeedsOverviewPage })),
    ),
    children: [
      {
        path: ':id',
        page: lazy(() =>
          import('../features/exchange/NeedPage.tsx').then((m) => ({ default: m.StaffNeedPage })),
        ),
      },
    ],
  },
  ...exchangeExtraModules,
  ...wasteModules,
  ...eventsModules,
  ...volunteersModules,
  ...surveysModules,
  ...enterpriseModules,
  ...orglifeModules,
  ...notificationsModules,
  {
    key: 'imports',
    group: 'registry',
    path: '/imports',
    icon: <CloudUploadOutlined />,
    permission: 'registry.import',
    page: lazy(() => import('../features/imports/ImportPage.tsx').then((m) => ({ default: m.ImportPage }))),
  },
  {
    key: 'accounts',
    group: 'system',
    path: '/accounts',
    icon: <TeamOutlined />,
    permission: 'account.read',
    page: lazy(() =>
      import('../features/accounts/AccountsPage.tsx').then((m) => ({ default: m.AccountsPage })),
    ),
  },
  ...accountsModules,
  {
    key: 'audit',
    group: 'system',
    path: '/audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    page: lazy(() => import('../features/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage }))),
  },
  ...operationsModules,
]

/** Whether the session's grants put the module in its menu (a probe, if any, decides after). */
export function moduleVisible(me: Me, m: ModuleEntry): boolean {
  if (!hasPermission(me, m.permission)) return false
  if (m.menuIf && !m.menuIf(me)) return false
  return !m.areaWide || me.grants.some((g) => g.scopeType === 'city' || g.scopeType === 'area')
}

export function moduleForPath(pathname: string): ModuleEntry | undefined {
  return MODULES.find((m) =>
    m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`),
  )
}
