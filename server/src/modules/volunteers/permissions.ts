import type { Role } from '@tongxin/contracts'

/**
 * Permissions introduced by the volunteers module (merged into lib/permissions.ts). Anyone signed in may
 * volunteer; staff and building chiefs coordinate the points in their scope (an account named as a point's
 * coordinator coordinates that point whatever its role); street staff and above define roles, points and
 * coordinators.
 */
export const volunteerPermissions = {
  'volunteer.self': [
    'admin',
    'district_admin',
    'street_admin',
    'building_chief',
    'secretary',
    'provider',
    'member',
  ],
  'volunteer.coordinate': ['admin', 'district_admin', 'street_admin', 'building_chief'],
  'volunteer.manage': ['admin', 'district_admin', 'street_admin'],
} as const satisfies Record<string, readonly Role[]>
