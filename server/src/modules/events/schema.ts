import type { ColumnType, Generated } from 'kysely'
import type { Defaulted, NullableTimestamp, Timestamp } from '../../db/column-types.ts'

export interface AccountPersonLinkTable {
  account_id: number
  person_id: number
  created_at: Timestamp
}

export interface LecturerTable {
  id: Generated<number>
  name: string
  kind: string
  organisation: string | null
  title: string | null
  topics: string | null
  area_code: string | null
  active: Defaulted<boolean>
  version: Defaulted<number>
  created_at: Timestamp
}

export interface CampaignTable {
  id: Generated<number>
  name: string
  area_code: string
  event_kind: string | null
  target_count: number
  starts_on: string
  ends_on: string
  description: string | null
  created_by: number | null
  version: Defaulted<number>
  created_at: Timestamp
}

export interface StationRoomTable {
  id: Generated<number>
  station_id: number
  name: string
  capacity: number
  opens_at: Defaulted<string>
  closes_at: Defaulted<string>
  version: Defaulted<number>
  created_at: Timestamp
  deleted_at: NullableTimestamp
}

export interface EventSeriesTable {
  id: Generated<number>
  rrule: string
  created_by: number | null
  created_at: Timestamp
}

export interface EventTable {
  id: Generated<number>
  series_id: number | null
  campaign_id: number | null
  kind: string
  theme: string
  title: string
  description: string | null
  area_code: string
  station_room_id: number | null
  building_id: number | null
  location: string | null
  organiser_org_id: number | null
  starts_at: Timestamp
  ends_at: Timestamp
  capacity: number
  audience: Defaulted<string>
  audience_ids: ColumnType<Array<number | string>, number[] | undefined, number[]>
  checkin_margin_minutes: Defaulted<number>
  status: Defaulted<string>
  cancel_reason: string | null
  created_by: number | null
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface EventLecturerTable {
  event_id: number
  lecturer_id: number
}

export interface EventRegistrationTable {
  id: Generated<number>
  event_id: number
  account_id: number | null
  person_id: number | null
  name: string
  status: string
  inside: Defaulted<boolean>
  registered_at: Timestamp
  promoted_at: NullableTimestamp
  attended_at: NullableTimestamp
  cancelled_at: NullableTimestamp
}

export interface EventScanTable {
  id: Generated<number>
  event_id: number
  registration_id: number
  nonce: string
  direction: string
  via: string
  scanned_at: Timestamp
  recorded_at: Timestamp
  scanned_by: number | null
}

export interface EventDoorCodeTable {
  event_id: number
  code: string
  issued_at: Timestamp
  issued_by: number | null
}

export interface CheckinCodeThrottleTable {
  key: string
  failures: Defaulted<number>
  window_start_at: Timestamp
  locked_until: NullableTimestamp
}

export interface BookingTable {
  id: Generated<number>
  station_room_id: number
  event_id: number | null
  purpose: string
  starts_at: Timestamp
  ends_at: Timestamp
  status: Defaulted<string>
  booked_by: number | null
  created_at: Timestamp
}

export interface CalendarFeedTable {
  account_id: number
  token_hash: string
  created_at: Timestamp
}

/** Kysely types of the events module's tables (its migration is the source of truth); part of the app's DB. */
export interface EventsTables {
  account_person_link: AccountPersonLinkTable
  lecturer: LecturerTable
  campaign: CampaignTable
  station_room: StationRoomTable
  event_series: EventSeriesTable
  event: EventTable
  event_lecturer: EventLecturerTable
  event_registration: EventRegistrationTable
  event_scan: EventScanTable
  event_door_code: EventDoorCodeTable
  checkin_code_throttle: CheckinCodeThrottleTable
  booking: BookingTable
  calendar_feed: CalendarFeedTable
}
