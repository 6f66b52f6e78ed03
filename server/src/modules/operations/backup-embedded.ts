import { openAsBlob } from 'node:fs'
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { type Database, openPGlite } from '../../db/connection.ts'
import { hmac } from '../../lib/crypto.ts'
import { type BackupHeader, type BackupInfo, encodeBackup, OpsError, payloadStream } from './backup-file.ts'
import { tarGzipProblem } from './payload-check.ts'

const SECRET_CHECK_TEXT = 'tongxin-backup-secret-check'
export const secretCheck = (secret: string) => hmac(secret, SECRET_CHECK_TEXT)

export interface SecretInfo {
  secret: string
  /** true when the secret lives in the data directory (not TONGXIN_SECRET): the backup must carry it. */
  carry: boolean
}

const MIGRATIONS_SQL = 'SELECT name FROM schema_migration ORDER BY name'

/**
 * A running embedded database's backup bytes: the snapshot is taken holding the one session (between
 * transactions), then compressed after the session is released, so requests wait only for the copy.
 */
export function embeddedBackupBytes(database: Database, secret: SecretInfo, now: Date) {
  if (!database.snapshot) throw new Error('embeddedBackupBytes needs the embedded database')
  const snapshot = database.snapshot
  return encodeBackup(async () => {
    const { tar, read } = await snapshot((c) => c.query<{ name: string }>(MIGRATIONS_SQL))
    const header: BackupHeader = {
      format: 'tongxin-backup',
      version: 1,
      engine: 'pglite',
      payload: 'pglite-datadir-tar-gzip',
      createdAt: now.toISOString(),
      migrations: read.map((r) => r.name),
      secretCheck: secretCheck(secret.secret),
      ...(secret.carry ? { secret: secret.secret } : {}),
    }
    const payload = Readable.fromWeb(tar.stream() as never).pipe(createGzip({ level: 6 }))
    return { header, payload }
  })
}

/**
 * The payload as a file-backed Blob slice, typed gzip so PGlite inflates it itself: nothing of it is read into
 * this process's memory before PGlite reads it (a city-sized database once held three copies here).
 */
async function payloadBlob(info: BackupInfo): Promise<Blob> {
  const whole = await openAsBlob(info.file)
  return whole.slice(info.payloadStart, info.payloadStart + info.payloadBytes, 'application/x-gzip')
}

/** Opens the backup's database (in memory, or in `dataDir`) and checks it holds the migrations its header names. */
async function openBackup(info: BackupInfo, dataDir?: string): Promise<Database> {
  const problem = await tarGzipProblem(payloadStream(info))
  if (problem) throw new OpsError('backup_truncated', `${info.file} does not hold a database: ${problem}.`)
  let database: Database
  try {
    database = await openPGlite({ dataDir, loadDataDir: await payloadBlob(info) })
  } catch (err) {
    if (err instanceof OpsError) throw err
    throw new OpsError(
      'backup_truncated',
      `${info.file} does not open as a database (${(err as Error).message}).`,
    )
  }
  try {
    const names = await database.withScriptClient((c) => c.query<{ name: string }>(MIGRATIONS_SQL))
    const found = names.map((r) => r.name).join(',')
    if (found !== info.header.migrations.join(',')) {
      throw new OpsError('backup_truncated', `${info.file} holds a database unlike its header says.`)
    }
    return database
  } catch (err) {
    await database.close().catch(() => {})
    throw err
  }
}

/** "Verified by reopening it": the payload opens as a database with the schema its header names. */
export async function reopenEmbeddedBackup(info: BackupInfo): Promise<void> {
  const database = await openBackup(info)
  await database.close()
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true
    throw err
  }
}

export interface EmbeddedRestore {
  dataDir: string
  force: boolean
  /** TONGXIN_SECRET when set: then the data directory's secret file is not used. */
  envSecret: string | null
  /** The secret file now in the data directory, if any. */
  fileSecret: string | null
  stamp: string
}

/**
 * Restores into `<dataDir>/pgdata` (the caller holds the data-directory lock). The database is first built
 * beside it and checked; only then is the existing one (with --force) moved aside to `pgdata.replaced-…`,
 * never deleted, and the restored one renamed into place. A refusal or failure leaves everything as it was.
 */
export async function restoreEmbedded(info: BackupInfo, opts: EmbeddedRestore): Promise<string[]> {
  const target = path.join(opts.dataDir, 'pgdata')
  const notes: string[] = []
  if (!(await isEmptyDir(target)) && !opts.force) {
    throw new OpsError(
      'restore_not_empty',
      `${target} already holds a database. Restore into a fresh TONGXIN_DATA_DIR, or add --force to replace it ` +
        '(the current one is then kept beside it as pgdata.replaced-<time>).',
    )
  }
  const carried = info.header.secret ?? null
  const effective = opts.envSecret ?? carried ?? opts.fileSecret
  if (!effective || secretCheck(effective) !== info.header.secretCheck) {
    throw new OpsError(
      'backup_secret_mismatch',
      opts.envSecret
        ? `${info.file} was taken under another secret than TONGXIN_SECRET: encrypted ID numbers and sessions ` +
            'would be unreadable. Set TONGXIN_SECRET to the secret in use when the backup was taken.'
        : `${info.file} does not carry its secret (it was taken with TONGXIN_SECRET set): set TONGXIN_SECRET to ` +
            'that secret and restore again.',
    )
  }
  await mkdir(opts.dataDir, { recursive: true })
  const staging = path.join(opts.dataDir, `pgdata.restoring-${opts.stamp}`)
  await rm(staging, { recursive: true, force: true })
  try {
    const database = await openBackup(info, staging)
    await database.close()
  } catch (err) {
    await rm(staging, { recursive: true, force: true })
    throw err
  }
  if (!(await isEmptyDir(target))) {
    const aside = `${target}.replaced-${opts.stamp}`
    await rename(target, aside)
    notes.push(`the database that was there is kept at ${aside}; delete it once the restored one is checked`)
  } else {
    await rm(target, { recursive: true, force: true })
  }
  await rename(staging, target)
  if (!opts.envSecret && carried && carried !== opts.fileSecret) {
    const file = path.join(opts.dataDir, 'secret')
    if (opts.fileSecret) {
      await rename(file, `${file}.replaced-${opts.stamp}`)
      notes.push(`the secret file that was there is kept at ${file}.replaced-${opts.stamp}`)
    }
    await writeFile(file, `${carried}\n`, { mode: 0o600 })
  }
  return notes
}
