import { accountsPublicPages } from '../features/accounts/publicPages.ts'
import { enterprisePublicPages } from '../features/enterprise/publicPages.ts'
import { eventsPublicPages } from '../features/events/publicPages.ts'
import { exchangePublicPages } from '../features/exchange/publicPages.ts'
import { orglifePublicPages } from '../features/orglife/publicPages.ts'
import { surveysPublicPages } from '../features/surveys/publicPages.ts'
import { volunteersPublicPages } from '../features/volunteers/publicPages.ts'
import { wastePublicPages } from '../features/waste/publicPages.ts'
import type { PublicPage } from './module-types.ts'

/**
 * Every page without login, routed by the shell (App.tsx). Each feature declares its own in
 * `features/<f>/publicPages.ts`, apart from its menu entries (`modules.tsx`, with their icons), which only the
 * signed-in desk's chunk loads.
 */
export const PUBLIC_PAGES: PublicPage[] = [
  ...wastePublicPages,
  ...eventsPublicPages,
  ...volunteersPublicPages,
  ...surveysPublicPages,
  ...enterprisePublicPages,
  ...accountsPublicPages,
  ...orglifePublicPages,
  ...exchangePublicPages,
]
