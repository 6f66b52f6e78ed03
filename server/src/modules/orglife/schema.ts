import type { Generated } from 'kysely'
import type { Defaulted, Derived, NullableTimestamp, Timestamp } from '../../db/column-types.ts'

export interface OrglifeMeetingKindTable {
  code: string
  name: string
  name_en: string
  sort: Defaulted<number>
  active: Defaulted<boolean>
  version: Defaulted<number>
}

export interface OrglifeRuleTable {
  code: string
  kind_code: string
  name: string
  name_en: string
  period: 'month' | 'quarter' | 'year'
  min_count: number
  applies_to: Defaulted<'all' | 'committee' | 'groups'>
  by_secretary: Defaulted<boolean>
  org_types: Defaulted<string[]>
  sort: Defaulted<number>
  active: Defaulted<boolean>
  version: Defaulted<number>
  updated_at: Timestamp
}

export interface OrglifeSettingTable {
  key: string
  value: number
  version: Defaulted<number>
  updated_at: Timestamp
}

export interface OrglifePartyGroupTable {
  id: Generated<number>
  party_org_id: number
  name: string
  leader_person_id: number | null
  version: Defaulted<number>
  created_at: Timestamp
  deleted_at: NullableTimestamp
}

export interface OrglifePartyGroupMemberTable {
  person_id: number
  group_id: number
}

export interface OrglifeMeetingTable {
  id: Generated<number>
  party_org_id: number
  kind_code: string
  group_id: number | null
  starts_at: Timestamp
  ends_at: NullableTimestamp
  held_on: string
  place: string | null
  booking_id: number | null
  topic: string
  presenter_person_id: number | null
  presenter_name: string | null
  minutes: string | null
  decisions: string | null
  source: Defaulted<'record' | 'campaign'>
  event_id: number | null
  recorded_by: number | null
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
  deleted_at: NullableTimestamp
}

export interface OrglifeAttendanceTable {
  meeting_id: number
  person_id: number
  status: 'present' | 'absent' | 'excused'
  reason: 'official_duty' | 'sick' | 'personal' | 'other' | null
  note: string | null
}

export interface OrglifeMeetingPhotoTable {
  id: Generated<number>
  meeting_id: number
  content_type: string
  size_bytes: number
  sha256: string
  data: Uint8Array
  uploaded_by: number | null
  created_at: Timestamp
}

export interface OrglifeOrgDueTable {
  party_org_id: Derived<number>
  rule_code: Derived<string>
  area_key: Derived<string>
  since_year: Derived<number>
  established_on: Derived<string | null>
}

export interface OrglifeOrgPeriodTable {
  party_org_id: Derived<number>
  rule_code: Derived<string>
  period_start: Derived<string>
  area_key: Derived<string>
  held: Derived<number>
  met: Derived<boolean>
}

export interface OrglifeOrgMonthTable {
  party_org_id: Derived<number>
  month: Derived<string>
  area_key: Derived<string>
  meetings: Derived<number>
  present: Derived<number>
  absent: Derived<number>
  excused: Derived<number>
}

export interface OrglifeMemberStreakTable {
  person_id: Derived<number>
  streak: Derived<number>
  since: Derived<string>
}

export interface OrglifeTransferTable {
  id: Generated<number>
  person_id: number
  direction: 'internal' | 'outgoing' | 'incoming'
  from_org_id: number | null
  to_org_id: number | null
  outside_org: string | null
  member_name: string
  member_status: 'formal' | 'probationary'
  reason: string
  transfer_on: string
  due_on: string
  status: Defaulted<'pending' | 'completed' | 'refused' | 'cancelled'>
  letter_no: string | null
  escalated_at: NullableTimestamp
  decided_at: NullableTimestamp
  decided_by: number | null
  decision_note: string | null
  receipt_on: string | null
  created_by: number | null
  created_at: Timestamp
  version: Defaulted<number>
}

export interface OrglifeDuesBaseTable {
  person_id: number
  year: number
  category: 'employed' | 'retired' | 'student' | 'unemployed' | 'relief'
  base_enc: string | null
  rate_bp: number | null
  monthly_cents: number
  confirmed_on: string
  confirmed_by: number | null
  version: Defaulted<number>
}

export interface OrglifeDuesPaymentTable {
  id: Generated<number>
  person_id: number
  month: string
  amount_cents: number
  channel: 'cash' | 'wechat' | 'alipay' | 'bank' | 'other'
  paid_on: string
  party_org_id: number
  source: Defaulted<'manual' | 'import'>
  note: string | null
  recorded_by: number | null
  recorded_at: Timestamp
}

export interface OrglifeFloatingTable {
  id: Generated<number>
  person_id: number
  direction: 'in' | 'out'
  party_org_id: number
  home_org_id: number | null
  home_org_name: string | null
  destination: string | null
  contact: string | null
  reason: string | null
  since: string
  until: string | null
  ended_on: string | null
  created_by: number | null
  created_at: Timestamp
  version: Defaulted<number>
}

export interface OrglifePointsRuleTable {
  source: 'meeting' | 'lecture' | 'volunteer' | 'patrol' | 'wish'
  points: number
  unit: 'each' | 'hour'
  active: Defaulted<boolean>
  version: Defaulted<number>
  updated_at: Timestamp
}

/** Per area (its whole subtree): members absent from their last three meetings or more (migration 0032). */
export interface OrglifeAbsenteeRollupTable {
  area_key: string
  members: number
}

/** Kysely types of the orglife module's tables (migrations 0021– are the source of truth); part of the app's DB. */
export interface OrglifeTables {
  orglife_meeting_kind: OrglifeMeetingKindTable
  orglife_rule: OrglifeRuleTable
  orglife_setting: OrglifeSettingTable
  orglife_party_group: OrglifePartyGroupTable
  orglife_party_group_member: OrglifePartyGroupMemberTable
  orglife_meeting: OrglifeMeetingTable
  orglife_attendance: OrglifeAttendanceTable
  orglife_meeting_photo: OrglifeMeetingPhotoTable
  orglife_org_due: OrglifeOrgDueTable
  orglife_org_period: OrglifeOrgPeriodTable
  orglife_org_month: OrglifeOrgMonthTable
  orglife_member_streak: OrglifeMemberStreakTable
  orglife_absentee_rollup: OrglifeAbsenteeRollupTable
  orglife_transfer: OrglifeTransferTable
  orglife_dues_base: OrglifeDuesBaseTable
  orglife_dues_payment: OrglifeDuesPaymentTable
  orglife_floating: OrglifeFloatingTable
  orglife_points_rule: OrglifePointsRuleTable
}
