import type { ModuleEntry, PublicPage } from '../../app/modules.tsx'

/** Menu entries and routes of the events feature; each `key` needs its label in `i18n/*.events.ts` nav. */
export const eventsModules: ModuleEntry[] = []

/** Pages without login (outside the menu layout); their API routes must be public. */
export const eventsPublicPages: PublicPage[] = []
