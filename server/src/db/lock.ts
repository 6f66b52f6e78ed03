import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import lockfile from 'proper-lockfile'

/** Who holds the lock, written beside it so that the next process can tell a crashed holder from a live one. */
export interface LockHolder {
  pid: number
  hostname: string
  startedAt: string
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null = null,
    why = '',
  ) {
    const who = holder ? ` (pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt})` : ''
    super(
      `The data directory ${dataDir} is in use by another tongxin process${who}${why}. ` +
        'The embedded database allows one process at a time: stop the other one, or set TONGXIN_DATA_DIR ' +
        'to another directory, or run several instances against a PostgreSQL server (DATABASE_URL).',
    )
    this.name = 'DataDirLockedError'
  }
}

export interface LockOptions {
  /** How long to wait for a lock whose holder is not known to be running; 0 refuses at once. */
  waitMs?: number
  /** Where the lines saying that this process waits, and why, go. */
  say?: (line: string) => void
  /** After how long untouched a lock counts as abandoned (tests shorten it). */
  staleMs?: number
}

const STALE_MS = 10_000
const POLL_MS = 250
const lockPath = (dataDir: string) => path.join(dataDir, 'tongxin.lock')
const holderPath = (dataDir: string) => path.join(dataDir, 'tongxin.lock.json')
/** Locks this process holds: a record naming this pid is then a live holder, not an earlier incarnation. */
const heldHere = new Set<string>()

async function readHolder(dataDir: string): Promise<LockHolder | null> {
  try {
    const h = JSON.parse(await readFile(holderPath(dataDir), 'utf8')) as Partial<LockHolder>
    if (typeof h.pid !== 'number' || typeof h.hostname !== 'string') return null
    return { pid: h.pid, hostname: h.hostname, startedAt: String(h.startedAt ?? '?') }
  } catch {
    return null
  }
}

/** The lock's last touch, or null when it is gone. */
async function touchedAt(dataDir: string): Promise<number | null> {
  try {
    return (await stat(lockPath(dataDir))).mtimeMs
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/**
 * true: a process with the holder's pid runs on this machine. false: none does. null: this process cannot
 * tell (another host, no record, or the pid is this process's own — a container restarted with the same
 * pid). A reused pid reads as running: the process then refuses, as it would have without the record.
 */
function holderRunning(dataDir: string, holder: LockHolder | null): boolean | null {
  if (!holder || holder.hostname !== os.hostname()) return null
  if (holder.pid === process.pid) return heldHere.has(dataDir) ? true : null
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const holderText = (holder: LockHolder | null, running: boolean | null) => {
  if (!holder) return 'a process that left no record of itself'
  const who = `pid ${holder.pid} on ${holder.hostname} (started ${holder.startedAt})`
  return running === false ? `${who}, which is no longer running` : `${who}, which this process cannot check`
}

/**
 * PGlite has no lock of its own, and two processes writing one data directory corrupt it. The lock is a
 * directory that the holder touches every 2 s; one left untouched for 10 s is abandoned and may be taken over.
 * A process that finds the lock held refuses at once if the holder still runs. Otherwise (the holder crashed
 * a moment ago, or runs where this process cannot see it) it says so and waits, at most `waitMs`: if the
 * lock goes stale it takes it over, if the holder touches it meanwhile the holder is alive and it refuses.
 */
export async function lockDataDir(dataDir: string, opts: LockOptions = {}): Promise<() => Promise<void>> {
  const { waitMs = 60_000, say = () => {}, staleMs = STALE_MS } = opts
  await mkdir(dataDir, { recursive: true })
  const began = Date.now()
  // What was there before the first attempt: a lock proper-lockfile takes over at once was abandoned.
  const found = { holder: await readHolder(dataDir), at: await touchedAt(dataDir) }
  let watched: { at: number; holder: LockHolder | null } | null = null
  for (;;) {
    let release: () => Promise<void>
    try {
      release = await lockfile.lock(dataDir, {
        lockfilePath: lockPath(dataDir),
        stale: staleMs,
        update: Math.min(2_000, staleMs / 2),
        realpath: false,
        onCompromised: (err) => {
          // Another process took the lock (we were frozen for longer than `stale`): stop before both write.
          console.error(`tongxin: lost the lock on ${dataDir}: ${err.message}`)
          process.exit(1)
        },
      })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err
      const holder = await readHolder(dataDir)
      const at = await touchedAt(dataDir)
      if (at === null) continue // released meanwhile: try again at once
      const running = holderRunning(dataDir, holder)
      if (running === true) throw new DataDirLockedError(dataDir, holder)
      if (watched && at > watched.at) {
        throw new DataDirLockedError(dataDir, holder, ', which touched its lock while this process waited')
      }
      const waited = Date.now() - began
      if (waited >= waitMs) {
        throw new DataDirLockedError(
          dataDir,
          holder,
          waitMs > 0 ? `; its lock was neither released nor abandoned within ${waitMs / 1000} s` : '',
        )
      }
      if (!watched) {
        const ago = Math.max(0, (Date.now() - at) / 1000).toFixed(1)
        say(
          `tongxin: waiting for the lock on ${dataDir}: it is held by ${holderText(holder, running)}; ` +
            `last touched ${ago} s ago. It is taken over once untouched for ${staleMs / 1000} s ` +
            `(giving up after ${waitMs / 1000} s, TONGXIN_LOCK_WAIT_SECONDS).`,
        )
      }
      watched = { at, holder }
      await sleep(Math.min(POLL_MS, waitMs - waited))
      continue
    }
    const who = (h: LockHolder | null) => (h ? `pid ${h.pid}` : 'a process that left no record')
    if (watched) {
      const waited = ((Date.now() - began) / 1000).toFixed(1)
      say(`tongxin: took over the abandoned lock of ${who(watched.holder)} after waiting ${waited} s.`)
    } else if (found.at !== null && began - found.at >= staleMs) {
      const untouched = ((began - found.at) / 1000).toFixed(1)
      say(`tongxin: took over the abandoned lock of ${who(found.holder)} (untouched for ${untouched} s).`)
    }
    heldHere.add(dataDir)
    const holder: LockHolder = {
      pid: process.pid,
      hostname: os.hostname(),
      startedAt: new Date().toISOString(),
    }
    await writeFile(holderPath(dataDir), `${JSON.stringify(holder)}\n`)
    return async () => {
      heldHere.delete(dataDir)
      await rm(holderPath(dataDir), { force: true })
      await release()
    }
  }
}
