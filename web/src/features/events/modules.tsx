import { CalendarOutlined, FlagOutlined, PieChartOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })))

/** Menu entries and routes of the events feature; each `key` needs its label in `i18n/*.events.ts` nav. */
export const eventsModules: ModuleEntry[] = [
  {
    key: 'events',
    group: 'activities',
    path: '/events',
    icon: <CalendarOutlined />,
    permission: 'event.read',
    page: page(() => import('./EventsPage.tsx'), 'EventsPage'),
    children: [
      { path: 'new', page: page(() => import('./EventFormPage.tsx'), 'EventFormPage') },
      { path: ':id', page: page(() => import('./EventPage.tsx'), 'EventPage') },
      { path: ':id/scan', page: page(() => import('./ScannerPage.tsx'), 'ScannerPage') },
      { path: ':id/checkin', page: page(() => import('./CheckinDeskPage.tsx'), 'CheckinDeskPage') },
      { path: ':id/edit', page: page(() => import('./EventEditPage.tsx'), 'EventEditPage') },
    ],
  },
  {
    key: 'campaigns',
    group: 'activities',
    path: '/campaigns',
    icon: <FlagOutlined />,
    permission: 'event.manage',
    page: page(() => import('./CampaignsPage.tsx'), 'CampaignsPage'),
  },
  {
    key: 'participation',
    group: 'figures',
    path: '/participation',
    icon: <PieChartOutlined />,
    permission: 'participation.read',
    page: page(() => import('./ParticipationPage.tsx'), 'ParticipationPage'),
  },
]

// Its pages without login are in publicPages.ts: the shell's chunk imports that file, not the menu (and icons) here.
