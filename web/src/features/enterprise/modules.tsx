import { AimOutlined, FieldTimeOutlined, FlagOutlined, ReadOutlined, RocketOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'

/** Menu entries and routes of the enterprise feature; each `key` needs its label in `i18n/*.enterprise.ts` nav. */
export const enterpriseModules: ModuleEntry[] = [
  {
    key: 'enterprisePolicies',
    group: 'enterprise',
    path: '/enterprise/policies',
    icon: <ReadOutlined />,
    permission: 'policy.read',
    page: lazy(() => import('./PoliciesPage.tsx').then((m) => ({ default: m.PoliciesPage }))),
  },
  {
    key: 'enterpriseMatches',
    group: 'enterprise',
    path: '/enterprise/matches',
    icon: <AimOutlined />,
    permission: 'registry.read',
    page: lazy(() => import('./UnitPoliciesPage.tsx').then((m) => ({ default: m.UnitPoliciesPage }))),
    children: [
      {
        path: ':id',
        page: lazy(() => import('./UnitPoliciesPage.tsx').then((m) => ({ default: m.UnitPoliciesPage }))),
      },
    ],
  },
  {
    key: 'enterpriseIncubators',
    group: 'enterprise',
    path: '/enterprise/incubators',
    icon: <RocketOutlined />,
    permission: 'incubator.read',
    page: lazy(() => import('./IncubatorsPage.tsx').then((m) => ({ default: m.IncubatorsPage }))),
  },
  {
    key: 'enterpriseDesk',
    group: 'enterprise',
    path: '/enterprise/desk',
    icon: <FieldTimeOutlined />,
    permission: 'desk.operate',
    page: lazy(() => import('./DeskPage.tsx').then((m) => ({ default: m.DeskPage }))),
  },
  {
    key: 'enterpriseBrands',
    group: 'enterprise',
    path: '/enterprise/brands',
    icon: <FlagOutlined />,
    permission: 'brand.read',
    page: lazy(() => import('./BrandsPage.tsx').then((m) => ({ default: m.BrandsPage }))),
  },
]

// Its pages without login are in publicPages.ts: the shell's chunk imports that file, not the menu (and icons) here.
