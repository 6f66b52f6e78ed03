import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { JobMonitor } from './job-monitor.ts'

const TOKEN = 'metrics-token-metrics-token-0123456789'

describe('metrics', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp({ config: { ops: { ...(await defaults()), metricsToken: TOKEN } } })
  })
  afterAll(() => t.close())

  it('need the bearer token', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/metrics' })
    expect(none.statusCode).toBe(401)
    expect(none.json()).toMatchObject({ code: 'metrics_token' })
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/api/metrics',
      headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    })
    expect(wrong.statusCode).toBe(401)
  })

  it('expose requests by route pattern and status, the pool, jobs, outbox, imports, backups and memory', async () => {
    const monitor = new JobMonitor([{ name: 'demo.job', everyMs: 1000 }])
    t.ctx.jobs = monitor
    await monitor.track('demo.job', async () => 1)
    await monitor.track('demo.job', async () => Promise.reject(new Error('boom'))).catch(() => {})
    const admin = await login(t.app, 'admin')
    for (const id of [1, 2, 3]) {
      await t.app.inject({ method: 'GET', url: `/api/parks/${id}`, headers: admin.headers })
    }
    await t.app.inject({ method: 'GET', url: '/api/no-such-thing' })
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    const text = res.body
    // One series for the pattern, not one per id; unmatched URLs share a label.
    expect(text).toMatch(
      /tongxin_http_request_duration_seconds_count\{method="GET",route="\/api\/parks\/:id",status="\d{3}"\} 3/,
    )
    expect(text).not.toMatch(/route="\/api\/parks\/1"/)
    expect(text).toMatch(
      /tongxin_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/,
    )
    expect(text).toMatch(
      /tongxin_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/api\/auth\/login",status="200"\}/,
    )
    expect(text).toMatch(/^tongxin_db_pool_acquires_total [1-9]\d*$/m)
    for (const name of [
      'tongxin_db_pool_waits_total',
      'tongxin_db_pool_wait_seconds_total',
      'tongxin_db_pool_waiting',
    ]) {
      expect(text).toMatch(new RegExp(`^${name} \\d`, 'm'))
    }
    expect(text).toMatch(/^tongxin_job_runs_total\{job="demo.job"\} 2$/m)
    expect(text).toMatch(/^tongxin_job_failures_total\{job="demo.job"\} 1$/m)
    expect(text).toMatch(/^tongxin_job_last_success_timestamp_seconds\{job="demo.job"\} \d+/m)
    expect(text).toMatch(/^tongxin_outbox_backlog\{channel="email",state="pending"\} \d+$/m)
    expect(text).toMatch(/^tongxin_outbox_oldest_pending_seconds \d/m)
    expect(text).toMatch(/^tongxin_import_jobs\{status="committed"\} \d+$/m)
    expect(text).toMatch(/^tongxin_backup_last_success_timestamp_seconds 0$/m)
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m)
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m)
  })
})

async function defaults() {
  const { testConfig } = await import('../../../test/helpers.ts')
  return testConfig().ops
}

describe('metrics without a token', () => {
  it('are not served at all', async () => {
    const t = await startTestApp()
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/metrics',
        headers: { authorization: 'Bearer x' },
      })
      expect(res.statusCode).toBe(404)
    } finally {
      await t.close()
    }
  })
})

describe('readiness', () => {
  it('is ready with the database up, migrations applied and jobs succeeding; names what is wrong otherwise', async () => {
    const t = await startTestApp()
    try {
      let now = 1_000_000
      const monitor = new JobMonitor(
        [
          { name: 'fast.job', everyMs: 1000 },
          { name: 'backup.like', everyMs: 1000, ready: false },
        ],
        () => now,
      )
      t.ctx.jobs = monitor
      const ready = await t.app.inject({ method: 'GET', url: '/api/ready' })
      expect(ready.statusCode).toBe(200)
      expect(ready.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', migrations: 'ok', jobs: 'ok' },
      })

      // Three intervals without a success (the default factor) is still ready; past that it is stuck.
      now += 3000
      expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200)
      now += 1
      const stuck = await t.app.inject({ method: 'GET', url: '/api/ready' })
      expect(stuck.statusCode).toBe(503)
      expect(stuck.json()).toMatchObject({ status: 'not_ready', checks: { jobs: 'stuck', database: 'ok' } })
      await monitor.track('fast.job', async () => 0)
      // A job marked ready: false (backups) never makes the instance unready.
      expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200)

      const last = await t.ctx.db
        .selectFrom('schema_migration')
        .select('name')
        .orderBy('name', 'desc')
        .executeTakeFirstOrThrow()
      await t.ctx.db.deleteFrom('schema_migration').where('name', '=', last.name).execute()
      const pending = await t.app.inject({ method: 'GET', url: '/api/ready' })
      expect(pending.statusCode).toBe(503)
      expect(pending.json()).toMatchObject({ checks: { migrations: 'pending' } })

      // The liveness check says nothing about any of this.
      await t.ctx.database.close()
      const gone = await t.app.inject({ method: 'GET', url: '/api/ready' })
      expect(gone.statusCode).toBe(503)
      expect(gone.json()).toEqual({
        status: 'not_ready',
        checks: { database: 'unreachable', migrations: 'unknown', jobs: 'ok' },
      })
    } finally {
      await t.app.close()
      await t.ctx.database.close().catch(() => {})
    }
  })
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('readiness, PostgreSQL', () => {
  it('fails when the database is dropped under a running instance, and names no more than that', async () => {
    const t = await startTestApp()
    try {
      expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200)
      const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.ctx.db)).rows[0]!
        .name
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      await admin.connect()
      try {
        // FORCE ends the pool's connections too: the next query must connect again and finds no database.
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
      } finally {
        await admin.end()
      }
      const gone = await t.app.inject({ method: 'GET', url: '/api/ready' })
      expect(gone.statusCode).toBe(503)
      expect(gone.json()).toEqual({
        status: 'not_ready',
        checks: { database: 'unreachable', migrations: 'unknown', jobs: 'ok' },
      })
      expect(gone.body).not.toContain(name)
    } finally {
      await t.close()
    }
  })
})

describe('the admins’ operations status', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp()
  })
  afterAll(() => t.close())

  it('shows the last backup and the retention settings to the city admin only', async () => {
    const at = new Date('2026-01-05T01:00:00Z')
    await t.ctx.db
      .insertInto('backup_run')
      .values([
        {
          kind: 'scheduled',
          engine: t.ctx.database.engine,
          started_at: at,
          finished_at: at,
          ok: true,
          file: '/b/1',
          bytes: 10,
          schema_version: '0028_operations',
          error: null,
        },
        {
          kind: 'scheduled',
          engine: t.ctx.database.engine,
          started_at: at,
          finished_at: new Date(at.getTime() + 60_000),
          ok: false,
          file: null,
          bytes: null,
          schema_version: null,
          error: 'disk full',
        },
      ])
      .execute()
    const admin = await login(t.app, 'admin')
    const res = await t.app.inject({ method: 'GET', url: '/api/ops/status', headers: admin.headers })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      backups: { lastSuccessAt: at.toISOString(), lastError: 'disk full', keep: 7 },
      retention: { auditMonths: 12, notificationsReadDays: 90 },
      metricsEnabled: false,
    })
    const district = await login(t.app, 'fengxian_admin')
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/ops/status', headers: district.headers })).statusCode,
    ).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/ops/status' })).statusCode).toBe(401)
  })
})
