import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../../test/helpers.ts'
import { scheduledBackup } from './schedule.ts'
import { serverUrl, tempDir } from './test-kit.ts'

const HOUR = 3_600_000

// Whole databases are dumped, loaded and reopened: minutes on a loaded machine (bounds, not deadlines).
describe('scheduled backups', () => {
  let t: TestApp
  let dir: string
  beforeAll(async () => {
    t = await startTestApp()
    dir = await tempDir()
    t.ctx.config = {
      ...t.ctx.config,
      ops: { ...t.ctx.config.ops, backupDir: dir, backupKeep: 2, backupEveryHours: 24 },
    }
  })
  afterAll(() => t.close())

  it.skipIf(!serverUrl)('are the operator’s on PostgreSQL: the job does nothing', async () => {
    expect(await scheduledBackup(t.ctx)).toBeNull()
    expect(await readdir(dir)).toEqual([])
  })

  it.skipIf(serverUrl)(
    'run when due, keep the newest N, retry a failure within the hour',
    { timeout: 300_000 },
    async () => {
      // What a run killed mid-write (a shutdown past its 15 s) leaves behind is cleared by the next one.
      await writeFile(
        path.join(dir, '.tongxin-scheduled-2026-01-01T00-00-00Z.txbackup.partial-0a1b2c3d'),
        'x',
      )
      const first = await scheduledBackup(t.ctx)
      expect(first?.header.engine).toBe('pglite')
      // Not due again for 24 hours.
      t.clock.advance(23 * HOUR)
      expect(await scheduledBackup(t.ctx)).toBeNull()
      for (let i = 0; i < 2; i++) {
        t.clock.advance(25 * HOUR)
        expect(await scheduledBackup(t.ctx)).not.toBeNull()
      }
      const kept = (await readdir(dir)).sort()
      expect(kept.some((n) => n.includes('.partial-'))).toBe(false)
      expect(kept).toHaveLength(2)
      expect(kept.every((n) => /^tongxin-scheduled-.*\.txbackup$/.test(n))).toBe(true)
      expect(kept).not.toContain(path.basename(first!.file))

      // A target that cannot be written: recorded and thrown (logged as an error), tried again after an hour.
      const blocker = path.join(dir, 'not-a-dir')
      await writeFile(blocker, 'x')
      t.ctx.config = { ...t.ctx.config, ops: { ...t.ctx.config.ops, backupDir: path.join(blocker, 'b') } }
      t.clock.advance(25 * HOUR)
      await expect(scheduledBackup(t.ctx)).rejects.toThrow(
        /scheduled backup to .* failed: Cannot write backups/,
      )
      t.clock.advance(HOUR / 2)
      expect(await scheduledBackup(t.ctx)).toBeNull()
      t.clock.advance(HOUR / 2)
      await expect(scheduledBackup(t.ctx)).rejects.toThrow(/failed/)
      const runs = await t.ctx.db.selectFrom('backup_run').select(['ok', 'error']).orderBy('id').execute()
      expect(runs.map((r) => r.ok)).toEqual([true, true, true, false, false])
      expect(runs[3]!.error).toMatch(/Cannot write backups to .*not-a-dir/)
    },
  )
})
