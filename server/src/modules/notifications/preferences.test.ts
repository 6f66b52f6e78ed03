import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp, testConfig } from '../../../test/helpers.ts'
import { ManualClock } from '../../lib/clock.ts'
import { notify } from './outbox.ts'
import { accountIdOf } from './test-kit.ts'

// 2030-05-06 23:30 Shanghai: inside 22:00–07:00 quiet hours.
const clock = new ManualClock(new Date('2030-05-06T23:30:00+08:00'))
let t: TestApp
let member: Session
let me: number

const save = (payload: object) =>
  t.app.inject({ method: 'PUT', url: '/api/notifications/preferences', headers: member.headers, payload })
const send = (kind: 'policy.match' | 'event.cancelled' | 'need.delivered', title: string) =>
  t.ctx.db.transaction().execute((trx) => notify(t.ctx, trx, { kind, title, at: clock.now() }, [me]))
const latest = async (title: string) => {
  const n = await t.ctx.db
    .selectFrom('notification')
    .selectAll()
    .where('title', '=', title)
    .executeTakeFirstOrThrow()
  const d = await t.ctx.db
    .selectFrom('notification_delivery')
    .selectAll()
    .where('notification_id', '=', n.id)
    .execute()
  return { n, d }
}

beforeAll(async () => {
  t = await startTestApp({
    clock,
    config: { notify: { ...testConfig().notify, smtpUrl: 'smtp://127.0.0.1:9', webhooks: true } },
  })
  member = await login(t.app, 'member_demo')
  me = await accountIdOf(t, 'member_demo')
})
afterAll(() => t.close())

describe('preferences', () => {
  it('shows every kind with its defaults; in-app is fixed on for kinds that need action', async () => {
    const p = (await t.app.inject({ url: '/api/notifications/preferences', headers: member.headers })).json()
    expect(p).toMatchObject({
      email: null,
      quietStart: null,
      quietEnd: null,
      channels: { email: true, webhook: true },
    })
    const byKind = Object.fromEntries(p.kinds.map((k: { kind: string }) => [k.kind, k]))
    expect(byKind['need.escalated']).toMatchObject({
      action: true,
      urgent: true,
      inapp: true,
      email: true,
      webhook: true,
    })
    expect(byKind['policy.match']).toMatchObject({
      action: false,
      urgent: false,
      inapp: true,
      email: true,
      webhook: false,
    })
    // Every kind the platform sends, the four transfer steps of organisational life among them.
    expect(p.kinds).toHaveLength(19)
    for (const kind of ['transfer.issued', 'transfer.accepted', 'transfer.refused', 'transfer.escalated'])
      expect(byKind[kind], kind).toBeDefined()
  })

  it('holds non-urgent e-mail until quiet hours end, sends urgent ones now, and honours each kind’s channels', async () => {
    const res = await save({
      email: 'wang@example.cn',
      quietStart: '22:00',
      quietEnd: '07:00',
      kinds: [{ kind: 'policy.match', inapp: false, email: true, webhook: false }],
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ quietStart: '22:00', quietEnd: '07:00' })
    await send('policy.match', '政策（安静时段）')
    const quiet = await latest('政策（安静时段）')
    // The bell is off for this kind: kept in the inbox, already read, not counted.
    expect(quiet.n.read_at).not.toBeNull()
    expect(quiet.d.map((d) => [d.channel, d.next_attempt_at.toISOString()])).toEqual([
      ['email', new Date('2030-05-07T07:00:00+08:00').toISOString()],
    ])
    await send('event.cancelled', '取消（紧急）')
    const urgent = await latest('取消（紧急）')
    expect(urgent.n.read_at).toBeNull()
    expect(urgent.d.map((d) => [d.channel, d.next_attempt_at.toISOString()])).toEqual([
      ['email', clock.now().toISOString()],
    ])
    const count = (
      await t.app.inject({ url: '/api/notifications/unread-count', headers: member.headers })
    ).json()
    expect(count.count).toBe(1)
    // E-mail switched off for a kind: no e-mail queued.
    await save({
      email: 'wang@example.cn',
      quietStart: null,
      quietEnd: null,
      kinds: [{ kind: 'need.delivered', inapp: true, email: false, webhook: false }],
    })
    await send('need.delivered', '办结（不发邮件）')
    expect((await latest('办结（不发邮件）')).d).toEqual([])
    const again = (
      await t.app.inject({ url: '/api/notifications/preferences', headers: member.headers })
    ).json()
    expect(again.kinds.find((k: { kind: string }) => k.kind === 'need.delivered')).toMatchObject({
      email: false,
    })
    expect(again.kinds.find((k: { kind: string }) => k.kind === 'policy.match')).toMatchObject({
      inapp: false,
    })
  })
})
