import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { Engine } from '../../db/connection.ts'

/**
 * A backup file: a text line naming the format, a JSON header line, the payload (PGlite's data directory as a
 * gzipped tar, or a pg_dump custom archive), and a trailer line with the payload's length and SHA-256. The
 * header says what the payload is before anything reads it; the trailer, written last, proves the file whole.
 */
export const MAGIC = 'TONGXIN-BACKUP 1\n'
const TRAILER_TAG = '\nTONGXIN-BACKUP-END '
export const BACKUP_SUFFIX = '.txbackup'

export interface BackupHeader {
  format: 'tongxin-backup'
  version: 1
  engine: Engine
  payload: 'pglite-datadir-tar-gzip' | 'pg_dump-custom'
  createdAt: string
  /** Every migration applied in the database, in order; the last one is its schema version. */
  migrations: string[]
  /** HMAC of a fixed text under the instance secret: tells a restore whether the same secret is in use. */
  secretCheck: string
  /** Embedded without TONGXIN_SECRET: the secret file itself (ID numbers are encrypted under it). */
  secret?: string
}

interface Trailer {
  payloadBytes: number
  sha256: string
}

export interface BackupInfo {
  file: string
  header: BackupHeader
  payloadStart: number
  payloadBytes: number
  sha256: string
  fileBytes: number
}

/** A refusal with a message for the operator; nothing was changed when one is thrown. */
export class OpsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'OpsError'
  }
}

/** `tongxin-2026-01-05T01-00-00Z.txbackup` (UTC): names sort by time; the header says the schema. */
export function backupFileName(at: Date, prefix = 'tongxin') {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')
  return `${prefix}-${stamp}${BACKUP_SUFFIX}`
}

function describeWriteError(err: NodeJS.ErrnoException, target: string): OpsError {
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT' || err.code === 'EFBIG') {
    return new OpsError(
      'backup_disk_full',
      `The disk holding ${target} is full (${err.code}); nothing was written.`,
    )
  }
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' || err.code === 'ENOTDIR') {
    return new OpsError('backup_target_unwritable', `Cannot write backups to ${target} (${err.code}).`)
  }
  return new OpsError('backup_write_failed', `Writing the backup to ${target} failed: ${err.message}`)
}

/** The bytes of a backup: `produce` takes the snapshot, so the header can name the schema seen in it. */
export async function* encodeBackup(
  produce: () => Promise<{ header: BackupHeader; payload: AsyncIterable<Buffer | Uint8Array> }>,
): AsyncGenerator<Buffer> {
  const { header, payload } = await produce()
  yield Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`)
  const hash = createHash('sha256')
  let payloadBytes = 0
  for await (const chunk of payload) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
    hash.update(buf)
    payloadBytes += buf.length
    yield buf
  }
  const trailer: Trailer = { payloadBytes, sha256: hash.digest('hex') }
  yield Buffer.from(`${TRAILER_TAG}${JSON.stringify(trailer)}\n`)
}

/**
 * Writes a backup's bytes to `<dir>/.<name>.partial-…` (mode 0600: a backup is as secret as the data),
 * flushes it to disk, checks its header and trailer and renames it into place; on any error the partial file
 * is removed. `bytes` is called only once the target proved writable, so an unwritable target costs no dump.
 */
export async function writeBackup(
  file: string,
  bytes: () => AsyncIterable<Buffer | Uint8Array> | Promise<AsyncIterable<Buffer | Uint8Array>>,
): Promise<BackupInfo> {
  const dir = path.dirname(file)
  try {
    await mkdir(dir, { recursive: true })
  } catch (err) {
    throw describeWriteError(err as NodeJS.ErrnoException, dir)
  }
  const partial = path.join(dir, `.${path.basename(file)}.partial-${randomBytes(4).toString('hex')}`)
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(partial, 'wx', 0o600)
  } catch (err) {
    throw describeWriteError(err as NodeJS.ErrnoException, dir)
  }
  try {
    for await (const chunk of await bytes()) await handle.write(chunk)
    await handle.sync()
    await handle.close()
    await readBackupInfo(partial)
    await rename(partial, file)
    return { ...(await readBackupInfo(file)), file }
  } catch (err) {
    await handle.close().catch(() => {})
    await rm(partial, { force: true })
    if (err instanceof OpsError) throw err
    const e = err as NodeJS.ErrnoException
    throw e.code && !e.code.startsWith('ERR_') ? describeWriteError(e, dir) : err
  }
}

const foreign = (file: string) =>
  new OpsError(
    'backup_foreign',
    `${file} is not a tongxin backup (it does not start with "${MAGIC.trim()}").`,
  )
const truncated = (file: string, why: string) =>
  new OpsError(
    'backup_truncated',
    `${file} is incomplete or damaged (${why}); take or copy the backup again.`,
  )

/** Reads the header and trailer and checks that their lengths agree; the payload's hash is checked by verifyBackup. */
export async function readBackupInfo(file: string): Promise<BackupInfo> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(file, 'r')
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    throw new OpsError('backup_unreadable', `Cannot read ${file} (${e.code ?? e.message}).`)
  }
  try {
    const fileBytes = (await handle.stat()).size
    const startBuf = Buffer.alloc(Math.min(fileBytes, 64 * 1024))
    await handle.read(startBuf, 0, startBuf.length, 0)
    if (!startBuf.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) throw foreign(file)
    const headerEnd = startBuf.indexOf(0x0a, MAGIC.length)
    if (headerEnd < 0) throw truncated(file, 'its header is cut off')
    let header: BackupHeader
    try {
      header = JSON.parse(startBuf.subarray(MAGIC.length, headerEnd).toString('utf8')) as BackupHeader
    } catch {
      throw truncated(file, 'its header is not readable')
    }
    if (header.format !== 'tongxin-backup' || header.version !== 1 || !Array.isArray(header.migrations)) {
      throw new OpsError('backup_foreign', `${file} is a backup format this version does not read.`)
    }
    const tailLen = Math.min(fileBytes, 4096)
    const tail = Buffer.alloc(tailLen)
    await handle.read(tail, 0, tailLen, fileBytes - tailLen)
    const tagAt = tail.lastIndexOf(TRAILER_TAG)
    if (tagAt < 0 || tail[tail.length - 1] !== 0x0a) throw truncated(file, 'its end marker is missing')
    let trailer: Trailer
    try {
      trailer = JSON.parse(tail.subarray(tagAt + TRAILER_TAG.length, tail.length - 1).toString('utf8'))
    } catch {
      throw truncated(file, 'its end marker is not readable')
    }
    const payloadStart = headerEnd + 1
    const payloadEnd = fileBytes - tailLen + tagAt
    if (payloadEnd - payloadStart !== trailer.payloadBytes) {
      throw truncated(
        file,
        `it holds ${payloadEnd - payloadStart} bytes of data where ${trailer.payloadBytes} were written`,
      )
    }
    return {
      file,
      header,
      payloadStart,
      payloadBytes: trailer.payloadBytes,
      sha256: trailer.sha256,
      fileBytes,
    }
  } finally {
    await handle.close()
  }
}

export const payloadStream = (info: BackupInfo): Readable =>
  createReadStream(info.file, {
    start: info.payloadStart,
    end: info.payloadStart + info.payloadBytes - 1,
    highWaterMark: 1024 * 1024,
  })

/** Header, trailer and the payload's SHA-256. */
export async function verifyBackupFile(file: string): Promise<BackupInfo> {
  const info = await readBackupInfo(file)
  const hash = createHash('sha256')
  if (info.payloadBytes > 0) for await (const chunk of payloadStream(info)) hash.update(chunk as Buffer)
  if (hash.digest('hex') !== info.sha256) throw truncated(file, 'its contents do not match their checksum')
  return info
}

/**
 * Refuses a backup this code cannot take back: another engine, or migrations this code does not have (a
 * newer release, or another branch). An older schema is fine: the next start applies the rest.
 */
export function checkRestorable(info: BackupInfo, engine: Engine, known: string[]) {
  const { header } = info
  if (header.engine !== engine) {
    const how =
      header.engine === 'postgres'
        ? 'restore it with DATABASE_URL set to an empty PostgreSQL database'
        : 'restore it without DATABASE_URL, into an embedded data directory'
    throw new OpsError(
      'backup_wrong_engine',
      `${info.file} is a backup of a ${header.engine} database: ${how}.`,
    )
  }
  const knownSet = new Set(known)
  const unknown = header.migrations.filter((m) => !knownSet.has(m))
  if (unknown.length > 0) {
    throw new OpsError(
      'backup_newer_schema',
      `${info.file} comes from a newer schema than this version of tongxin knows (migration ${unknown.join(', ')}; ` +
        `this code ends at ${known.at(-1) ?? 'none'}). Upgrade tongxin first, then restore.`,
    )
  }
}
