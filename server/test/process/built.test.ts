import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { rm, utimes } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { call, freePort, launch, SERVER_DIR, SERVING, seededDataDir, signIn, stop } from './kit.ts'

const run = promisify(execFile)
const PASSWORD = 'built-admin-password'
// Inside server/, so that the bundle's imports of dependencies resolve from node_modules as `npm start`'s do.
const OUT = path.join(SERVER_DIR, '.tmp', `build-test-${process.pid}`)
afterAll(() => rm(OUT, { recursive: true, force: true }))

const build = async (...args: string[]) =>
  (await run(process.execPath, ['scripts/build.mjs', '--outdir', OUT, ...args], { cwd: SERVER_DIR })).stdout

describe('the built server (what `npm start` runs)', () => {
  it('is rebuilt only when a source changed, and serves from the files next to the sources', async () => {
    expect(await build('--force')).toMatch(/server: built .* \(forced\)/)
    expect(await build()).toMatch(/server: reusing the build/)
    // A source whose time moved back (an unpacked release can carry older times than the build) still counts.
    const main = path.join(SERVER_DIR, 'src/main.ts')
    const { atime, mtime } = statSync(main)
    await utimes(main, atime, new Date(mtime.getTime() - 3_600_000))
    try {
      expect(await build()).toMatch(/server: built .* \(src\/main\.ts changed\)/)
    } finally {
      await utimes(main, atime, mtime)
    }
    expect(await build()).toMatch(/server: built .* \(src\/main\.ts changed\)/)
    expect(await build()).toMatch(/server: reusing the build/)

    const dir = await seededDataDir()
    const p = launch(
      dir,
      { TONGXIN_DEMO: '0', TONGXIN_ADMIN_PASSWORD: PASSWORD },
      await freePort(),
      path.join(OUT, 'main.mjs'),
    )
    await p.waitFor(SERVING)
    try {
      // It found db/migrations (the start compares them with the database) and the areas package (its seed
      // check reads the package's version), both located from their modules' sources.
      const latest = readdirSync(path.join(SERVER_DIR, '../db/migrations'))
        .filter((f) => f.endsWith('.sql'))
        .sort()
        .at(-1)!
        .replace(/\.sql$/, '')
      expect(await (await fetch(`${p.base}/api/health`)).json()).toMatchObject({ migration: latest })
      const ready = await fetch(`${p.base}/api/ready`)
      expect(await ready.json()).toMatchObject({ checks: { migrations: 'ok' } })
      const admin = await signIn(p, 'admin', PASSWORD)
      expect((await call(p, admin, '/api/auth/me')).json).toMatchObject({ account: { username: 'admin' } })
      // web/dist, located the same way.
      const page = await fetch(`${p.base}/`)
      if (existsSync(path.join(SERVER_DIR, '../web/dist/index.html'))) {
        expect(page.status).toBe(200)
        expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      } else {
        expect(page.status).toBe(503)
      }
    } finally {
      await stop(p)
    }
    // No TypeScript source was loaded: the process ran the bundle alone (no tsx). The log is written only when
    // a module of server/src is resolved (the tsx processes of the other tests show it does), so none is none.
    const loaded = existsSync(p.moduleLog) ? readFileSync(p.moduleLog, 'utf8') : ''
    expect(loaded).not.toMatch(/\/server\/src\//)
  })
})
