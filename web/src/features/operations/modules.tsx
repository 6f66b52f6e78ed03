import { DatabaseOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'

/** Menu entry of operations (backups, retention, audit export); labels in `i18n/*.operations.ts`. */
export const operationsModules: ModuleEntry[] = [
  {
    key: 'operations',
    group: 'system',
    path: '/operations',
    icon: <DatabaseOutlined />,
    permission: 'ops.read',
    page: lazy(() => import('./OperationsPage.tsx').then((m) => ({ default: m.OperationsPage }))),
  },
]
