import {
  BookOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/modules.tsx'

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
  {
    key: 'wasteAssess',
    path: '/waste-assessments',
    icon: <SolutionOutlined />,
    permission: 'waste.organise',
    page: lazy(() => import('./AssessmentsPage.tsx').then((m) => ({ default: m.AssessmentsPage }))),
  },
  {
    key: 'wasteDemo',
    path: '/waste-demonstration',
    icon: <SafetyCertificateOutlined />,
    permission: 'waste.manage',
    page: lazy(() => import('./DemonstrationPage.tsx').then((m) => ({ default: m.DemonstrationPage }))),
  },
  {
    key: 'wasteQuiz',
    path: '/waste-quiz',
    icon: <QuestionCircleOutlined />,
    page: lazy(() => import('./QuizPage.tsx').then((m) => ({ default: m.QuizPage }))),
  },
]

// Its pages without login are in publicPages.ts: the shell's chunk imports that file, not the menu (and icons) here.
