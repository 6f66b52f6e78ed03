import { lazy } from 'react'
import type { PublicPage } from '../../app/module-types.ts'

/**
 * Pages without login (outside the menu layout); their API routes must be public. The exchange's messages
 * are not in the shell, so the wall's load with the page.
 */
export const exchangePublicPages: PublicPage[] = [
  {
    path: '/wishes/wall',
    page: lazy(() =>
      Promise.all([import('../../i18n/wishes.ts'), import('./WishWallPage.tsx')]).then(([, m]) => ({
        default: m.WishWallPage,
      })),
    ),
  },
]
