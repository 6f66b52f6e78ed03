import { AuditOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons'
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react'
import type { MessageShape } from '../i18n/zh-CN.ts'

export type ModuleKey = Exclude<keyof MessageShape['nav'], 'menu'>

/**
 * One entry per module gives both its menu item and its route. A new module (registry, coverage, exchange,
 * events, volunteers, waste, surveys, enterprise) is one more entry here plus its `nav.<key>` message.
 */
export interface ModuleEntry {
  key: ModuleKey
  path: string
  icon: ReactNode
  /** Shown and routable only for sessions holding this permission; omitted = every signed-in user. */
  permission?: string
  page: LazyExoticComponent<ComponentType>
}

export const MODULES: ModuleEntry[] = [
  {
    key: 'home',
    path: '/',
    icon: <HomeOutlined />,
    page: lazy(() => import('../features/home/HomePage.tsx').then((m) => ({ default: m.HomePage }))),
  },
  {
    key: 'accounts',
    path: '/accounts',
    icon: <TeamOutlined />,
    permission: 'account.read',
    page: lazy(() =>
      import('../features/accounts/AccountsPage.tsx').then((m) => ({ default: m.AccountsPage })),
    ),
  },
  {
    key: 'audit',
    path: '/audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    page: lazy(() => import('../features/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage }))),
  },
]

export function moduleForPath(pathname: string): ModuleEntry | undefined {
  return MODULES.find((m) =>
    m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`),
  )
}
