import { AREA_STAFF, ROLES, type Role } from '@tongxin/contracts'

// Every role: anyone signed in.
const everyone = ROLES
const keepers = [...AREA_STAFF, 'secretary'] as const satisfies readonly Role[]
const staff = AREA_STAFF

/**
 * Permissions introduced by the orglife module. A secretary keeps their organisation's life (and that of the
 * branches below a committee); street, district and city staff keep it for the organisations of their area
 * and see compliance rolled up; only a city administrator changes the rules every organisation is held to.
 * Everyone signed in sees their own meetings, dues and points.
 */
export const orglifePermissions = {
  'orglife.read': keepers,
  'orglife.record': keepers,
  'orglife.compliance': staff,
  'orglife.rules': ['admin'],
  'orglife.self': everyone,
} as const satisfies Record<string, readonly Role[]>
