/**
 * Notifications at scale: a policy notified to 10,000 units (each with an account) and an event cancelled
 * with 2,000 registrations — the time to enqueue (inbox rows + outbox rows, one transaction each), then two
 * dispatchers racing to post every webhook message to a local receiver: messages per second and duplicates.
 *   node --import tsx bench/notify.ts                                  # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/notify.ts  # a PostgreSQL server (scratch database)
 * BENCH_UNITS (default 10000) and BENCH_REGISTRANTS (default 2000) change the sizes.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../server/src/config.ts'
import type { AppContext } from '../server/src/context.ts'
import { type Database, openPGlite, openPostgres } from '../server/src/db/connection.ts'
import { migrate } from '../server/src/db/migrate.ts'
import { systemClock } from '../server/src/lib/clock.ts'
import { encryptPii } from '../server/src/lib/pii.ts'
import { seedAreas } from '../server/src/modules/areas/seed.ts'
import { dispatchOnce } from '../server/src/modules/notifications/dispatcher.ts'
import { noticeEventCancelled, noticePolicyMatch } from '../server/src/modules/notifications/flows.people.ts'

const SECRET = 'bench-secret-bench-secret-bench-secret'
const UNITS = Number(process.env.BENCH_UNITS ?? 10_000)
const REGISTRANTS = Number(process.env.BENCH_REGISTRANTS ?? 2_000)
const FENGXIAN = '310120'

async function openBench(): Promise<{ databases: Database[]; drop: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL
  if (!serverUrl) {
    const db = await openPGlite({})
    return { databases: [db], drop: async () => {} }
  }
  const name = `tongxin_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  // Two pools: two app instances, each with its own dispatcher.
  const a = await openPostgres(url.toString(), 10)
  const b = await openPostgres(url.toString(), 10)
  return {
    databases: [a, b],
    drop: async () => {
      await a.close()
      await b.close()
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

/** A receiver that answers 200 at once and counts each delivery id it is sent. */
async function receiver() {
  const seen = new Map<string, number>()
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const id = String(req.headers['x-tongxin-delivery'])
      seen.set(id, (seen.get(id) ?? 0) + 1)
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

const ms = (t0: number) => performance.now() - t0

async function main() {
  const { databases, drop } = await openBench()
  const database = databases[0]!
  await migrate(database)
  await seedAreas(database)
  const hook = await receiver()
  const config = loadConfig({
    TONGXIN_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    TONGXIN_NOTIFY_WEBHOOKS: '1',
    TONGXIN_NOTIFY_PRIVATE_TARGETS: '1',
  })
  const contexts: AppContext[] = databases.map((d) => ({
    config,
    database: d,
    db: d.db,
    clock: systemClock,
    secret: SECRET,
  }))
  const ctx = contexts[0]!
  const db = ctx.db

  // ---- set-up (not timed): streets of 奉贤, units with one provider account each, a city-wide webhook.
  const streets = (
    await db.selectFrom('area').select('code').where('parent_code', '=', FENGXIAN).execute()
  ).map((a) => a.code)
  await sql`
    INSERT INTO unit (uscc, name, kind, area_code)
    SELECT '91310120MA' || lpad(i::text, 8, '0'), '基准单位' || i, 'private', (${streets}::text[])[1 + i % ${streets.length}]
      FROM generate_series(1, ${UNITS}) i`.execute(db)
  await sql`
    INSERT INTO account (username, display_name, password_hash, phone)
    SELECT 'bench_' || i, '基准账号' || i, 'x', '139' || lpad(i::text, 8, '0') FROM generate_series(1, ${UNITS}) i`.execute(
    db,
  )
  await sql`
    INSERT INTO role_grant (account_id, role, scope_type, scope_id, area_code)
    SELECT a.id, 'provider', 'unit', u.id::text, u.area_code
      FROM unit u JOIN account a ON a.username = 'bench_' || substr(u.uscc, 11)::int`.execute(db)
  // Policy notices are not urgent, so webhooks (an SMS gateway) are off for them by default: these accounts opt in.
  await sql`
    INSERT INTO notification_preference (account_id, kind, inapp, email, webhook)
    SELECT id, 'policy.match', true, true, true FROM account WHERE username LIKE 'bench\\_%'`.execute(db)
  await db
    .insertInto('notification_endpoint')
    .values({
      channel: 'webhook',
      name: '全市短信网关（基准）',
      area_code: '310000',
      url: hook.url,
      secret_enc: encryptPii(SECRET, 'bench-webhook-secret'),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute()
  const policy = await db
    .insertInto('policy')
    .values({
      area_code: FENGXIAN,
      title: '基准测试补贴',
      issuer: '奉贤区',
      valid_from: '2026-01-01',
      valid_to: '2030-12-31',
      benefit: '每人每月 200 元',
      rule: JSON.stringify({ field: 'kind', op: 'eq', value: 'private' }),
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow()
  const units = (
    await db
      .selectFrom('unit')
      .select(['id', 'name', 'area_code'])
      .where('name', 'like', '基准单位%')
      .execute()
  ).map((u) => ({ id: u.id, name: u.name, areaCode: u.area_code }))
  const start = new Date(Date.now() + 3 * 86_400_000)
  const event = await db
    .insertInto('event')
    .values({
      kind: 'lecture',
      theme: 'policy',
      title: '基准党课',
      area_code: streets[0]!,
      starts_at: start,
      ends_at: new Date(start.getTime() + 3_600_000),
      capacity: REGISTRANTS,
    })
    .returning(['id', 'title', 'area_code', 'organiser_org_id'])
    .executeTakeFirstOrThrow()
  await sql`
    INSERT INTO event_registration (event_id, account_id, name, status, registered_at)
    SELECT ${event.id}::bigint, id, display_name, 'registered', now()
      FROM account WHERE username LIKE 'bench\\_%' ORDER BY id LIMIT ${REGISTRANTS}`.execute(db)
  if (database.engine === 'pglite') await sql`ANALYZE`.execute(db)

  const results: Record<string, unknown> = {
    engine: database.engine,
    cpus: os.cpus().length,
    node: process.version,
  }
  const dispatchAll = async (expected: number, label: string) => {
    hook.seen.clear()
    const t0 = performance.now()
    // Two dispatchers (two instances on PostgreSQL) race until nothing is left.
    const loop = async (c: AppContext) => {
      for (;;) {
        const r = await dispatchOnce(c)
        if (r.claimed === 0) return
      }
    }
    await Promise.all([loop(contexts[0]!), loop(contexts[contexts.length - 1]!)])
    const elapsed = ms(t0)
    const counts = [...hook.seen.values()]
    results[`${label}.dispatch_ms`] = Math.round(elapsed)
    results[`${label}.webhook_per_s`] = Math.round((counts.length / elapsed) * 1000)
    results[`${label}.received`] = counts.length
    results[`${label}.expected`] = expected
    results[`${label}.duplicates`] = counts.filter((n) => n > 1).length
  }

  // ---- policy to every unit: one transaction (policy_notice + inbox + outbox), as notifyPolicy does.
  let t0 = performance.now()
  const notices = await ctx.db.transaction().execute(async (trx) => {
    await sql`INSERT INTO policy_notice (policy_id, unit_id, notified_at)
              SELECT ${policy.id}::bigint, u, now() FROM unnest(${units.map((u) => u.id)}::bigint[]) u`.execute(
      trx,
    )
    return noticePolicyMatch(
      ctx,
      trx,
      { id: policy.id, title: '基准测试补贴', issuer: '奉贤区', benefit: '每人每月 200 元' },
      units,
      new Date(),
    )
  })
  results['policy.enqueue_ms'] = Math.round(ms(t0))
  results['policy.notices'] = notices
  const queued = await sql<{
    n: number
  }>`SELECT count(*)::int AS n FROM notification_delivery WHERE state = 'pending'`.execute(db)
  await dispatchAll(Number(queued.rows[0]!.n), 'policy')

  // ---- an event cancelled with every seat taken.
  t0 = performance.now()
  const told = await ctx.db
    .transaction()
    .execute((trx) => noticeEventCancelled(ctx, trx, event, '场地临时检修', new Date()))
  results['cancel.enqueue_ms'] = Math.round(ms(t0))
  results['cancel.notices'] = told
  const queued2 = await sql<{
    n: number
  }>`SELECT count(*)::int AS n FROM notification_delivery WHERE state = 'pending'`.execute(db)
  await dispatchAll(Number(queued2.rows[0]!.n), 'cancel')

  console.log(JSON.stringify(results, null, 2))
  await hook.close()
  for (const d of databases) if (d.engine === 'pglite') await d.close()
  await drop()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
