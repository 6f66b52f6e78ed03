import type { ModuleEntry } from '../../app/modules.tsx'

/** Menu entries and routes of the waste feature; each `key` needs its label in `i18n/*.waste.ts` nav. */
export const wasteModules: ModuleEntry[] = []
