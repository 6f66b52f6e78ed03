import { CalendarOutlined, HeartOutlined, QrcodeOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'
import { call } from '../../lib/api.ts'

/** Menu entries and routes of the volunteers feature; each `key` needs its label in `i18n/*.volunteers.ts` nav. */
export const volunteersModules: ModuleEntry[] = [
  {
    key: 'volunteerShifts',
    group: 'volunteering',
    path: '/volunteer-shifts',
    icon: <CalendarOutlined />,
    permission: 'volunteer.self',
    page: lazy(() => import('./ShiftBoardPage.tsx').then((m) => ({ default: m.ShiftBoardPage }))),
  },
  {
    key: 'myVolunteering',
    group: 'volunteering',
    path: '/my-volunteering',
    icon: <HeartOutlined />,
    permission: 'volunteer.self',
    page: lazy(() => import('./MyVolunteeringPage.tsx').then((m) => ({ default: m.MyVolunteeringPage }))),
  },
  {
    // Staff and chiefs coordinate the points of their scope, and a point's named coordinator whatever their role:
    // listed when the page's own list of my points (usePoints(true)) has one.
    key: 'volunteerCoordination',
    group: 'volunteering',
    probe: {
      queryKey: ['volunteers', 'points', true],
      fetch: (signal) => call('GET /api/volunteers/points', { query: { mine: true }, signal }),
      applies: (points) => Array.isArray(points) && points.length > 0,
    },
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
