import { BellOutlined, NotificationOutlined, SendOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'

/** Menu entries and routes of the notifications feature; labels in `i18n/*.notifications.ts` nav. */
export const notificationsModules: ModuleEntry[] = [
  {
    key: 'notifications',
    group: 'system',
    path: '/notifications',
    icon: <BellOutlined />,
    page: lazy(() => import('./InboxPage.tsx').then((m) => ({ default: m.InboxPage }))),
    children: [
      {
        path: 'settings',
        page: lazy(() => import('./PreferencesPage.tsx').then((m) => ({ default: m.PreferencesPage }))),
      },
    ],
  },
  {
    key: 'notifyAdmin',
    group: 'system',
    path: '/notify-admin',
    icon: <SendOutlined />,
    permission: 'notify.admin',
    page: lazy(() => import('./DeliveriesPage.tsx').then((m) => ({ default: m.DeliveriesPage }))),
  },
  {
    key: 'notifyChannels',
    group: 'system',
    path: '/notify-channels',
    icon: <NotificationOutlined />,
    permission: 'notify.channels',
    page: lazy(() => import('./ChannelsPage.tsx').then((m) => ({ default: m.ChannelsPage }))),
  },
]
