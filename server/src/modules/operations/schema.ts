import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

export interface BackupRunTable {
  id: Generated<number>
  kind: 'scheduled' | 'manual'
  engine: 'pglite' | 'postgres'
  started_at: Timestamp
  finished_at: Timestamp
  ok: boolean
  file: string | null
  bytes: number | null
  schema_version: string | null
  error: string | null
}

export interface OperationsTables {
  backup_run: BackupRunTable
}
