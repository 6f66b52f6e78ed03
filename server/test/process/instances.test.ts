import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../../src/db/migrate.ts'
import { usccWithCheck } from '../../src/lib/ids.ts'
import {
  call,
  freePort,
  launch,
  type Proc,
  SERVING,
  type Session,
  START_BOUND_MS,
  signIn,
  stop,
  tempDir,
} from './kit.ts'

/**
 * README promises any number of stateless instances on one PostgreSQL database. Two real server processes
 * on one fresh database, started at the same moment, with their background jobs every 250 ms so that they
 * sweep side by side.
 */
const serverUrl = process.env.TEST_DATABASE_URL
const SECRET = 'instances-secret-instances-secret-0123456789'
const DEMO_PASSWORD = 'tongxin-demo'
const FENGPU = '310120002'

let dbUrl: string
let dbName: string
let sql: pg.Client
let a: Proc
let b: Proc

async function startTogether(): Promise<[Proc, Proc]> {
  const env = {
    DATABASE_URL: dbUrl,
    TONGXIN_SECRET: SECRET,
    TONGXIN_DEMO: '1',
    TONGXIN_JOB_INTERVAL_MS: '250',
    LOG_LEVEL: 'debug',
  }
  const [pa, pb] = [await freePort(), await freePort()]
  const procs: [Proc, Proc] = [launch(await tempDir(), env, pa), launch(await tempDir(), env, pb)]
  await Promise.all(procs.map((p) => p.waitFor(SERVING)))
  return procs
}

const q = async <R extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await sql.query<R>(text, params)).rows

/** The pino lines of a process (its stdout also carries a few plain `tongxin:` lines). */
const logLines = (p: Proc) =>
  p
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)

/** Per job: how many runs each process has logged, and how many rows they said they acted on. */
function sweeps(p: Proc) {
  const byJob = new Map<string, { runs: number; acted: number }>()
  for (const l of logLines(p)) {
    if (l.msg !== 'background job ran') continue
    const s = byJob.get(l.job as string) ?? { runs: 0, acted: 0 }
    s.runs++
    s.acted += (l.acted as number | undefined) ?? 0
    byJob.set(l.job as string, s)
  }
  return byJob
}

/** Waits until every named job has run at least `more` more times on each process than in `since`. */
async function bothSweep(jobs: string[], since: Array<ReturnType<typeof sweeps>>, more: number) {
  const until = Date.now() + START_BOUND_MS
  for (;;) {
    const now = [sweeps(a), sweeps(b)]
    const behind = jobs.filter((j) =>
      now.some((s, i) => (s.get(j)?.runs ?? 0) < (since[i]!.get(j)?.runs ?? 0) + more),
    )
    if (behind.length === 0) return now
    if (Date.now() > until) throw new Error(`not swept on both instances: ${behind.join(', ')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const actedTotal = (s: Array<ReturnType<typeof sweeps>>, job: string) =>
  s.reduce((n, m) => n + (m.get(job)?.acted ?? 0), 0)

async function send(p: Proc, s: Session, method: string, url: string, body?: unknown) {
  const res = await call(p, s, url, { method, body })
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(res.json)}`)
  return res.json
}

describe.runIf(serverUrl)('two instances on one PostgreSQL database', () => {
  beforeAll(async () => {
    dbName = `tongxin_inst_${randomBytes(5).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${dbName}`)
    await admin.end()
    const url = new URL(serverUrl!)
    url.pathname = `/${dbName}`
    dbUrl = url.toString()
    sql = new pg.Client({ connectionString: dbUrl })
    await sql.connect()
  })

  afterAll(async () => {
    await sql?.end()
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  })

  it('start together on an empty database: one applies the migrations, one loads the demo, both serve', async () => {
    ;[a, b] = await startTogether()
    const ready = [a, b].map((p) => logLines(p).find((l) => l.msg === 'database ready')!)
    const migrations = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_.*\.sql$/.test(f)).length
    // The advisory lock: one applied them all, the other waited and found nothing left to do.
    expect(ready.map((r) => (r.applied as string[]).length).sort((x, y) => x - y)).toEqual([0, migrations])
    expect(await q('SELECT name FROM schema_migration')).toHaveLength(migrations)
    const loaded = [a, b].filter((p) => /tongxin: demo data loaded/.test(p.stdout()))
    expect(loaded).toHaveLength(1)
    expect(await q("SELECT count(*)::int AS n FROM account WHERE username = 'admin'")).toEqual([{ n: 1 }])
    for (const p of [a, b]) expect(p.stderr()).not.toMatch(/error/i)
  })

  it('a session made on one works on the other, CSRF included; a logout on one ends it on both', async () => {
    const s = await signIn(a, 'admin', DEMO_PASSWORD)
    expect((await call(b, s, '/api/auth/me')).json).toMatchObject({ account: { username: 'admin' } })
    // An unsafe request on B with A's session: refused without its CSRF token, done with it.
    const unit = {
      uscc: usccWithCheck('91310120MC0000001'),
      name: '跨实例测试单位',
      kind: 'private',
      areaCode: FENGPU,
      buildingId: null,
    }
    const bare = await fetch(`${b.base}/api/units`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(unit),
    })
    expect(bare.status).toBe(403)
    expect((await call(b, s, '/api/units', { method: 'POST', body: unit })).status).toBe(201)

    expect((await call(b, s, '/api/auth/logout', { method: 'POST' })).status).toBe(200)
    for (const p of [a, b]) expect((await call(p, s, '/api/auth/me')).status).toBe(401)
  })

  it('a role revoked and then the account disabled on one are refused on the other, which had them cached', async () => {
    const admin = await signIn(a, 'admin', DEMO_PASSWORD)
    const created = await send(a, admin, 'POST', '/api/accounts', {
      username: 'instance_revoked',
      displayName: '跨实例撤销',
      password: 'cross-instance-revoke-42',
      grants: [
        { role: 'member', scopeType: 'area', scopeId: FENGPU },
        { role: 'street_admin', scopeType: 'area', scopeId: FENGPU },
      ],
    })
    const s = await signIn(b, 'instance_revoked', 'cross-instance-revoke-42')
    const units = () => call(b, s, `/api/units?area=${FENGPU}&limit=5`)
    expect((await units()).status).toBe(200)
    expect((await units()).status).toBe(200)
    // Polled: how soon is a figure for bench/, not a claim here; the bound only keeps a broken path from hanging.
    const until = async (status: number, ask: () => Promise<{ status: number }>) => {
      const end = Date.now() + START_BOUND_MS
      let got = (await ask()).status
      while (got !== status && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 20))
        got = (await ask()).status
      }
      return got
    }
    const revoked = await send(a, admin, 'PUT', `/api/accounts/${created.id}/grants`, {
      version: created.version,
      grants: [{ role: 'member', scopeType: 'area', scopeId: FENGPU }],
    })
    expect(await until(403, units)).toBe(403)
    expect((await call(b, s, '/api/auth/me')).status).toBe(200)
    await send(a, admin, 'PATCH', `/api/accounts/${created.id}`, { version: revoked.version, disabled: true })
    expect(await until(401, () => call(b, s, '/api/auth/me'))).toBe(401)
  })

  it('the same need claimed through both at once: one winner, the other gets 409', async () => {
    const admin = await signIn(a, 'admin', DEMO_PASSWORD)
    const providers: Session[] = []
    for (const [i, p] of [a, b].entries()) {
      const unit = await send(p, admin, 'POST', '/api/units', {
        uscc: usccWithCheck(`91310120MC000001${i + 2}`),
        name: `跨实例服务社${i + 1}`,
        kind: 'social_org',
        areaCode: FENGPU,
        buildingId: null,
      })
      await send(p, admin, 'POST', '/api/offerings', {
        providerUnitId: unit.id,
        list: 'service',
        categoryCode: 'community.elderly',
        name: `上门助老${i + 1}`,
        areaCodes: [FENGPU],
      })
      await send(p, admin, 'POST', '/api/accounts', {
        username: `instance_provider_${i + 1}`,
        displayName: `服务社${i + 1}`,
        password: 'provider-password',
        grants: [{ role: 'provider', scopeType: 'unit', scopeId: String(unit.id) }],
      })
      providers.push(await signIn(p, `instance_provider_${i + 1}`, 'provider-password'))
    }
    const member = await signIn(b, 'member_demo', DEMO_PASSWORD)
    for (let round = 0; round < 3; round++) {
      const need = await send(b, member, 'POST', '/api/needs', {
        categoryCode: 'community.elderly',
        description: `独居老人需要上门探访（第${round + 1}次）`,
        areaCode: FENGPU,
      })
      const results = await Promise.all([
        call(a, providers[0]!, `/api/needs/${need.id}/actions`, {
          method: 'POST',
          body: { action: 'claim' },
        }),
        call(b, providers[1]!, `/api/needs/${need.id}/actions`, {
          method: 'POST',
          body: { action: 'claim' },
        }),
      ])
      expect(results.map((r) => r.status).sort()).toEqual([200, 409])
      expect(results.find((r) => r.status === 409)!.json.code).toBe('already_claimed')
      const events = await q<{ to_state: string }>(
        'SELECT to_state FROM need_event WHERE need_id = $1 ORDER BY id',
        [need.id],
      )
      expect(events.map((e) => e.to_state)).toEqual(['submitted', 'accepted'])
    }
  })

  it('each background sweep acts once: what both instances say they did is what changed, once per row', async () => {
    const jobs = [
      'SLA escalation sweep',
      'volunteers.auto-check-out',
      'events.no_shows',
      'Matchmaking solver',
    ]
    // Both have swept whatever the demo left eligible; from here on only what this test sets up is new.
    const before = await bothSweep(jobs, [new Map(), new Map()], 2)
    const counts = async () =>
      (
        await q<Record<string, number>>(`SELECT
          (SELECT count(*)::int FROM need WHERE escalated_at IS NOT NULL) AS escalated,
          (SELECT count(*)::int FROM volunteer_signup WHERE auto_checked_out) AS auto_out,
          (SELECT count(*)::int FROM event_registration WHERE status = 'no_show') AS no_show`)
      )[0]!
    const start = await counts()

    // Two needs past their first-response time.
    const member = await signIn(a, 'member_demo', DEMO_PASSWORD)
    const needs: number[] = []
    for (const d of ['楼道灯坏了没人修', '电梯停运需要协调']) {
      needs.push(
        (
          await send(a, member, 'POST', '/api/needs', {
            categoryCode: 'community.elderly',
            description: d,
            areaCode: FENGPU,
          })
        ).id as number,
      )
    }
    await q(`UPDATE need SET first_response_due_at = now() - interval '1 minute' WHERE id = ANY($1)`, [needs])
    // Two volunteers who checked in to a shift that ended hours ago and never checked out.
    const signups = await q<{ id: number; version: number }>(`
      WITH pick AS (
        SELECT DISTINCT ON (s.volunteer_id) s.id FROM volunteer_signup s
        WHERE s.status = 'active' AND s.checked_in_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM volunteer_signup o WHERE o.volunteer_id = s.volunteer_id
                          AND o.checked_in_at IS NOT NULL AND o.checked_out_at IS NULL)
        ORDER BY s.volunteer_id, s.id LIMIT 2)
      UPDATE volunteer_signup s SET starts_at = now() - interval '5 hours', ends_at = now() - interval '3 hours',
        checked_in_at = now() - interval '5 hours'
      FROM pick WHERE s.id = pick.id RETURNING s.id::int AS id, s.version`)
    expect(signups).toHaveLength(2)
    // An event with registrations that ended hours ago without anyone checking in.
    const [event] = await q<{ id: number; registered: number }>(`
      WITH pick AS (
        SELECT e.id, count(*)::int AS registered FROM event e JOIN event_registration r ON r.event_id = e.id
        WHERE e.status = 'scheduled' AND r.status = 'registered' GROUP BY e.id ORDER BY e.id LIMIT 1)
      UPDATE event e SET starts_at = now() - interval '6 hours', ends_at = now() - interval '5 hours'
      FROM pick WHERE e.id = pick.id RETURNING e.id::int AS id, pick.registered`)
    expect(event!.registered).toBeGreaterThan(0)
    // A matchmaking round queued for the background solver: a copy of the demo's round, as a draft.
    const [round] = await q<{ id: number; version: number }>(`
      WITH src AS (SELECT id, area_code, options FROM matching_round ORDER BY id LIMIT 1),
      r AS (INSERT INTO matching_round (area_code, name, options, solve_status)
            SELECT area_code, '跨实例后台求解', options, 'queued' FROM src RETURNING id, version),
      p AS (INSERT INTO matching_provider (round_id, unit_id, capacity, categories)
            SELECT r.id, m.unit_id, m.capacity, m.categories FROM r, src, matching_provider m WHERE m.round_id = src.id),
      t AS (INSERT INTO matching_target (round_id, target_key, kind, area_code, building_id, need_id, name, demand, wants)
            SELECT r.id, m.target_key, m.kind, m.area_code, m.building_id, m.need_id, m.name, m.demand, m.wants
            FROM r, src, matching_target m WHERE m.round_id = src.id)
      SELECT id::int AS id, version FROM r`)
    expect(round).toBeDefined()

    // Two runs each after this point: the second began after the first ended, so after all of the above.
    const after = await bothSweep(jobs, [sweeps(a), sweeps(b)], 2)
    const end = await counts()

    const esc = await q<{ need_id: number; n: number; notes: number }>(
      `SELECT e.need_id::int AS need_id, count(*)::int AS n,
         (SELECT count(*)::int FROM notification WHERE kind = 'need.escalated' AND entity_id = e.need_id) AS notes
       FROM need_event e WHERE e.note = 'escalated' AND e.need_id = ANY($1) GROUP BY e.need_id ORDER BY e.need_id`,
      [needs],
    )
    expect(esc).toEqual(needs.map((id) => ({ need_id: id, n: 1, notes: 1 })))
    expect(
      await q(`SELECT need_id FROM need_event WHERE note = 'escalated' GROUP BY need_id HAVING count(*) > 1`),
    ).toEqual([])

    const out = await q<{ id: number; version: number; auto_checked_out: boolean }>(
      'SELECT id::int AS id, version, auto_checked_out FROM volunteer_signup WHERE id = ANY($1) ORDER BY id',
      [signups.map((s) => s.id)],
    )
    expect(out).toEqual(
      [...signups]
        .sort((x, y) => x.id - y.id)
        .map((s) => ({ id: s.id, version: s.version + 1, auto_checked_out: true })),
    )
    expect(
      await q(
        `SELECT count(*)::int AS n FROM event_registration WHERE event_id = $1 AND status = 'no_show'`,
        [event!.id],
      ),
    ).toEqual([{ n: event!.registered }])
    expect(await q('SELECT version, solve_status FROM matching_round WHERE id = $1', [round!.id])).toEqual([
      { version: round!.version + 1, solve_status: 'idle' },
    ])

    // What the two instances say they did adds up to what changed: nothing was done twice.
    const since = (job: string) => actedTotal(after, job) - actedTotal(before, job)
    expect(since('SLA escalation sweep')).toBe(end.escalated! - start.escalated!)
    expect(end.escalated! - start.escalated!).toBeGreaterThanOrEqual(2)
    expect(since('volunteers.auto-check-out')).toBe(end.auto_out! - start.auto_out!)
    expect(end.auto_out! - start.auto_out!).toBeGreaterThanOrEqual(2)
    expect(since('events.no_shows')).toBe(end.no_show! - start.no_show!)
    expect(end.no_show! - start.no_show!).toBeGreaterThanOrEqual(event!.registered)
    expect(since('Matchmaking solver')).toBe(1)
  })

  it('both stop cleanly on SIGTERM', async () => {
    await Promise.all([stop(a), stop(b)])
    for (const p of [a, b]) expect(logLines(p).filter((l) => (l.level as number) >= 50)).toEqual([])
  })
})
