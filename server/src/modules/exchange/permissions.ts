import type { Role } from '@tongxin/contracts'

/** Permissions introduced by the exchange module: which roles hold each (merged into lib/permissions.ts). */
export const exchangePermissions = {} as const satisfies Record<string, readonly Role[]>
