import type { ModuleEntry, PublicPage } from '../../app/modules.tsx'

/** Menu entries and routes of the enterprise feature; each `key` needs its label in `i18n/*.enterprise.ts` nav. */
export const enterpriseModules: ModuleEntry[] = []

/** Pages without login (outside the menu layout); their API routes must be public. */
export const enterprisePublicPages: PublicPage[] = []
