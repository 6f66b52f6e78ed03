import { lazy } from 'react'
import type { PublicPage } from '../../app/module-types.ts'

/** Pages without login (outside the menu layout); their API routes must be public. */
export const enterprisePublicPages: PublicPage[] = [
  {
    path: '/brand/:id',
    page: lazy(() => import('./BrandPublicPage.tsx').then((m) => ({ default: m.BrandPublicPage }))),
  },
]
