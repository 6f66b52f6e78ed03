import type { Generated } from 'kysely'
import type { Defaulted, Timestamp } from '../../db/column-types.ts'

export interface CensusVisitTable {
  id: Generated<number>
  building_id: number
  visited_on: string
  kind: 'wechat' | 'joint' | 'onsite'
  department: string | null
  visitors: string | null
  note: string | null
  recorded_by: number | null
  created_at: Timestamp
}

export interface CensusVisitFindingTable {
  visit_id: number
  part: string
  verified: boolean
  note: string | null
}

export interface CensusVisitPhotoTable {
  id: Generated<number>
  visit_id: number
  content_type: string
  size_bytes: number
  sha256: string
  data: Buffer
  uploaded_by: number | null
  created_at: Timestamp
}

export interface CensusFollowupTable {
  id: Generated<number>
  visit_id: number
  building_id: number
  text: string
  due_on: string
  done_on: string | null
  done_by: number | null
  version: Defaulted<number>
}

export interface CensusPartCheckTable {
  building_id: number
  part: string
  verified_on: string
  verified_by: number | null
  visit_id: number
}

export interface CensusTables {
  census_visit: CensusVisitTable
  census_visit_finding: CensusVisitFindingTable
  census_visit_photo: CensusVisitPhotoTable
  census_followup: CensusFollowupTable
  census_part_check: CensusPartCheckTable
}
