import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { insertAccount } from '../accounts/bootstrap.ts'
import { forecast } from './campaigns.service.ts'
import { api, createEvent, FENGPU, HOUR, iso, memberAccount } from './test-fixtures.ts'

let t: TestApp
let call: ReturnType<typeof api>
let fengpu: Session
let chief: Session
let community: string
const a: number[] = []
const b: number[] = []
const ids = {} as {
  buildingA: number
  buildingB: number
  orgB: number
  campaign: number
  l1Day: string
  l3Day: string
}

const shanghaiDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10)

/** Registers a member (by the organiser) and checks them in with their ticket, as at the door. */
async function attend(eventId: number, personId: number, session: Session) {
  const reg = await call(fengpu, 'POST', `/api/events/${eventId}/registrations`, { personId })
  expect(reg.status).toBe(201)
  const { token } = (await call(session, 'GET', `/api/events/${eventId}/my-qr`)).body
  const scan = await call(fengpu, 'POST', `/api/events/${eventId}/scans`, {
    token,
    nonce: `n-${eventId}-${personId}`,
  })
  expect(scan.status, JSON.stringify(scan.body)).toBe(200)
}

beforeAll(async () => {
  t = await startTestApp({ config: { sessionIdleMinutes: 30 * 24 * 60, sessionMaxHours: 24 * 60 } })
  call = api(t)
  const admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  // A community of 奉浦 with no members yet: every figure below is counted by hand.
  const used = t.ctx.db.selectFrom('member').select('area_code').where('area_code', 'is not', null)
  const c = await t.ctx.db
    .selectFrom('area')
    .select('code')
    .where('parent_code', '=', FENGPU)
    .where('code', 'not in', used as never)
    .orderBy('code')
    .executeTakeFirstOrThrow()
  community = c.code
  const reg = registryApi(t.app, admin)
  const bA = await reg.building(community, '参学甲楼', 10)
  const bB = await reg.building(community, '参学乙楼', 10)
  const uA = await reg.unit(bA.id, '参学甲公司')
  const uB = await reg.unit(bB.id, '参学乙公司')
  const oA = await reg.org('中共参学甲公司支部', 'branch', community)
  const oB = await reg.org('中共参学乙公司支部', 'branch', community)
  for (let i = 0; i < 4; i++) a.push((await reg.member(uA.id, oA.id)).id)
  for (let i = 0; i < 3; i++) b.push((await reg.member(uB.id, oB.id)).id)
  await t.ctx.db
    .updateTable('person')
    .set({ phone: '13912345678' })
    .where('id', 'in', [...a, ...b])
    .execute()
  Object.assign(ids, { buildingA: bA.id, buildingB: bB.id, orgB: oB.id })
  await insertAccount(t.ctx.db, {
    username: 'ev_chief_a',
    displayName: '甲楼楼长',
    password: 'chief-password',
    grants: [{ role: 'building_chief', scopeType: 'building', scopeId: String(bA.id), areaCode: community }],
  })
  chief = await login(t.app, 'ev_chief_a', 'chief-password')
  const sessions = new Map<number, Session>()
  for (const p of [...a, ...b]) sessions.set(p, await memberAccount(t, `ev_p_${p}`, p))

  const now = t.clock.now().getTime()
  const l1 = now + 2 * HOUR
  const l3 = now + 7 * 24 * HOUR
  ids.l1Day = shanghaiDay(l1)
  ids.l3Day = shanghaiDay(l3)
  const campaign = await call(fengpu, 'POST', '/api/campaigns', {
    name: '百场党课进两新（测试）',
    areaCode: community,
    eventKind: 'lecture',
    targetCount: 4,
    startsOn: ids.l1Day,
    endsOn: shanghaiDay(now + 30 * 24 * HOUR),
  })
  expect(campaign.status).toBe(201)
  ids.campaign = campaign.body.id
  const L1 = (
    await createEvent(t, fengpu, {
      areaCode: community,
      campaignId: ids.campaign,
      startsAt: iso(l1),
      endsAt: iso(l1 + HOUR),
    })
  ).first.id
  const L2 = (
    await createEvent(t, fengpu, { areaCode: community, startsAt: iso(l1), endsAt: iso(l1 + HOUR) })
  ).first
  const act = (
    await createEvent(t, fengpu, {
      kind: 'activity',
      areaCode: community,
      startsAt: iso(l1),
      endsAt: iso(l1 + HOUR),
    })
  ).first.id
  const L3 = (
    await createEvent(t, fengpu, { areaCode: community, startsAt: iso(l3), endsAt: iso(l3 + HOUR) })
  ).first.id
  t.clock.set(new Date(l1 + 10 * 60_000))
  await attend(L1, a[0]!, sessions.get(a[0]!)!)
  await attend(L1, a[1]!, sessions.get(a[1]!)!)
  await attend(L1, b[0]!, sessions.get(b[0]!)!)
  // a3 registered and never came; a4 came to a lecture that was then called off; b2 only to an activity.
  expect((await call(fengpu, 'POST', `/api/events/${L1}/registrations`, { personId: a[2] })).status).toBe(201)
  await attend(L2.id, a[3]!, sessions.get(a[3]!)!)
  expect(
    (await call(fengpu, 'POST', `/api/events/${L2.id}/cancel`, { version: L2.version, reason: '停电' }))
      .status,
  ).toBe(200)
  await attend(act, b[1]!, sessions.get(b[1]!)!)
  t.clock.set(new Date(l3 + 10 * 60_000))
  await attend(L3, b[2]!, sessions.get(b[2]!)!)
})
afterAll(() => t.close())

describe('participation coverage', () => {
  it('counts members who attended a lecture in the period, against hand-computed figures', async () => {
    const day = `from=${ids.l1Day}&to=${ids.l1Day}`
    const area = await call(fengpu, 'GET', `/api/participation?area=${community}&${day}`)
    expect(area.status).toBe(200)
    expect(area.body).toMatchObject({ targetMembers: 7, reached: 3, share: 0.4286, kind: 'lecture' })
    expect(area.body.breakdown).toEqual([
      { kind: 'building', id: ids.buildingA, name: '参学甲楼', targetMembers: 4, reached: 2, share: 0.5 },
      { kind: 'building', id: ids.buildingB, name: '参学乙楼', targetMembers: 3, reached: 1, share: 0.3333 },
    ])
    const week = await call(
      fengpu,
      'GET',
      `/api/participation?area=${community}&from=${ids.l1Day}&to=${ids.l3Day}`,
    )
    expect(week.body).toMatchObject({ targetMembers: 7, reached: 4, share: 0.5714 })
    const activity = await call(fengpu, 'GET', `/api/participation?area=${community}&${day}&kind=activity`)
    expect(activity.body).toMatchObject({ targetMembers: 7, reached: 1 })
    const building = await call(fengpu, 'GET', `/api/participation?building=${ids.buildingA}&${day}`)
    expect(building.body).toMatchObject({ targetMembers: 4, reached: 2, share: 0.5 })
    const org = await call(
      fengpu,
      'GET',
      `/api/participation?org=${ids.orgB}&from=${ids.l1Day}&to=${ids.l3Day}`,
    )
    expect(org.body).toMatchObject({ targetMembers: 3, reached: 2 })
    // A campaign counts only its own events, over its own period.
    const campaign = await call(fengpu, 'GET', `/api/participation?campaign=${ids.campaign}`)
    expect(campaign.body).toMatchObject({ targetMembers: 7, reached: 3, from: ids.l1Day })
  })

  it('drills down to who has not been reached, masked unless the role may see personal data', async () => {
    const day = `from=${ids.l1Day}&to=${ids.l1Day}`
    const staff = await call(fengpu, 'GET', `/api/participation/unreached?building=${ids.buildingA}&${day}`)
    expect(staff.body.items.map((r: { personId: number }) => r.personId)).toEqual([a[2], a[3]])
    expect(staff.body.items[0].phone).toBe('13912345678')
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('entity_ids')
      .where('action', '=', 'participation.unreached_pii')
      .execute()
    expect(audited.at(-1)!.entity_ids).toEqual([String(a[2]), String(a[3])])
    const byChief = await call(chief, 'GET', `/api/participation/unreached?building=${ids.buildingA}&${day}`)
    expect(byChief.body.items.map((r: { phone: string }) => r.phone)).toEqual(['139****5678', '139****5678'])
    const paged = await call(fengpu, 'GET', `/api/participation/unreached?area=${community}&${day}&limit=3`)
    expect(paged.body.items).toHaveLength(3)
    const rest = await call(
      fengpu,
      'GET',
      `/api/participation/unreached?area=${community}&${day}&limit=3&cursor=${paged.body.nextCursor}`,
    )
    expect(rest.body.items).toHaveLength(1)
    expect(rest.body.nextCursor).toBeNull()
  })

  it('refuses callers outside the scope and queries without exactly one scope', async () => {
    const other = await call(chief, 'GET', `/api/participation?building=${ids.buildingB}`)
    expect(other.status).toBe(403)
    const member = await memberAccount(t, 'ev_member_pp', null)
    expect((await call(member, 'GET', `/api/participation?area=${community}`)).status).toBe(403)
    const two = await call(fengpu, 'GET', `/api/participation?area=${community}&building=${ids.buildingA}`)
    expect([two.status, two.body.code]).toEqual([400, 'participation_scope_required'])
  })
})

describe('campaigns', () => {
  it('forecasts at the linear pace, never below what is scheduled', () => {
    const base = { startsOn: '2026-01-01', endsOn: '2026-12-31' }
    expect(forecast({ ...base, today: '2026-07-02', held: 50, planned: 0 }).forecast).toBe(
      Math.round((50 * 365) / 183),
    )
    expect(forecast({ ...base, today: '2026-07-02', held: 50, planned: 60 }).forecast).toBe(110)
    expect(forecast({ ...base, today: '2025-12-01', held: 0, planned: 12 }).forecast).toBe(12)
    expect(forecast({ ...base, today: '2027-03-01', held: 97, planned: 0 })).toEqual({
      forecast: 97,
      elapsedShare: 1,
    })
  })

  it('reports progress of a campaign', async () => {
    const res = await call(fengpu, 'GET', `/api/campaigns/${ids.campaign}`)
    expect(res.body).toMatchObject({ targetCount: 4, held: 1, planned: 0, attendees: 3 })
    const bad = await call(fengpu, 'POST', '/api/campaigns', {
      name: '倒置',
      areaCode: FENGPU,
      targetCount: 3,
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
    })
    expect([bad.status, bad.body.code]).toEqual([400, 'campaign_dates'])
    const byChief = await call(chief, 'POST', '/api/campaigns', {
      name: '楼长计划',
      areaCode: community,
      targetCount: 3,
      startsOn: '2026-05-01',
      endsOn: '2026-06-01',
    })
    expect(byChief.status).toBe(403)
  })
})

describe('station rooms and bookings', () => {
  let room: number
  const day = () => {
    const d = shanghaiDay(t.clock.now().getTime() + 3 * 24 * HOUR)
    return (hhmm: string) => new Date(`${d}T${hhmm}:00+08:00`).toISOString()
  }

  beforeAll(async () => {
    const station = await t.ctx.db
      .selectFrom('station')
      .select('id')
      .where('area_code', '=', FENGPU)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const res = await call(fengpu, 'POST', '/api/station-rooms', {
      stationId: station.id,
      name: '测试多功能厅',
      capacity: 40,
      opensAt: '09:00',
      closesAt: '18:00',
    })
    expect(res.status).toBe(201)
    room = res.body.id
  })

  it('lets exactly one of many concurrent bookings of a slot win', async () => {
    const at = day()
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(fengpu, 'POST', `/api/station-rooms/${room}/bookings`, {
          purpose: `会议${i}`,
          startsAt: at('10:00'),
          endsAt: at('11:00'),
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409])
    expect(results.find((r) => r.status === 409)!.body.code).toBe('booking_overlap')
  })

  it('refuses overlaps and times outside opening hours; adjacent slots and freed slots are fine', async () => {
    const at = day()
    const overlap = await call(fengpu, 'POST', `/api/station-rooms/${room}/bookings`, {
      purpose: '重叠',
      startsAt: at('10:30'),
      endsAt: at('12:00'),
    })
    expect([overlap.status, overlap.body.code]).toEqual([409, 'booking_overlap'])
    const adjacent = await call(fengpu, 'POST', `/api/station-rooms/${room}/bookings`, {
      purpose: '相邻',
      startsAt: at('11:00'),
      endsAt: at('12:00'),
    })
    expect(adjacent.status).toBe(201)
    const night = await call(fengpu, 'POST', `/api/station-rooms/${room}/bookings`, {
      purpose: '夜场',
      startsAt: at('17:00'),
      endsAt: at('19:00'),
    })
    expect([night.status, night.body.code]).toEqual([400, 'booking_outside_hours'])
    // An event in the room books it too: a clash refuses the event and stores nothing.
    const before = await t.ctx.db
      .selectFrom('event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const clash = await call(fengpu, 'POST', '/api/events', {
      kind: 'lecture',
      theme: 'policy',
      title: '撞场党课',
      stationRoomId: room,
      capacity: 30,
      startsAt: at('11:30'),
      endsAt: at('12:30'),
    })
    expect([clash.status, clash.body.code]).toEqual([409, 'booking_overlap'])
    const after = await t.ctx.db
      .selectFrom('event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    const tooBig = await call(fengpu, 'POST', '/api/events', {
      kind: 'lecture',
      theme: 'policy',
      title: '超员党课',
      stationRoomId: room,
      capacity: 41,
      startsAt: at('14:00'),
      endsAt: at('15:00'),
    })
    expect([tooBig.status, tooBig.body.code]).toEqual([400, 'event_capacity_over_room'])
    const cancelled = await call(fengpu, 'POST', `/api/bookings/${adjacent.body.id}/cancel`)
    expect(cancelled.body.status).toBe('cancelled')
    const event = await call(fengpu, 'POST', '/api/events', {
      kind: 'lecture',
      theme: 'policy',
      title: '改期党课',
      stationRoomId: room,
      capacity: 30,
      startsAt: at('11:30'),
      endsAt: at('12:30'),
    })
    expect(event.status).toBe(201)
    const list = await call(
      fengpu,
      'GET',
      `/api/station-rooms/${room}/bookings?from=${at('00:00')}&to=${at('23:59')}`,
    )
    const purposes = list.body.items.map((x: { purpose: string }) => x.purpose)
    expect(purposes).toHaveLength(2)
    expect(purposes[0]).toMatch(/^会议\d$/)
    expect(purposes[1]).toBe('改期党课')
  })
})
