import type { Role } from '@tongxin/contracts'

/**
 * Who records census visits (微信扫楼, joint visits): the staff of the area holding the census (city,
 * district, street), and a building chief for their own building — the roles that read the census
 * (`coverage.read`). Reading visits, freshness and the plan is `coverage.read` over the same place.
 */
export const censusPermissions = {
  'census.visit': ['admin', 'district_admin', 'street_admin', 'building_chief'],
} as const satisfies Record<string, readonly Role[]>
