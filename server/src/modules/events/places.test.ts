import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { insertAccount } from '../accounts/bootstrap.ts'
import { api, HOUR } from './test-fixtures.ts'

/**
 * Every place an event or a booking names must be held by the caller, on the demo data: chief_demo holds
 * 绿地翡翠国际广场 (南桥), secretary_demo the 市工业综合开发区 committee (南桥, its branches cover the firms of the
 * 凤创谷 buildings), fengpu_admin 奉浦街道.
 */
const HONGMEI = '310104012'
const NANQIAO = '310120101'
const FENGPU = '310120002'

let t: TestApp
let call: ReturnType<typeof api>
let chief: Session
let secretary: Session
let fengpu: Session
let hongmei: Session
const id = {} as {
  fengpuRoom: number
  fengpuTower: number
  fengpuTech: number
  lvdi: number
  siic: number
  fcg1: number
  fcgRoom: number
  committee: number
  fengpuOrg: number
  campaign: number
}

/** A Shanghai wall-clock time on a day far enough ahead that no demo series uses the rooms. */
const day = (hhmm: string) => {
  const d = new Date(t.clock.now().getTime() + 90 * 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10)
  return new Date(`${d}T${hhmm}:00+08:00`).toISOString()
}

async function count(table: 'event' | 'booking') {
  const r = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

const lecture = (extra: Record<string, unknown>) => ({
  kind: 'lecture',
  theme: 'policy',
  title: '党课：楼宇党建',
  capacity: 20,
  startsAt: day('10:00'),
  endsAt: day('11:00'),
  ...extra,
})

beforeAll(async () => {
  t = await startTestApp()
  call = api(t)
  chief = await login(t.app, 'chief_demo')
  secretary = await login(t.app, 'secretary_demo')
  fengpu = await login(t.app, 'fengpu_admin')
  hongmei = await login(t.app, 'hongmei_admin')
  const db = t.ctx.db
  const building = async (name: string) =>
    (await db.selectFrom('building').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
  const room = async (station: string) =>
    (
      await db
        .selectFrom('station_room as r')
        .innerJoin('station as s', 's.id', 'r.station_id')
        .select('r.id')
        .where('s.name', '=', station)
        .where('r.name', '=', '党员活动室')
        .executeTakeFirstOrThrow()
    ).id
  const org = async (name: string) =>
    (await db.selectFrom('party_org').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
  Object.assign(id, {
    fengpuRoom: await room('奉浦大厦党建服务站'),
    fengpuTower: await building('奉浦大厦'),
    fengpuTech: await building('奉浦科技楼'),
    lvdi: await building('绿地翡翠国际广场'),
    siic: await building('上海实业大厦'),
    fcg1: await building('凤创谷科创基地1号楼'),
    fcgRoom: await room('“同心荟”党群服务中心'),
    committee: await org('中共上海市工业综合开发区委员会'),
    fengpuOrg: await org('中共奉浦街道楼宇联合总支部委员会'),
    campaign: (
      await db
        .selectFrom('campaign')
        .select('id')
        .where('name', '=', '百场党课进“两新”')
        .executeTakeFirstOrThrow()
    ).id,
  })
})
afterAll(() => t.close())

describe('events and bookings only in the caller’s places', () => {
  it('refuses a building chief another street’s room, before any overlap check, and writes nothing', async () => {
    // 奉浦's own booking of its room.
    const own = await call(fengpu, 'POST', `/api/station-rooms/${id.fengpuRoom}/bookings`, {
      purpose: '奉浦支部会议',
      startsAt: day('09:00'),
      endsAt: day('10:30'),
    })
    expect(own.status, JSON.stringify(own.body)).toBe(201)
    const events = await count('event')
    const bookings = await count('booking')
    // The chief names their own building to get past the check, and a slot that overlaps 奉浦's booking:
    // the answer must be about scope, not reveal that the room is taken.
    for (const payload of [
      lecture({ stationRoomId: id.fengpuRoom, buildingId: id.lvdi }),
      lecture({
        stationRoomId: id.fengpuRoom,
        buildingId: id.lvdi,
        startsAt: day('12:00'),
        endsAt: day('13:00'),
      }),
      lecture({ stationRoomId: id.fengpuRoom, areaCode: NANQIAO }),
    ]) {
      const res = await call(chief, 'POST', '/api/events', payload)
      expect([res.status, res.body.code], JSON.stringify(payload)).toEqual([403, 'forbidden_scope'])
    }
    const direct = await call(chief, 'POST', `/api/station-rooms/${id.fengpuRoom}/bookings`, {
      purpose: '楼宇会议',
      startsAt: day('09:30'),
      endsAt: day('10:00'),
    })
    expect([direct.status, direct.body.code]).toEqual([403, 'forbidden_scope'])
    const cancel = await call(chief, 'POST', `/api/bookings/${own.body.id}/cancel`)
    expect([cancel.status, cancel.body.code]).toEqual([403, 'forbidden_scope'])
    expect([await count('event'), await count('booking')]).toEqual([events, bookings])
  })

  it('lets the chief of the building a station stands in book its rooms', async () => {
    await insertAccount(t.ctx.db, {
      username: 'ev_fengpu_tower_chief',
      displayName: '奉浦大厦楼长',
      password: 'chief-password',
      grants: [
        { role: 'building_chief', scopeType: 'building', scopeId: String(id.fengpuTower), areaCode: FENGPU },
      ],
    })
    const towerChief = await login(t.app, 'ev_fengpu_tower_chief', 'chief-password')
    const res = await call(towerChief, 'POST', `/api/station-rooms/${id.fengpuRoom}/bookings`, {
      purpose: '楼宇议事会',
      startsAt: day('11:00'),
      endsAt: day('11:30'),
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect((await call(towerChief, 'POST', `/api/bookings/${res.body.id}/cancel`)).body.status).toBe(
      'cancelled',
    )
  })

  it('still lets the chief hold events in their own building', async () => {
    const res = await call(chief, 'POST', '/api/events', lecture({ buildingId: id.lvdi }))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.first).toMatchObject({ buildingId: id.lvdi, areaCode: NANQIAO, canManage: true })
  })

  it('refuses a secretary events in 虹梅路 and 徐家汇, or for another organisation', async () => {
    const events = await count('event')
    for (const payload of [
      lecture({ organiserOrgId: id.committee, areaCode: HONGMEI }),
      lecture({ organiserOrgId: id.committee, buildingId: id.siic }),
      lecture({ organiserOrgId: id.committee, buildingId: id.lvdi }),
      lecture({ organiserOrgId: id.committee, stationRoomId: id.fengpuRoom }),
      lecture({ organiserOrgId: id.committee, areaCode: FENGPU }),
      lecture({ organiserOrgId: id.fengpuOrg, buildingId: id.fengpuTower }),
      lecture({ areaCode: NANQIAO }),
    ]) {
      const res = await call(secretary, 'POST', '/api/events', payload)
      expect([res.status, res.body.code], JSON.stringify(payload)).toEqual([403, 'forbidden_scope'])
    }
    expect(await count('event')).toBe(events)
  })

  it('lets the secretary organise in their organisation’s buildings, rooms there and its own area', async () => {
    for (const payload of [
      lecture({ organiserOrgId: id.committee, buildingId: id.fcg1 }),
      lecture({
        organiserOrgId: id.committee,
        stationRoomId: id.fcgRoom,
        startsAt: day('14:00'),
        endsAt: day('15:00'),
      }),
      lecture({ organiserOrgId: id.committee, areaCode: NANQIAO }),
    ]) {
      const res = await call(secretary, 'POST', '/api/events', payload)
      expect(res.status, `${JSON.stringify(payload)} ${JSON.stringify(res.body)}`).toBe(201)
      expect(res.body.first.canManage).toBe(true)
    }
  })

  it('requires a room to stand in the building given and the venue to lie in the area given', async () => {
    const events = await count('event')
    const inOther = await call(
      fengpu,
      'POST',
      '/api/events',
      lecture({
        stationRoomId: id.fengpuRoom,
        buildingId: id.fengpuTech,
        startsAt: day('13:00'),
        endsAt: day('14:00'),
      }),
    )
    expect([inOther.status, inOther.body.code]).toEqual([400, 'event_room_not_in_building'])
    const elsewhere = await call(
      hongmei,
      'POST',
      '/api/events',
      lecture({ buildingId: id.siic, areaCode: HONGMEI }),
    )
    // 上海实业大厦 is in 徐家汇: 虹梅路's admin does not hold it.
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'forbidden_scope'])
    const outside = await call(
      fengpu,
      'POST',
      '/api/events',
      lecture({ buildingId: id.fengpuTech, areaCode: NANQIAO }),
    )
    expect([outside.status, outside.body.code]).toEqual([400, 'event_venue_outside_area'])
    expect(await count('event')).toBe(events)
    const fine = await call(
      fengpu,
      'POST',
      '/api/events',
      lecture({
        stationRoomId: id.fengpuRoom,
        buildingId: id.fengpuTower,
        startsAt: day('16:00'),
        endsAt: day('17:00'),
      }),
    )
    expect(fine.status, JSON.stringify(fine.body)).toBe(201)
    expect(fine.body.first.buildingId).toBe(id.fengpuTower)
  })

  it('counts an event towards a campaign only inside the campaign’s area', async () => {
    const events = await count('event')
    const res = await call(
      hongmei,
      'POST',
      '/api/events',
      lecture({ areaCode: HONGMEI, campaignId: id.campaign }),
    )
    expect([res.status, res.body.code]).toEqual([400, 'event_outside_campaign'])
    expect(await count('event')).toBe(events)
    const inside = await call(
      fengpu,
      'POST',
      '/api/events',
      lecture({ areaCode: FENGPU, campaignId: id.campaign }),
    )
    expect(inside.status, JSON.stringify(inside.body)).toBe(201)
  })

  it('keeps an event where it is: an edit cannot name another room, building, area or organisation', async () => {
    const created = await call(
      fengpu,
      'POST',
      '/api/events',
      lecture({ buildingId: id.fengpuTower, startsAt: day('18:00'), endsAt: day('19:00') }),
    )
    expect(created.status).toBe(201)
    const e = created.body.first
    for (const move of [
      { stationRoomId: id.fcgRoom },
      { buildingId: id.lvdi },
      { areaCode: HONGMEI },
      { organiserOrgId: id.committee },
    ]) {
      const res = await call(fengpu, 'PATCH', `/api/events/${e.id}`, { version: e.version, ...move })
      expect(res.status, JSON.stringify(move)).toBe(400)
    }
    const after = await call(fengpu, 'GET', `/api/events/${e.id}`)
    expect(after.body).toMatchObject({ version: e.version, buildingId: id.fengpuTower, areaCode: FENGPU })
    // Someone who does not hold the event cannot edit it at all.
    const byChief = await call(chief, 'PATCH', `/api/events/${e.id}`, { version: e.version, title: '改名' })
    expect([byChief.status, byChief.body.code]).toEqual([403, 'forbidden_scope'])
  })

  it('releases an event’s room only by cancelling the event', async () => {
    const created = await call(
      fengpu,
      'POST',
      '/api/events',
      lecture({ stationRoomId: id.fengpuRoom, startsAt: day('19:00'), endsAt: day('20:00') }),
    )
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const booking = await t.ctx.db
      .selectFrom('booking')
      .select('id')
      .where('event_id', '=', created.body.first.id)
      .executeTakeFirstOrThrow()
    const res = await call(fengpu, 'POST', `/api/bookings/${booking.id}/cancel`)
    expect([res.status, res.body.code]).toEqual([409, 'booking_of_event'])
    const still = await t.ctx.db
      .selectFrom('booking')
      .select('status')
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow()
    expect(still.status).toBe('active')
  })

  it('shows a room’s bookings (with their purposes) only to those who may book it', async () => {
    const made = await call(fengpu, 'POST', `/api/station-rooms/${id.fengpuRoom}/bookings`, {
      startsAt: day('20:00'),
      endsAt: day('20:45'),
      purpose: '支部委员会：讨论发展对象',
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const url = `/api/station-rooms/${id.fengpuRoom}/bookings?from=${encodeURIComponent(day('00:00'))}&to=${encodeURIComponent(day('23:00'))}`
    const own = await call(fengpu, 'GET', url)
    expect(own.status).toBe(200)
    expect(own.body.items.map((b: { purpose: string }) => b.purpose)).toContain('支部委员会：讨论发展对象')
    const member = await login(t.app, 'member_demo')
    for (const [who, s] of [
      ['another street', hongmei],
      ['a member', member],
    ] as const) {
      const res = await call(s, 'GET', url)
      expect(res.status, who).toBe(403)
      expect(JSON.stringify(res.body), who).not.toContain('发展对象')
    }
  })
})
