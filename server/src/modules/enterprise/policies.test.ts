import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { ManualClock } from '../../lib/clock.ts'

const XIDU = '310120001'
const FENGPU = '310120002'
const INDUSTRY = '测试精密仪器制造'

let t: TestApp
let admin: Session
let fengpu: Session
let member: Session
const units = {} as Record<'a' | 'b' | 'c' | 'd' | 'fp', number>

// 2026-06-15 10:00 Shanghai
const clock = new ManualClock(new Date('2026-06-15T02:00:00Z'))

const stable = {
  and: [
    { field: 'industry', op: 'eq', value: INDUSTRY },
    { field: 'kind', op: 'in', value: ['private', 'foreign'] },
    { field: 'employees', op: 'between', value: [10, 100] },
    {
      or: [
        { field: 'settled_on', op: 'within_months', value: 12 },
        { field: 'revenue_band', op: 'in', value: ['lt_5m', '5m_20m'] },
      ],
    },
    { not: { field: 'incubation', op: 'eq', value: 'incubating' } },
  ],
}
const policyBody = (over: Record<string, unknown> = {}) => ({
  areaCode: XIDU,
  title: '小微企业稳岗补贴（测试）',
  issuer: '西渡街道',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  benefit: '按参保人数每人每月补贴 200 元',
  documents: ['营业执照', '社保缴纳证明'],
  rule: stable,
  ...over,
})

beforeAll(async () => {
  t = await startTestApp({ clock })
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  member = await login(t.app, 'member_demo')
  const api = registryApi(t.app, admin)
  const unit = async (name: string, extra: Record<string, unknown>) =>
    (await api.unit(null, name, { areaCode: XIDU, industry: INDUSTRY, ...extra })).id as number
  units.a = await unit('甲精密', { employees: 30, settledOn: '2026-03-01' }) // qualifies: settled 3 months ago
  units.b = await unit('乙精密', { employees: 8, settledOn: '2026-03-01' }) // one short: employees
  units.c = await unit('丙精密', { employees: 50, settledOn: '2020-01-01' }) // fails the OR: needs either branch
  units.d = await unit('丁精密', { employees: 5, kind: 'state', settledOn: '2026-02-01' }) // two conditions short
  units.fp = await unit('奉浦精密', { employees: 30, settledOn: '2026-03-01', areaCode: FENGPU }) // outside the policy's area
  const attr = await request(t.app, admin, 'PUT', `/api/enterprise/units/${units.c}/attributes`, {
    values: { revenue_band: '20m_100m' },
  })
  expect(attr.status, attr.text).toBe(200)
})
afterAll(() => t.close())

describe('saving rules', () => {
  it('rejects unknown fields, wrong types and contradictions with specific codes, saving nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('policy')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const cases: [unknown, number, string][] = [
      [{ field: 'turnover', op: 'gte', value: 1 }, 422, 'rule_unknown_field'],
      [{ field: 'employees', op: 'gte', value: '100' }, 422, 'rule_bad_value'],
      [{ field: 'kind', op: 'gte', value: 'private' }, 422, 'rule_bad_operator'],
      [
        {
          and: [
            { field: 'employees', op: 'gte', value: 100 },
            { field: 'employees', op: 'lte', value: 10 },
          ],
        },
        422,
        'rule_contradiction',
      ],
      [{ or: [] }, 400, 'rule_empty_group'],
      [{ field: 'revenue_band', op: 'eq', value: 'huge' }, 422, 'rule_unknown_option'],
    ]
    for (const [rule, status, code] of cases) {
      const res = await request(t.app, admin, 'POST', '/api/enterprise/policies', policyBody({ rule }))
      expect(res.status, res.text).toBe(status)
      expect(res.body.code).toBe(code)
      expect(res.body.message).not.toMatch(/\{/)
    }
    const contradiction = await request(
      t.app,
      admin,
      'POST',
      '/api/enterprise/policies',
      policyBody({
        rule: {
          and: [
            { field: 'employees', op: 'gte', value: 100 },
            { field: 'employees', op: 'lte', value: 10 },
          ],
        },
      }),
    )
    expect(contradiction.body.message).toContain('从业人数不少于100人 / 从业人数不超过10人')
    const after = await t.ctx.db
      .selectFrom('policy')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('the editor check explains a valid rule in Chinese and English and lists problems of an invalid one', async () => {
    const ok = await request(t.app, member, 'POST', '/api/enterprise/rules/check', {
      rule: { field: 'area', op: 'in', value: [XIDU] },
    })
    expect(ok.body).toMatchObject({ valid: true, textZh: '位于西渡街道', textEn: 'located in 西渡街道' })
    const bad = await request(t.app, member, 'POST', '/api/enterprise/rules/check', {
      rule: {
        and: [
          { field: 'nope', op: 'eq', value: 1 },
          { field: 'employees', op: 'between', value: [1] },
        ],
      },
    })
    expect(bad.body.valid).toBe(false)
    expect(bad.body.problems.map((p: { code: string; path: string }) => `${p.path}:${p.code}`)).toEqual([
      '0:rule_unknown_field',
      '1:rule_bad_value',
    ])
  })

  it('only staff of the policy area may add it, and edits need the current version', async () => {
    expect((await request(t.app, fengpu, 'POST', '/api/enterprise/policies', policyBody())).status).toBe(403)
    expect(
      (await request(t.app, member, 'POST', '/api/enterprise/policies', policyBody({ areaCode: FENGPU })))
        .status,
    ).toBe(403)
    const created = await request(
      t.app,
      admin,
      'POST',
      '/api/enterprise/policies',
      policyBody({ title: '版本测试' }),
    )
    expect(created.status).toBe(201)
    const id = created.body.id
    const edits = await Promise.all(
      [1, 2].map((n) =>
        request(
          t.app,
          admin,
          'PUT',
          `/api/enterprise/policies/${id}`,
          policyBody({ title: `版本测试${n}`, version: 1 }),
        ),
      ),
    )
    expect(edits.map((e) => e.status).sort()).toEqual([200, 409])
  })
})

describe('matching', () => {
  let policyId: number
  beforeAll(async () => {
    const res = await request(t.app, admin, 'POST', '/api/enterprise/policies', policyBody())
    expect(res.status, res.text).toBe(201)
    policyId = res.body.id
    expect(res.body.ruleText).toBe(
      `行业为${INDUSTRY}，且单位类型为非公企业、外资企业之一，且从业人数在10人至50人之间`.replace(
        '50',
        '100',
      ) +
        '，且（落户日期在最近12个月内，或上年营业收入为500万元以下、500万–2000万元之一），且并非（孵化状态为在孵）',
    )
  })

  it('a unit sees the policies it qualifies for and the near misses with what is missing', async () => {
    const a = (await request(t.app, admin, 'GET', `/api/enterprise/units/${units.a}/policies`)).body
    expect(a.qualified.map((m: { policy: { id: number } }) => m.policy.id)).toContain(policyId)
    const b = (await request(t.app, admin, 'GET', `/api/enterprise/units/${units.b}/policies`)).body
    const near = b.nearlyQualified.find((m: { policy: { id: number } }) => m.policy.id === policyId)
    expect(near.missing).toEqual(['需满足：从业人数在10人至100人之间（当前：8人）'])
    const c = (
      await request(t.app, admin, 'GET', `/api/enterprise/units/${units.c}/policies`, undefined, {
        lang: 'en-US',
      })
    ).body
    expect(
      c.nearlyQualified.find((m: { policy: { id: number } }) => m.policy.id === policyId).missing,
    ).toEqual(['needs: date settled within the last 12 months (now: 2020-01-01)'])
    const d = (await request(t.app, admin, 'GET', `/api/enterprise/units/${units.d}/policies`)).body
    expect(
      [...d.qualified, ...d.nearlyQualified].map((m: { policy: { id: number } }) => m.policy.id),
    ).not.toContain(policyId)
    const fp = (await request(t.app, admin, 'GET', `/api/enterprise/units/${units.fp}/policies`)).body
    expect(fp.qualified.map((m: { policy: { id: number } }) => m.policy.id)).not.toContain(policyId)
  })

  it('lists the units that qualify and nearly qualify, within the caller scope', async () => {
    const res = await request(t.app, admin, 'GET', `/api/enterprise/policies/${policyId}/units`)
    expect(res.status, res.text).toBe(200)
    const body = res.body
    expect(body.qualified.map((u: { unitId: number }) => u.unitId)).toEqual([units.a])
    // Units of other industries miss by one condition too; ours are b (employees) and c (the OR), not d (two).
    const mine = new Set(Object.values(units))
    const near = body.nearlyQualified.filter((u: { unitId: number }) => mine.has(u.unitId))
    expect(near.map((u: { unitId: number }) => u.unitId).sort()).toEqual([units.b, units.c].sort())
    const other = body.nearlyQualified.find((u: { unitId: number }) => !mine.has(u.unitId))
    if (other) expect(other.missing[0]).toMatch(/^需满足：行业为/)
    // 奉浦's staff see none of 西渡's units.
    const fp = (await request(t.app, fengpu, 'GET', `/api/enterprise/policies/${policyId}/units`)).body
    expect(fp.scanned).toBe(0)
    expect((await request(t.app, fengpu, 'GET', `/api/enterprise/units/${units.a}/policies`)).status).toBe(
      403,
    )
  })

  it('notifies the qualifying units once, through the notification table', async () => {
    const first = await request(t.app, admin, 'POST', `/api/enterprise/policies/${policyId}/notify`, {})
    expect(first.body).toEqual({ units: 1, notifications: 1, alreadyNotified: 0 })
    const rows = await t.ctx.db
      .selectFrom('notification')
      .selectAll()
      .where('entity', '=', 'policy')
      .where('entity_id', '=', policyId)
      .execute()
    expect(rows).toHaveLength(1)
    // 西渡 has no street account: its district's staff are told about the unit nobody acts for.
    const district = await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'fengxian_admin')
      .executeTakeFirstOrThrow()
    expect(rows[0]).toMatchObject({ kind: 'policy.match', area_code: XIDU, account_id: district.id })
    expect(rows[0]!.body).toContain('甲精密')
    const again = await request(t.app, admin, 'POST', `/api/enterprise/policies/${policyId}/notify`, {})
    expect(again.body).toEqual({ units: 0, notifications: 0, alreadyNotified: 1 })
  })

  it('a unit that starts incubating stops qualifying (the NOT condition)', async () => {
    const incubator = await t.ctx.db
      .insertInto('incubator')
      .values({ name: '测试孵化器', area_code: XIDU })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.ctx.db
      .insertInto('incubatee')
      .values({ incubator_id: incubator.id, unit_id: units.a, entered_on: '2026-05-01' })
      .execute()
    const a = (await request(t.app, admin, 'GET', `/api/enterprise/units/${units.a}/policies`)).body
    const near = a.nearlyQualified.find((m: { policy: { id: number } }) => m.policy.id === policyId)
    expect(near.missing).toEqual(['需不再满足：孵化状态为在孵（当前：在孵）'])
  })

  it('rejects a custom fact of the wrong type', async () => {
    const res = await request(t.app, admin, 'PUT', `/api/enterprise/units/${units.b}/attributes`, {
      values: { revenue_band: 'huge' },
    })
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('attribute_bad_value')
  })
})
