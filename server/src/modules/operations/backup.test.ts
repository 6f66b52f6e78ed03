import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, startTestApp, type TestApp, testConfig } from '../../../test/helpers.ts'
import { TEST_SECRET } from '../../../test/template.ts'
import { type Database, openPGlite, openPostgres } from '../../db/connection.ts'
import { embeddedBackupBytes } from './backup-embedded.ts'
import { writeBackup } from './backup-file.ts'
import { backupCommand, restoreCommand, verifyBackup } from './commands.ts'
import { serverDatabase, serverUrl, tableChecksums, tempDir } from './test-kit.ts'

/** Changes of every kind after the demo load: inserts through the API, an update and a delete in SQL. */
async function changeData(t: { app: TestApp['app'] } | null, database: Database) {
  if (t) {
    const admin = await login(t.app, 'admin')
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?limit=5', headers: admin.headers })
    expect(res.statusCode).toBe(200)
  }
  await sql`UPDATE building SET name = name || '（备份测试）' WHERE id = (SELECT min(id) FROM building)`.execute(
    database.db,
  )
  await sql`INSERT INTO waste_miss (query, count) VALUES ('备份测试物品', 3)`.execute(database.db)
  await sql`DELETE FROM waste_miss WHERE query <> '备份测试物品'`.execute(database.db)
  await sql`INSERT INTO audit_log (action, detail) VALUES ('ops.test', '{"k":"值"}')`.execute(database.db)
}

describe.skipIf(serverUrl)('backup and restore, embedded', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(() => t.close())

  it('a backup of the running database restores into a fresh directory with every table identical, twice over', {
    timeout: 300_000,
  }, async () => {
    await changeData(t, t.ctx.database)
    const before = await tableChecksums(t.ctx.database)
    expect(before.building!.rows).toBeGreaterThan(0)
    expect(before.audit_log!.rows).toBeGreaterThan(0)

    const dir = await tempDir()
    const file = path.join(dir, 'first.txbackup')
    await writeBackup(file, () =>
      embeddedBackupBytes(t.ctx.database, { secret: TEST_SECRET, carry: true }, new Date()),
    )
    const info = await verifyBackup(file, null)
    expect(info.header).toMatchObject({ engine: 'pglite', secret: TEST_SECRET })
    expect(info.header.migrations.at(-1)).toMatch(/^\d{4}_/)

    const first = path.join(dir, 'restored-1')
    const { notes } = await restoreCommand(testConfig({ dataDir: first, secret: null }), file)
    expect(notes).toEqual([])
    // The secret the ID numbers are encrypted under comes along.
    expect((await readFile(path.join(first, 'secret'), 'utf8')).trim()).toBe(TEST_SECRET)
    const restored = await openPGlite({ dataDir: path.join(first, 'pgdata') })
    try {
      expect(await tableChecksums(restored)).toEqual(before)
    } finally {
      await restored.close()
    }

    // With no server running, `npm run backup` opens the data directory itself (under its lock).
    const config = testConfig({ dataDir: first, secret: null })
    const second = await backupCommand(config, { out: `${dir}/` })
    expect(second.via).toBe('data-dir')
    const again = path.join(dir, 'restored-2')
    await restoreCommand(testConfig({ dataDir: again, secret: null }), second.info.file)
    const twice = await openPGlite({ dataDir: path.join(again, 'pgdata') })
    try {
      const sums = await tableChecksums(twice, ['backup_run'])
      const { backup_run: _, ...expected } = before
      expect(sums).toEqual(expected)
      // The run was recorded after the snapshot: in the source, not in its own backup.
      expect((await tableChecksums(twice)).backup_run!.rows).toBe(0)
    } finally {
      await twice.close()
    }
  })
})

describe.skipIf(!serverUrl)('backup and restore, PostgreSQL', () => {
  it('pg_dump in an exported snapshot restores into an empty database with every table identical', {
    timeout: 300_000,
  }, async () => {
    const url = await serverDatabase(true)
    const source = await openPostgres(url, 2)
    try {
      await changeData(null, source)
      const before = await tableChecksums(source, ['backup_run'])
      const dir = await tempDir()
      const config = testConfig({ databaseUrl: url, secret: TEST_SECRET })
      const { info, via } = await backupCommand(config, { out: path.join(dir, 'pg.txbackup') })
      expect(via).toBe('pg_dump')
      expect(info.header).toMatchObject({ engine: 'postgres', payload: 'pg_dump-custom' })
      expect(info.header.secret).toBeUndefined()
      const runs = await source.db.selectFrom('backup_run').selectAll().execute()
      expect(runs).toMatchObject([{ ok: true, kind: 'manual', engine: 'postgres', file: info.file }])

      const target = await serverDatabase(false)
      await restoreCommand(testConfig({ databaseUrl: target, secret: TEST_SECRET }), info.file)
      const restored = await openPostgres(target, 1)
      try {
        const after = await tableChecksums(restored, ['backup_run'])
        expect(after).toEqual(before)
        expect((await tableChecksums(restored)).backup_run!.rows).toBe(0)
      } finally {
        await restored.close()
      }
    } finally {
      await source.close()
    }
  })
})
