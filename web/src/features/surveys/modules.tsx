import { FormOutlined, ProjectOutlined, QrcodeOutlined } from '@ant-design/icons'
import { lazy } from 'react'
import type { ModuleEntry, PublicPage } from '../../app/modules.tsx'

/** Menu entries and routes of the surveys feature; each `key` needs its label in `i18n/*.surveys.ts` nav. */
export const surveysModules: ModuleEntry[] = [
  {
    key: 'surveys',
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
    path: '/qr-contents',
    icon: <QrcodeOutlined />,
    permission: 'survey.manage',
    page: lazy(() => import('./QrPages.tsx').then((m) => ({ default: m.QrContentsPage }))),
  },
]

/** Pages without login (outside the menu layout); their API routes must be public. */
export const surveysPublicPages: PublicPage[] = [
  {
    path: '/survey/:slug',
    page: lazy(() => import('./AnswerPage.tsx').then((m) => ({ default: m.AnswerPage }))),
  },
  {
    path: '/listen/:slug',
    page: lazy(() => import('./QrPages.tsx').then((m) => ({ default: m.ListenPage }))),
  },
]
