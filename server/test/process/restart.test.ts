import { utimes } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { call, freePort, launch, seededDataDir, signIn, start, stop } from './kit.ts'

const PASSWORD = 'restart-admin-password'
const env = { TONGXIN_DEMO: '0', TONGXIN_ADMIN_PASSWORD: PASSWORD }

describe('restart right after a crash (embedded)', () => {
  it('waits for the lock the killed process left, says so, takes it over and serves; a second live process is still refused', async () => {
    const dir = await seededDataDir()
    const crashed = await start(dir, env)
    const session = await signIn(crashed, 'admin', PASSWORD)
    crashed.child.kill('SIGKILL')
    await crashed.exit
    // The worst case: it died right after touching its lock (it does every 2 s), so the lock is fresh.
    const now = new Date()
    await utimes(path.join(dir, 'tongxin.lock'), now, now)

    const next = await start(dir, env)
    try {
      const pid = crashed.child.pid
      // It reaches the lock before loading the app, well inside the 10 s the lock needs to go stale, so it
      // waits; a machine loaded enough to take longer than that finds the lock abandoned and says that instead.
      const took = next.stdout().match(new RegExp(`tongxin: took over the abandoned lock of pid ${pid} (.*)`))
      expect(took, next.stdout()).not.toBeNull()
      if (took![1]!.startsWith('after waiting')) {
        expect(next.stdout()).toMatch(
          new RegExp(
            `tongxin: waiting for the lock on .*: it is held by pid ${pid} on .*, which is no longer running`,
          ),
        )
      } else {
        expect(took![1]).toMatch(/^\(untouched for \d+\.\d s\)/)
      }
      expect(next.stdout().indexOf('took over')).toBeLessThan(next.stdout().indexOf('serving'))
      // The database came back from the crash with what was committed: the session made before it.
      expect((await call(next, session, '/api/auth/me')).json).toMatchObject({
        account: { username: 'admin' },
      })

      const second = launch(dir, env, await freePort())
      expect(await second.exit).toBe(1)
      expect(second.stderr()).toMatch(
        new RegExp(
          `tongxin: The data directory .* is in use by another tongxin process \\(pid ${next.child.pid} on `,
        ),
      )
      expect(second.stdout()).not.toMatch(/waiting for the lock/)
    } finally {
      await stop(next)
    }
  })
})
