import type { Role } from '@tongxin/contracts'

/**
 * Permissions of the notifications module (merged into lib/permissions.ts). Everyone's own inbox needs only
 * a session. Staff watch the outbox of their area; staff and secretaries set up the robots and webhooks of
 * their area or organisation.
 */
export const notificationPermissions = {
  'notify.admin': ['admin', 'district_admin', 'street_admin'],
  'notify.channels': ['admin', 'district_admin', 'street_admin', 'secretary'],
} as const satisfies Record<string, readonly Role[]>
