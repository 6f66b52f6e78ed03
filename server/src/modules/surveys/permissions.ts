import type { Role } from '@tongxin/contracts'

/** Permissions introduced by the surveys module: which roles hold each (merged into lib/permissions.ts). */
export const surveyPermissions = {} as const satisfies Record<string, readonly Role[]>
