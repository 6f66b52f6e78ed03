import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBook } from '../../src/modules/imports/test-kit.ts'
import {
  appModulesLoaded,
  call,
  freePort,
  launch,
  loginStatus,
  type Proc,
  type Session,
  START_BOUND_MS,
  seededDataDir,
  signIn,
  start,
  stop,
  tempDir,
  tryConnect,
} from './kit.ts'

/**
 * The real process: `node --import tsx src/main.ts` with its own data directory and port, the way an
 * operator runs it. Cases that share a data directory run in order (vitest runs a file's tests in sequence).
 * Only one case starts from an empty directory (the demo load, what `npm start` does the first time); the
 * others start from a copy of a migrated database, which is what a first start makes before its accounts.
 */

const GENERATED = /tongxin: created account "admin" with password (\S+) — change it after logging in\./g

describe('invalid configuration', () => {
  const cases: Array<{ name: string; env: Record<string, string>; says: RegExp[] }> = [
    {
      name: 'a port that is not a number',
      env: { PORT: 'abc' },
      says: [/PORT must be an integer between 0 and 65535 \(got "abc"\)/],
    },
    {
      name: 'a server database without a shared secret',
      // Unreachable on purpose: a process that got past validation would hang connecting, not exit.
      env: { DATABASE_URL: 'postgres://tongxin:x@10.255.255.1:5432/tongxin' },
      says: [/TONGXIN_SECRET is required with DATABASE_URL/],
    },
    {
      name: 'several problems at once',
      env: { TONGXIN_DEMO: 'yes', LOG_LEVEL: 'loud', TONGXIN_ADMIN_PASSWORD: 'short' },
      says: [
        /TONGXIN_DEMO must be 1 or 0 \(got "yes"\)/,
        /LOG_LEVEL must be one of/,
        /TONGXIN_ADMIN_PASSWORD must be at least 10 characters/,
      ],
    },
  ]
  it.concurrent.for(cases)(
    '$name: exits 1 at once with the problem on stderr, listens on nothing, writes nothing',
    async ({ env, says }, { expect }) => {
      const root = await tempDir()
      const dataDir = path.join(root, 'data')
      const port = await freePort()
      // PORT=abc overrides the port given here; the free port is still the one to check.
      const p = launch(dataDir, env, port)
      expect(await p.exit).toBe(1)
      // At once: it stopped before loading the app (what takes seconds), not merely before listening.
      expect(appModulesLoaded(p)).toEqual([])
      expect(p.stderr()).toMatch(/^tongxin: Invalid configuration:\n {2}- /)
      for (const re of says) expect(p.stderr()).toMatch(re)
      expect(p.stderr()).not.toMatch(/\n\s+at /) // a message, not a stack trace
      expect(p.stdout()).not.toMatch(/serving/)
      expect(await tryConnect(port)).toBe('ECONNREFUSED')
      expect(existsSync(dataDir)).toBe(false)
    },
  )
})

describe('first admin and the embedded secret (demo off)', () => {
  let dir: string
  let password: string
  let session: Session
  let secret: string

  it('first start prints a generated admin password once; it logs in; no known password exists', async () => {
    dir = await seededDataDir()
    const p = await start(dir, { TONGXIN_DEMO: '0' })
    try {
      const printed = [...p.stdout().matchAll(GENERATED)]
      expect(printed).toHaveLength(1)
      password = printed[0]![1]!
      expect(password.length).toBeGreaterThanOrEqual(16)
      expect(p.stdout()).not.toMatch(/demo data loaded/)
      session = await signIn(p, 'admin', password)
      expect((await call(p, session, '/api/auth/me')).status).toBe(200)
      expect(await loginStatus(p, 'admin', 'tongxin-demo')).toBe(401)
      expect(await loginStatus(p, 'member_demo', 'tongxin-demo')).toBe(401)
    } finally {
      await stop(p)
    }
    secret = (await readFile(path.join(dir, 'secret'), 'utf8')).trim()
    expect(secret.length).toBeGreaterThanOrEqual(32)
    expect(p.stdout() + p.stderr()).not.toContain(secret)
  })

  it('second start prints no password; the old password and the old session cookie still work', async () => {
    const p = await start(dir, { TONGXIN_DEMO: '0' })
    try {
      expect(p.stdout()).not.toMatch(/password/)
      // The session id is an HMAC of the cookie under the secret: it survives only if the secret was reused.
      const me = await call(p, session, '/api/auth/me')
      expect(me.status).toBe(200)
      expect(me.json).toMatchObject({ account: { username: 'admin' } })
      await signIn(p, 'admin', password)
    } finally {
      await stop(p)
    }
    expect((await readFile(path.join(dir, 'secret'), 'utf8')).trim()).toBe(secret)
  })

  it('with TONGXIN_ADMIN_PASSWORD that password works, none is printed, and the new directory gets its own secret', async () => {
    const other = await seededDataDir()
    const chosen = 'chosen-admin-password-42'
    const p = await start(other, { TONGXIN_DEMO: '0', TONGXIN_ADMIN_PASSWORD: chosen })
    try {
      expect(p.stdout()).not.toMatch(/password/)
      expect(p.stdout() + p.stderr()).not.toContain(chosen)
      const s = await signIn(p, 'admin', chosen)
      expect((await call(p, s, '/api/auth/me')).status).toBe(200)
      expect(await loginStatus(p, 'admin', 'tongxin-demo')).toBe(401)
    } finally {
      await stop(p)
    }
    const own = (await readFile(path.join(other, 'secret'), 'utf8')).trim()
    expect(own.length).toBeGreaterThanOrEqual(32)
    expect(own).not.toBe(secret)
  })
})

describe('demo data and graceful shutdown (embedded default: demo on)', () => {
  let dir: string
  let before: Record<string, unknown>
  let renamed: { id: number; name: string }
  let running: Proc
  const counts = (figures: Record<string, unknown>) => {
    const { asOf: _asOf, ...rest } = figures
    return rest
  }
  const buildingInput = (b: Record<string, unknown>, name: string) => ({
    version: b.version,
    areaCode: b.areaCode,
    parkId: b.parkId,
    name,
    address: b.address,
    floors: b.floors,
  })
  const buildingName = async (p: Proc, s: Session, id: number) =>
    ((await call(p, s, `/api/buildings/${id}`)).json.building as { name: string }).name

  it('loads the demo into the empty database; a restart after a change does not load it again', async () => {
    dir = await tempDir()
    const first = await start(dir)
    try {
      expect(first.stdout().match(/tongxin: demo data loaded/g)).toHaveLength(1)
      expect(first.stdout()).not.toMatch(GENERATED)
      const admin = await signIn(first, 'admin', 'tongxin-demo')
      const figures = await call(first, admin, '/api/coverage?area=310000')
      expect(figures.status).toBe(200)
      before = counts(figures.json)
      expect(before.buildings).toBeGreaterThan(0)
      expect(before.members).toBeGreaterThan(0)
      const list = await call(first, admin, '/api/buildings?limit=1')
      const b = (list.json.items as Array<Record<string, unknown>>)[0]!
      renamed = { id: b.id as number, name: `${b.name as string}（改名）` }
      const put = await call(first, admin, `/api/buildings/${b.id}`, {
        method: 'PUT',
        body: buildingInput(b, renamed.name),
      })
      expect(put.status, JSON.stringify(put.json)).toBe(200)
    } finally {
      await stop(first)
    }

    // debug: the next test waits for its requests' `incoming request` lines (info logs one line per request,
    // when it is answered).
    running = await start(dir, { LOG_LEVEL: 'debug' })
    expect(running.stdout()).not.toMatch(/demo data loaded/)
    const admin = await signIn(running, 'admin', 'tongxin-demo')
    const after = await call(running, admin, '/api/coverage?area=310000')
    expect(counts(after.json)).toEqual(before)
    expect(await buildingName(running, admin, renamed.id)).toBe(renamed.name)
  })

  it('SIGTERM finishes in-flight requests on kept-alive connections, refuses new connections, exits 0, keeps the write and releases the lock', async () => {
    const p = running
    const admin = await signIn(p, 'admin', 'tongxin-demo')
    const exportUrl = `${p.base}/api/exports/people?area=310000`
    const baseline = await fetch(exportUrl, { headers: { cookie: admin.cookie } })
    expect(baseline.status).toBe(200)
    const rowsOf = async (body: Uint8Array) => (await readBook(body)).worksheets[0]!.actualRowCount
    const baselineRows = await rowsOf(new Uint8Array(await baseline.arrayBuffer()))
    expect(baselineRows).toBeGreaterThan(100)

    // An update whose body arrives in two parts: the server holds it in flight until the test sends the rest,
    // so the overlap with the shutdown does not depend on timing. Its connection is kept alive, as a
    // browser's or a proxy's is.
    const current = (await call(p, admin, `/api/buildings/${renamed.id}`)).json.building as Record<
      string,
      unknown
    >
    const finalName = `${renamed.name}·停机前`
    const payload = Buffer.from(JSON.stringify(buildingInput(current, finalName)))
    const agent = new http.Agent({ keepAlive: true })
    let answered = false
    let rest = () => {}
    const cleanup: Array<() => void> = [() => agent.destroy()]
    const put = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${p.base}/api/buildings/${renamed.id}`,
        {
          method: 'PUT',
          agent,
          headers: {
            cookie: admin.cookie,
            'x-csrf-token': admin.csrf,
            'x-request-id': 'in-flight-put',
            'content-type': 'application/json',
            'content-length': String(payload.length),
          },
        },
        (res) => {
          let body = ''
          res.setEncoding('utf8').on('data', (d: string) => {
            body += d
          })
          res.on('end', () => {
            answered = true
            resolve({ status: res.statusCode!, body })
          })
        },
      )
      req.on('error', reject)
      req.write(payload.subarray(0, 20))
      cleanup.push(() => req.destroy())
      rest = () => req.end(payload.subarray(20))
    })
    try {
      await p.waitFor(/"reqId":"in-flight-put"[^\n]*"msg":"incoming request"/)
      const exported = fetch(exportUrl, {
        headers: { cookie: admin.cookie, 'x-request-id': 'in-flight-export' },
      }).then(async (res) => ({ status: res.status, body: new Uint8Array(await res.arrayBuffer()) }))
      await p.waitFor(/"reqId":"in-flight-export"[^\n]*"msg":"incoming request"/)

      p.child.kill('SIGTERM')
      await p.waitFor(/"msg":"shutting down: finishing in-flight requests"/)
      // The listener closes right after that line; how soon depends on the machine's load.
      let refused = ''
      for (const until = Date.now() + START_BOUND_MS; refused !== 'ECONNREFUSED' && Date.now() < until; ) {
        refused = await tryConnect(p.port)
        if (refused !== 'ECONNREFUSED') await new Promise((r) => setTimeout(r, 50))
      }
      expect(refused).toBe('ECONNREFUSED')
      expect(answered).toBe(false)
      expect(p.child.exitCode).toBeNull()

      rest()
      const res = await put
      expect(res.status, res.body).toBe(200)
      expect(JSON.parse(res.body)).toMatchObject({ id: renamed.id, name: finalName })
      const exportedRes = await exported
      expect(exportedRes.status).toBe(200)
      expect(await rowsOf(exportedRes.body)).toBe(baselineRows)

      // Not the 15 s forced exit, which exits with 1 and leaves the lock and the database open.
      expect(await p.exit).toBe(0)
      expect(p.stderr()).not.toMatch(/timed out/)
      const lines = p.stdout().split('\n')
      const shutdownAt = lines.findIndex((l) => l.includes('shutting down'))
      const putDoneAt = lines.findIndex(
        (l) => l.includes('"reqId":"in-flight-put"') && l.includes('"msg":"request completed"'),
      )
      expect(shutdownAt).toBeGreaterThan(-1)
      expect(putDoneAt).toBeGreaterThan(shutdownAt)
    } finally {
      for (const c of cleanup) c()
    }

    expect(existsSync(path.join(dir, 'tongxin.lock'))).toBe(false)
    // At once, well inside the lock's 10 s staleness: only a released lock lets this process start.
    const next = await start(dir)
    try {
      const health = await fetch(`${next.base}/api/health`)
      expect(await health.json()).toMatchObject({ status: 'ok', db: 'pglite' })
      expect(next.stdout()).not.toMatch(/demo data loaded/)
      const admin2 = await signIn(next, 'admin', 'tongxin-demo')
      expect(await buildingName(next, admin2, renamed.id)).toBe(finalName)
    } finally {
      await stop(next)
    }
  })
})
