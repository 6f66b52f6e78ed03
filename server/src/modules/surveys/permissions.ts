import type { Role } from '@tongxin/contracts'

/**
 * Permissions introduced by the surveys module (merged into lib/permissions.ts). Street staff and
 * secretaries design surveys and projects in their scope; analysis adds building chiefs; unmasked raw
 * answers (who answered what) stay with area staff.
 */
export const surveyPermissions = {
  'survey.manage': ['admin', 'district_admin', 'street_admin', 'secretary'],
  'survey.analyse': ['admin', 'district_admin', 'street_admin', 'secretary', 'building_chief'],
  'survey.raw': ['admin', 'district_admin', 'street_admin'],
  'survey.answer': [
    'admin',
    'district_admin',
    'street_admin',
    'building_chief',
    'secretary',
    'provider',
    'member',
  ],
} as const satisfies Record<string, readonly Role[]>
