import type { Role } from '@tongxin/contracts'

/** Permissions introduced by the enterprise module: which roles hold each (merged into lib/permissions.ts). */
export const enterprisePermissions = {
  // Everyone signed in may read the policy library and see matches for the units in their scope.
  'policy.read': [
    'admin',
    'district_admin',
    'street_admin',
    'building_chief',
    'secretary',
    'provider',
    'member',
  ],
  'policy.manage': ['admin', 'district_admin', 'street_admin'],
  'incubator.read': ['admin', 'district_admin', 'street_admin', 'building_chief', 'provider'],
  'incubator.manage': ['admin', 'district_admin', 'street_admin'],
  // The 24-hour desk is run by the street's staff.
  'desk.operate': ['admin', 'district_admin', 'street_admin'],
  'brand.read': ['admin', 'district_admin', 'street_admin', 'building_chief', 'secretary'],
  // A secretary keeps their own organisation's brand; the street assesses.
  'brand.manage': ['admin', 'district_admin', 'street_admin', 'secretary'],
  'brand.assess': ['admin', 'district_admin', 'street_admin'],
} as const satisfies Record<string, readonly Role[]>
