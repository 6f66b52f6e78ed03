import type { ColumnType, Generated } from 'kysely'
import type { Defaulted, Timestamp } from '../../db/column-types.ts'

/** An invitation to sign up into a role on a place (db/migrations/0026). */
export interface InvitationTable {
  id: Generated<number>
  token_hash: string
  token_sealed: string
  role: string
  scope_type: string
  scope_id: string
  area_code: string | null
  point_id: number | null
  event_id: number | null
  volunteer: Defaulted<boolean>
  note: string | null
  max_uses: number
  uses: Defaulted<number>
  expires_at: Timestamp
  revoked_at: Timestamp | null
  revoked_by: number | null
  created_by: number | null
  created_at: Timestamp
  version: Defaulted<number>
}

export interface InvitationUseTable {
  invitation_id: number
  account_id: number
  used_at: Timestamp
  ip: string | null
}

/** A dry run of accounts from Excel and, once committed, its record (0027). */
export interface AccountImportTable {
  id: Generated<number>
  account_id: number | null
  file_name: string
  file_sha256: string
  rows: Buffer | null
  status: 'checked' | 'rejected' | 'committed'
  total_rows: number
  errors: ColumnType<unknown, string | undefined, string>
  created_at: Timestamp
  committed_at: Timestamp | null
}

export interface AccountsTables {
  invitation: InvitationTable
  invitation_use: InvitationUseTable
  account_import: AccountImportTable
}
