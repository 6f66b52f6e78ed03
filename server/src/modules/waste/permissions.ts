import type { Role } from '@tongxin/contracts'

/**
 * Permissions introduced by the waste module (merged into lib/permissions.ts). `waste.manage` (staff: the
 * dictionary, street rules, assessments, designations) is defined in lib/permissions.ts itself.
 */
export const wastePermissions = {
  // Record noon patrols and see a building's floors and stars: volunteers of the building (chief, party
  // secretaries, members) and staff. Which building is checked per request (patrol-scope.ts).
  'waste.patrol': ['admin', 'district_admin', 'street_admin', 'building_chief', 'secretary', 'member'],
  // Set up patrol routes and name their leads: the building chief and staff.
  'waste.organise': ['admin', 'district_admin', 'street_admin', 'building_chief'],
} as const satisfies Record<string, readonly Role[]>
