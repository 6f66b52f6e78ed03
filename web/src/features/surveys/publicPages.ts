import { lazy } from 'react'
import type { PublicPage } from '../../app/module-types.ts'

/** Pages without login (outside the menu layout); their API routes must be public. */
export const surveysPublicPages: PublicPage[] = [
  {
    path: '/survey/:slug',
    page: lazy(() => import('./AnswerPage.tsx').then((m) => ({ default: m.AnswerPage }))),
  },
  {
    path: '/listen/:slug',
    page: lazy(() => import('./ListenPage.tsx').then((m) => ({ default: m.ListenPage }))),
  },
]
