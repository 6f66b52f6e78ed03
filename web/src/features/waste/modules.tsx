import {
  BookOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import type { Me } from '@tongxin/contracts'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'
import { hasPermission } from '../auth/session.ts'

/**
 * Patrols and floor stars are a building's own work: its chief and staff organise them, and the people granted
 * on the building, a firm in it or the party organisation covering it walk them. A member of a whole street
 * holds waste.patrol too, but no route is ever theirs to walk, so their page only said none was set up.
 */
const patrolsABuilding = (me: Me) =>
  hasPermission(me, 'waste.organise') ||
  me.grants.some((g) => g.scopeType === 'building' || g.scopeType === 'unit' || g.scopeType === 'party_org')

/** Menu entries and routes of the waste feature; each `key` needs its label in `i18n/*.waste.ts` nav. */
export const wasteModules: ModuleEntry[] = [
  {
    key: 'wasteLookup',
    group: 'volunteering',
    path: '/waste',
    icon: <SearchOutlined />,
    page: lazy(() => import('./LookupPage.tsx').then((m) => ({ default: m.LookupPage }))),
  },
  {
    key: 'wasteDictionary',
    group: 'volunteering',
    path: '/waste-dictionary',
    icon: <BookOutlined />,
    permission: 'waste.manage',
    page: lazy(() => import('./DictionaryPage.tsx').then((m) => ({ default: m.DictionaryPage }))),
  },
  {
    key: 'wastePatrol',
    group: 'volunteering',
    menuIf: patrolsABuilding,
    path: '/waste-patrol',
    icon: <TeamOutlined />,
    permission: 'waste.patrol',
    page: lazy(() => import('./PatrolPage.tsx').then((m) => ({ default: m.PatrolPage }))),
  },
  {
    key: 'wasteStars',
    group: 'volunteering',
    menuIf: patrolsABuilding,
    path: '/waste-stars',
    icon: <StarOutlined />,
    permission: 'waste.patrol',
    page: lazy(() => import('./StarsPage.tsx').then((m) => ({ default: m.StarsPage }))),
  },
  {
    key: 'wasteAssess',
    group: 'volunteering',
    path: '/waste-assessments',
    icon: <SolutionOutlined />,
    permission: 'waste.organise',
    page: lazy(() => import('./AssessmentsPage.tsx').then((m) => ({ default: m.AssessmentsPage }))),
  },
  {
    key: 'wasteDemo',
    group: 'volunteering',
    path: '/waste-demonstration',
    icon: <SafetyCertificateOutlined />,
    permission: 'waste.manage',
    page: lazy(() => import('./DemonstrationPage.tsx').then((m) => ({ default: m.DemonstrationPage }))),
  },
  {
    key: 'wasteQuiz',
    group: 'volunteering',
    path: '/waste-quiz',
    icon: <QuestionCircleOutlined />,
    page: lazy(() => import('./QuizPage.tsx').then((m) => ({ default: m.QuizPage }))),
  },
]

// Its pages without login are in publicPages.ts: the shell's chunk imports that file, not the menu (and icons) here.
