import type { Generated } from 'kysely'
import type { Defaulted, Timestamp } from '../../db/column-types.ts'

export interface ServiceCategoryTable {
  code: string
  name_zh: string
  name_en: string
  parent_code: string | null
  first_response_hours: number
  resolution_hours: number
  new_enterprise_only: Defaulted<boolean>
  active: Defaulted<boolean>
}

export interface AllianceTable {
  id: Generated<number>
  name: string
  area_code: string
  kind: Defaulted<string>
  parent_id: Defaulted<number | null>
  founded_on: string | null
  description: string | null
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
  deleted_at: Timestamp | null
}

export interface AllianceMemberTable {
  id: Generated<number>
  alliance_id: number
  unit_id: number | null
  building_id: number | null
  party_org_id: Defaulted<number | null>
  role: string
  joined_on: string | null
  left_on: string | null
}

export interface OfferingTable {
  id: Generated<number>
  provider_unit_id: number
  alliance_id: number | null
  list: string
  category_code: string
  name: string
  description: string | null
  area_codes: Defaulted<string[]>
  station_ids: Defaulted<number[]>
  building_ids: Defaulted<number[]>
  schedule: Defaulted<unknown>
  schedule_note: string | null
  eligibility: Defaulted<unknown>
  capacity_concurrent: number | null
  capacity_per_month: number | null
  contact_name: string | null
  contact_phone: string | null
  status: Defaulted<string>
  last_verified_on: string | null
  search_text: Defaulted<string>
  bookable: Defaulted<boolean>
  booking_needs_approval: Defaulted<boolean>
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
  deleted_at: Timestamp | null
}

export interface ResourceBookingTable {
  id: Generated<number>
  offering_id: number
  booked_by: number
  unit_id: number | null
  purpose: string
  starts_at: Timestamp
  ends_at: Timestamp
  status: string
  decided_by: number | null
  decided_at: Timestamp | null
  decision_note: string | null
  created_at: Timestamp
}

export interface NeedTable {
  id: Generated<number>
  category_code: string
  description: string
  area_code: string
  building_id: number | null
  floor: number | null
  address: string | null
  lat: number | null
  lng: number | null
  requester_account_id: number | null
  requester_person_id: number | null
  requester_unit_id: number | null
  contact_name: string | null
  contact_phone: string | null
  state: Defaulted<string>
  provider_unit_id: number | null
  /** The person holding a wish (0036); a need is held by a unit or a person, never both. */
  provider_account_id: Defaulted<number | null>
  offering_id: number | null
  duplicate_of: number | null
  submitted_at: Timestamp
  first_response_due_at: Timestamp
  resolution_due_at: Timestamp
  accepted_at: Timestamp | null
  delivered_at: Timestamp | null
  closed_at: Timestamp | null
  escalated_at: Timestamp | null
  rating: number | null
  rating_comment: string | null
  version: Defaulted<number>
  updated_at: Timestamp
}

export interface NeedEventTable {
  id: Generated<number>
  need_id: number
  from_state: string | null
  to_state: string
  account_id: number | null
  note: string | null
  at: Timestamp
}

export interface NeedAttachmentTable {
  id: Generated<number>
  need_id: number
  content_type: string
  size_bytes: number
  sha256: string
  data: Buffer
  created_at: Timestamp
}

export interface MatchingRoundTable {
  id: Generated<number>
  area_code: string
  name: string
  state: Defaulted<string>
  options: Defaulted<unknown>
  proposal: unknown | null
  previous_pairs: unknown | null
  proposal_version: number | null
  solved_at: Timestamp | null
  solve_status: Defaulted<string>
  solve_claimed_at: Timestamp | null
  solve_error: unknown | null
  confirmed_on: string | null
  confirmed_by: number | null
  created_by: number | null
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface MatchingProviderTable {
  round_id: number
  unit_id: number
  capacity: number
  categories: Defaulted<string[]>
}

export interface MatchingTargetTable {
  round_id: number
  target_key: string
  kind: string
  area_code: string
  building_id: number | null
  need_id: number | null
  name: string
  demand: Defaulted<number>
  wants: Defaulted<unknown>
}

export interface MatchingPreferenceTable {
  round_id: number
  side: string
  unit_id: number
  target_key: string
  rank: number
}

export interface MatchingPinTable {
  round_id: number
  unit_id: number
  target_key: string
  kind: string
  override: Defaulted<boolean>
}

export interface MatchingAgreementTable {
  id: Generated<number>
  round_id: number
  unit_id: number
  target_key: string
  target_name: string
  area_code: string
  score: number
  reasons: Defaulted<unknown>
  confirmed_on: string
}

export interface MatchingFollowUpTable {
  id: Generated<number>
  agreement_id: number
  due_on: string
  done_at: Timestamp | null
  done_by: number | null
  note: string | null
  version: Defaulted<number>
}

export interface ExchangeTables {
  service_category: ServiceCategoryTable
  alliance: AllianceTable
  alliance_member: AllianceMemberTable
  offering: OfferingTable
  resource_booking: ResourceBookingTable
  need: NeedTable
  need_event: NeedEventTable
  need_attachment: NeedAttachmentTable
  matching_round: MatchingRoundTable
  matching_provider: MatchingProviderTable
  matching_target: MatchingTargetTable
  matching_preference: MatchingPreferenceTable
  matching_pin: MatchingPinTable
  matching_agreement: MatchingAgreementTable
  matching_follow_up: MatchingFollowUpTable
}
