import { lazy } from 'react'
import type { PublicPage } from '../../app/module-types.ts'

/** The sign-up page an invitation link opens (public: the invitee has no account yet). */
export const accountsPublicPages: PublicPage[] = [
  {
    path: '/join',
    page: lazy(() => import('./SignupPage.tsx').then((m) => ({ default: m.SignupPage }))),
  },
]
