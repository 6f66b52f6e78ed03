import type { ModuleEntry, PublicPage } from '../../app/modules.tsx'

/** Menu entries and routes of the volunteers feature; each `key` needs its label in `i18n/*.volunteers.ts` nav. */
export const volunteersModules: ModuleEntry[] = []

/** Pages without login (outside the menu layout); their API routes must be public. */
export const volunteersPublicPages: PublicPage[] = []
