import { BookOutlined, SearchOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry, PublicPage } from '../../app/modules.tsx'

/** Menu entries and routes of the waste feature; each `key` needs its label in `i18n/*.waste.ts` nav. */
export const wasteModules: ModuleEntry[] = [
  {
    key: 'wasteLookup',
    path: '/waste',
    icon: <SearchOutlined />,
    page: lazy(() => import('./LookupPage.tsx').then((m) => ({ default: m.LookupPage }))),
  },
  {
    key: 'wasteDictionary',
    path: '/waste-dictionary',
    icon: <BookOutlined />,
    permission: 'waste.manage',
    page: lazy(() => import('./DictionaryPage.tsx').then((m) => ({ default: m.DictionaryPage }))),
  },
]

/** Pages without login (outside the menu layout); their API routes must be public. */
export const wastePublicPages: PublicPage[] = [
  {
    path: '/kiosk/waste',
    page: lazy(() => import('./KioskPage.tsx').then((m) => ({ default: m.KioskPage }))),
  },
]
