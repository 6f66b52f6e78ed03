import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { ManualClock } from '../../lib/clock.ts'
import { runEscalation } from '../exchange/orders.service.ts'
import {
  accountIdOf,
  accountWith,
  inboxKinds,
  noticesOf,
  recipientsOf,
  sorted,
  TEST_PASSWORD,
} from './test-kit.ts'

/*
 * Every notice the exchange and enterprise flows write reaches the requester, the providers and the street
 * it concerns — and nobody else. Checked in the table and through each person's inbox.
 */

const FENGPU = '310120002'
const NANQIAO = '310120101'
const XIDU = '310120001'
const HOUR = 3_600_000
// 2026-06-15 10:00 Shanghai
const clock = new ManualClock(new Date('2026-06-15T02:00:00Z'))

let t: TestApp
let admin: Session
let member: Session
const acc = {} as Record<'member' | 'fengpu' | 'p1' | 'p2' | 'p3' | 'firm', number>
const s = {} as Record<'p1' | 'p2' | 'p3' | 'fengpu' | 'firm', Session>
const units = {} as Record<'p1' | 'p2' | 'p3' | 'firm', number>

/** Moving the clock a week ends sessions: sign in again. */
async function relogin() {
  admin = await login(t.app, 'admin')
  member = await login(t.app, 'member_demo')
  s.fengpu = await login(t.app, 'fengpu_admin')
  for (const k of ['p1', 'p2', 'p3'] as const) s[k] = await login(t.app, `notify_${k}`, TEST_PASSWORD)
}

const act = (who: Session, id: number, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/needs/${id}/actions`, headers: who.headers, payload })

beforeAll(async () => {
  t = await startTestApp({ clock })
  admin = await login(t.app, 'admin')
  member = await login(t.app, 'member_demo')
  s.fengpu = await login(t.app, 'fengpu_admin')
  acc.member = await accountIdOf(t, 'member_demo')
  acc.fengpu = await accountIdOf(t, 'fengpu_admin')
  const api = registryApi(t.app, admin)
  units.p1 = (await api.unit(null, '通知测试为老服务社', { kind: 'social_org', areaCode: FENGPU })).id
  units.p2 = (await api.unit(null, '通知测试志愿者协会', { kind: 'social_org', areaCode: FENGPU })).id
  units.p3 = (await api.unit(null, '通知测试法律服务所', { kind: 'social_org', areaCode: NANQIAO })).id
  for (const [unit, code, area] of [
    [units.p1, 'community.elderly', FENGPU],
    [units.p2, 'community.elderly', FENGPU],
    [units.p3, 'community.legal', NANQIAO],
  ] as const)
    await api.send('POST', '/api/offerings', {
      providerUnitId: unit,
      list: 'service',
      categoryCode: code,
      name: `服务${unit}`,
      areaCodes: [area],
    })
  for (const k of ['p1', 'p2', 'p3'] as const) {
    const a = await accountWith(t, `notify_${k}`, [
      { role: 'provider', scopeType: 'unit', scopeId: String(units[k]), areaCode: null },
    ])
    acc[k] = a.id
    s[k] = a.session
  }
})
afterAll(() => t.close())

describe('needs', () => {
  let needId: number
  it('a new need tells the providers who may take it (new order), not others', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/needs',
      headers: member.headers,
      payload: {
        categoryCode: 'community.elderly',
        description: '独居老人需要上门探访（通知测试）',
        areaCode: FENGPU,
      },
    })
    expect(res.statusCode, res.body).toBe(201)
    needId = res.json().id
    expect(await recipientsOf(t, 'need.new', needId)).toEqual(sorted([acc.p1, acc.p2]))
    const [n] = await noticesOf(t, 'need.new', needId)
    expect(n!.link).toBe(`/orders/${needId}`)
    expect(await inboxKinds(t, s.p1)).toContain('need.new')
    expect(await inboxKinds(t, s.p3)).not.toContain('need.new')
    expect(await inboxKinds(t, member)).not.toContain('need.new')
  })

  it('claimed and delivered reach the requester; reopened reaches the provider and the street', async () => {
    expect((await act(s.p1, needId, { action: 'claim' })).statusCode).toBe(200)
    expect(await recipientsOf(t, 'need.claimed', needId)).toEqual([acc.member])
    expect((await noticesOf(t, 'need.claimed', needId))[0]!.link).toBe(`/my-needs/${needId}`)
    expect((await act(s.p1, needId, { action: 'deliver' })).statusCode).toBe(200)
    expect(await recipientsOf(t, 'need.delivered', needId)).toEqual([acc.member])
    expect((await act(member, needId, { action: 'reopen', note: '没有上门' })).statusCode).toBe(200)
    expect(await recipientsOf(t, 'need.reopened', needId)).toEqual(sorted([acc.p1, acc.fengpu]))
    const links = Object.fromEntries(
      (await noticesOf(t, 'need.reopened', needId)).map((n) => [n.account_id, n.link]),
    )
    expect(links).toEqual({ [acc.p1]: `/orders/${needId}`, [acc.fengpu]: `/needs/${needId}` })
    expect(await inboxKinds(t, member)).toEqual(expect.arrayContaining(['need.claimed', 'need.delivered']))
    expect(await inboxKinds(t, member)).not.toContain('need.reopened')
    expect(await inboxKinds(t, s.p2)).not.toContain('need.claimed')
  })

  it('an overdue need escalates to the street staff and the provider holding it, once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/needs',
      headers: member.headers,
      payload: { categoryCode: 'community.elderly', description: '助餐点送餐（超时测试）', areaCode: FENGPU },
    })
    const late = res.json().id as number
    expect((await act(s.p2, late, { action: 'claim' })).statusCode).toBe(200)
    clock.advance(8 * 24 * HOUR)
    await relogin()
    await runEscalation(t.ctx)
    await runEscalation(t.ctx)
    expect(await recipientsOf(t, 'need.escalated', late)).toEqual(sorted([acc.fengpu, acc.p2]))
    expect(await noticesOf(t, 'need.escalated', late)).toHaveLength(2)
    expect(await inboxKinds(t, s.fengpu)).toContain('need.escalated')
    expect(await inboxKinds(t, member)).not.toContain('need.escalated')
  })
})

describe('policies', () => {
  it('a matched policy reaches the accounts of the unit; units without accounts go to their street', async () => {
    const api = registryApi(t.app, admin)
    const industry = '通知测试精密制造'
    units.firm = (await api.unit(null, '有账号精密', { areaCode: XIDU, industry, employees: 30 })).id
    const lone = (await api.unit(null, '无账号精密', { areaCode: XIDU, industry, employees: 40 })).id
    const firm = await accountWith(t, 'notify_firm', [
      { role: 'provider', scopeType: 'unit', scopeId: String(units.firm), areaCode: null },
    ])
    acc.firm = firm.id
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/enterprise/policies',
      headers: admin.headers,
      payload: {
        areaCode: XIDU,
        title: '通知测试补贴',
        issuer: '西渡街道',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        benefit: '每人每月 200 元',
        documents: ['营业执照'],
        rule: { field: 'industry', op: 'eq', value: industry },
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const policyId = created.json().id
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise/policies/${policyId}/notify`,
      headers: admin.headers,
      payload: {},
    })
    expect(res.json()).toMatchObject({ units: 2, alreadyNotified: 0 })
    // 西渡 has no street account in the demo: its district's staff hear about the unit without one.
    const district = await accountIdOf(t, 'fengxian_admin')
    expect(await recipientsOf(t, 'policy.match', policyId)).toEqual(sorted([acc.firm, district]))
    const toFirm = (await noticesOf(t, 'policy.match', policyId)).find((n) => n.account_id === acc.firm)!
    expect(toFirm.body).toContain('有账号精密')
    const toDistrict = (await noticesOf(t, 'policy.match', policyId)).find((n) => n.account_id === district)!
    expect(toDistrict.body).toContain('无账号精密')
    expect(lone).toBeGreaterThan(0)
    expect(await inboxKinds(t, firm.session)).toEqual(['policy.match'])
  })
})
