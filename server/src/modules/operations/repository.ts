import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

export interface BackupRun {
  kind: 'scheduled' | 'manual'
  engine: 'pglite' | 'postgres'
  started_at: Date
  finished_at: Date
  ok: boolean
  file: string | null
  bytes: number | null
  schema_version: string | null
  error: string | null
}

export async function recordBackupRun(db: Kysely<DB>, run: BackupRun) {
  await db
    .insertInto('backup_run')
    .values({ ...run, error: run.error?.slice(0, 2000) ?? null })
    .execute()
}

export function latestBackupRun(db: Kysely<DB>, where: { kind?: 'scheduled'; ok?: boolean } = {}) {
  let q = db
    .selectFrom('backup_run')
    .selectAll()
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
  if (where.kind) q = q.where('kind', '=', where.kind)
  if (where.ok !== undefined) q = q.where('ok', '=', where.ok)
  return q.executeTakeFirst()
}

export function recentBackupRuns(db: Kysely<DB>, limit: number) {
  return db
    .selectFrom('backup_run')
    .selectAll()
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** Keeps the newest `keep` runs; one statement, so instances sweeping together delete each row once. */
export async function pruneBackupRuns(db: Kysely<DB>, keep: number) {
  const r = await db
    .deleteFrom('backup_run')
    .where('id', 'not in', (eb) =>
      eb
        .selectFrom('backup_run')
        .select('id')
        .orderBy('finished_at', 'desc')
        .orderBy('id', 'desc')
        .limit(keep),
    )
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
