import { spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openPGlite } from '../../src/db/connection.ts'
import { call, SERVER_DIR, seededDataDir, signIn, start, stop, tempDir } from './kit.ts'

/** `npm run backup|restore` as an operator runs it: its own process, the same environment variables. */
function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, DATABASE_URL: '', TONGXIN_SECRET: '', INIT_CWD: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d
  })
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d
  })
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  )
}

describe('backups of a running embedded server', () => {
  it('a scheduled backup on the first run; npm run backup through the control socket during heavy writes restores consistent and serves', async () => {
    const dir = await seededDataDir()
    const backups = await tempDir()
    const env = { TONGXIN_DEMO: '1', TONGXIN_JOB_INTERVAL_MS: '1000', TONGXIN_BACKUP_DIR: backups }
    const p = await start(dir, env)
    let server = p
    try {
      // No backup yet: the first run of the job takes one, verified by a child process.
      await p.waitFor(/"job":"ops\.backup","acted":1/)
      const scheduled = (await readdir(backups)).filter((n) => n.startsWith('tongxin-scheduled-'))
      expect(scheduled).toHaveLength(1)

      const admin = await signIn(p, 'admin', 'tongxin-demo')
      let writing = true
      let made = 0
      // Each park is three rows written in one transaction: the park, its history and its audit entry.
      const writer = (async () => {
        while (writing) {
          const res = await call(p, admin, '/api/parks', {
            method: 'POST',
            body: { areaCode: '310120002', name: `压力测试园区${made}` },
          })
          expect(res.status).toBe(201)
          made++
        }
      })()
      while (made < 5) await new Promise((r) => setTimeout(r, 50))
      const file = path.join(backups, 'during-writes.txbackup')
      const backup = await cli(['backup', '--out', file], { TONGXIN_DATA_DIR: dir })
      const madeDuring = made
      writing = false
      await writer
      expect(backup.stderr).toBe('')
      expect(backup.code).toBe(0)
      expect(backup.stdout).toMatch(/backup written to .*during-writes\.txbackup .*via server; verified/)
      expect(made).toBeGreaterThan(madeDuring - 1)
      await stop(p)

      // The record of both runs is in the source database, for the admins' page.
      const source = await openPGlite({ dataDir: path.join(dir, 'pgdata') })
      const runs = await source.db.selectFrom('backup_run').select(['kind', 'ok']).orderBy('id').execute()
      await source.close()
      expect(runs).toEqual([
        { kind: 'scheduled', ok: true },
        { kind: 'manual', ok: true },
      ])

      const fresh = await tempDir()
      const restore = await cli(['restore', file], { TONGXIN_DATA_DIR: fresh })
      expect(restore.stderr).toBe('')
      expect(restore.stdout).toMatch(/restored .* \(schema \d{4}_/)
      const restored = await openPGlite({ dataDir: path.join(fresh, 'pgdata') })
      try {
        const parks = (
          await restored.db.selectFrom('park').select('id').where('name', 'like', '压力测试园区%').execute()
        ).map((r) => String(r.id))
        const audited = (
          await restored.db
            .selectFrom('audit_log')
            .select('entity_ids')
            .where('action', '=', 'park.create')
            .execute()
        ).flatMap((r) => r.entity_ids)
        const history = (
          await restored.db
            .selectFrom('row_history')
            .select('entity_id')
            .where('entity', '=', 'park')
            .where('op', '=', 'create')
            .execute()
        ).map((r) => String(r.entity_id))
        // Taken between transactions: every park with its history and audit entry, none half-written.
        expect(parks.length).toBeGreaterThanOrEqual(5)
        expect(parks.length).toBeLessThanOrEqual(made)
        expect(new Set(audited)).toEqual(new Set(parks))
        expect(new Set(history.filter((id) => parks.includes(id)))).toEqual(new Set(parks))
        expect(history.filter((id) => !parks.includes(id)).length).toBe(history.length - parks.length)
      } finally {
        await restored.close()
      }

      // The restored directory, secret and all, serves the same accounts.
      server = await start(fresh, { TONGXIN_DEMO: '1', TONGXIN_BACKUP_EVERY_HOURS: '0' })
      const again = await signIn(server, 'admin', 'tongxin-demo')
      const parks = await call(server, again, '/api/parks?area=310120002')
      expect(parks.status).toBe(200)
      const names = (parks.json.items as Array<{ name: string }>).map((p) => p.name)
      expect(names.filter((n) => n.startsWith('压力测试园区')).length).toBeGreaterThanOrEqual(5)
    } finally {
      if (server.child.exitCode === null) await stop(server)
    }
  })
})
