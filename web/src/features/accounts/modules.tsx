import { KeyOutlined, UserAddOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'

/** Menu entries and routes of the accounts feature (the accounts list itself stays in app/modules.tsx). */
export const accountsModules: ModuleEntry[] = [
  {
    key: 'invitations',
    group: 'system',
    path: '/invitations',
    icon: <UserAddOutlined />,
    permission: 'account.invite',
    page: lazy(() => import('./InvitationsPage.tsx').then((m) => ({ default: m.InvitationsPage }))),
  },
  {
    key: 'password',
    group: 'system',
    path: '/password',
    icon: <KeyOutlined />,
    page: lazy(() => import('./PasswordPages.tsx').then((m) => ({ default: m.ChangePasswordPage }))),
  },
]

// Its page without login (sign-up) is in publicPages.ts: the shell's chunk imports that file, not the menu (and icons) here.
