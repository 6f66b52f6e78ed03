import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  login,
  type Reply,
  request,
  type Session,
  startTestApp,
  type TestApp,
} from '../../../test/helpers.ts'
import { ManualClock } from '../../lib/clock.ts'
import { insertAccount } from '../accounts/bootstrap.ts'

// Monday 7 December 2026, 09:00 in Shanghai; slots are booked on Tuesday the 8th.
const NOW = new Date('2026-12-07T09:00:00+08:00')
const at = (hhmm: string, day = '2026-12-08') => new Date(`${day}T${hhmm}:00+08:00`).toISOString()
const FENGXIAN = '310120'
const FENGPU = '310120002'
const HONGMEI = '310104011'
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '08:00', closes: '20:00' }))

let t: TestApp
const s = {} as Record<'admin' | 'provider' | 'member' | 'member2' | 'xuhui' | 'fengpu' | 'nanqiao', Session>
const r = {} as Record<'approval' | 'open' | 'closed' | 'paused' | 'social', number>
let providerUnit: number

const book = (
  who: Session,
  id: number,
  startsAt: string,
  endsAt: string,
  extra: object = {},
  lang?: string,
) =>
  request(
    t.app,
    who,
    'POST',
    `/api/offerings/${id}/bookings`,
    { purpose: '课题组样品检测', startsAt, endsAt, ...extra },
    { lang },
  )
const rows = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('resource_booking')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function member(username: string, area: string) {
  await insertAccount(t.ctx.db, {
    username,
    displayName: username,
    password: 'resource-test-pw',
    grants: [{ role: 'member', scopeType: 'area', scopeId: area, areaCode: area }],
  })
  return login(t.app, username, 'resource-test-pw')
}

async function offering(name: string, extra: object) {
  const res = await request(t.app, s.provider, 'POST', '/api/offerings', {
    providerUnitId: providerUnit,
    list: 'resource',
    categoryCode: 'enterprise.equipment',
    name,
    areaCodes: [FENGXIAN],
    openingHours: EVERY_DAY,
    bookable: true,
    ...extra,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id as number
}

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) })
  s.admin = await login(t.app, 'admin')
  s.provider = await login(t.app, 'provider_demo')
  s.member = await login(t.app, 'member_demo')
  s.fengpu = await login(t.app, 'fengpu_admin')
  s.nanqiao = await login(t.app, 'nanqiao_admin')
  s.member2 = await member('resource_member2', FENGPU)
  s.xuhui = await member('resource_xuhui', HONGMEI)
  providerUnit = Number(
    (
      await t.ctx.db
        .selectFrom('role_grant as g')
        .innerJoin('account as a', 'a.id', 'g.account_id')
        .select('g.scope_id')
        .where('a.username', '=', 'provider_demo')
        .executeTakeFirstOrThrow()
    ).scope_id,
  )
  r.approval = await offering('测试会议室（需审批）', { bookingNeedsApproval: true })
  r.open = await offering('测试共享光谱仪', { openingHours: [] })
  r.closed = await offering('测试展示空间', { bookable: false })
  r.paused = await offering('测试直播间', { status: 'paused' })
  r.social = await offering('测试公益活动室', { eligibility: { unitKinds: ['social_org'] } })
})
afterAll(() => t.close())

describe('resource booking settings', () => {
  it('opens only resources for booking, and an update that leaves them out keeps them', async () => {
    const got = await request(t.app, s.member, 'GET', `/api/offerings/${r.approval}`)
    expect([got.body.bookable, got.body.bookingNeedsApproval]).toEqual([true, true])
    const service = await request(t.app, s.provider, 'POST', '/api/offerings', {
      providerUnitId: providerUnit,
      list: 'service',
      categoryCode: 'enterprise.policy',
      name: '可预约的服务？',
      bookable: true,
    })
    expect([service.status, service.body.code]).toEqual([400, 'offering_bookable_not_resource'])
    const { bookable, bookingNeedsApproval, ...rest } = got.body
    const put = await request(t.app, s.provider, 'PUT', `/api/offerings/${r.approval}`, {
      providerUnitId: rest.providerUnitId,
      list: rest.list,
      categoryCode: rest.categoryCode,
      name: rest.name,
      areaCodes: rest.areaCodes,
      openingHours: rest.openingHours,
      version: rest.version,
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    const again = await request(t.app, s.member, 'GET', `/api/offerings/${r.approval}`)
    expect([again.body.bookable, again.body.bookingNeedsApproval]).toEqual([true, true])
  })
  it('lists only the bookable resources when asked (the booking page’s catalogue)', async () => {
    const list = await request(t.app, s.member, 'GET', '/api/offerings?list=resource&bookable=true&limit=100')
    expect(list.status, JSON.stringify(list.body)).toBe(200)
    const ids = list.body.items.map((o: { id: number }) => o.id)
    expect(ids).toEqual(expect.arrayContaining([r.approval, r.open, r.paused]))
    expect(ids).not.toContain(r.closed)
    expect(list.body.items.every((o: { bookable: boolean }) => o.bookable)).toBe(true)
  })
})

describe('bad input is refused with a specific error and writes nothing', () => {
  it('refuses each case', async () => {
    const before = await rows()
    const cases: Array<[Promise<Reply>, number, string]> = [
      [book(s.member, r.open, at('11:00'), at('10:00')), 400, 'resource_booking_ends_before_start'],
      [
        book(s.member, r.open, at('08:00', '2026-12-07'), at('10:00', '2026-12-07')),
        400,
        'resource_booking_in_past',
      ],
      [book(s.member, r.approval, at('19:00'), at('21:00')), 400, 'resource_booking_outside_hours'],
      [book(s.member, r.open, at('08:00'), at('09:00', '2026-12-10')), 400, 'resource_booking_too_long'],
      [book(s.member, r.closed, at('10:00'), at('11:00')), 409, 'resource_not_bookable'],
      [book(s.member, r.paused, at('10:00'), at('11:00')), 409, 'resource_paused'],
      [book(s.xuhui, r.open, at('10:00'), at('11:00')), 403, 'resource_out_of_area'],
      [book(s.member, r.social, at('10:00'), at('11:00')), 403, 'resource_not_eligible'],
      [book(s.member, 999_999, at('10:00'), at('11:00')), 404, 'not_found'],
    ]
    for (const [p, status, code] of cases) {
      const res = await p
      expect([res.status, res.body.code], code).toEqual([status, code])
    }
    expect(await rows()).toBe(before)
  })
  it('words the errors in both languages', async () => {
    const zh = await book(s.member, r.approval, at('19:00'), at('21:00'), {}, 'zh-CN')
    const en = await book(s.member, r.approval, at('19:00'), at('21:00'), {}, 'en-US')
    expect(zh.body.message).toBe('预约须在当天的开放时间内：08:00–20:00')
    expect(en.body.message).toBe("A booking must fall within that day's opening hours: 08:00–20:00")
    const out = await book(s.xuhui, r.open, at('10:00'), at('11:00'), {}, 'en-US')
    expect(out.body.message).toMatch(/serves only users in its areas/)
  })
})

describe('overlap', () => {
  it('refuses an overlapping slot with the slot it meets, and takes the adjacent one', async () => {
    const first = await book(s.member, r.open, at('10:00'), at('11:00'))
    expect([first.status, first.body.status]).toEqual([201, 'approved'])
    const before = await rows()
    const clash = await book(s.member2, r.open, at('10:30'), at('11:30'), {}, 'zh-CN')
    expect([clash.status, clash.body.code]).toEqual([409, 'resource_booking_overlap'])
    expect(clash.body.message).toBe('该时段资源已被预约（2026-12-08 10:00–11:00），请换一个时段')
    expect(await rows()).toBe(before)
    expect((await book(s.member2, r.open, at('11:00'), at('12:00'))).status).toBe(201)
  })
  it('lets exactly one of two simultaneous overlapping bookings win', async () => {
    const [a, b] = await Promise.all([
      book(s.member, r.open, at('14:00'), at('15:00')),
      book(s.member2, r.open, at('14:30'), at('15:30')),
    ])
    expect([a!.status, b!.status].sort()).toEqual([201, 409])
    expect([a!, b!].find((x) => x.status === 409)!.body.code).toBe('resource_booking_overlap')
    const held = await t.ctx.db
      .selectFrom('resource_booking')
      .select('id')
      .where('offering_id', '=', r.open)
      .where('starts_at', '<', new Date(at('15:30')))
      .where('ends_at', '>', new Date(at('14:00')))
      .execute()
    expect(held).toHaveLength(1)
  })
})

describe('approval by the owner', () => {
  it('holds the slot while pending, shows it in the owner’s queue only, and is decided once', async () => {
    const mine = await book(s.member, r.approval, at('09:00'), at('10:00'))
    expect([mine.status, mine.body.status]).toEqual([201, 'pending'])
    const id = mine.body.id as number
    expect((await book(s.member2, r.approval, at('09:30'), at('10:30'))).body.code).toBe(
      'resource_booking_overlap',
    )

    const queue = async (who: Session) =>
      (await request(t.app, who, 'GET', '/api/resource-bookings/queue')).body.items?.map(
        (b: { id: number }) => b.id,
      )
    expect(await queue(s.provider)).toContain(id)
    expect(await queue(s.nanqiao)).toContain(id) // staff over the provider unit's street
    expect(await queue(s.fengpu)).not.toContain(id)
    expect((await request(t.app, s.member, 'GET', '/api/resource-bookings/queue')).body.code).toBe(
      'forbidden',
    )

    expect(
      (await request(t.app, s.member, 'POST', `/api/resource-bookings/${id}/approve`, {})).body.code,
    ).toBe('forbidden')
    expect(
      (await request(t.app, s.fengpu, 'POST', `/api/resource-bookings/${id}/approve`, {})).body.code,
    ).toBe('forbidden_scope')
    const ok = await request(t.app, s.provider, 'POST', `/api/resource-bookings/${id}/approve`, {
      note: '请提前十分钟到前台登记',
    })
    expect([ok.status, ok.body.status, ok.body.decisionNote]).toEqual([
      200,
      'approved',
      '请提前十分钟到前台登记',
    ])
    const twice = await request(t.app, s.provider, 'POST', `/api/resource-bookings/${id}/decline`, {})
    expect([twice.status, twice.body.code]).toEqual([409, 'resource_booking_not_pending'])
    expect(await queue(s.provider)).not.toContain(id)
  })
  it('frees the slot of a declined request', async () => {
    const req = await book(s.member, r.approval, at('13:00'), at('14:00'))
    const no = await request(t.app, s.provider, 'POST', `/api/resource-bookings/${req.body.id}/decline`, {})
    expect(no.body.status).toBe('declined')
    expect((await book(s.member2, r.approval, at('13:00'), at('14:00'))).status).toBe(201)
  })
})

describe('privacy of purpose', () => {
  it('shows the purpose and booker only to the booker, the owner and staff over the owner', async () => {
    const made = await book(s.member, r.approval, at('16:00'), at('17:00'), {
      purpose: '私人：劳动仲裁调解会',
    })
    const id = made.body.id
    const seen = async (who: Session) => {
      const res = await request(
        t.app,
        who,
        'GET',
        `/api/offerings/${r.approval}/bookings?from=${at('00:00')}&to=${at('23:59')}`,
      )
      expect(res.status).toBe(200)
      const b = res.body.items.find((x: { id: number }) => x.id === id)
      return [b.startsAt, b.purpose, b.bookedBy]
    }
    expect(await seen(s.member)).toEqual([
      at('16:00'),
      '私人：劳动仲裁调解会',
      'member_demo'.length ? expect.any(String) : null,
    ])
    expect(await seen(s.provider)).toEqual([at('16:00'), '私人：劳动仲裁调解会', expect.any(String)])
    expect(await seen(s.nanqiao)).toEqual([at('16:00'), '私人：劳动仲裁调解会', expect.any(String)])
    expect(await seen(s.member2)).toEqual([at('16:00'), null, null])
    expect(await seen(s.fengpu)).toEqual([at('16:00'), null, null])
    const other = (await request(t.app, s.member2, 'GET', '/api/resource-bookings/mine')).body.items
    expect(other.map((b: { id: number }) => b.id)).not.toContain(id)
    expect(other.every((b: { mine: boolean }) => b.mine)).toBe(true)
  })
})

describe('cancel', () => {
  it('lets the booker or the owner cancel, answers others as unknown, and frees the slot', async () => {
    const made = await book(s.member, r.open, at('17:00'), at('18:00'))
    const id = made.body.id
    expect((await request(t.app, s.member2, 'POST', `/api/resource-bookings/${id}/cancel`)).body.code).toBe(
      'not_found',
    )
    expect((await request(t.app, s.fengpu, 'POST', `/api/resource-bookings/${id}/cancel`)).body.code).toBe(
      'not_found',
    )
    const done = await request(t.app, s.member, 'POST', `/api/resource-bookings/${id}/cancel`)
    expect([done.status, done.body.status]).toEqual([200, 'cancelled'])
    const again = await request(t.app, s.member, 'POST', `/api/resource-bookings/${id}/cancel`)
    expect([again.status, again.body.code]).toEqual([409, 'resource_booking_not_active'])
    const next = await book(s.member2, r.open, at('17:00'), at('18:00'))
    expect(next.status).toBe(201)
    const byOwner = await request(t.app, s.provider, 'POST', `/api/resource-bookings/${next.body.id}/cancel`)
    expect(byOwner.body.status).toBe('cancelled')
  })
})
