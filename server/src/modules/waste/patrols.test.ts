import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { insertAccount } from '../accounts/bootstrap.ts'
import { wasteDb } from './db.ts'

let t: TestApp
let chief: Session // building chief of 绿地翡翠国际广场: sets up routes
let lead: Session // volunteer leading the route
let volunteer: Session // another volunteer of the building
let outsider: Session // member in another street
let staff: Session // street admin of 南桥镇
let buildingId: number
let routeId: number

const TODAY = '2026-03-20'
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2213bc60000000049454e44ae426082',
  'hex',
)

const count = async (table: 'waste_patrol' | 'waste_patrol_history' | 'waste_patrol_photo') =>
  Number(
    (
      await wasteDb(t.ctx.db)
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const patrol = (over: object = {}) => ({
  routeId,
  floor: 5,
  date: TODAY,
  bagsChecked: 20,
  bagsRight: 18,
  mistakes: { wet: 2 },
  ...over,
})

beforeAll(async () => {
  t = await startTestApp()
  t.clock.set(new Date(`${TODAY}T12:10:00+08:00`))
  const b = await t.ctx.db
    .selectFrom('building')
    .select('id')
    .where('name', '=', '绿地翡翠国际广场')
    .executeTakeFirstOrThrow()
  buildingId = b.id
  for (const username of ['patrol_lead', 'patrol_vol']) {
    await insertAccount(t.ctx.db, {
      username,
      displayName: username,
      password: 'tongxin-demo',
      grants: [{ role: 'member', scopeType: 'building', scopeId: String(buildingId), areaCode: null }],
    })
  }
  chief = await login(t.app, 'chief_demo')
  lead = await login(t.app, 'patrol_lead')
  volunteer = await login(t.app, 'patrol_vol')
  outsider = await login(t.app, 'member_demo')
  staff = await login(t.app, 'nanqiao_admin')
  const leadId = (
    await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'patrol_lead')
      .executeTakeFirstOrThrow()
  ).id
  const res = await request(t.app, chief, 'POST', '/api/waste/routes', {
    buildingId,
    name: '午间巡查 高区',
    floors: [5, 6, 7, 8],
    leadAccountId: leadId,
  })
  expect(res.status, res.text).toBe(201)
  routeId = res.body.id
})
afterAll(() => t.close())

describe('patrol routes', () => {
  it('lists the route to volunteers of the building, not to others', async () => {
    const mine = (await request(t.app, volunteer, 'GET', '/api/waste/routes')).body
    expect(mine.map((r: { id: number }) => r.id)).toContain(routeId)
    expect(mine.find((r: { id: number }) => r.id === routeId).canCorrect).toBe(false)
    const leads = (await request(t.app, lead, 'GET', '/api/waste/routes')).body
    expect(leads.find((r: { id: number }) => r.id === routeId).canCorrect).toBe(true)
    const theirs = await request(t.app, outsider, 'GET', '/api/waste/routes')
    expect(theirs.body.map((r: { id: number }) => r.id)).not.toContain(routeId)
  })

  it('refuses floors the building does not have, duplicates, and leads who cannot patrol there', async () => {
    const outsiderId = (
      await t.ctx.db
        .selectFrom('account')
        .select('id')
        .where('username', '=', 'member_demo')
        .executeTakeFirstOrThrow()
    ).id
    const bad: Array<[object, string]> = [
      [{ floors: [5, 99] }, 'waste_route_floors_invalid'],
      [{ floors: [5, 5] }, 'waste_route_floors_invalid'],
      [{ floors: [0] }, 'waste_route_floors_invalid'],
      // member_demo volunteers in another street, so cannot lead a patrol here
      [{ leadAccountId: outsiderId }, 'waste_route_lead_invalid'],
    ]
    for (const [over, code] of bad) {
      const res = await request(t.app, chief, 'POST', '/api/waste/routes', {
        buildingId,
        name: '低区',
        floors: [3],
        ...over,
      })
      expect(res.status, JSON.stringify(over)).toBe(400)
      expect(res.body.code).toBe(code)
    }
    const member = await request(t.app, volunteer, 'POST', '/api/waste/routes', {
      buildingId,
      name: 'x',
      floors: [3],
    })
    expect(member.status).toBe(403)
  })
})

describe('changing a route', () => {
  it('lets the chief hand the lead over with the version read; volunteers cannot', async () => {
    const [route] = (await request(t.app, chief, 'GET', `/api/waste/routes?buildingId=${buildingId}`)).body
    const volId = (
      await t.ctx.db
        .selectFrom('account')
        .select('id')
        .where('username', '=', 'patrol_vol')
        .executeTakeFirstOrThrow()
    ).id
    const body = { name: route.name, floors: [5, 6, 7, 8, 9], leadAccountId: volId, version: route.version }
    expect((await request(t.app, volunteer, 'PUT', `/api/waste/routes/${routeId}`, body)).status).toBe(403)
    const bad = await request(t.app, chief, 'PUT', `/api/waste/routes/${routeId}`, {
      ...body,
      floors: [5, 99],
    })
    expect(bad.body.code).toBe('waste_route_floors_invalid')
    const ok = await request(t.app, chief, 'PUT', `/api/waste/routes/${routeId}`, body)
    expect(ok.status, ok.text).toBe(200)
    expect(ok.body).toMatchObject({ floors: [5, 6, 7, 8, 9], leadName: 'patrol_vol', version: 2 })
    const stale = await request(t.app, chief, 'PUT', `/api/waste/routes/${routeId}`, body)
    expect(stale.body.code).toBe('version_conflict')
    // Hand it back, so the rest of the file keeps patrol_lead as the lead.
    const leadId = (
      await t.ctx.db
        .selectFrom('account')
        .select('id')
        .where('username', '=', 'patrol_lead')
        .executeTakeFirstOrThrow()
    ).id
    const back = await request(t.app, chief, 'PUT', `/api/waste/routes/${routeId}`, {
      ...body,
      floors: [5, 6, 7, 8],
      leadAccountId: leadId,
      version: 2,
    })
    expect(back.status).toBe(200)
  })
})

describe('recording a floor', () => {
  it('records figures with who and when, and refuses a second record for the same floor and day', async () => {
    const res = await request(t.app, volunteer, 'POST', '/api/waste/patrols', patrol())
    expect(res.status, res.text).toBe(201)
    const p = res.body
    expect(p).toMatchObject({
      floor: 5,
      bagsChecked: 20,
      bagsRight: 18,
      mistakes: { wet: 2 },
      recordedBy: 'patrol_vol',
    })
    expect(p.recordedAt).toBe(new Date(`${TODAY}T12:10:00+08:00`).toISOString())
    const again = await request(
      t.app,
      lead,
      'POST',
      '/api/waste/patrols',
      patrol({ bagsRight: 19, mistakes: {} }),
    )
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('waste_patrol_duplicate')
  })

  it('lets only one of two volunteers sending the same floor at once win', async () => {
    const before = await count('waste_patrol')
    const results = await Promise.all(
      [volunteer, lead].map((s) => request(t.app, s, 'POST', '/api/waste/patrols', patrol({ floor: 6 }))),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect(await count('waste_patrol')).toBe(before + 1)
  })

  it('refuses impossible figures, dates and floors with specific codes, writing nothing', async () => {
    const before = await count('waste_patrol')
    const cases = [
      [{ bagsChecked: 10, bagsRight: 11 }, 400, 'waste_patrol_right_exceeds'],
      [{ bagsChecked: -1, bagsRight: 0 }, 400, 'waste_patrol_negative'],
      [{ bagsChecked: 5, bagsRight: -2 }, 400, 'waste_patrol_negative'],
      [{ bagsChecked: 10, bagsRight: 8, mistakes: { dry: -1 } }, 400, 'waste_patrol_negative'],
      [{ bagsChecked: 10, bagsRight: 8, mistakes: { hazardous: 3 } }, 400, 'waste_patrol_mistakes_exceed'],
      [{ bagsChecked: 5000, bagsRight: 0 }, 400, 'waste_patrol_too_many'],
      [{ date: '2026-03-21' }, 400, 'waste_patrol_future'],
      [{ date: '2026-01-02' }, 400, 'waste_patrol_too_old'],
      [{ date: '2026-02-30' }, 400, 'validation_failed'],
      [{ floor: 12 }, 400, 'waste_patrol_floor_not_on_route'],
      [{ bagsChecked: 1.5 }, 400, 'validation_failed'],
      [{ mistakes: { plastic: 1 } }, 400, 'validation_failed'],
    ] as const
    for (const [over, status, code] of cases) {
      const res = await request(t.app, volunteer, 'POST', '/api/waste/patrols', patrol({ floor: 7, ...over }))
      expect(res.status, JSON.stringify(over)).toBe(status)
      expect(res.body.code, JSON.stringify(over)).toBe(code)
      expect(res.body.message).not.toMatch(/\bat |Error:/)
    }
    const out = await request(t.app, outsider, 'POST', '/api/waste/patrols', patrol({ floor: 7 }))
    expect(out.status).toBe(403)
    expect(await count('waste_patrol')).toBe(before)
  })
})

describe('corrections', () => {
  it('only the lead or staff correct; each correction keeps what was there and is audited', async () => {
    const list = (await request(t.app, lead, 'GET', `/api/waste/patrols?routeId=${routeId}&floor=5`)).body
    const p = list.items[0]
    const body = {
      bagsChecked: 20,
      bagsRight: 17,
      mistakes: { wet: 2, dry: 1 },
      reason: '漏记一袋',
      version: p.version,
    }
    const historyBefore = await count('waste_patrol_history')
    const byVolunteer = await request(t.app, volunteer, 'PUT', `/api/waste/patrols/${p.id}`, body)
    expect(byVolunteer.status).toBe(403)
    expect(byVolunteer.body.code).toBe('waste_patrol_not_lead')
    const bad = await request(t.app, lead, 'PUT', `/api/waste/patrols/${p.id}`, { ...body, bagsRight: 21 })
    expect(bad.body.code).toBe('waste_patrol_right_exceeds')
    expect(await count('waste_patrol_history')).toBe(historyBefore)

    const ok = await request(t.app, lead, 'PUT', `/api/waste/patrols/${p.id}`, body)
    expect(ok.status, ok.text).toBe(200)
    expect(ok.body).toMatchObject({
      bagsRight: 17,
      version: 2,
      corrected: true,
      mistakes: { wet: 2, dry: 1 },
    })
    const stale = await request(t.app, staff, 'PUT', `/api/waste/patrols/${p.id}`, body)
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('version_conflict')
    const byStaff = await request(t.app, staff, 'PUT', `/api/waste/patrols/${p.id}`, {
      ...body,
      bagsRight: 16,
      version: 2,
    })
    expect(byStaff.status).toBe(200)

    const history = (await request(t.app, volunteer, 'GET', `/api/waste/patrols/${p.id}/history`)).body
    expect(
      history.map((h: { version: number; before: { bagsRight: number } }) => [h.version, h.before.bagsRight]),
    ).toEqual([
      [1, 18],
      [2, 17],
    ])
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'waste.patrol.correct')
      .select('entity_ids')
      .execute()
    expect(audit.filter((a) => a.entity_ids.includes(String(p.id)))).toHaveLength(2)
  })
})

describe('photos', () => {
  it('takes an image checked by its bytes and refuses anything else', async () => {
    const p = (await request(t.app, volunteer, 'GET', `/api/waste/patrols?routeId=${routeId}&floor=5`)).body
      .items[0]
    const put = (s: Session, type: string, data: Buffer) =>
      request(t.app, s, 'PUT', `/api/waste/patrols/${p.id}/photo`, data, {
        headers: { 'content-type': type },
      })
    const text = await put(volunteer, 'image/png', Buffer.from('not a picture at all'))
    expect(text.status).toBe(415)
    expect(text.body.code).toBe('waste_photo_not_image')
    const pdf = await put(volunteer, 'application/pdf', Buffer.from('%PDF-1.4'))
    expect(pdf.status).toBe(415)
    const lying = await put(volunteer, 'image/jpeg', PNG)
    expect(lying.body.code).toBe('waste_photo_not_image')
    const huge = await put(volunteer, 'image/png', Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]))
    expect(huge.status).toBe(413)
    expect(await count('waste_patrol_photo')).toBe(0)
    const outsiderPut = await put(outsider, 'image/png', PNG)
    expect(outsiderPut.status).toBe(403)

    const ok = await put(volunteer, 'image/png', PNG)
    expect(ok.status, ok.text).toBe(200)
    const back = await request(t.app, lead, 'GET', `/api/waste/patrols/${p.id}/photo`)
    expect(back.headers['content-type']).toBe('image/png')
    expect(back.raw.equals(PNG)).toBe(true)
    expect((await request(t.app, lead, 'GET', `/api/waste/patrols/${p.id}`)).body.hasPhoto).toBe(true)
  })
})

describe('stars, street rules and the public board', () => {
  const NANQIAO = '310120101'
  it('rates floors by the street’s rule, recomputed when the rule or patrols change', async () => {
    const before = (await request(t.app, volunteer, 'GET', `/api/waste/buildings/${buildingId}/stars`)).body
    expect(before.rule).toMatchObject({ areaCode: NANQIAO, starWindow: 4, custom: false })
    expect(before.floors.map((f: { floor: number }) => f.floor).slice(0, 4)).toEqual([5, 6, 7, 8])
    // one patrol per floor so far: no full window of four yet
    expect(before.floors[0]).toMatchObject({ floor: 5, stars: null, patrols: 1 })

    const rule = {
      starWindow: 1,
      starThresholds: [0.6, 0.7, 0.8, 0.9, 0.95],
      demoMonths: 3,
      demoMinScore: 85,
      demoMinStars: 4,
    }
    const notStaff = await request(t.app, lead, 'PUT', `/api/waste/rules/${NANQIAO}`, { ...rule, version: 0 })
    expect(notStaff.status).toBe(403)
    const falling = await request(t.app, staff, 'PUT', `/api/waste/rules/${NANQIAO}`, {
      ...rule,
      starThresholds: [0.9, 0.8, 0.85, 0.9, 0.95],
      version: 0,
    })
    expect(falling.status).toBe(400)
    expect(falling.body.code).toBe('waste_rule_thresholds')
    const district = await request(t.app, staff, 'PUT', '/api/waste/rules/310120', { ...rule, version: 0 })
    expect(district.status).toBe(403)
    const set = await request(t.app, staff, 'PUT', `/api/waste/rules/${NANQIAO}`, { ...rule, version: 0 })
    expect(set.status, set.text).toBe(200)
    expect(set.body).toMatchObject({ custom: true, version: 1, starWindow: 1 })
    const twice = await request(t.app, staff, 'PUT', `/api/waste/rules/${NANQIAO}`, { ...rule, version: 0 })
    expect(twice.body.code).toBe('version_conflict')

    const after = (await request(t.app, volunteer, 'GET', `/api/waste/buildings/${buildingId}/stars`)).body
    const floor = (n: number) => after.floors.find((f: { floor: number }) => f.floor === n)
    // floor 5 after its corrections: 16 of 20 = 80% → 3★; floor 6: 18 of 20 = 90% → 4★
    expect(floor(5)).toMatchObject({ stars: 3, rate: 0.8 })
    expect(floor(6)).toMatchObject({ stars: 4, rate: 0.9 })
    expect(floor(8)).toMatchObject({ stars: null, patrols: 0 })
  })

  it('shows the board without login, with stars and no names', async () => {
    const res = await request(t.app, null, 'GET', `/api/waste/board/${buildingId}`)
    expect(res.status).toBe(200)
    expect(res.body.buildingName).toBe('绿地翡翠国际广场')
    expect(res.text).not.toContain('patrol_vol')
    expect((await request(t.app, null, 'GET', '/api/waste/board/999999')).status).toBe(404)
    const closed = await request(t.app, null, 'GET', `/api/waste/buildings/${buildingId}/stars`)
    expect(closed.status).toBe(401)
    expect((await request(t.app, outsider, 'GET', `/api/waste/buildings/${buildingId}/stars`)).status).toBe(
      403,
    )
  })
})
