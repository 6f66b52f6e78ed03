import type { Generated } from 'kysely'
import type { Defaulted, Timestamp } from '../../db/column-types.ts'

export interface VolunteerRoleTable {
  id: Generated<number>
  code: string
  name: string
  name_en: string
  description: string | null
  requirements: Defaulted<string[]>
  active: Defaulted<boolean>
  created_at: Timestamp
}

export interface VolunteerPointCoordinatorTable {
  point_id: number
  account_id: number
  created_at: Timestamp
}

export interface VolunteerTable {
  id: Generated<number>
  account_id: number
  display_name: string
  person_id: number | null
  unit_id: number | null
  hide_from_leaderboard: Defaulted<boolean>
  created_at: Timestamp
  updated_at: Timestamp
  version: Defaulted<number>
}

export interface VolunteerQualificationTable {
  volunteer_id: number
  code: string
  obtained_on: string
  recorded_by: number | null
  recorded_at: Timestamp
}

export interface VolunteerShiftTable {
  id: Generated<number>
  point_id: number
  starts_at: Timestamp
  ends_at: Timestamp
  note: string | null
  created_by: number | null
  created_at: Timestamp
  cancelled_at: Timestamp | null
}

export interface VolunteerShiftNeedTable {
  shift_id: number
  role_id: number
  needed: number
  taken: Defaulted<number>
}

export interface VolunteerSignupTable {
  id: Generated<number>
  shift_id: number
  role_id: number
  volunteer_id: number
  point_id: number
  starts_at: Timestamp
  ends_at: Timestamp
  status: Defaulted<'active' | 'cancelled'>
  signed_up_at: Timestamp
  cancelled_at: Timestamp | null
  checked_in_at: Timestamp | null
  checked_out_at: Timestamp | null
  auto_checked_out: Defaulted<boolean>
  minutes: number | null
  verified_minutes: number | null
  verified_by: number | null
  verified_at: Timestamp | null
  adjust_reason: string | null
  version: Defaulted<number>
}

export interface VolunteerScanTable {
  nonce: string
  signup_id: number
  action: 'in' | 'out'
  via: 'point_qr' | 'volunteer_qr'
  token_hash: string
  scanned_by: number
  at: Timestamp
}

/** Kysely types of the volunteers module's tables (migration 0011 is the source of truth); part of the app's DB. */
export interface VolunteersTables {
  volunteer_role: VolunteerRoleTable
  volunteer_point_coordinator: VolunteerPointCoordinatorTable
  volunteer: VolunteerTable
  volunteer_qualification: VolunteerQualificationTable
  volunteer_shift: VolunteerShiftTable
  volunteer_shift_need: VolunteerShiftNeedTable
  volunteer_signup: VolunteerSignupTable
  volunteer_scan: VolunteerScanTable
}
