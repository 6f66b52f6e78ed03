import { FormOutlined, ProjectOutlined, QrcodeOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry } from '../../app/module-types.ts'

/** Menu entries and routes of the surveys feature; each `key` needs its label in `i18n/*.surveys.ts` nav. */
export const surveysModules: ModuleEntry[] = [
  {
    key: 'surveys',
    group: 'activities',
    path: '/surveys',
    icon: <FormOutlined />,
    permission: 'survey.analyse',
    page: lazy(() => import('./SurveysPage.tsx').then((m) => ({ default: m.SurveysPage }))),
    children: [
      {
        path: 'new',
        page: lazy(() => import('./NewSurveyPage.tsx').then((m) => ({ default: m.NewSurveyPage }))),
      },
      {
        path: ':id',
        page: lazy(() => import('./AnalysisPage.tsx').then((m) => ({ default: m.AnalysisPage }))),
      },
    ],
  },
  {
    key: 'serviceProjects',
    group: 'activities',
    path: '/service-projects',
    icon: <ProjectOutlined />,
    permission: 'survey.analyse',
    page: lazy(() => import('./ProjectsPage.tsx').then((m) => ({ default: m.ProjectsPage }))),
    children: [
      {
        path: ':id',
        page: lazy(() => import('./ProjectsPage.tsx').then((m) => ({ default: m.ProjectPage }))),
      },
    ],
  },
  {
    key: 'qrContents',
    group: 'activities',
    path: '/qr-contents',
    icon: <QrcodeOutlined />,
    permission: 'survey.manage',
    page: lazy(() => import('./QrPages.tsx').then((m) => ({ default: m.QrContentsPage }))),
  },
]

// Its pages without login are in publicPages.ts: the shell's chunk imports that file, not the menu (and icons) here.
