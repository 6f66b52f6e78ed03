import type { Generated } from 'kysely'
import type { GivenTimestamp } from '../../db/column-types.ts'

export interface BackupRunTable {
  id: Generated<number>
  kind: 'scheduled' | 'manual'
  engine: 'pglite' | 'postgres'
  started_at: GivenTimestamp
  finished_at: GivenTimestamp
  ok: boolean
  file: string | null
  bytes: number | null
  schema_version: string | null
  error: string | null
}

export interface OperationsTables {
  backup_run: BackupRunTable
}
