import type { ColumnType, Generated } from 'kysely'

/** Columns the database fills in (identity, defaults) are optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

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
  disabled: Defaulted<boolean>
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

export interface SchemaMigrationTable {
  name: string
  applied_at: Timestamp
}

export interface DB {
  area: AreaTable
  account: AccountTable
  role_grant: RoleGrantTable
  session: SessionTable
  login_throttle: LoginThrottleTable
  audit_log: AuditLogTable
  schema_migration: SchemaMigrationTable
}
