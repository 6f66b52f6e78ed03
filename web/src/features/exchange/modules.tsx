import type { ModuleEntry } from '../../app/modules.tsx'

/** Further exchange pages (matchmaking rounds…); each `key` needs its label in the nav messages. */
export const exchangeExtraModules: ModuleEntry[] = []
