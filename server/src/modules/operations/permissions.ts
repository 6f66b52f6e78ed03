import type { Role } from '@tongxin/contracts'

/** Permissions of operations (merged into lib/permissions.ts): backups and retention are the city admin's. */
export const operationsPermissions = {
  'ops.read': ['admin'],
} as const satisfies Record<string, readonly Role[]>
