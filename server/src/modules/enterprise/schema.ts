import type { ColumnType, Generated } from 'kysely'
import type { Defaulted, Timestamp } from '../../db/column-types.ts'

type Json<T> = ColumnType<T, string, string>

export interface UnitFieldTable {
  key: string
  label_zh: string
  label_en: string
  type: 'string' | 'enum' | 'number' | 'date' | 'boolean'
  options: ColumnType<{ value: string; zh: string; en: string }[], string | undefined, string>
  unit_zh: string | null
  unit_en: string | null
}

export interface UnitAttributeTable {
  unit_id: number
  field_key: string
  value: Json<unknown>
  updated_at: Timestamp
}

export interface PolicyTable {
  id: Generated<number>
  area_code: string
  title: string
  issuer: string
  valid_from: string
  valid_to: string | null
  benefit: string
  documents: Defaulted<string[]>
  rule: Json<unknown>
  status: Defaulted<'draft' | 'published' | 'archived'>
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
  deleted_at: Timestamp | null
}

export interface PolicyNoticeTable {
  policy_id: number
  unit_id: number
  notified_at: Timestamp
}

export interface IncubatorTable {
  id: Generated<number>
  name: string
  area_code: string
  park_id: number | null
  operator_unit_id: number | null
  opened_on: string | null
  capacity: number | null
  description: string | null
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface IncubateeTable {
  id: Generated<number>
  incubator_id: number
  unit_id: number
  entered_on: string
  exited_on: string | null
  status: Defaulted<'incubating' | 'graduated' | 'left'>
  note: string | null
  version: Defaulted<number>
}

export interface IncubatorServiceTable {
  id: Generated<number>
  incubatee_id: number
  served_on: string
  kind: string
  description: string
  provider_unit_id: number | null
  created_at: Timestamp
}

export interface DeskSettingTable {
  area_code: string
  newly_settled_days: number
  version: Defaulted<number>
  updated_at: Timestamp
}

export interface ServiceTeamTable {
  id: Generated<number>
  park_id: number
  provider_unit_id: number
  created_at: Timestamp
}

export interface DeskItemTable {
  need_id: number
  unit_id: number
  park_id: number | null
  created_at: Timestamp
}

export interface BrandTable {
  id: Generated<number>
  party_org_id: number
  name: string
  slogan: string | null
  story: string
  activities: ColumnType<
    { title: string; on: string | null; description: string | null }[],
    string | undefined,
    string
  >
  volunteer_team: string | null
  volunteer_count: number | null
  published: Defaulted<boolean>
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface BrandAssessmentTable {
  id: Generated<number>
  brand_id: number
  assessed_on: string
  scores: Json<{ criterion: string; score: number; max: number }[]>
  total: number
  max_total: number
  comment: string | null
  account_id: number | null
  created_at: Timestamp
}

/** Kysely types of the enterprise module's tables (its migration is the source of truth); part of the app's DB. */
export interface EnterpriseTables {
  unit_field: UnitFieldTable
  unit_attribute: UnitAttributeTable
  policy: PolicyTable
  policy_notice: PolicyNoticeTable
  incubator: IncubatorTable
  incubatee: IncubateeTable
  incubator_service: IncubatorServiceTable
  desk_setting: DeskSettingTable
  service_team: ServiceTeamTable
  desk_item: DeskItemTable
  brand: BrandTable
  brand_assessment: BrandAssessmentTable
}
