import type { ModuleEntry, PublicPage } from '../../app/modules.tsx'

/** Menu entries and routes of the waste feature; each `key` needs its label in `i18n/*.waste.ts` nav. */
export const wasteModules: ModuleEntry[] = []

/** Pages without login (outside the menu layout); their API routes must be public. */
export const wastePublicPages: PublicPage[] = []
