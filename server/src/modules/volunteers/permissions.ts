import type { Role } from '@tongxin/contracts'

/** Permissions introduced by the volunteers module: which roles hold each (merged into lib/permissions.ts). */
export const volunteerPermissions = {} as const satisfies Record<string, readonly Role[]>
