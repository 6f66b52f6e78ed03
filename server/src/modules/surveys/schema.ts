import type { ColumnType, Generated } from 'kysely'
import type { Defaulted, Timestamp } from '../../db/column-types.ts'

/** jsonb: read as parsed JSON, written as a JSON text (so arrays are not taken for PostgreSQL arrays). */
type Json = ColumnType<unknown, string, string>

export interface SurveyTable {
  id: Generated<number>
  slug: string
  area_code: string
  title: string
  description: Defaulted<string>
  anonymous: boolean
  audience_kind: string
  audience_ids: Defaulted<number[]>
  questions: Json
  opens_at: Timestamp
  closes_at: Timestamp
  created_by: number | null
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface SurveyResponseTable {
  id: Generated<number>
  survey_id: number
  account_id: number | null
  device_hash: string | null
  answers: Json
  area_code: string | null
  building: string | null
  unit_kind: string | null
  age_band: string | null
  submitted_at: Timestamp
}

export interface ServiceProjectTable {
  id: Generated<number>
  area_code: string
  name: string
  description: Defaulted<string>
  status: Defaulted<string>
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ServiceProjectFindingTable {
  id: Generated<number>
  project_id: number
  survey_id: number
  question_key: string
  option_key: string | null
  theme: string | null
  note: Defaulted<string>
}

export interface ServiceProjectOfferingTable {
  project_id: number
  offering_id: number
}

export interface ServiceProjectEventTable {
  project_id: number
  event_id: number
}

export interface ServiceProjectResultTable {
  id: Generated<number>
  project_id: number
  held_on: string
  title: string
  rating_avg: number | null
  rating_count: Defaulted<number>
  recorded_by: number | null
  created_at: Timestamp
}

export interface QrContentTable {
  id: Generated<number>
  slug: string
  area_code: string
  project_id: number | null
  kind: string
  title: string
  body: Defaulted<string>
  audio: Buffer | null
  audio_type: string | null
  audio_bytes: number | null
  plays: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface QrPlaySeenTable {
  content_id: number
  client: string
  window_start: Timestamp
  plays: number
}

/** Kysely types of the surveys module's tables (its migration is the source of truth); part of the app's DB. */
export interface SurveysTables {
  survey: SurveyTable
  survey_response: SurveyResponseTable
  service_project: ServiceProjectTable
  service_project_finding: ServiceProjectFindingTable
  service_project_offering: ServiceProjectOfferingTable
  service_project_event: ServiceProjectEventTable
  service_project_result: ServiceProjectResultTable
  qr_content: QrContentTable
  qr_play_seen: QrPlaySeenTable
}
