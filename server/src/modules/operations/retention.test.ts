import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { ConfigError, loadConfig } from '../../config.ts'
import { applyRetention, monthsBefore } from './retention.ts'

const SECOND = 1000
const DAY = 86_400_000
const sh = (local: string) => new Date(`${local}+08:00`)

describe('six months, exactly', () => {
  it('is calendar months on the Shanghai wall clock, a missing day clamped to the month’s last', () => {
    expect(monthsBefore(sh('2027-08-31T10:00:00'), 6)).toEqual(sh('2027-02-28T10:00:00'))
    expect(monthsBefore(sh('2028-08-31T10:00:00'), 6)).toEqual(sh('2028-02-29T10:00:00'))
    expect(monthsBefore(sh('2027-03-31T23:30:00'), 6)).toEqual(sh('2026-09-30T23:30:00'))
    // Shanghai midnight is 16:00 UTC the day before: the date is Shanghai's, not UTC's.
    expect(monthsBefore(sh('2027-07-01T00:00:00'), 6)).toEqual(sh('2027-01-01T00:00:00'))
    expect(monthsBefore(sh('2027-01-15T12:00:00'), 13)).toEqual(sh('2025-12-15T12:00:00'))
  })

  it('is the shortest the audit log may be kept: a shorter setting is refused with the rule', () => {
    expect(loadConfig({}).ops.retention.auditMonths).toBe(12)
    expect(loadConfig({ TONGXIN_RETAIN_AUDIT_MONTHS: '6' }).ops.retention.auditMonths).toBe(6)
    for (const bad of ['5', '0']) {
      expect(() => loadConfig({ TONGXIN_RETAIN_AUDIT_MONTHS: bad })).toThrow(ConfigError)
      expect(() => loadConfig({ TONGXIN_RETAIN_AUDIT_MONTHS: bad })).toThrow(
        /TONGXIN_RETAIN_AUDIT_MONTHS must be at least 6: audit logs are kept for six months or longer/,
      )
    }
    expect(() => loadConfig({ TONGXIN_RETAIN_AUDIT_MONTHS: 'half a year' })).toThrow(
      /integer between 6 and 1200/,
    )
  })
})

describe('the retention sweep', () => {
  let t: TestApp
  const now = sh('2027-08-31T10:00:00')
  const cutoff = sh('2027-02-28T10:00:00')
  beforeAll(async () => {
    t = await startTestApp()
    t.ctx.config = {
      ...t.ctx.config,
      ops: { ...t.ctx.config.ops, retention: { ...t.ctx.config.ops.retention, auditMonths: 6 } },
    }
  })
  afterAll(() => t.close())

  it('keeps an audit row exactly six months old and deletes one a second older, on every instance once', async () => {
    t.clock.set(now)
    const at = (ms: number) => new Date(cutoff.getTime() + ms)
    await t.ctx.db
      .insertInto('audit_log')
      .values([
        { action: 'ops.edge.older', at: at(-SECOND) },
        { action: 'ops.edge.exact', at: at(0) },
        { action: 'ops.edge.newer', at: at(SECOND) },
        { action: 'ops.edge.year', at: new Date(cutoff.getTime() - 365 * DAY) },
      ])
      .execute()
    const older = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('at', '<', cutoff)
      .executeTakeFirstOrThrow()
    // Two instances sweeping at once delete each row once between them.
    const [a, b] = await Promise.all([applyRetention(t.ctx), applyRetention(t.ctx)])
    expect(a.audit + b.audit).toBe(Number(older.n))
    const left = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'ops.edge.%')
      .orderBy('action')
      .execute()
    expect(left.map((r) => r.action)).toEqual(['ops.edge.exact', 'ops.edge.newer'])
    expect((await applyRetention(t.ctx)).audit).toBe(0)
  })

  it('removes sessions past their absolute or idle lifetime, as sign-in would refuse them', async () => {
    t.clock.set(now)
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      await login(t.app, 'admin')
      const row = await t.ctx.db
        .selectFrom('session')
        .select('id')
        .where('id', 'not in', ids.length ? ids : [''])
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow()
      ids.push(row.id)
    }
    const idle = t.ctx.config.sessionIdleMinutes * 60_000
    const set = (id: string, values: { expires_at?: Date; last_seen_at?: Date }) =>
      t.ctx.db.updateTable('session').set(values).where('id', '=', id).execute()
    await set(ids[0]!, { expires_at: new Date(now.getTime() - SECOND) })
    await set(ids[1]!, { last_seen_at: new Date(now.getTime() - idle) })
    await set(ids[2]!, { last_seen_at: new Date(now.getTime() - idle + SECOND) })
    const done = await applyRetention(t.ctx)
    expect(done.sessions).toBeGreaterThanOrEqual(2)
    const left = await t.ctx.db.selectFrom('session').select('id').where('id', 'in', ids).execute()
    expect(left.map((r) => r.id)).toEqual([ids[2]])
  })

  it('deletes waste-lookup misses not seen for a year, and any that look like a phone or ID number', async () => {
    t.clock.set(now)
    const year = t.ctx.config.ops.retention.wasteMissDays * DAY
    await t.ctx.db.deleteFrom('waste_miss').execute()
    await t.ctx.db
      .insertInto('waste_miss')
      .values([
        {
          query: '旧的查询',
          first_seen: new Date(now.getTime() - 2 * year),
          last_seen: new Date(now.getTime() - year - SECOND),
        },
        {
          query: '最近的查询',
          first_seen: new Date(now.getTime() - 2 * year),
          last_seen: new Date(now.getTime() - year + DAY),
        },
        { query: '13812345678', last_seen: now },
        { query: '电池5号', last_seen: now },
      ])
      .execute()
    expect((await applyRetention(t.ctx)).wasteMisses).toBe(2)
    const left = await t.ctx.db.selectFrom('waste_miss').select('query').orderBy('query').execute()
    expect(left.map((r) => r.query).sort()).toEqual(['最近的查询', '电池5号'].sort())
  })

  it('forgets login-throttle windows a day old unless a lock still runs', async () => {
    t.clock.set(now)
    await t.ctx.db
      .insertInto('login_throttle')
      .values([
        {
          key: 'ops:old',
          failures: 3,
          window_start_at: new Date(now.getTime() - 2 * DAY),
          locked_until: null,
        },
        {
          key: 'ops:locked',
          failures: 9,
          window_start_at: new Date(now.getTime() - 2 * DAY),
          locked_until: new Date(now.getTime() + DAY),
        },
        {
          key: 'ops:fresh',
          failures: 1,
          window_start_at: new Date(now.getTime() - 60_000),
          locked_until: null,
        },
      ])
      .execute()
    await applyRetention(t.ctx)
    const left = await t.ctx.db
      .selectFrom('login_throttle')
      .select('key')
      .where('key', 'like', 'ops:%')
      .orderBy('key')
      .execute()
    expect(left.map((r) => r.key)).toEqual(['ops:fresh', 'ops:locked'])
  })
})
