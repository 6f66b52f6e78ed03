import { lazy } from 'react'
import type { PublicPage } from '../../app/module-types.ts'

/**
 * The page a printed transfer letter's QR code opens, without signing in. Organisational life's messages are
 * not in the shell, so they load with the page.
 */
export const orglifePublicPages: PublicPage[] = [
  {
    path: '/verify-letter',
    page: lazy(() =>
      Promise.all([import('../../i18n/orglife.ts'), import('./VerifyLetterPage.tsx')]).then(([, m]) => ({
        default: m.VerifyLetterPage,
      })),
    ),
  },
]
