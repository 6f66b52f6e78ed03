import type { ColumnType, Generated } from 'kysely'
import type { Timestamp } from '../../db/column-types.ts'

/** The waste module's tables (db/migrations/0004_waste.sql), kept here so the shared schema file stays put. */
export interface WasteItemTable {
  id: Generated<number>
  name: string
  category: string
  aliases: ColumnType<string[], string[] | undefined, string[]>
  reason: string
  disposal: string | null
  seed_name: string | null
  search_text: ColumnType<string, string | undefined, string>
  version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
  updated_by: number | null
}

export interface WasteDictionaryTable {
  singleton: ColumnType<boolean, boolean | undefined, boolean>
  revision: ColumnType<number, number | undefined, number>
  changed_at: Timestamp
}

export interface WasteMissTable {
  query: string
  count: ColumnType<number, number | undefined, number>
  first_seen: Timestamp
  last_seen: Timestamp
}

type Json<T> = ColumnType<T, string, string>
type Num = ColumnType<number, number | string, number | string>

export interface WasteStreetRuleTable {
  area_code: string
  star_window: number
  star_thresholds: ColumnType<string[], number[], number[]>
  demo_months: number
  demo_min_score: Num
  demo_min_stars: number
  version: ColumnType<number, number | undefined, number>
  updated_at: Timestamp
  updated_by: number | null
}

export interface WastePatrolRouteTable {
  id: Generated<number>
  building_id: number
  name: string
  floors: ColumnType<number[], number[], number[]>
  lead_account_id: number | null
  version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  deleted_at: Date | null
}

export type Mistakes = Partial<Record<'recyclable' | 'hazardous' | 'wet' | 'dry', number>>

export interface WastePatrolTable {
  id: Generated<number>
  route_id: number
  building_id: number
  floor: number
  /** `date` columns come back as text (see db/connection.ts type parsers). */
  patrol_date: ColumnType<string, string, string>
  bags_checked: number
  bags_right: number
  mistakes: Json<Mistakes>
  note: string | null
  recorded_by: number | null
  recorded_at: Timestamp
  version: ColumnType<number, number | undefined, number>
  updated_at: Timestamp
  updated_by: number | null
}

export interface WastePatrolPhotoTable {
  patrol_id: number
  content_type: string
  size_bytes: number
  sha256: string
  data: Buffer
  created_at: Timestamp
}

export interface WastePatrolHistoryTable {
  id: Generated<number>
  patrol_id: number
  version: number
  before: Json<Record<string, unknown>>
  reason: string
  changed_by: number | null
  changed_at: Timestamp
}

export interface AssessmentScore {
  criterion: string
  score: number
  evidence: string | null
}

export interface WasteAssessmentTable {
  id: Generated<number>
  building_id: number
  month: ColumnType<string, string, string>
  party: 'property' | 'tenants'
  scores: Json<AssessmentScore[]>
  total: Num
  assessed_by: number | null
  assessed_at: Timestamp
  version: ColumnType<number, number | undefined, number>
}

export interface WasteAssessmentHistoryTable {
  id: Generated<number>
  assessment_id: number
  version: number
  before: Json<Record<string, unknown>>
  changed_by: number | null
  changed_at: Timestamp
}

export interface WasteDemoBuildingTable {
  id: Generated<number>
  building_id: number
  designated_on: ColumnType<string, string, string>
  designated_by: number | null
  note: string | null
  revoked_on: ColumnType<string | null, string | null | undefined, string | null>
  revoked_by: number | null
  revoke_reason: string | null
}

export interface WasteTables {
  waste_item: WasteItemTable
  waste_dictionary: WasteDictionaryTable
  waste_miss: WasteMissTable
  waste_street_rule: WasteStreetRuleTable
  waste_patrol_route: WastePatrolRouteTable
  waste_patrol: WastePatrolTable
  waste_patrol_photo: WastePatrolPhotoTable
  waste_patrol_history: WastePatrolHistoryTable
  waste_assessment: WasteAssessmentTable
  waste_assessment_history: WasteAssessmentHistoryTable
  waste_demo_building: WasteDemoBuildingTable
}
