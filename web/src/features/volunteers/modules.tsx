import { CalendarOutlined, HeartOutlined, QrcodeOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/modules.tsx'

/** Menu entries and routes of the volunteers feature; each `key` needs its label in `i18n/*.volunteers.ts` nav. */
export const volunteersModules: ModuleEntry[] = [
  {
    key: 'volunteerShifts',
    path: '/volunteer-shifts',
    icon: <CalendarOutlined />,
    permission: 'volunteer.self',
    page: lazy(() => import('./ShiftBoardPage.tsx').then((m) => ({ default: m.ShiftBoardPage }))),
  },
  {
    key: 'myVolunteering',
    path: '/my-volunteering',
    icon: <HeartOutlined />,
    permission: 'volunteer.self',
    page: lazy(() => import('./MyVolunteeringPage.tsx').then((m) => ({ default: m.MyVolunteeringPage }))),
  },
  {
    // Named coordinators may hold only a member role, so the page itself says when there is nothing to coordinate.
    key: 'volunteerCoordination',
    path: '/volunteer-coordination',
    icon: <QrcodeOutlined />,
    permission: 'volunteer.self',
    page: lazy(() => import('./CoordinationPage.tsx').then((m) => ({ default: m.CoordinationPage }))),
    children: [
      {
        path: 'points/:id/qr',
        page: lazy(() => import('./PointQrPage.tsx').then((m) => ({ default: m.PointQrPage }))),
      },
    ],
  },
]

// Its pages without login are in publicPages.ts: the shell's chunk imports that file, not the menu (and icons) here.
