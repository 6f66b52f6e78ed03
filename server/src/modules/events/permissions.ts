import { AREA_STAFF, ROLES, type Role } from '@tongxin/contracts'

// Every role: anyone signed in.
const everyone = ROLES
const organisers = [
  'admin',
  'district_admin',
  'street_admin',
  'building_chief',
  'secretary',
] as const satisfies readonly Role[]
const staff = AREA_STAFF

/**
 * Permissions introduced by the events module. Everyone signed in finds and joins events; staff, building
 * chiefs and secretaries organise them inside their scope (an event's area, building or organising org) and
 * check people in; only staff run campaigns and station rooms. Participation figures follow coverage.read
 * plus secretaries, who see their own organisation's members.
 */
export const eventPermissions = {
  'event.read': everyone,
  'event.register': everyone,
  'event.manage': organisers,
  'event.checkin': organisers,
  'campaign.manage': staff,
  'station.manage': staff,
  'participation.read': organisers,
} as const satisfies Record<string, readonly Role[]>
