import { spawn } from 'node:child_process'
import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AppContext } from '../../context.ts'
import { embeddedBackupBytes } from './backup-embedded.ts'
import { BACKUP_SUFFIX, type BackupInfo, backupFileName, writeBackup } from './backup-file.ts'
import { latestBackupRun, recordBackupRun } from './repository.ts'

export const SCHEDULED_PREFIX = 'tongxin-scheduled'
const HOUR = 3_600_000
const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * Reopening a backup loads a whole database: done by `npm run backup:verify` in a child process, so the
 * server's event loop and heap are not the ones paying for it.
 */
function verifyInChild(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'verify', file], {
      cwd: SERVER_DIR,
      env: { ...process.env, INIT_CWD: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let err = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err = (err + d).slice(-2000)
    })
    child.once('error', reject)
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(err.trim() || `exit ${code}`))))
  })
}

/**
 * Deletes all but the newest `keep` scheduled backups (never a manual one: their names differ), and partial
 * files an interrupted scheduled run left (runs never overlap, so any found here is abandoned).
 */
export async function pruneScheduled(dir: string, keep: number): Promise<string[]> {
  const all = await readdir(dir)
  for (const n of all.filter((n) => n.startsWith(`.${SCHEDULED_PREFIX}-`) && n.includes('.partial-'))) {
    await rm(path.join(dir, n), { force: true })
  }
  const names = all.filter((n) => n.startsWith(`${SCHEDULED_PREFIX}-`) && n.endsWith(BACKUP_SUFFIX)).sort()
  const old = names.slice(0, Math.max(0, names.length - keep))
  for (const n of old) await rm(path.join(dir, n), { force: true })
  return old
}

/**
 * The embedded database's scheduled backup (TONGXIN_BACKUP_EVERY_HOURS, default daily; PostgreSQL is backed
 * up by the operator's own schedule of `npm run backup` or pg_dump). Checked often, run when due: after a
 * failure it tries again within the hour. A failure is recorded for the admins' page and thrown, so it is
 * logged as an error; it does not make the instance unready.
 */
export async function scheduledBackup(ctx: AppContext): Promise<BackupInfo | null> {
  const ops = ctx.config.ops
  if (ctx.database.engine !== 'pglite' || ops.backupEveryHours === 0) return null
  const now = ctx.clock.now()
  const last = await latestBackupRun(ctx.db, { kind: 'scheduled' })
  if (last) {
    const every = ops.backupEveryHours * HOUR
    const wait = last.ok ? every : Math.min(every, HOUR)
    if (now.getTime() - last.finished_at.getTime() < wait) return null
  }
  const file = path.join(ops.backupDir, backupFileName(now, SCHEDULED_PREFIX))
  try {
    const info = await writeBackup(file, () =>
      embeddedBackupBytes(ctx.database, { secret: ctx.secret, carry: ctx.config.secret === null }, now),
    )
    await verifyInChild(file).catch(async (err: Error) => {
      // A backup that does not reopen is not one: it must not push a good one out of the kept N.
      await rm(file, { force: true })
      throw new Error(`the backup did not reopen: ${err.message}`)
    })
    await pruneScheduled(ops.backupDir, ops.backupKeep)
    await recordBackupRun(ctx.db, {
      kind: 'scheduled',
      engine: 'pglite',
      started_at: now,
      finished_at: ctx.clock.now(),
      ok: true,
      file,
      bytes: info.fileBytes,
      schema_version: info.header.migrations.at(-1) ?? null,
      error: null,
    })
    return info
  } catch (err) {
    const message = (err as Error).message
    await recordBackupRun(ctx.db, {
      kind: 'scheduled',
      engine: 'pglite',
      started_at: now,
      finished_at: ctx.clock.now(),
      ok: false,
      file: null,
      bytes: null,
      schema_version: null,
      error: message,
    })
    throw new Error(`scheduled backup to ${ops.backupDir} failed: ${message}`)
  }
}
