import type { ModuleEntry } from '../../app/modules.tsx'

/** Menu entries and routes of the enterprise feature; each `key` needs its label in `i18n/*.enterprise.ts` nav. */
export const enterpriseModules: ModuleEntry[] = []
