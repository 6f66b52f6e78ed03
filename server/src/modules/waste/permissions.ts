import type { Role } from '@tongxin/contracts'

/** Permissions introduced by the waste module: which roles hold each (merged into lib/permissions.ts). */
export const wastePermissions = {} as const satisfies Record<string, readonly Role[]>
