import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import lockfile from 'proper-lockfile'

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another tongxin process. ` +
        'The embedded database allows one process at a time: stop the other one, or set TONGXIN_DATA_DIR ' +
        'to another directory, or run several instances against a PostgreSQL server (DATABASE_URL).',
    )
    this.name = 'DataDirLockedError'
  }
}

/**
 * PGlite has no lock of its own, and two processes writing one data directory corrupt it. The lock is a
 * directory that the holder keeps touching; one left behind by a crashed process counts as stale after 10 s.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'tongxin.lock'),
      stale: 10_000,
      update: 2_000,
      realpath: false,
      onCompromised: (err) => {
        // Another process took the lock (we were frozen for longer than `stale`): stop before both write.
        console.error(`tongxin: lost the lock on ${dataDir}: ${err.message}`)
        process.exit(1)
      },
    })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir)
    throw err
  }
}
