import { lazy } from 'react'
import type { PublicPage } from '../../app/module-types.ts'

/** Pages without login (outside the menu layout); their API routes must be public. */
export const exchangePublicPages: PublicPage[] = [
  {
    path: '/wishes/wall',
    page: lazy(() => import('./WishWallPage.tsx').then((m) => ({ default: m.WishWallPage }))),
  },
]
