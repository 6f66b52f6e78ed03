import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { runEscalation } from './orders.service.ts'

const FENGPU = '310120002'
const NANQIAO = '310120101'
const HOUR = 3_600_000

let t: TestApp
let admin: Session
let member: Session
let fengpu: Session
let p1: Session
let p2: Session
const ids = {} as { p1: number; p2: number; p3: number }

/** A provider account for a unit, made through the accounts API like staff would. */
async function providerAccount(username: string, unitId: number) {
  const res = await request(t.app, admin, 'POST', '/api/accounts', {
    username,
    displayName: username,
    password: 'provider-password',
    grants: [{ role: 'provider', scopeType: 'unit', scopeId: String(unitId) }],
  })
  expect(res.status, res.text).toBe(201)
  return login(t.app, username, 'provider-password')
}

/** Moving the clock past the session lifetime signs everyone out: sign in again. */
async function relogin() {
  admin = await login(t.app, 'admin')
  member = await login(t.app, 'member_demo')
  fengpu = await login(t.app, 'fengpu_admin')
  p1 = await login(t.app, 'provider_one', 'provider-password')
  p2 = await login(t.app, 'provider_two', 'provider-password')
}

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  member = await login(t.app, 'member_demo')
  fengpu = await login(t.app, 'fengpu_admin')
  const api = registryApi(t.app, admin)
  ids.p1 = (await api.unit(null, '德善为老服务社', { kind: 'social_org', areaCode: FENGPU })).id
  ids.p2 = (await api.unit(null, '乐龄志愿者协会', { kind: 'social_org', areaCode: FENGPU })).id
  ids.p3 = (await api.unit(null, '南桥法律服务所', { kind: 'social_org', areaCode: NANQIAO })).id
  // Offerings (the exchange's lists): p1 and p2 serve the elderly in 奉浦, p1 one order at a time.
  for (const o of [
    {
      providerUnitId: ids.p1,
      list: 'service',
      categoryCode: 'community.elderly',
      name: '上门助老',
      areaCodes: [FENGPU],
      capacityConcurrent: 1,
    },
    {
      providerUnitId: ids.p2,
      list: 'service',
      categoryCode: 'community.elderly',
      name: '陪伴就医',
      areaCodes: [FENGPU],
    },
    {
      providerUnitId: ids.p3,
      list: 'service',
      categoryCode: 'community.legal',
      name: '法律咨询',
      areaCodes: [NANQIAO],
    },
  ]) {
    await api.send('POST', '/api/offerings', o)
  }
  p1 = await providerAccount('provider_one', ids.p1)
  p2 = await providerAccount('provider_two', ids.p2)
})
afterAll(() => t.close())

const post = (s: Session, payload: object) => request(t.app, s, 'POST', '/api/needs', payload)
const act = (s: Session, id: number, payload: object) =>
  request(t.app, s, 'POST', `/api/needs/${id}/actions`, payload)
const newNeed = async (description = '独居老人需要每周上门探访', extra: object = {}) => {
  const res = await post(member, {
    categoryCode: 'community.elderly',
    description,
    areaCode: FENGPU,
    contactPhone: '13911112222',
    ...extra,
  })
  expect(res.status, res.text).toBe(201)
  return res.body
}
const state = async (id: number) =>
  (
    await t.ctx.db
      .selectFrom('need')
      .select(['state', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).state

describe('posting a need', () => {
  it('starts the SLA clock from the category and hides the contact from providers until claimed', async () => {
    const need = await newNeed()
    expect(need).toMatchObject({
      state: 'submitted',
      status: 'open',
      contactPhone: '13911112222',
      categoryName: '为老服务',
    })
    expect(new Date(need.firstResponseDueAt).getTime() - new Date(need.submittedAt).getTime()).toBe(24 * HOUR)
    const desk = (await request(t.app, p2, 'GET', '/api/needs/orders')).body
    const seen = desk.open.find((n: { id: number }) => n.id === need.id)
    expect(seen.contactPhone).toBe('139****2222')
    // A provider of another category and street does not see it.
    const p3 = await providerAccount('provider_three', ids.p3)
    expect(
      (await request(t.app, p3, 'GET', '/api/needs/orders')).body.open.map((n: { id: number }) => n.id),
    ).not.toContain(need.id)
    expect((await request(t.app, p3, 'GET', `/api/needs/${need.id}`)).status).toBe(403)
  })

  it('refuses unknown categories, places and the new-enterprise desk for others, writing nothing', async () => {
    const before = (await t.ctx.db.selectFrom('need').select('id').execute()).length
    expect(
      (await post(member, { categoryCode: 'no.such', description: '随便', areaCode: FENGPU })).body.code,
    ).toBe('unknown_category')
    expect(
      (await post(member, { categoryCode: 'community.elderly', description: '随便', areaCode: '310120999' }))
        .body.code,
    ).toBe('unknown_area')
    expect(
      (await post(member, { categoryCode: 'enterprise.settling', description: '办理落户', areaCode: FENGPU }))
        .body.code,
    ).toBe('not_newly_settled')
    expect((await t.ctx.db.selectFrom('need').select('id').execute()).length).toBe(before)
  })
})

describe('the order workflow', () => {
  it('tells a provider with no part in a need nothing about it: every action is refused as for a missing id', async () => {
    const need = await newNeed('需要有人陪同散步')
    const outsider = await providerAccount('provider_outsider', ids.p3)
    for (const action of ['claim', 'start', 'deliver', 'close', 'reopen', 'reject']) {
      const here = await act(outsider, need.id, { action })
      const missing = await act(outsider, 999_999_999, { action })
      expect([here.status, here.body.code], action).toEqual([403, 'forbidden_scope'])
      expect([missing.status, missing.body.code], action).toEqual([403, 'forbidden_scope'])
    }
    expect(await state(need.id)).toBe('submitted')
  })

  it('walks submitted → accepted → in_progress → delivered → closed with a rating, recording each step', async () => {
    const need = await newNeed('需要代购药品')
    expect((await act(p1, need.id, { action: 'claim' })).body).toMatchObject({
      state: 'accepted',
      providerName: '德善为老服务社',
      contactPhone: '13911112222',
    })
    expect((await act(p1, need.id, { action: 'start' })).body.state).toBe('in_progress')
    expect((await act(p1, need.id, { action: 'deliver', note: '已送达' })).body.state).toBe('delivered')
    // Only the requester rates.
    expect((await act(p1, need.id, { action: 'close', rating: 5 })).body.code).toBe('not_requester')
    const closed = (await act(member, need.id, { action: 'close', rating: 5, comment: '很及时' })).body
    expect(closed).toMatchObject({ state: 'closed', status: 'closed', rating: 5, ratingComment: '很及时' })
    expect(closed.events.map((e: { toState: string }) => e.toState)).toEqual([
      'submitted',
      'accepted',
      'in_progress',
      'delivered',
      'closed',
    ])
  })

  it('forbids jumps the workflow does not allow, and changes nothing', async () => {
    const need = await newNeed('需要轮椅')
    expect((await act(p2, need.id, { action: 'deliver' })).body.code).toBe('illegal_transition')
    expect((await act(member, need.id, { action: 'close', rating: 3 })).body.code).toBe('illegal_transition')
    await act(p2, need.id, { action: 'claim' })
    // Only the provider holding the order works on it.
    expect((await act(p1, need.id, { action: 'start' })).body.code).toBe('forbidden')
    await act(p2, need.id, { action: 'deliver' })
    await act(member, need.id, { action: 'close', rating: 4 })
    const res = await act(p2, need.id, { action: 'start' })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('illegal_transition')
    expect(await state(need.id)).toBe('closed')
  })

  it('reopens within 7 days only, and the reopened need can be taken again', async () => {
    const need = await newNeed('需要理发上门')
    await act(p2, need.id, { action: 'claim' })
    await act(p2, need.id, { action: 'deliver' })
    await act(member, need.id, { action: 'close', rating: 2 })
    expect((await act(member, need.id, { action: 'reopen', note: '没有来' })).body.state).toBe('reopened')
    expect((await act(p2, need.id, { action: 'claim' })).body.state).toBe('accepted')
    await act(p2, need.id, { action: 'deliver' })
    t.clock.advance(8 * 24 * HOUR)
    await relogin()
    expect((await act(member, need.id, { action: 'reopen' })).body.code).toBe('reopen_window_passed')
  })

  it('lets exactly one of two providers claiming at once win; the other gets 409', async () => {
    const need = await newNeed('需要陪同复诊')
    const results = await Promise.all([
      act(p1, need.id, { action: 'claim' }),
      act(p2, need.id, { action: 'claim' }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect(results.find((r) => r.status === 409)!.body.code).toBe('already_claimed')
    const events = await t.ctx.db
      .selectFrom('need_event')
      .select('to_state')
      .where('need_id', '=', need.id)
      .execute()
    expect(events.map((e) => e.to_state)).toEqual(['submitted', 'accepted'])
  })

  it('keeps a provider within its capacity and its categories', async () => {
    // p1 holds one open order from the race above at most; make sure it holds exactly one.
    const holding = await t.ctx.db
      .selectFrom('need')
      .select('id')
      .where('provider_unit_id', '=', ids.p1)
      .where('state', 'in', ['accepted', 'in_progress'])
      .execute()
    if (holding.length === 0) await act(p1, (await newNeed('占用一单')).id, { action: 'claim' })
    const need = await newNeed('再来一单')
    const res = await act(p1, need.id, { action: 'claim' })
    expect(res.body).toMatchObject({
      code: 'over_capacity',
      message: '已达接单上限（同时最多 1 单），请先办结手头订单',
    })
    const legal = await post(member, {
      categoryCode: 'community.legal',
      description: '劳动合同咨询',
      areaCode: FENGPU,
    })
    // A need of a category p2 does not serve is not p2's to see: refused like one out of reach.
    expect((await act(p2, legal.body.id, { action: 'claim' })).body.code).toBe('forbidden_scope')
  })

  it('lets street staff dispatch and reject in their own street only', async () => {
    const need = await newNeed('需要助浴服务')
    const nanqiao = await login(t.app, 'nanqiao_admin')
    expect((await act(nanqiao, need.id, { action: 'dispatch', providerUnitId: ids.p2 })).body.code).toBe(
      'forbidden_scope',
    )
    expect((await act(fengpu, need.id, { action: 'dispatch', providerUnitId: ids.p2 })).body).toMatchObject({
      state: 'accepted',
      providerUnitId: ids.p2,
    })
    const other = await newNeed('重复提交的需求')
    expect((await act(fengpu, other.id, { action: 'duplicate', duplicateOf: need.id })).body.state).toBe(
      'duplicate',
    )
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'need.%')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['need.dispatch', 'need.duplicate']))
  })
})

describe('photos on a need', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 1),
  ])
  const upload = (s: Session, id: number, body: Buffer, type: string) =>
    request(t.app, s, 'POST', `/api/needs/${id}/attachments`, body, { headers: { 'content-type': type } })

  it('takes an image from the requester and shows it to the parties of the need', async () => {
    const need = await newNeed('楼道灯坏了，附照片')
    const res = await upload(member, need.id, png, 'image/png')
    expect(res.status, res.text).toBe(201)
    const detail = (await request(t.app, member, 'GET', `/api/needs/${need.id}`)).body
    expect(detail.attachments).toEqual([{ id: res.body.id, contentType: 'image/png', sizeBytes: png.length }])
    const photo = await request(t.app, fengpu, 'GET', `/api/needs/${need.id}/attachments/${res.body.id}`)
    expect(photo.headers['content-type']).toBe('image/png')
    expect(Buffer.compare(photo.raw, png)).toBe(0)
  })

  it('refuses files that are not images, lie about their type, are too large, or come from others', async () => {
    const need = await newNeed('附件校验')
    const count = async () =>
      (await t.ctx.db.selectFrom('need_attachment').select('id').where('need_id', '=', need.id).execute())
        .length
    expect(
      (await upload(member, need.id, Buffer.from('%PDF-1.7 not an image'), 'application/pdf')).status,
    ).toBe(415)
    const lying = await upload(member, need.id, Buffer.from('%PDF-1.7 pretending'), 'image/jpeg')
    expect(lying.status).toBe(415)
    expect(lying.body.code).toBe('attachment_not_image')
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)])
    expect((await upload(member, need.id, big, 'image/png')).body.code).toBe('body_too_large')
    expect((await upload(p2, need.id, png, 'image/png')).body.code).toBe('not_requester')
    expect(await count()).toBe(0)
  })
})

describe('SLA escalation', () => {
  it('escalates an overdue need once, even when swept again or from a restarted app', async () => {
    const need = await newNeed('超时测试需求')
    t.clock.advance(23 * HOUR)
    await relogin()
    await runEscalation(t.ctx)
    const notices = () =>
      t.ctx.db
        .selectFrom('notification')
        .selectAll()
        .where('kind', '=', 'need.escalated')
        .where('entity_id', '=', need.id)
        .execute()
    expect(await notices()).toHaveLength(0)
    t.clock.advance(2 * HOUR)
    await relogin()
    expect(await runEscalation(t.ctx)).toBeGreaterThanOrEqual(1)
    expect(await runEscalation(t.ctx)).toBe(0)
    // Two sweeps racing (two instances) still notify once.
    await Promise.all([runEscalation(t.ctx), runEscalation(t.ctx)])
    const n = await notices()
    expect(n).toHaveLength(1)
    const street = await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'fengpu_admin')
      .executeTakeFirstOrThrow()
    expect(n[0]).toMatchObject({ area_code: FENGPU, account_id: street.id })
    const detail = (await request(t.app, fengpu, 'GET', `/api/needs/${need.id}`)).body
    expect(detail.overdue).toBe(true)
    expect(detail.escalatedAt).not.toBeNull()
    // A fresh app on the same database (a restart) sweeps again: nothing new.
    const { buildApp } = await import('../../app.ts')
    const restarted = await buildApp(t.ctx, { logger: false, web: false })
    expect(await runEscalation(t.ctx)).toBe(0)
    await restarted.close()
    expect(await notices()).toHaveLength(1)
    const overdue = (await request(t.app, fengpu, 'GET', `/api/needs?area=${FENGPU}&overdue=true`)).body
    expect(overdue.items.map((x: { id: number }) => x.id)).toContain(need.id)
  })
})

describe('Open311 export', () => {
  it('lists the street’s needs in GeoReport v2 shape without personal data', async () => {
    const res = await request(t.app, fengpu, 'GET', `/api/open311/v2/requests.json?area=${FENGPU}`)
    expect(res.status, res.text).toBe(200)
    const items = res.body
    expect(items.length).toBeGreaterThan(3)
    const closed = items.find((r: { description: string }) => r.description === '需要代购药品')
    expect(closed).toMatchObject({
      status: 'closed',
      service_code: 'community.elderly',
      service_name: '为老服务',
      agency_responsible: '德善为老服务社',
    })
    expect(JSON.stringify(items)).not.toContain('13911112222')
    const open = (
      await request(t.app, fengpu, 'GET', `/api/open311/v2/requests.json?area=${FENGPU}&status=open`)
    ).body
    expect(open.every((r: { status: string }) => r.status === 'open')).toBe(true)
    const nanqiao = await login(t.app, 'nanqiao_admin')
    expect(
      (await request(t.app, nanqiao, 'GET', `/api/open311/v2/requests.json?area=${FENGPU}`)).status,
    ).toBe(403)
  })
})
