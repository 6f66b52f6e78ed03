import { BookOutlined, SearchOutlined, StarOutlined, TeamOutlined } from '@ant-design/icons'
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
  {
    key: 'wastePatrol',
    path: '/waste-patrol',
    icon: <TeamOutlined />,
    permission: 'waste.patrol',
    page: lazy(() => import('./PatrolPage.tsx').then((m) => ({ default: m.PatrolPage }))),
  },
  {
    key: 'wasteStars',
    path: '/waste-stars',
    icon: <StarOutlined />,
    permission: 'waste.patrol',
    page: lazy(() => import('./StarsPage.tsx').then((m) => ({ default: m.StarsPage }))),
  },
]

/** Pages without login (outside the menu layout); their API routes must be public. */
export const wastePublicPages: PublicPage[] = [
  {
    path: '/kiosk/waste',
    page: lazy(() => import('./KioskPage.tsx').then((m) => ({ default: m.KioskPage }))),
  },
  {
    path: '/board/waste/:id',
    page: lazy(() => import('./BoardPage.tsx').then((m) => ({ default: m.BoardPage }))),
  },
]
