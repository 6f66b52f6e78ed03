import type { Role } from '@tongxin/contracts'

/** Permissions introduced by the enterprise module: which roles hold each (merged into lib/permissions.ts). */
export const enterprisePermissions = {} as const satisfies Record<string, readonly Role[]>
