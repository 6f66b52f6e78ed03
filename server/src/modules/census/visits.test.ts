import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'

// 奉城镇 has no demo buildings: every figure here comes from the rows this file creates. The clock stands years
// after the buildings were registered, so a part nobody has verified is stale from the start.
const FENGCHENG = '310120102'
const at = (day: string) => new Date(`${day}T10:00:00+08:00`)
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f1e3e50000000049454e44ae426082',
  'hex',
)

let t: TestApp
let admin: Session
let b1: number
let b2: number

/** The language these tests read answers in unless one says otherwise. */
const zhCN = { lang: 'zh-CN' }
const all = ['building', 'units', 'orgs', 'members', 'stations'].map((part) => ({ part, verified: true }))
const visit = (buildingId: number, visitedOn: string, findings = all, extra: object = {}) => ({
  buildingId,
  visitedOn,
  kind: 'joint',
  department: '区经委',
  findings,
  ...extra,
})
const countVisits = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('census_visit')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const freshness = (s = admin) => client(t.app, s, zhCN).read(`/api/census/freshness?area=${FENGCHENG}`)
const part = (f: { byPart: { part: string; stale: number }[] }, p: string) =>
  f.byPart.find((x) => x.part === p)!.stale
const item = async (id: number, key: string, lang = 'zh-CN') =>
  (await client(t.app, admin, { lang }).read(`/api/buildings/${id}`)).completeness.items.find(
    (i: { key: string }) => i.key === key,
  )

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  const api = registryApi(t.app, admin)
  const facts = { propertyCompany: '奉城物业', owner: '奉城置业', lat: 30.92, lng: 121.66 }
  b1 = (await api.building(FENGCHENG, '奉城走访一号楼', 12, facts)).id
  b2 = (await api.building(FENGCHENG, '奉城走访二号楼', 9, facts)).id
  t.clock.set(at('2031-01-15'))
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

describe('freshness of the five parts', () => {
  it('counts every part of a building nobody has verified for the period as stale', async () => {
    const f = await freshness()
    expect(f).toMatchObject({ asOf: '2031-01-15', periodMonths: 6, cutoff: '2030-07-15', buildings: 2 })
    expect(f.staleParts).toBe(10)
    expect(f.allFresh).toBe(0)
    const building = await item(b1, 'building')
    expect(building).toMatchObject({ state: 'stale', ok: false, verifiedOn: null })
    expect(building.missing).toMatch(/核实/)
  })

  it('keeps a part clear through the last day of the period and stale one day past', async () => {
    const res = await request(t.app, admin, 'POST', '/api/census/visits', visit(b1, '2031-01-15'), zhCN)
    expect(res.status, res.text).toBe(201)
    expect((await freshness()).staleParts).toBe(5)

    t.clock.set(at('2031-07-15'))
    admin = await login(t.app, 'admin')
    const onBoundary = await freshness()
    expect(onBoundary.cutoff).toBe('2031-01-15')
    expect(part(onBoundary, 'building')).toBe(1) // b2 only
    expect(await item(b1, 'building')).toMatchObject({
      state: 'clear',
      ok: true,
      verifiedOn: '2031-01-15',
      verifiedBy: '市级管理员',
      freshUntil: '2031-07-15',
    })

    t.clock.set(at('2031-07-16'))
    admin = await login(t.app, 'admin')
    const past = await freshness()
    expect(part(past, 'building')).toBe(2)
    expect(past.staleParts).toBe(10)
    const stale = await item(b1, 'building')
    expect(stale).toMatchObject({ state: 'stale', ok: false, verifiedOn: '2031-01-15' })
    expect((await item(b1, 'building', 'en-US')).missing).toMatch(/verified/i)
  })

  it('moves the figures when a visit verifies a stale part', async () => {
    const before = await freshness()
    const res = await request(
      t.app,
      admin,
      'POST',
      '/api/census/visits',
      visit(b1, '2031-07-16', [{ part: 'units', verified: true }]),
      zhCN,
    )
    expect(res.status, res.text).toBe(201)
    const after = await freshness()
    expect(part(after, 'units')).toBe(part(before, 'units') - 1)
    expect(after.staleParts).toBe(before.staleParts - 1)
    // A finding that did not verify the part (it was found wrong or not seen) leaves it stale.
    await request(
      t.app,
      admin,
      'POST',
      '/api/census/visits',
      visit(b1, '2031-07-16', [{ part: 'orgs', verified: false }]),
      zhCN,
    )
    expect(part(await freshness(), 'orgs')).toBe(2)
    // Verifying all five of b1 makes it the one fully fresh building.
    await request(t.app, admin, 'POST', '/api/census/visits', visit(b1, '2031-07-16'), zhCN)
    expect(await freshness()).toMatchObject({ allFresh: 1, staleParts: 5 })
  })

  it('keeps the latest verification when an older visit is recorded late', async () => {
    await request(t.app, admin, 'POST', '/api/census/visits', visit(b1, '2031-03-01'), zhCN)
    expect(await item(b1, 'building')).toMatchObject({ verifiedOn: '2031-07-16', state: 'clear' })
  })

  it('plans the next visits: the oldest verification first, drillable by part', async () => {
    const plan = await client(t.app, admin, zhCN).read(`/api/census/plan?area=${FENGCHENG}`)
    expect(plan.items.map((r: { name: string }) => r.name)).toEqual(['奉城走访二号楼', '奉城走访一号楼'])
    expect(plan.items[0].staleParts).toHaveLength(5)
    expect(plan.items[1]).toMatchObject({ dueOn: '2032-01-16', staleParts: [] })
    const drill = await client(t.app, admin, zhCN).read(`/api/census/plan?area=${FENGCHENG}&part=stations`)
    expect(drill.items.map((r: { buildingId: number }) => r.buildingId)).toEqual([b2])
  })
})

describe('who may record a visit, and where', () => {
  it('refuses a street admin a building of another street, writing nothing', async () => {
    const fengpu = await login(t.app, 'fengpu_admin')
    const n = await countVisits()
    const res = await request(t.app, fengpu, 'POST', '/api/census/visits', visit(b2, '2031-07-16'), {
      lang: 'en-US',
    })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ code: 'census_visit_out_of_scope' })
    expect(res.body.message).toMatch(/outside/i)
    expect(await countVisits()).toBe(n)
    expect((await request(t.app, fengpu, 'GET', `/api/census/freshness?area=${FENGCHENG}`)).status).toBe(403)
  })

  it('lets the district admin record; refuses a member; answers 404 for a building that does not exist', async () => {
    const district = await login(t.app, 'fengxian_admin')
    expect(
      (await request(t.app, district, 'POST', '/api/census/visits', visit(b2, '2031-07-16'), zhCN)).status,
    ).toBe(201)
    const member = await login(t.app, 'member_demo')
    expect(
      (await request(t.app, member, 'POST', '/api/census/visits', visit(b2, '2031-07-16'), zhCN)).status,
    ).toBe(403)
    const missing = await request(
      t.app,
      admin,
      'POST',
      '/api/census/visits',
      visit(999_999, '2031-07-16'),
      zhCN,
    )
    expect(missing.status).toBe(404)
  })

  it('lets a building chief record a visit of their building only', async () => {
    const chief = await login(t.app, 'chief_demo')
    const own = (await client(t.app, chief, zhCN).read('/api/census/plan')).items
    expect(own).toHaveLength(1)
    const ownId = own[0].buildingId
    expect(
      (await request(t.app, chief, 'POST', '/api/census/visits', visit(ownId, '2031-07-16'), zhCN)).status,
    ).toBe(201)
    const n = await countVisits()
    const other = await request(t.app, chief, 'POST', '/api/census/visits', visit(b1, '2031-07-16'), zhCN)
    expect(other.status).toBe(403)
    expect(other.body.code).toBe('census_visit_out_of_scope')
    expect(await countVisits()).toBe(n)
  })
})

describe('bad input changes nothing', () => {
  it('refuses a future date, an unknown part, a part twice and a follow-up due before the visit', async () => {
    const n = await countVisits()
    const future = await request(t.app, admin, 'POST', '/api/census/visits', visit(b1, '2031-07-17'), {
      lang: 'en-US',
    })
    expect(future.status).toBe(400)
    expect(future.body).toMatchObject({ code: 'census_visit_in_future' })
    expect(future.body.message).toMatch(/2031-07-17/)
    const zh = await request(t.app, admin, 'POST', '/api/census/visits', visit(b1, '2031-07-17'), zhCN)
    expect(zh.body.message).toMatch(/晚于今天/)
    const unknown = await request(
      t.app,
      admin,
      'POST',
      '/api/census/visits',
      visit(b1, '2031-07-16', [{ part: 'canteen', verified: true }]),
      zhCN,
    )
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ code: 'census_part_unknown' })
    expect(unknown.body.message).toMatch(/canteen/)
    const twice = await request(
      t.app,
      admin,
      'POST',
      '/api/census/visits',
      visit(b1, '2031-07-16', [
        { part: 'units', verified: true },
        { part: 'units', verified: false },
      ]),
      zhCN,
    )
    expect(twice.body).toMatchObject({ code: 'census_part_twice' })
    const early = await request(
      t.app,
      admin,
      'POST',
      '/api/census/visits',
      visit(b1, '2031-07-16', all, { followUps: [{ text: '补登党员', dueOn: '2031-07-01' }] }),
      zhCN,
    )
    expect(early.body).toMatchObject({ code: 'census_followup_due_before_visit' })
    expect(await countVisits()).toBe(n)
  })

  it('takes a photo that is an image; refuses one that is not, or too large', async () => {
    const v = (await request(t.app, admin, 'POST', '/api/census/visits', visit(b2, '2031-07-16'), zhCN)).body
    const upload = (body: Buffer, type: string, s = admin) =>
      request(t.app, s, 'POST', `/api/census/visits/${v.id}/photos`, body, {
        headers: { 'content-type': type },
      })
    const ok = await upload(PNG, 'image/png')
    expect(ok.status, ok.text).toBe(201)
    const text = await upload(Buffer.from('not an image at all'), 'image/png')
    expect(text.status).toBe(415)
    expect(text.body.code).toBe('attachment_not_image')
    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)])
    const large = await upload(big, 'image/png')
    expect(large.status).toBe(413)
    expect(large.body.code).toBe('body_too_large')
    const fengpu = await login(t.app, 'fengpu_admin')
    expect((await upload(PNG, 'image/png', fengpu)).status).toBe(403)
    const detail = await client(t.app, admin, zhCN).read(`/api/census/visits/${v.id}`)
    expect(detail.photos).toHaveLength(1)
    const photo = await request(
      t.app,
      admin,
      'GET',
      `/api/census/visits/${v.id}/photos/${detail.photos[0].id}`,
    )
    expect(photo.headers['content-type']).toBe('image/png')
    expect(photo.raw.equals(PNG)).toBe(true)
  })
})

describe('follow-ups', () => {
  it('are listed open with their due date and closed once, with the version read', async () => {
    const v = (
      await request(
        t.app,
        admin,
        'POST',
        '/api/census/visits',
        visit(b2, '2031-07-16', all, { followUps: [{ text: '补登三家新入驻单位', dueOn: '2031-08-01' }] }),
        zhCN,
      )
    ).body
    const fu = v.followUps[0]
    expect(fu).toMatchObject({
      text: '补登三家新入驻单位',
      dueOn: '2031-08-01',
      doneOn: null,
      overdue: false,
    })
    const open = await client(t.app, admin, zhCN).read(`/api/census/followups?area=${FENGCHENG}`)
    expect(open.items.map((f: { id: number }) => f.id)).toContain(fu.id)
    const done = await request(
      t.app,
      admin,
      'POST',
      `/api/census/followups/${fu.id}/done`,
      { version: fu.version },
      zhCN,
    )
    expect(done.status, done.text).toBe(200)
    expect(done.body.doneOn).toBe('2031-07-16')
    const again = await request(
      t.app,
      admin,
      'POST',
      `/api/census/followups/${fu.id}/done`,
      { version: fu.version },
      zhCN,
    )
    expect(again.status).toBe(409)
    const after = await client(t.app, admin, zhCN).read(`/api/census/followups?area=${FENGCHENG}`)
    expect(after.items.map((f: { id: number }) => f.id)).not.toContain(fu.id)
  })
})
