import type { ModuleEntry } from '../../app/modules.tsx'

/** Menu entries and routes of the events feature; each `key` needs its label in `i18n/*.events.ts` nav. */
export const eventsModules: ModuleEntry[] = []
