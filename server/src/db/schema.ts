import type { ColumnType, Generated } from 'kysely'
import type { AccountsTables } from '../modules/accounts/schema.ts'
import type { CensusTables } from '../modules/census/schema.ts'
import type { EnterpriseTables } from '../modules/enterprise/schema.ts'
import type { EventsTables } from '../modules/events/schema.ts'
import type { ExchangeTables } from '../modules/exchange/schema.ts'
import type { NotificationsTables } from '../modules/notifications/schema.ts'
import type { OperationsTables } from '../modules/operations/schema.ts'
import type { OrglifeTables } from '../modules/orglife/schema.ts'
import type { SurveysTables } from '../modules/surveys/schema.ts'
import type { VolunteersTables } from '../modules/volunteers/schema.ts'
import type { WasteTables } from '../modules/waste/schema.ts'
import type { Defaulted, Timestamp } from './column-types.ts'

export interface AreaTable {
  code: string
  name: string
  level: 'city' | 'district' | 'street' | 'community'
  parent_code: string | null
  path: string
}

export interface AccountTable {
  id: Generated<number>
  username: string
  display_name: string
  password_hash: string
  phone: string | null
  email: ColumnType<string | null, string | null | undefined, string | null>
  disabled: Defaulted<boolean>
  /** Set with a password someone else chose (0026): every route but a password change answers 403 until then. */
  must_change_password: Defaulted<boolean>
  temp_password_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: Timestamp
  updated_at: Timestamp
  version: Defaulted<number>
}

export interface RoleGrantTable {
  id: Generated<number>
  account_id: number
  role: string
  scope_type: string
  scope_id: string | null
  area_code: string | null
  created_at: Timestamp
}

export interface SessionTable {
  id: string
  account_id: number
  csrf_token: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
  ip: string | null
  user_agent: string | null
}

export interface LoginThrottleTable {
  key: string
  failures: number
  window_start_at: Timestamp
  locked_until: Timestamp | null
}

export interface AuditLogTable {
  id: Generated<number>
  at: Timestamp
  account_id: number | null
  username: string | null
  action: string
  entity: string | null
  entity_ids: Defaulted<string[]>
  ip: string | null
  request_id: string | null
  detail: unknown
}

/** Columns every registry row has. */
interface Versioned {
  id: Generated<number>
  search_text: Defaulted<string>
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
  deleted_at: Timestamp | null
}

export interface ParkTable extends Versioned {
  area_code: string
  name: string
}

export interface BuildingTable extends Versioned {
  area_code: string
  park_id: number | null
  name: string
  address: string
  floors: number
  in_use: Defaulted<boolean>
  in_census_scope: ColumnType<boolean, never, never>
  property_company: string | null
  owner: string | null
  lat: number | null
  lng: number | null
}

export interface UnitTable extends Versioned {
  uscc: string
  name: string
  kind: string
  industry: string | null
  area_code: string
  employees: number | null
  building_id: number | null
  floor_from: number | null
  floor_to: number | null
  settled_on: string | null
  left_on: string | null
  instructor_sent: Defaulted<boolean>
}

export interface PersonTable extends Versioned {
  name: string
  gender: string | null
  birth_date: string | null
  phone: string | null
  id_number_enc: string | null
  id_number_hash: string | null
  education: string | null
  unit_id: number | null
}

export interface PartyOrgTable extends Versioned {
  name: string
  type: string
  parent_id: number | null
  area_code: string
  established_on: string | null
  secretary_person_id: number | null
  has_committee: Defaulted<boolean>
}

export interface PartyOrgCoverageTable {
  id: Generated<number>
  party_org_id: number
  unit_id: number | null
  building_id: number | null
}

export interface MemberTable {
  person_id: number
  party_org_id: number
  status: string
  joined_on: string | null
  relation_transferred: Defaulted<boolean>
  floating: Defaulted<boolean>
  version: Defaulted<number>
  created_at: Timestamp
  updated_at: Timestamp
  /** Kept by the member_place trigger; never written by the application. */
  area_code: ColumnType<string | null, never, never>
  building_id: ColumnType<number | null, never, never>
  birth_date: ColumnType<string | null, never, never>
  counted: ColumnType<boolean, never, never>
}

export interface BuildingChiefTable {
  building_id: number
  person_id: number | null
  unit_id: number | null
  since: string | null
  version: Defaulted<number>
}

export interface StationTable extends Versioned {
  kind: string
  name: string
  area_code: string
  building_id: number | null
  park_id: number | null
  address: string | null
  description: string | null
}

/** A place where volunteers stand and waste is sorted (migration 0007); shared by waste and volunteers. */
export interface DutyPointTable {
  id: Generated<number>
  area_code: string
  park_id: number | null
  building_id: number | null
  name: string
  kind: 'waste_room' | 'lobby' | 'canteen' | 'delivery' | 'other'
  floor: number | null
  note: string | null
  created_at: Timestamp
  deleted_at: Date | null
}

export interface RowHistoryTable {
  id: Generated<number>
  entity: string
  entity_id: number
  op: string
  version: number
  before: unknown
  account_id: number | null
  at: Timestamp
}

export interface CensusSnapshotTable {
  id: Generated<number>
  area_code: string
  taken_on: string
  label: string | null
  figures: unknown
  account_id: number | null
  created_at: Timestamp
}

export interface UnitStatTable {
  unit_id: number
  area_code: string | null
  building_id: number | null
  kind: string
  employees: number | null
  operating: boolean
  formal: number
  probationary: number
  not_transferred: number
  own_org: boolean
  joint_org: boolean
  instructor_sent: boolean
  category: string | null
}

export interface ImportJobTable {
  id: Generated<number>
  kind: string
  file_name: string
  file_sha256: string
  /** The rows the dry run read, gzip of JSON (imports/stored-rows.ts); null once committed or expired. */
  stored_rows: Uint8Array | null
  status: string
  total_rows: number
  diff_new: Defaulted<number>
  diff_changed: Defaulted<number>
  diff_unchanged: Defaulted<number>
  errors: unknown
  error_count: Defaulted<number>
  warnings: Defaulted<unknown>
  warning_count: Defaulted<number>
  changes: unknown
  account_id: number | null
  created_at: Timestamp
  committed_at: Timestamp | null
}

export interface SchemaMigrationTable {
  name: string
  applied_at: Timestamp
  /** sha256 of the file's text (LF line endings) when it was applied; see db/migrate.ts. */
  checksum: string | null
}

export interface DB
  extends ExchangeTables,
    WasteTables,
    EventsTables,
    VolunteersTables,
    SurveysTables,
    EnterpriseTables,
    OrglifeTables,
    NotificationsTables,
    AccountsTables,
    OperationsTables,
    CensusTables {
  area: AreaTable
  account: AccountTable
  role_grant: RoleGrantTable
  session: SessionTable
  login_throttle: LoginThrottleTable
  audit_log: AuditLogTable
  schema_migration: SchemaMigrationTable
  park: ParkTable
  building: BuildingTable
  unit: UnitTable
  person: PersonTable
  party_org: PartyOrgTable
  party_org_coverage: PartyOrgCoverageTable
  member: MemberTable
  building_chief: BuildingChiefTable
  station: StationTable
  duty_point: DutyPointTable
  row_history: RowHistoryTable
  census_snapshot: CensusSnapshotTable
  unit_stat: UnitStatTable
  import_job: ImportJobTable
}
