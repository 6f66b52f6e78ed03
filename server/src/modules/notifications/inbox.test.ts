import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { pruneNotifications } from './jobs.ts'
import { notify } from './outbox.ts'

let t: TestApp
let chief: Session
let member: Session
let ids: Record<string, number>

const accountId = async (username: string) =>
  (
    await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id

const send = (accounts: number[], title: string, kind: 'need.claimed' | 'event.promoted' = 'need.claimed') =>
  t.ctx.db
    .transaction()
    .execute((trx) =>
      notify(t.ctx, trx, { kind, title, subject: title, link: '/my-needs/1', at: t.clock.now() }, accounts),
    )

beforeAll(async () => {
  t = await startTestApp()
  chief = await login(t.app, 'chief_demo')
  member = await login(t.app, 'member_demo')
  ids = { chief: await accountId('chief_demo'), member: await accountId('member_demo') }
})
afterAll(() => t.close())

describe('inbox', () => {
  it('lists only the caller’s notices, newest first, with a cursor', async () => {
    for (let i = 1; i <= 3; i++) await send([ids.chief!], `给楼长 ${i}`)
    await send([ids.member!], '给党员')
    const first = await t.app.inject({ url: '/api/notifications?limit=2', headers: chief.headers })
    expect(first.statusCode).toBe(200)
    const page = first.json()
    expect(page.items.map((n: { title: string }) => n.title)).toEqual(['给楼长 3', '给楼长 2'])
    expect(page.items[0]).toMatchObject({ kind: 'need.claimed', link: '/my-needs/1', readAt: null })
    const second = await t.app.inject({
      url: `/api/notifications?limit=2&cursor=${page.nextCursor}`,
      headers: chief.headers,
    })
    expect(second.json().items.map((n: { title: string }) => n.title)).toEqual(['给楼长 1'])
    expect(second.json().nextCursor).toBeNull()
    const mine = await t.app.inject({ url: '/api/notifications', headers: member.headers })
    expect(mine.json().items.map((n: { title: string }) => n.title)).toEqual(['给党员'])
  })

  it('counts unread for the bell, marks one and all read', async () => {
    const count = async (s: Session) =>
      (await t.app.inject({ url: '/api/notifications/unread-count', headers: s.headers })).json().count
    expect(await count(chief)).toBe(3)
    const list = (await t.app.inject({ url: '/api/notifications', headers: chief.headers })).json().items
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${list[0].id}/read`,
      headers: chief.headers,
    })
    expect(read.statusCode).toBe(200)
    expect(await count(chief)).toBe(2)
    const unread = (
      await t.app.inject({ url: '/api/notifications?unread=true', headers: chief.headers })
    ).json()
    expect(unread.items).toHaveLength(2)
    const all = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: chief.headers,
    })
    expect(all.json()).toEqual({ marked: 2 })
    expect(await count(chief)).toBe(0)
    expect(await count(member)).toBe(1)
  })

  it('answers someone else’s notice exactly like a missing one (no probing by id)', async () => {
    const theirs = (await t.app.inject({ url: '/api/notifications', headers: member.headers })).json()
      .items[0]
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${theirs.id}/read`,
      headers: chief.headers,
    })
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/99999999/read',
      headers: chief.headers,
    })
    expect(other.statusCode).toBe(404)
    expect(missing.statusCode).toBe(404)
    expect(other.json().code).toBe(missing.json().code)
    // Still unread for its owner.
    expect(
      (await t.app.inject({ url: '/api/notifications/unread-count', headers: member.headers })).json().count,
    ).toBe(1)
    const anon = await t.app.inject({ url: '/api/notifications' })
    expect(anon.statusCode).toBe(401)
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: member.cookie },
    })
    expect(noCsrf.statusCode).toBe(403)
  })

  it('retention deletes read notices past the limit and keeps unread ones', async () => {
    t.clock.advance((t.ctx.config.notify.keepReadDays + 1) * 86_400_000)
    const pruned = await pruneNotifications(t.ctx)
    expect(pruned.notices).toBe(3)
    const left = await t.ctx.db
      .selectFrom('notification')
      .select(['account_id', 'title'])
      .where('title', 'like', '给%')
      .execute()
    expect(left).toEqual([{ account_id: ids.member, title: '给党员' }])
  })
})
