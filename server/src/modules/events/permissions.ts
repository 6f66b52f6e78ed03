import type { Role } from '@tongxin/contracts'

/** Permissions introduced by the events module: which roles hold each (merged into lib/permissions.ts). */
export const eventPermissions = {} as const satisfies Record<string, readonly Role[]>
