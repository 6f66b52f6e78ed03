import { CalendarOutlined, FlagOutlined, SolutionOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'
import { call } from '../../lib/api.ts'

/** Menu entries and routes of the organisational-life feature; each `key` has its label in `i18n/*.orglife.ts` nav. */
export const orglifeModules: ModuleEntry[] = [
  {
    key: 'orglife',
    group: 'activities',
    path: '/orglife',
    icon: <FlagOutlined />,
    permission: 'orglife.read',
    page: lazy(() => import('./OrgIndexPage.tsx').then((m) => ({ default: m.OrgIndexPage }))),
    children: [
      {
        path: 'orgs/:id',
        page: lazy(() => import('./OrgLifePage.tsx').then((m) => ({ default: m.OrgLifePage }))),
      },
      {
        path: 'orgs/:id/record',
        page: lazy(() => import('./RecordMeetingPage.tsx').then((m) => ({ default: m.RecordMeetingPage }))),
      },
      {
        path: 'meetings/:id',
        page: lazy(() => import('./MeetingPage.tsx').then((m) => ({ default: m.MeetingPage }))),
      },
      {
        path: 'transfers/:id/letter',
        page: lazy(() => import('./LetterPage.tsx').then((m) => ({ default: m.LetterPage }))),
      },
      {
        path: 'rules',
        page: lazy(() => import('./RulesPage.tsx').then((m) => ({ default: m.RulesPage }))),
      },
      {
        path: 'transfer-start',
        page: lazy(() => import('./TransferStartPage.tsx').then((m) => ({ default: m.TransferStartPage }))),
      },
    ],
  },
  {
    key: 'orglifeCompliance',
    group: 'figures',
    path: '/orglife-compliance',
    icon: <CalendarOutlined />,
    permission: 'orglife.compliance',
    areaWide: true,
    page: lazy(() => import('./CompliancePage.tsx').then((m) => ({ default: m.CompliancePage }))),
  },
  {
    key: 'myOrglife',
    group: 'activities',
    // Everyone may look, but only an account linked to a party member's record has anything here: the
    // page's own query (MyOrglifePage) answers orglife_no_person otherwise.
    probe: {
      queryKey: ['orglife', 'me'],
      fetch: (signal) => call('GET /api/orglife/me', { signal }),
      applies: () => true,
      hideOn: ['orglife_no_person'],
    },
    path: '/my-orglife',
    icon: <SolutionOutlined />,
    permission: 'orglife.self',
    page: lazy(() => import('./MyOrglifePage.tsx').then((m) => ({ default: m.MyOrglifePage }))),
  },
]

// Its page without login (the letter check) is in publicPages.ts: the shell's chunk imports that file, not the menu here.
