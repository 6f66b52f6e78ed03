import { lazy } from 'react'
import type { PublicPage } from '../../app/module-types.ts'

/** Pages without login (outside the menu layout); their API routes must be public. */
export const wastePublicPages: PublicPage[] = [
  {
    path: '/kiosk/waste',
    page: lazy(() => import('./KioskPage.tsx').then((m) => ({ default: m.KioskPage }))),
  },
  {
    path: '/board/waste/:id',
    page: lazy(() => import('./BoardPage.tsx').then((m) => ({ default: m.BoardPage }))),
  },
  {
    path: '/quiz/waste',
    page: lazy(() => import('./QuizPage.tsx').then((m) => ({ default: m.QuizPage }))),
  },
]
