import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  login,
  onServer,
  type Session,
  startTestApp,
  type TestApp,
  testConfig,
} from '../../../test/helpers.ts'
import { ManualClock } from '../../lib/clock.ts'
import { api, createEvent, FENGPU, iso } from '../events/test-fixtures.ts'
import { backoffMs, claimDue, dispatchOnce, sendClaimed } from './dispatcher.ts'
import { notify } from './outbox.ts'
import { accountIdOf } from './test-kit.ts'
import { startReceiver, startSmtp } from './test-receivers.ts'

/*
 * The outbox against real listeners on 127.0.0.1: an SMTP server (smtp-server) that refuses, times out and
 * accepts; an HTTP receiver standing in for a 企业微信 robot and a signed webhook. Time for back-off and
 * leases moves on a ManualClock; nothing waits on the wall clock except the SMTP timeout case. The send timeout is
 * generous (8 s): every real send in this file must finish inside it, and a loaded CI machine took over 1 s.
 */

const HOUR = 3_600_000
let t: TestApp
let smtp: Awaited<ReturnType<typeof startSmtp>>
let web: Awaited<ReturnType<typeof startReceiver>>
let member: Session
let fengpu: Session
let chief: Session
let hongmei: Session
let secret: string
const acc = {} as Record<'member' | 'chief' | 'fengpu', number>

const deliveries = (where: { channel?: string } = {}) =>
  t.ctx.db
    .selectFrom('notification_delivery')
    .selectAll()
    .$if(Boolean(where.channel), (q) => q.where('channel', '=', where.channel as 'email'))
    .orderBy('id')
    .execute()

/** Runs dispatch rounds until nothing is due now (the clock does not move). */
async function drain() {
  for (let i = 0; i < 50; i++) if ((await dispatchOnce(t.ctx)).claimed === 0) return
}

beforeAll(async () => {
  smtp = await startSmtp()
  web = await startReceiver()
  const base = testConfig().notify
  t = await startTestApp({
    clock: new ManualClock(new Date('2030-05-06T10:00:00+08:00')),
    config: {
      sessionIdleMinutes: 7 * 24 * 60,
      sessionMaxHours: 24 * 30,
      notify: {
        ...base,
        smtpUrl: smtp.url,
        mailFrom: '同心 <no-reply@tongxin.test>',
        webhooks: true,
        privateTargets: true,
        publicUrl: 'https://tongxin.test',
        maxAttempts: 3,
        sendTimeoutSeconds: 8,
      },
    },
  })
  member = await login(t.app, 'member_demo')
  fengpu = await login(t.app, 'fengpu_admin')
  chief = await login(t.app, 'chief_demo')
  hongmei = await login(t.app, 'hongmei_admin')
  acc.member = await accountIdOf(t, 'member_demo')
  acc.chief = await accountIdOf(t, 'chief_demo')
  acc.fengpu = await accountIdOf(t, 'fengpu_admin')
})
afterAll(async () => {
  await t.close()
  await smtp.close()
  await web.close()
})

describe('settings', () => {
  it('refuses an invalid e-mail address or robot URL with a clear error, and saves nothing', async () => {
    const prefs = (
      await t.app.inject({ url: '/api/notifications/preferences', headers: member.headers })
    ).json()
    expect(prefs.channels).toEqual({ email: true, webhook: true })
    const save = (email: string | null, extra: object = {}) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/notifications/preferences',
        headers: member.headers,
        payload: { email, quietStart: null, quietEnd: null, kinds: [], ...extra },
      })
    for (const bad of ['wang', 'wang@', 'wang@localhost', 'a b@example.cn', 'wang@@example.cn'])
      expect((await save(bad)).json().code).toBe('notify_invalid_email')
    expect((await save('wang@example.cn', { quietStart: '22:00', quietEnd: null })).json().code).toBe(
      'notify_quiet_invalid',
    )
    const forced = await save('wang@example.cn', {
      kinds: [{ kind: 'need.escalated', inapp: false, email: true, webhook: true }],
    })
    expect([forced.statusCode, forced.json().code]).toEqual([400, 'notify_inapp_required'])
    const account = await t.ctx.db
      .selectFrom('account')
      .select('email')
      .where('id', '=', acc.member)
      .executeTakeFirst()
    expect(account?.email).toBeNull()
    const ok = await save('wang@example.cn')
    expect(ok.statusCode).toBe(200)
    expect(ok.json().email).toBe('wang@example.cn')

    const endpoint = (payload: object, s = fengpu) =>
      t.app.inject({ method: 'POST', url: '/api/notifications/endpoints', headers: s.headers, payload })
    const robot = { channel: 'wecom', name: '奉浦群', areaCode: FENGPU }
    for (const url of [
      'ftp://example.cn/x',
      'not a url',
      `${web.base}/wecom`,
      'https://u:p@example.cn/?key=1',
    ])
      expect((await endpoint({ ...robot, url })).json().code).toBe('notify_invalid_url')
    // Scope: a chief may not set up robots; another street's staff may not for 奉浦.
    expect((await endpoint({ ...robot, url: `${web.base}/wecom?key=k1` }, chief)).statusCode).toBe(403)
    expect((await endpoint({ ...robot, url: `${web.base}/wecom?key=k1` }, hongmei)).json().code).toBe(
      'forbidden_scope',
    )
    expect(await t.ctx.db.selectFrom('notification_endpoint').select('id').execute()).toEqual([])
  })

  it('staff set up a robot and a signed webhook for their street; others neither see nor change them', async () => {
    const add = async (payload: object) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/notifications/endpoints',
        headers: fengpu.headers,
        payload,
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json()
    }
    const robot = await add({
      channel: 'wecom',
      name: '奉浦社工群',
      areaCode: FENGPU,
      url: `${web.base}/wecom?key=k1-secret`,
    })
    expect(robot.url).toBe(`${web.base}/wecom?key=k1-s…et`)
    expect(robot.secret).toBeUndefined()
    const hook = await add({
      channel: 'webhook',
      name: '短信网关',
      areaCode: FENGPU,
      url: `${web.base}/hook`,
    })
    secret = hook.secret
    expect(secret).toMatch(/^[\w-]{40,}$/)
    const listed = (
      await t.app.inject({ url: '/api/notifications/endpoints', headers: fengpu.headers })
    ).json()
    expect(listed.map((e: { name: string }) => e.name)).toEqual(['奉浦社工群', '短信网关'])
    expect(listed.every((e: { secret?: string }) => e.secret === undefined)).toBe(true)
    expect(
      (await t.app.inject({ url: '/api/notifications/endpoints', headers: hongmei.headers })).json(),
    ).toEqual([])
    const theirs = await t.app.inject({
      method: 'PUT',
      url: `/api/notifications/endpoints/${hook.id}`,
      headers: hongmei.headers,
      payload: { version: hook.version, enabled: false },
    })
    expect(theirs.statusCode).toBe(404)
  })
})

describe('delivery', () => {
  let eventId: number
  it('a cancellation queues e-mail, webhook and robot messages without waiting for any of them', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: chief.headers,
      payload: { email: 'chief@example.cn', quietStart: null, quietEnd: null, kinds: [] },
    })
    const start = t.clock.now().getTime() + 3 * 24 * HOUR
    const { first } = await createEvent(t, fengpu, {
      title: '党课：数字经济',
      startsAt: iso(start),
      endsAt: iso(start + HOUR),
    })
    eventId = first.id
    const call = api(t)
    for (const s of [member, chief])
      expect((await call(s, 'POST', `/api/events/${eventId}/registrations`, {})).status).toBe(201)
    // The mail server hangs: the request that causes the notices is not held up by it.
    smtp.behaviour.hang = 2
    const version = (await call(fengpu, 'GET', `/api/events/${eventId}`)).body.version
    expect(
      (await call(fengpu, 'POST', `/api/events/${eventId}/cancel`, { version, reason: '场地检修' })).status,
    ).toBe(200)
    const queued = await deliveries()
    expect(queued.map((d) => d.channel).sort()).toEqual(['email', 'email', 'webhook', 'webhook', 'wecom'])
    expect(queued.every((d) => d.state === 'pending')).toBe(true)
  })

  it('retries a refusing or timing-out SMTP server with back-off, then sends once', async () => {
    web.failures['/hook'] = [500] // the webhook's first answer fails too
    await drain()
    let mail = await deliveries({ channel: 'email' })
    // Both connections hung past the send timeout: both wait for their retry.
    expect(mail.map((d) => [d.state, d.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ])
    expect(mail.map((d) => d.last_error).join(' ')).toMatch(/timeout|ETIMEDOUT|Greeting/i)
    const admin = await login(t.app, 'admin')
    const retrying = (
      await t.app.inject({ url: '/api/notifications/deliveries?state=retrying', headers: admin.headers })
    ).json().items
    expect(retrying.map((d: { channel: string }) => d.channel).sort()).toEqual(['email', 'email', 'webhook'])
    expect(retrying[0].lastError).toBeTruthy()
    expect(smtp.mails).toHaveLength(0)
    // Not due before the back-off has passed.
    t.clock.advance(backoffMs(1) - 1_000)
    expect((await dispatchOnce(t.ctx)).claimed).toBe(0)
    // Next try: the server is up but refuses one mailbox for now (451).
    smtp.behaviour.tempFailures.set('wang@example.cn', 1)
    t.clock.advance(1_000)
    await drain()
    mail = await deliveries({ channel: 'email' })
    const wang = () => mail.find((d) => d.address === 'wang@example.cn')!
    expect(wang()).toMatchObject({ state: 'pending', attempts: 2 })
    expect(wang().last_error).toMatch(/SMTP 451/)
    expect(mail.find((d) => d.address === 'chief@example.cn')).toMatchObject({ state: 'sent', attempts: 2 })
    t.clock.advance(backoffMs(2))
    await drain()
    mail = await deliveries({ channel: 'email' })
    expect(wang()).toMatchObject({ state: 'sent', attempts: 3 })
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['chief@example.cn', 'wang@example.cn'])
    const m = smtp.mails.find((x) => x.to[0] === 'wang@example.cn')!.parsed
    expect(m.subject).toBe('活动取消：党课：数字经济')
    expect(m.text).toContain('场地检修')
    expect(m.text).toContain(`https://tongxin.test/events/${eventId}`)
    const id = mail.find((d) => d.address === 'wang@example.cn')!.id
    expect(m.messageId).toBe(`<delivery-${id}@tongxin.test>`)
    expect(m.headers.get('x-tongxin-delivery')).toBe(String(id))
  })

  it('posts the robot markdown once per batch and signs each webhook', async () => {
    const robot = web.hits.filter((h) => h.path.startsWith('/wecom'))
    expect(robot).toHaveLength(1)
    const content = JSON.parse(robot[0]!.body)
    expect(content.msgtype).toBe('markdown')
    expect(content.markdown.content).toContain('**活动取消**')
    expect(content.markdown.content).toContain('已通知 2 人')
    expect(content.markdown.content).toContain(`[查看详情](https://tongxin.test/events/${eventId})`)
    const hooks = web.hits.filter((h) => h.path === '/hook')
    // The first post got 500 and was retried: 3 posts for 2 deliveries, the retry with the same delivery id.
    expect(hooks).toHaveLength(3)
    const ids = hooks.map((h) => h.headers['x-tongxin-delivery'])
    expect(new Set(ids).size).toBe(2)
    for (const h of hooks) {
      const ts = h.headers['x-tongxin-timestamp'] as string
      const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${h.body}`).digest('hex')}`
      expect(h.headers['x-tongxin-signature']).toBe(expected)
      const body = JSON.parse(h.body)
      expect(body).toMatchObject({
        kind: 'event.cancelled',
        title: '活动取消：党课：数字经济',
        body: '场地检修',
      })
      expect(body.area).toEqual({ code: FENGPU, name: '奉浦街道' })
      expect(body.id).toBe(Number(h.headers['x-tongxin-delivery']))
      expect([acc.member, acc.chief]).toContain(body.recipient.accountId)
    }
    const state = await deliveries()
    expect(state.every((d) => d.state === 'sent')).toBe(true)
  })

  it('marks a delivery failed with its reason: at once for a permanent refusal, after N tries otherwise', async () => {
    smtp.behaviour.refuse.set('nobody@example.cn', 550)
    smtp.behaviour.refuse.set('full@example.cn', 452)
    const gone = await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'secretary_demo')
      .executeTakeFirstOrThrow()
    const full = await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'provider_demo')
      .executeTakeFirstOrThrow()
    await t.ctx.db
      .updateTable('account')
      .set({ email: 'nobody@example.cn' })
      .where('id', '=', gone.id)
      .execute()
    await t.ctx.db
      .updateTable('account')
      .set({ email: 'full@example.cn' })
      .where('id', '=', full.id)
      .execute()
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        notify(t.ctx, trx, { kind: 'import.finished', title: '导入完成：x.xlsx', at: t.clock.now() }, [
          gone.id,
          full.id,
        ]),
      )
    for (let attempt = 1; attempt <= 3; attempt++) {
      await drain()
      t.clock.advance(backoffMs(attempt))
    }
    const rows = await t.ctx.db
      .selectFrom('notification_delivery')
      .select(['address', 'state', 'attempts', 'last_error'])
      .where('address', 'in', ['nobody@example.cn', 'full@example.cn'])
      .orderBy('address')
      .execute()
    expect(rows.map((r) => [r.address, r.state, r.attempts])).toEqual([
      ['full@example.cn', 'failed', 3],
      ['nobody@example.cn', 'failed', 1],
    ])
    expect(rows[0]!.last_error).toMatch(/SMTP 452/)
    expect(rows[1]!.last_error).toMatch(/SMTP 550/)
    // Staff may queue it again once the address is fixed; only failed ones.
    const admin = await login(t.app, 'admin')
    const failed = (
      await t.app.inject({ url: '/api/notifications/deliveries?state=failed', headers: admin.headers })
    ).json().items
    expect(failed).toHaveLength(2)
    expect(failed[0].target).toMatch(/^[nf]\*\*\*@example\.cn$/)
    // 虹梅路's staff see none of 奉浦's deliveries; a chief has no outbox page at all.
    expect(
      (await t.app.inject({ url: '/api/notifications/deliveries', headers: hongmei.headers })).json().items,
    ).toEqual([])
    expect(
      (await t.app.inject({ url: '/api/notifications/deliveries', headers: chief.headers })).statusCode,
    ).toBe(403)
  })
})

describe('exactly once', () => {
  const queueHooks = async (n: number) => {
    const hook = await t.ctx.db
      .selectFrom('notification_endpoint')
      .select('id')
      .where('channel', '=', 'webhook')
      .executeTakeFirstOrThrow()
    expect(hook.id).toBeGreaterThan(0)
    for (let i = 0; i < n; i++)
      await t.ctx.db
        .transaction()
        .execute((trx) =>
          notify(
            t.ctx,
            trx,
            { kind: 'need.escalated', title: `竞争测试 ${i}`, areaCode: FENGPU, at: t.clock.now() },
            [acc.member, acc.chief, acc.fengpu],
          ),
        )
  }
  const postsPerDelivery = (from: number) => {
    const seen = new Map<string, number>()
    for (const h of web.hits.slice(from).filter((x) => x.path === '/hook')) {
      const id = h.headers['x-tongxin-delivery'] as string
      seen.set(id, (seen.get(id) ?? 0) + 1)
    }
    return seen
  }

  it(`two dispatchers racing deliver each message exactly once${onServer ? ' (PostgreSQL: separate connections)' : ''}`, async () => {
    const from = web.hits.length
    await queueHooks(40) // 120 webhook deliveries (+ robot messages)
    const queued = (await deliveries({ channel: 'webhook' })).filter((d) => d.state === 'pending').length
    expect(queued).toBe(120)
    let claimedTogether = 0
    for (let round = 0; round < 100; round++) {
      const [a, b] = await Promise.all([dispatchOnce(t.ctx, { limit: 8 }), dispatchOnce(t.ctx, { limit: 8 })])
      if (a.claimed > 0 && b.claimed > 0) claimedTogether++
      if (a.claimed + b.claimed === 0) break
    }
    const seen = postsPerDelivery(from)
    expect(seen.size).toBe(120)
    expect([...seen.values()].every((n) => n === 1)).toBe(true)
    expect((await deliveries()).filter((d) => d.state !== 'sent' && d.state !== 'failed')).toEqual([])
    // Both took rows in the same rounds: the race was real, SKIP LOCKED kept their claims apart.
    expect(claimedTogether).toBeGreaterThan(0)
  })

  it('a dispatcher killed after claiming loses nothing: the rows come back after the lease, sent once', async () => {
    const from = web.hits.length
    await queueHooks(2) // 6 webhook deliveries
    const dead = await claimDue(t.ctx, 100)
    expect(dead!.rows.filter((r) => r.channel === 'webhook')).toHaveLength(6)
    // Its lease holds: nobody else sends them meanwhile.
    expect((await dispatchOnce(t.ctx)).claimed).toBe(0)
    t.clock.set(new Date(dead!.leaseEnd + 1))
    await drain()
    const seen = postsPerDelivery(from)
    expect(seen.size).toBe(6)
    expect([...seen.values()]).toEqual([1, 1, 1, 1, 1, 1])
    // The stalled dispatcher wakes up: its claim was taken over, so it sends nothing and records nothing.
    const late = await sendClaimed(t.ctx, dead!)
    expect(late).toMatchObject({ sent: 0, skipped: dead!.rows.length })
    expect(postsPerDelivery(from).size).toBe(6)
    const rows = await t.ctx.db
      .selectFrom('notification_delivery')
      .select(['state', 'attempts'])
      .where(
        'id',
        'in',
        dead!.rows.map((r) => Number(r.id)),
      )
      .execute()
    expect(rows.every((r) => r.state === 'sent' && r.attempts === 2)).toBe(true)
  })
})
