import type { ModuleEntry, PublicPage } from '../../app/modules.tsx'

/** Menu entries and routes of the surveys feature; each `key` needs its label in `i18n/*.surveys.ts` nav. */
export const surveysModules: ModuleEntry[] = []

/** Pages without login (outside the menu layout); their API routes must be public. */
export const surveysPublicPages: PublicPage[] = []
