import type { ModuleEntry } from '../../app/modules.tsx'

/** Menu entries and routes of the surveys feature; each `key` needs its label in `i18n/*.surveys.ts` nav. */
export const surveysModules: ModuleEntry[] = []
