import type { Role } from '@tongxin/contracts'

/** Permissions introduced by the exchange module: which roles hold each (merged into lib/permissions.ts). */
export const exchangePermissions = {
  // Matchmaking rounds are run by street staff (and above) for the areas they hold.
  'matching.manage': ['admin', 'district_admin', 'street_admin'],
  // 微心愿: party members take wishes in person, firms through their provider accounts.
  'wish.claim': ['member', 'provider'],
  // Alliance resources are booked by anyone signed in whose grant lies in an area the resource serves (the
  // service checks the area and the resource's eligibility); the owner decides with offering.write.
  'resource.book': [
    'admin',
    'district_admin',
    'street_admin',
    'building_chief',
    'secretary',
    'provider',
    'member',
  ],
} as const satisfies Record<string, readonly Role[]>
