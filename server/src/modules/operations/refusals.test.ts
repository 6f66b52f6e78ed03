import { execFileSync } from 'node:child_process'
import { mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, testConfig } from '../../../test/helpers.ts'
import { TEST_SECRET } from '../../../test/template.ts'
import type { Config } from '../../config.ts'
import { type Database, openPGlite, openPostgres } from '../../db/connection.ts'
import { lockDataDir } from '../../db/lock.ts'
import { embeddedBackupBytes } from './backup-embedded.ts'
import {
  type BackupHeader,
  encodeBackup,
  OpsError,
  payloadStream,
  readBackupInfo,
  writeBackup,
} from './backup-file.ts'
import { backupCommand, restoreCommand, verifyBackup } from './commands.ts'
import { serverDatabase, serverUrl, tableChecksums, tempDir } from './test-kit.ts'

/** The error code a promise rejects with (an OpsError), and its message. */
async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(OpsError)
  return { code: (err as OpsError).code, message: (err as OpsError).message }
}

let source: Database
let sourceUrl: string | null = null
let good: string
let dir: string

/** The same backup with its header changed (a newer release's, another engine's). */
async function withHeader(change: (h: BackupHeader) => BackupHeader, name: string) {
  const info = await readBackupInfo(good)
  const file = path.join(dir, name)
  await writeBackup(file, () =>
    encodeBackup(async () => ({ header: change(info.header), payload: payloadStream(info) })),
  )
  return file
}

const config = (over: Partial<Config>) =>
  serverUrl ? testConfig({ secret: TEST_SECRET, ...over }) : testConfig({ secret: null, ...over })

/** A target that already holds a database, and a way to tell it was left alone. */
async function occupiedTarget() {
  if (serverUrl) {
    const url = await serverDatabase(true)
    const open = async () => openPostgres(url, 1)
    return { config: config({ databaseUrl: url }), open }
  }
  const dataDir = await tempDir()
  await restoreCommand(config({ dataDir }), good)
  const open = async () => openPGlite({ dataDir: path.join(dataDir, 'pgdata') })
  return { config: config({ dataDir }), open }
}

async function sums(open: () => Promise<Database>) {
  const db = await open()
  try {
    return await tableChecksums(db)
  } finally {
    await db.close()
  }
}

beforeAll(async () => {
  dir = await tempDir()
  good = path.join(dir, 'good.txbackup')
  if (serverUrl) {
    sourceUrl = await serverDatabase(true)
    source = await openPostgres(sourceUrl, 1)
    await backupCommand(config({ databaseUrl: sourceUrl }), { out: good })
  } else {
    source = await openTestDatabase()
    await writeBackup(good, () =>
      embeddedBackupBytes(source, { secret: TEST_SECRET, carry: true }, new Date()),
    )
  }
})
afterAll(() => source.close())

const fresh = async () =>
  serverUrl ? config({ databaseUrl: await serverDatabase(false) }) : config({ dataDir: await tempDir() })

// Whole databases are dumped, loaded and reopened: minutes on a loaded machine (bounds, not deadlines).
describe('restore refuses what it cannot take back, and changes nothing', () => {
  it('a file that is not a backup, a truncated one and one with a changed byte', async () => {
    const target = await fresh()
    const foreign = path.join(dir, 'foreign.xlsx')
    await writeFile(foreign, 'PK\u0003\u0004 not a backup at all')
    expect(await refusal(restoreCommand(target, foreign))).toMatchObject({
      code: 'backup_foreign',
      message: expect.stringContaining('is not a tongxin backup'),
    })

    const bytes = await readFile(good)
    const cut = path.join(dir, 'cut.txbackup')
    await writeFile(cut, bytes)
    await truncate(cut, bytes.length - 200)
    expect(await refusal(restoreCommand(target, cut))).toMatchObject({
      code: 'backup_truncated',
      message: expect.stringContaining('incomplete or damaged'),
    })
    const half = path.join(dir, 'half.txbackup')
    await writeFile(half, bytes.subarray(0, Math.floor(bytes.length / 2)))
    expect((await refusal(restoreCommand(target, half))).code).toBe('backup_truncated')

    const flipped = Buffer.from(bytes)
    const at = Math.floor(flipped.length / 2)
    flipped[at] = flipped[at]! ^ 0xff
    const bad = path.join(dir, 'flipped.txbackup')
    await writeFile(bad, flipped)
    expect(await refusal(restoreCommand(target, bad))).toMatchObject({
      code: 'backup_truncated',
      message: expect.stringContaining('do not match their checksum'),
    })
    await expectUntouched(target)
  })

  it('a backup whose checksum holds but whose data is not a database', async () => {
    const target = await fresh()
    const info = await readBackupInfo(good)
    const forged = async (name: string, payload: Buffer) => {
      const file = path.join(dir, name)
      await writeBackup(file, () =>
        encodeBackup(async () => ({ header: info.header, payload: Readable.from([payload]) })),
      )
      return file
    }
    const files = [
      await forged('not-compressed.txbackup', Buffer.from('not compressed, not a database '.repeat(40))),
      await forged(
        'not-an-archive.txbackup',
        gzipSync(Buffer.from('compressed, but no archive in it '.repeat(40))),
      ),
    ]
    for (const file of files) {
      expect((await refusal(verifyBackup(file, target.ops.pgBin))).code).toBe('backup_truncated')
      expect((await refusal(restoreCommand(target, file))).code).toBe(
        serverUrl ? 'restore_failed' : 'backup_truncated',
      )
    }
    await expectUntouched(target)
  })

  it('a backup from a newer schema, from the other engine, or under another secret', async () => {
    const target = await fresh()
    const newer = await withHeader(
      (h) => ({ ...h, migrations: [...h.migrations, '9999_from_the_future'] }),
      'newer.txbackup',
    )
    expect(await refusal(restoreCommand(target, newer))).toMatchObject({
      code: 'backup_newer_schema',
      message: expect.stringContaining('9999_from_the_future'),
    })
    const other = serverUrl ? 'pglite' : 'postgres'
    const wrong = await withHeader((h) => ({ ...h, engine: other }), 'engine.txbackup')
    expect((await refusal(restoreCommand(target, wrong))).code).toBe('backup_wrong_engine')
    const otherSecret = { ...target, secret: 'another-secret-another-secret-another-secret' }
    expect(await refusal(restoreCommand(otherSecret, good))).toMatchObject({
      code: 'backup_secret_mismatch',
      message: expect.stringContaining('TONGXIN_SECRET'),
    })
    await expectUntouched(target)
  })

  it('a target that holds a database needs --force; with it the backup replaces it', {
    timeout: 300_000,
  }, async () => {
    const target = await occupiedTarget()
    const db = await target.open()
    await db.db.insertInto('waste_miss').values({ query: '只在目标库里' }).execute()
    await db.close()
    const before = await sums(target.open)
    expect(await refusal(restoreCommand(target.config, good))).toMatchObject({
      code: 'restore_not_empty',
      message: expect.stringContaining('--force'),
    })
    expect(await sums(target.open)).toEqual(before)

    const { notes } = await restoreCommand(target.config, good, { force: true })
    // backup_run differs on PostgreSQL: the source recorded the backup after its snapshot.
    const { backup_run: _restored, ...restored } = await sums(target.open)
    const { backup_run: _source, ...expected } = await tableChecksums(source)
    expect(restored).toEqual(expected)
    if (!serverUrl) {
      // The replaced database is kept beside, not deleted.
      expect(notes[0]).toMatch(/kept at .*pgdata\.replaced-/)
      const kept = (await readdir(target.config.dataDir)).filter((n) => n.startsWith('pgdata.replaced-'))
      expect(kept).toHaveLength(1)
    }
  })

  it.skipIf(serverUrl)('a data directory a server holds is not restored into', async () => {
    const dataDir = await tempDir()
    const unlock = await lockDataDir(dataDir, { waitMs: 0 })
    try {
      expect(await refusal(restoreCommand(config({ dataDir }), good))).toMatchObject({
        code: 'restore_server_running',
        message: expect.stringContaining('Stop the server'),
      })
      expect(await readdir(dataDir)).not.toContain('pgdata')
    } finally {
      await unlock()
    }
  })
})

describe('backup targets', () => {
  const backupConfig = async () => {
    if (serverUrl) return config({ databaseUrl: sourceUrl! })
    const dataDir = await tempDir()
    await restoreCommand(config({ dataDir }), good)
    return config({ dataDir })
  }

  it('a target that cannot be written is named, and nothing is left behind', {
    timeout: 300_000,
  }, async () => {
    const c = await backupConfig()
    const blocker = path.join(dir, 'a-file')
    await writeFile(blocker, 'x')
    expect(await refusal(backupCommand(c, { out: path.join(blocker, 'sub', 'b.txbackup') }))).toMatchObject({
      code: 'backup_target_unwritable',
      message: expect.stringContaining(blocker),
    })
    // An existing file is not overwritten.
    expect((await refusal(backupCommand(c, { out: good }))).code).toBe('backup_exists')
  })

  it('a full disk: a clear error and no partial file', async (ctx) => {
    const mnt = path.join(await tempDir(), 'small')
    await mkdir(mnt)
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' })
    } catch {
      ctx.skip('cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN)')
    }
    try {
      const c = await backupConfig()
      expect(await refusal(backupCommand(c, { out: `${mnt}/` }))).toMatchObject({
        code: 'backup_disk_full',
        message: expect.stringContaining('is full'),
      })
      expect(await readdir(mnt)).toEqual([])
    } finally {
      execFileSync('umount', [mnt])
    }
  })
})

async function expectUntouched(target: Config) {
  if (serverUrl) {
    const db = await openPostgres(target.databaseUrl!, 1)
    try {
      expect(await tableChecksums(db)).toEqual({})
    } finally {
      await db.close()
    }
  } else {
    expect(await readdir(target.dataDir).catch(() => [])).toEqual([])
  }
}
