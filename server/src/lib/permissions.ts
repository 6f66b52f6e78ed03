import type { Role, ScopeType } from '@tongxin/contracts'
import { censusPermissions } from '../modules/census/permissions.ts'
import { enterprisePermissions } from '../modules/enterprise/permissions.ts'
import { eventPermissions } from '../modules/events/permissions.ts'
import { exchangePermissions } from '../modules/exchange/permissions.ts'
import { notificationPermissions } from '../modules/notifications/permissions.ts'
import { operationsPermissions } from '../modules/operations/permissions.ts'
import { orglifePermissions } from '../modules/orglife/permissions.ts'
import { surveyPermissions } from '../modules/surveys/permissions.ts'
import { volunteerPermissions } from '../modules/volunteers/permissions.ts'
import { wastePermissions } from '../modules/waste/permissions.ts'

/**
 * Which roles hold each permission. A grant gives its role's permissions inside the grant's scope only;
 * `admin` is granted on the whole city.
 */
export const PERMISSIONS = {
  'area.read': [
    'admin',
    'district_admin',
    'street_admin',
    'building_chief',
    'secretary',
    'provider',
    'member',
  ],
  'account.read': ['admin', 'district_admin', 'street_admin'],
  'account.manage': ['admin', 'district_admin', 'street_admin'],
  'account.pii': ['admin', 'district_admin', 'street_admin'],
  // Who may offer invitations (what each may offer is the accounts module's rule); a duty point's named
  // coordinators hold it too, whatever their role (added to their session by auth/service.ts toMe).
  'account.invite': ['admin', 'district_admin', 'street_admin', 'building_chief', 'secretary'],
  'audit.read': ['admin'],
  // Registry: staff see and keep their area; a chief keeps their building, a secretary their organisation.
  'registry.read': ['admin', 'district_admin', 'street_admin', 'building_chief', 'secretary'],
  'registry.write': ['admin', 'district_admin', 'street_admin', 'building_chief', 'secretary'],
  'registry.import': ['admin', 'district_admin', 'street_admin'],
  'person.pii': ['admin', 'district_admin', 'street_admin', 'secretary'],
  'coverage.read': ['admin', 'district_admin', 'street_admin', 'building_chief'],
  'census.snapshot': ['admin', 'district_admin', 'street_admin'],
  // Exchange: anyone signed in may post a need and browse the lists; providers take orders for their unit.
  'exchange.read': [
    'admin',
    'district_admin',
    'street_admin',
    'building_chief',
    'secretary',
    'provider',
    'member',
  ],
  'need.post': [
    'admin',
    'district_admin',
    'street_admin',
    'building_chief',
    'secretary',
    'provider',
    'member',
  ],
  'need.claim': ['provider'],
  'need.manage': ['admin', 'district_admin', 'street_admin'],
  'alliance.manage': ['admin', 'district_admin', 'street_admin'],
  'waste.manage': ['admin', 'district_admin', 'street_admin'],
  'offering.write': ['admin', 'district_admin', 'street_admin', 'provider'],
  ...exchangePermissions,
  ...wastePermissions,
  ...eventPermissions,
  ...volunteerPermissions,
  ...surveyPermissions,
  ...enterprisePermissions,
  ...orglifePermissions,
  ...notificationPermissions,
  ...operationsPermissions,
  ...censusPermissions,
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}

export function permissionsOf(roles: Iterable<Role>): Permission[] {
  const set = new Set(roles)
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => [...set].some((r) => roleHas(r, p)))
}

/** The kinds of scope each role may be granted on (an admin is city-wide, a chief holds a building...). */
export const ROLE_SCOPES: Record<Role, readonly ScopeType[]> = {
  admin: ['city'],
  district_admin: ['area'],
  street_admin: ['area'],
  building_chief: ['building'],
  secretary: ['party_org'],
  provider: ['unit'],
  member: ['area', 'building', 'unit', 'party_org'],
}

/** Area level a role's area grant must sit at, where it matters. */
export const ROLE_AREA_LEVEL: Partial<Record<Role, 'district' | 'street'>> = {
  district_admin: 'district',
  street_admin: 'street',
}
