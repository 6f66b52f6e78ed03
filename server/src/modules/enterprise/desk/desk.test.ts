import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../../test/helpers.ts'
import { registryApi } from '../../../../test/registry-fixtures.ts'
import { ManualClock } from '../../../lib/clock.ts'
import { runEscalation } from '../../exchange/orders.service.ts'

const XIDU = '310120001'
const HOUR = 3_600_000
let t: TestApp
let admin: Session
let street: Session
let team: Session
let outsider: Session
const ids = {} as Record<
  'park' | 'building' | 'lone' | 'fresh' | 'old' | 'month' | 'provider' | 'other' | 'stranger',
  number
>
// 2026-06-15 10:00 Shanghai
const clock = new ManualClock(new Date('2026-06-15T02:00:00Z'))

async function account(username: string, grants: unknown[]) {
  const res = await request(t.app, admin, 'POST', '/api/accounts', {
    username,
    displayName: username,
    password: 'xidu-desk-lantern',
    grants,
  })
  expect(res.status, res.text).toBe(201)
  return login(t.app, username, 'xidu-desk-lantern')
}

/** Moving the clock ends sessions: sign in again. */
async function relogin() {
  street = await login(t.app, 'xidu_desk', 'xidu-desk-lantern')
  team = await login(t.app, 'xidu_team', 'xidu-desk-lantern')
  outsider = await login(t.app, 'fengpu_admin')
}

beforeAll(async () => {
  t = await startTestApp({ clock })
  admin = await login(t.app, 'admin')
  const api = registryApi(t.app, admin)
  ids.park = (await api.send('POST', '/api/parks', { areaCode: XIDU, name: '西渡测试园区' })).id
  ids.building = (await api.building(XIDU, '西渡园区一号楼', 8, { parkId: ids.park })).id
  ids.fresh = (await api.unit(ids.building, '新落户科技', { settledOn: '2026-06-01' })).id
  ids.month = (await api.unit(ids.building, '落户两月科技', { settledOn: '2026-04-10' })).id
  ids.old = (await api.unit(ids.building, '老牌制造', { settledOn: '2019-03-01' })).id
  ids.lone = (await api.unit(null, '园区外新企业', { settledOn: '2026-06-01', areaCode: XIDU })).id
  ids.provider = (await api.unit(null, '园区服务中心', { kind: 'social_org', areaCode: XIDU })).id
  ids.other = (await api.unit(null, '无清单服务商', { kind: 'social_org', areaCode: XIDU })).id
  await api.send('POST', '/api/offerings', {
    providerUnitId: ids.provider,
    list: 'service',
    categoryCode: 'enterprise.settling',
    name: '新落户企业一站式帮办',
    areaCodes: [XIDU],
  })
  // A provider that serves 西渡 new firms too, but is not on the park's team.
  ids.stranger = (await api.unit(null, '区级帮办中心', { kind: 'social_org', areaCode: XIDU })).id
  await api.send('POST', '/api/offerings', {
    providerUnitId: ids.stranger,
    list: 'service',
    categoryCode: 'enterprise.settling',
    name: '新企业帮办（区级）',
    areaCodes: [XIDU],
  })
  await account('xidu_stranger', [{ role: 'provider', scopeType: 'unit', scopeId: String(ids.stranger) }])
  street = await account('xidu_desk', [{ role: 'street_admin', scopeType: 'area', scopeId: XIDU }])
  team = await account('xidu_team', [{ role: 'provider', scopeType: 'unit', scopeId: String(ids.provider) }])
  outsider = await login(t.app, 'fengpu_admin')
})
afterAll(() => t.close())

describe('24-hour desk', () => {
  it('a team member must be able to take desk needs in the park through the exchange', async () => {
    const bad = await request(t.app, street, 'POST', '/api/enterprise/desk/teams', {
      parkId: ids.park,
      providerUnitId: ids.other,
    })
    expect(bad.status).toBe(409)
    expect(bad.body.code).toBe('team_provider_not_ready')
    expect(
      (
        await request(t.app, outsider, 'POST', '/api/enterprise/desk/teams', {
          parkId: ids.park,
          providerUnitId: ids.provider,
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await request(t.app, street, 'POST', '/api/enterprise/desk/teams', {
          parkId: ids.park,
          providerUnitId: ids.provider,
        })
      ).status,
    ).toBe(200)
    const teams = (await request(t.app, street, 'GET', '/api/enterprise/desk/teams')).body.items
    expect(teams).toEqual([
      {
        parkId: ids.park,
        parkName: '西渡测试园区',
        providers: [{ unitId: ids.provider, name: '园区服务中心' }],
      },
    ])
  })

  it("uses the street's period for 'newly settled'", async () => {
    let names = (await request(t.app, street, 'GET', '/api/enterprise/desk/newcomers')).body.items.map(
      (n: { name: string }) => n.name,
    )
    expect(names).toEqual(expect.arrayContaining(['新落户科技', '落户两月科技', '园区外新企业']))
    expect(names).not.toContain('老牌制造')
    expect(
      (
        await request(t.app, street, 'PUT', '/api/enterprise/desk/settings', {
          areaCode: XIDU,
          newlySettledDays: 30,
        })
      ).status,
    ).toBe(200)
    expect(
      (await request(t.app, street, 'GET', `/api/enterprise/desk/settings/${XIDU}`)).body.newlySettledDays,
    ).toBe(30)
    names = (await request(t.app, street, 'GET', '/api/enterprise/desk/newcomers')).body.items.map(
      (n: { name: string }) => n.name,
    )
    expect(names).not.toContain('落户两月科技')
    const late = await request(t.app, street, 'POST', '/api/enterprise/desk/needs', {
      unitId: ids.month,
      description: '办理员工落户',
    })
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('desk_not_newly_settled')
    expect(late.body.message).toContain('30')
    expect(
      (
        await request(t.app, street, 'PUT', '/api/enterprise/desk/settings', {
          areaCode: XIDU,
          newlySettledDays: 365,
        })
      ).status,
    ).toBe(400)
  })

  it('refuses units outside a park, and changes nothing', async () => {
    const before = await t.ctx.db.selectFrom('need').select('id').execute()
    const res = await request(t.app, street, 'POST', '/api/enterprise/desk/needs', {
      unitId: ids.lone,
      description: '咨询开办手续',
    })
    expect(res.body.code).toBe('desk_no_park')
    expect(await t.ctx.db.selectFrom('need').select('id').execute()).toHaveLength(before.length)
    expect(
      (
        await request(t.app, outsider, 'POST', '/api/enterprise/desk/needs', {
          unitId: ids.fresh,
          description: '越权',
        })
      ).status,
    ).toBe(403)
  })

  let first: number
  let second: number
  it('posts an exchange need in the 24 h category, routed to the park team, with a countdown', async () => {
    const res = await request(t.app, street, 'POST', '/api/enterprise/desk/needs', {
      unitId: ids.fresh,
      description: '新员工社保开户咨询',
    })
    expect(res.status, res.text).toBe(201)
    first = res.body.needId
    const need = await t.ctx.db
      .selectFrom('need')
      .selectAll()
      .where('id', '=', first)
      .executeTakeFirstOrThrow()
    expect(need).toMatchObject({
      category_code: 'enterprise.settling',
      requester_unit_id: ids.fresh,
      state: 'submitted',
      building_id: ids.building,
    })
    expect(need.first_response_due_at.getTime() - need.submitted_at.getTime()).toBe(24 * HOUR)
    const notice = await t.ctx.db
      .selectFrom('notification')
      .selectAll()
      .where('kind', '=', 'desk.need')
      .where('entity_id', '=', first)
      .execute()
    expect(notice).toHaveLength(1)
    second = (
      await request(t.app, street, 'POST', '/api/enterprise/desk/needs', {
        unitId: ids.fresh,
        description: '求推荐周边人才公寓',
      })
    ).body.needId
    clock.advance(2 * HOUR)
    await relogin()
    const items = (await request(t.app, street, 'GET', '/api/enterprise/desk/items')).body.items
    const item = items.find((i: { needId: number }) => i.needId === first)
    expect(item).toMatchObject({
      unitName: '新落户科技',
      parkName: '西渡测试园区',
      team: ['园区服务中心'],
      state: 'submitted',
      overdue: false,
    })
    expect(item.remainingMs).toBe(22 * HOUR)
    expect((await request(t.app, outsider, 'GET', '/api/enterprise/desk/items')).body.items).toEqual([])
  })

  it('the team claims through the exchange workflow; the other need escalates when overdue', async () => {
    // Routed to the park's team: another provider of the same service neither sees it nor may claim it.
    const stranger = await login(t.app, 'xidu_stranger', 'xidu-desk-lantern')
    const desk = (await request(t.app, stranger, 'GET', '/api/needs/orders')).body
    expect(desk.open.map((n: { id: number }) => n.id)).not.toContain(first)
    const refused = await request(t.app, stranger, 'POST', `/api/needs/${first}/actions`, { action: 'claim' })
    // Refused as a need out of reach, so the stranger does not even learn that it exists.
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden_scope'])
    expect((await request(t.app, stranger, 'GET', `/api/needs/${first}`)).status).toBe(403)
    const claim = await request(t.app, team, 'POST', `/api/needs/${first}/actions`, { action: 'claim' })
    expect(claim.status, claim.text).toBe(200)
    clock.advance(23 * HOUR) // 25 h after posting
    expect(await runEscalation(t.ctx)).toBeGreaterThanOrEqual(1)
    await relogin()
    const items = (await request(t.app, street, 'GET', '/api/enterprise/desk/items')).body.items
    const claimed = items.find((i: { needId: number }) => i.needId === first)
    expect(claimed).toMatchObject({
      state: 'accepted',
      providerName: '园区服务中心',
      remainingMs: null,
      overdue: false,
      escalated: false,
    })
    const late = items.find((i: { needId: number }) => i.needId === second)
    expect(late).toMatchObject({ state: 'submitted', overdue: true, escalated: true })
    expect(late.remainingMs).toBe(-1 * HOUR)
    const escalation = await t.ctx.db
      .selectFrom('notification')
      .selectAll()
      .where('kind', '=', 'need.escalated')
      .where('entity_id', '=', second)
      .execute()
    expect(escalation).toHaveLength(1)
    const deskStaff = await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'xidu_desk')
      .executeTakeFirstOrThrow()
    expect(escalation[0]).toMatchObject({ area_code: XIDU, account_id: deskStaff.id })
  })
})
