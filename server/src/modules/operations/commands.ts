import { access, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '../../config.ts'
import { openPGlite, openPostgres } from '../../db/connection.ts'
import { DataDirLockedError, lockDataDir } from '../../db/lock.ts'
import { listMigrations } from '../../db/migrate.ts'
import { embeddedBackupBytes, reopenEmbeddedBackup, restoreEmbedded } from './backup-embedded.ts'
import {
  BACKUP_SUFFIX,
  type BackupInfo,
  backupFileName,
  checkRestorable,
  OpsError,
  verifyBackupFile,
  writeBackup,
} from './backup-file.ts'
import { listPostgresBackup, postgresBackupBytes, restorePostgres } from './backup-postgres.ts'
import { reportBackup, requestBackup } from './control.ts'
import { type BackupRun, recordBackupRun } from './repository.ts'

const pgdata = (config: Config) => path.join(config.dataDir, 'pgdata')

async function readSecretFile(dataDir: string): Promise<string | null> {
  try {
    const s = (await readFile(path.join(dataDir, 'secret'), 'utf8')).trim()
    return s.length >= 32 ? s : null
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/** `--out` names a file, or a directory (existing, or ending in /) to put the usual name in. */
async function targetFile(config: Config, out: string | undefined, now: Date): Promise<string> {
  const name = backupFileName(now)
  if (!out) return path.join(config.ops.backupDir, name)
  const isDir =
    out.endsWith('/') ||
    (await stat(out).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  const file = isDir ? path.join(out, name) : out
  if (
    await access(file).then(
      () => true,
      () => false,
    )
  ) {
    throw new OpsError('backup_exists', `${file} already exists; name another file or remove it first.`)
  }
  return file
}

/** The verification every backup gets before it is called good: whole, and it opens. */
export async function verifyBackup(file: string, binDir: string | null): Promise<BackupInfo> {
  const info = await verifyBackupFile(file)
  if (info.header.engine === 'pglite') await reopenEmbeddedBackup(info)
  else await listPostgresBackup(info, binDir)
  return info
}

export interface BackupResult {
  info: BackupInfo
  /** How the dump was reached: the running server's socket, the data directory itself, or pg_dump. */
  via: 'server' | 'data-dir' | 'pg_dump'
}

/**
 * `npm run backup`: PostgreSQL through pg_dump; embedded through the running server's control socket, or,
 * when no server runs, by opening the data directory under its lock. Verified before it is reported good;
 * the run is recorded for the admins' page either way.
 */
export async function backupCommand(
  config: Config,
  opts: { out?: string; now?: Date } = {},
): Promise<BackupResult> {
  const startedAt = opts.now ?? new Date()
  const file = await targetFile(config, opts.out, startedAt)
  const run = (ok: boolean, info: BackupInfo | null, error: string | null): BackupRun => ({
    kind: 'manual',
    engine: config.databaseUrl ? 'postgres' : 'pglite',
    started_at: startedAt,
    finished_at: new Date(),
    ok,
    file: ok ? file : null,
    bytes: info?.fileBytes ?? null,
    schema_version: info?.header.migrations.at(-1) ?? null,
    error,
  })

  if (config.databaseUrl) {
    const url = config.databaseUrl
    // Best effort: a database of a release before backup_run existed is backed up all the same.
    const record = async (r: BackupRun) => {
      const database = await openPostgres(url, 1)
      await recordBackupRun(database.db, r)
        .catch(() => {})
        .finally(() => database.close())
    }
    try {
      await writeBackup(file, () => postgresBackupBytes(url, config.secret!, config.ops.pgBin, startedAt))
      const info = await verifyBackup(file, config.ops.pgBin)
      await record(run(true, info, null))
      return { info, via: 'pg_dump' }
    } catch (err) {
      await record(run(false, null, (err as Error).message)).catch(() => {})
      throw err
    }
  }

  if (
    !(await stat(pgdata(config)).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    throw new OpsError(
      'backup_no_database',
      `There is no database in ${pgdata(config)} (TONGXIN_DATA_DIR) to back up.`,
    )
  }
  let unlock: (() => Promise<void>) | null = null
  try {
    unlock = await lockDataDir(config.dataDir, { waitMs: 0 })
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err
  }
  if (!unlock) {
    // A server runs: it takes the snapshot between its transactions and streams it here.
    try {
      await writeBackup(file, () => requestBackup(config.dataDir))
      const info = await verifyBackup(file, null)
      await reportBackup(config.dataDir, run(true, info, null)).catch(() => {})
      return { info, via: 'server' }
    } catch (err) {
      await reportBackup(config.dataDir, run(false, null, (err as Error).message)).catch(() => {})
      throw err
    }
  }
  try {
    const fileSecret = await readSecretFile(config.dataDir)
    const secret = config.secret ?? fileSecret
    if (!secret)
      throw new OpsError(
        'backup_no_secret',
        `${config.dataDir}/secret is missing and TONGXIN_SECRET is not set.`,
      )
    const database = await openPGlite({ dataDir: pgdata(config) })
    try {
      try {
        await writeBackup(file, () =>
          embeddedBackupBytes(database, { secret, carry: config.secret === null }, startedAt),
        )
        const info = await verifyBackup(file, null)
        await recordBackupRun(database.db, run(true, info, null)).catch(() => {})
        return { info, via: 'data-dir' }
      } catch (err) {
        await recordBackupRun(database.db, run(false, null, (err as Error).message)).catch(() => {})
        throw err
      }
    } finally {
      await database.close()
    }
  } finally {
    await unlock()
  }
}

/**
 * `npm run restore -- FILE [--force]`: checks the whole file and that this code can take its schema before
 * touching anything; embedded, only while no server holds the data directory.
 */
export async function restoreCommand(
  config: Config,
  file: string,
  opts: { force?: boolean; now?: Date } = {},
): Promise<{ info: BackupInfo; notes: string[] }> {
  const info = await verifyBackupFile(file)
  const engine = config.databaseUrl ? 'postgres' : 'pglite'
  checkRestorable(
    info,
    engine,
    (await listMigrations()).map((f) => f.replace(/\.sql$/, '')),
  )
  if (config.databaseUrl) {
    await restorePostgres(info, config.databaseUrl, {
      force: opts.force ?? false,
      secret: config.secret!,
      binDir: config.ops.pgBin,
    })
    return { info, notes: [] }
  }
  let unlock: () => Promise<void>
  try {
    unlock = await lockDataDir(config.dataDir, { waitMs: 0 })
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      throw new OpsError('restore_server_running', `${err.message} Stop the server before restoring.`)
    }
    throw err
  }
  try {
    const stamp = (opts.now ?? new Date())
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replace(/:/g, '-')
    const notes = await restoreEmbedded(info, {
      dataDir: config.dataDir,
      force: opts.force ?? false,
      envSecret: config.secret,
      fileSecret: await readSecretFile(config.dataDir),
      stamp,
    })
    return { info, notes }
  } finally {
    await unlock()
  }
}

export const isBackupFile = (name: string) => name.endsWith(BACKUP_SUFFIX)
