import type { Need, Signup } from '@tongxin/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, login, type TestApp } from '../../../test/helpers.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { insertAccount } from '../accounts/bootstrap.ts'
import { card, figure, get, NANQIAO, part, startWorkbenchApp, workbench } from './test-kit.ts'

// The workbench per role on the demo data, at noon of the demo's day (test-kit.ts): volunteer, provider and member.

let t: TestApp
let today: string

beforeAll(async () => {
  ;({ t, today } = await startWorkbenchApp())
})
afterAll(() => t?.close())

describe('workbench: volunteer', () => {
  it('sees only their own: their shift, their hours, their notices', async () => {
    const v = await login(t.app, 'volunteer_demo')
    const c = await login(t.app, 'coordinator_demo')
    const w = await workbench(v)
    expect(w.actions.map((a) => a.key)).toEqual(['notices_unread'])
    expect(w.next).toEqual([])

    // This month's verified minutes are the sum over their own past shifts this month.
    const past = await get<Signup[]>(v, '/api/volunteers/me/signups?when=past')
    const month = today.slice(0, 7)
    const mine = past
      .filter((p) => shanghaiDate(new Date(p.startsAt)).slice(0, 7) === month)
      .reduce((n, p) => n + (p.verifiedMinutes ?? 0), 0)
    expect(figure(w, 'myVerifiedMinutesMonth')).toMatchObject({ value: mine, better: null })

    // Signing up for a shift makes it "next"; the coordinator's workbench does not show it.
    const open = await get<
      Array<{ id: number; needs: Array<{ roleId: number; needed: number; taken: number }> }>
    >(v, '/api/volunteers/shifts?open=true')
    let signed: Signup | null = null
    for (const shift of open) {
      for (const n of shift.needs.filter((x) => x.taken < x.needed)) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/volunteers/shifts/${shift.id}/signups`,
          headers: v.headers,
          payload: { roleId: n.roleId },
        })
        if (res.statusCode === 201 || res.statusCode === 200) signed = res.json()
        if (signed) break
      }
      if (signed) break
    }
    expect(signed).not.toBeNull()
    const next = (await workbench(v)).next
    expect(next).toEqual([
      expect.objectContaining({ kind: 'shift', title: signed!.pointName, startsAt: signed!.startsAt }),
    ])
    expect((await workbench(c)).next.some((n) => n.kind === 'shift')).toBe(false)

    // A notice for the volunteer counts for them alone.
    const account = await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'volunteer_demo')
      .executeTakeFirstOrThrow()
    await t.ctx.db
      .insertInto('notification')
      .values({ account_id: account.id, kind: 'hours.verified', title: '时长已核定' })
      .execute()
    expect(card(await workbench(v), 'notices_unread')?.count).toBe(1)
    expect(card(await workbench(c), 'notices_unread')?.count).toBe(0)
  })

  it('a coordinator counts the hours waiting at their ten points only', async () => {
    const c = await login(t.app, 'coordinator_demo')
    const points = await get<Array<{ id: number }>>(c, '/api/volunteers/points?mine=true')
    expect(points).toHaveLength(10)
    let waiting = 0
    for (const p of points)
      waiting += (await get<Signup[]>(c, `/api/volunteers/points/${p.id}/signups?unverified=true`)).length
    const w = await workbench(c)
    expect(card(w, 'hours_to_verify')).toMatchObject({ count: waiting, link: '/volunteer-coordination' })
    const street = card(await workbench(await login(t.app, 'hongmei_admin')), 'hours_to_verify')!.count
    expect(street).toBeGreaterThan(waiting)
    // 奉浦's staff coordinate no point: no card at all.
    expect(card(await workbench(await login(t.app, 'fengpu_admin')), 'hours_to_verify')).toBeUndefined()
  })
})

describe('workbench: provider and member', () => {
  it('a provider sees the needs its unit may take, and its own figures', async () => {
    const p = await login(t.app, 'provider_demo')
    const w = await workbench(p)
    expect(w.actions.map((a) => a.key)).toEqual(['orders', 'notices_unread'])
    expect(card(w, 'orders')).toMatchObject({ count: 0, tone: 'todo' })
    // Two orders delivered in the last 30 days (the social-insurance account, the talent-flat enquiry); the
    // enquiry was rated 5 and closed.
    expect(figure(w, 'ordersDelivered30d')).toMatchObject({ value: 2, previous: 0, better: null })
    expect(figure(w, 'ordersRating90d')).toMatchObject({ value: 5, previous: null, better: 'up' })

    // A member of 南桥 asks for policy help: 杨妈妈 offers that there, so it waits on its desk.
    const m = await login(t.app, 'member_demo')
    const posted = await t.app.inject({
      method: 'POST',
      url: '/api/needs',
      headers: m.headers,
      payload: { categoryCode: 'enterprise.policy', description: '咨询人才公寓申请条件', areaCode: NANQIAO },
    })
    expect(posted.statusCode, posted.body).toBe(201)
    const after = await workbench(p)
    const desk = await get<{ open: Need[] }>(p, '/api/needs/orders')
    expect(card(after, 'orders')?.count).toBe(desk.open.length)
    expect(part(after, 'orders', 'to_take')).toBe(1)

    // Another provider (elderly care, no policy offering) is not told about it.
    const elderly = await t.ctx.db
      .selectFrom('unit')
      .select(['id', 'area_code'])
      .where('name', '=', '德善公益服务中心')
      .executeTakeFirstOrThrow()
    await insertAccount(t.ctx.db, {
      username: 'elderly_provider',
      displayName: '德善',
      password: DEMO_PASSWORD,
      grants: [
        { role: 'provider', scopeType: 'unit', scopeId: String(elderly.id), areaCode: elderly.area_code },
      ],
    })
    const other = await workbench(await login(t.app, 'elderly_provider'))
    const otherDesk = await get<{ open: Need[] }>(await login(t.app, 'elderly_provider'), '/api/needs/orders')
    expect(otherDesk.open.some((n) => n.categoryCode === 'enterprise.policy')).toBe(false)
    expect(part(other, 'orders', 'to_take')).toBe(otherDesk.open.length)
  })

  it('a member sees their delivered need waiting for them and their next event, nothing of staff', async () => {
    const m = await login(t.app, 'member_demo')
    const w = await workbench(m)
    expect(w.actions.map((a) => a.key)).toEqual(['needs_to_confirm', 'notices_unread'])
    expect(card(w, 'needs_to_confirm')).toMatchObject({ count: 1, link: '/my-needs' })
    const mine = await get<{ items: Need[] }>(m, '/api/needs/mine?limit=200')
    expect(mine.items.filter((n) => n.state === 'delivered')).toHaveLength(1)
    const [event] = w.next
    expect(event).toMatchObject({ kind: 'event' })
    const detail = await get<{ mine: { status: string } | null }>(
      m,
      event!.link.replace('/events/', '/api/events/'),
    )
    expect(detail.mine?.status).toBe('registered')
    expect(w.figures).toEqual([])
  })
})
