import { AppstoreAddOutlined, CalendarOutlined, GiftOutlined, HeartOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'

/** Further exchange pages (matchmaking rounds…); each `key` needs its label in the nav messages. */
export const exchangeExtraModules: ModuleEntry[] = [
  {
    key: 'matching',
    group: 'exchange',
    path: '/matching',
    icon: <HeartOutlined />,
    permission: 'matching.manage',
    areaWide: true,
    page: lazy(() => import('./RoundsPage.tsx').then((m) => ({ default: m.RoundsPage }))),
    children: [
      {
        path: 'new',
        page: lazy(() => import('./RoundWizardPage.tsx').then((m) => ({ default: m.RoundWizardPage }))),
      },
      {
        path: ':id',
        page: lazy(() => import('./RoundPage.tsx').then((m) => ({ default: m.RoundPage }))),
      },
    ],
  },
  {
    key: 'myOfferings',
    group: 'exchange',
    path: '/my-offerings',
    icon: <AppstoreAddOutlined />,
    // The provider's own unit publishes; staff keep the lists from the catalogue pages.
    permission: 'need.claim',
    page: lazy(() => import('./MyOfferingsPage.tsx').then((m) => ({ default: m.MyOfferingsPage }))),
  },
  {
    key: 'wishes',
    group: 'exchange',
    path: '/wishes',
    icon: <GiftOutlined />,
    // 微心愿: party members in person, firms through their provider accounts.
    permission: 'wish.claim',
    page: lazy(() => import('./WishDeskPage.tsx').then((m) => ({ default: m.WishDeskPage }))),
  },
  {
    key: 'resourceBookings',
    group: 'exchange',
    path: '/resource-bookings',
    icon: <CalendarOutlined />,
    // Anyone who may book (the server checks the area and eligibility); owners also find their queue here.
    permission: 'resource.book',
    page: lazy(() => import('./ResourceBookingPage.tsx').then((m) => ({ default: m.ResourceBookingPage }))),
  },
]
