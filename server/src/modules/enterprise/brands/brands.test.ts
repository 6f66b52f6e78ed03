import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../../test/helpers.ts'
import { registryApi } from '../../../../test/registry-fixtures.ts'

const FENGPU = '310120002'
const XIDU = '310120001'
let t: TestApp
let admin: Session
let fengpu: Session
let secretary: Session
const orgs = {} as Record<'fengpu' | 'xidu' | 'own', number>

const brand = (partyOrgId: number, over: Record<string, unknown> = {}) => ({
  partyOrgId,
  name: '红色引擎',
  slogan: '一企一品，党建领航',
  story: '支部把党建与研发结合，党员先锋岗带动技术攻关。',
  activities: [{ title: '党员先锋岗', on: '2026-03-01', description: '党员牵头攻关' }],
  volunteerTeam: '红色引擎志愿服务队',
  volunteerCount: 26,
  ...over,
})

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  secretary = await login(t.app, 'secretary_demo')
  const api = registryApi(t.app, admin)
  orgs.fengpu = (await api.org('中共品牌测试奉浦支部委员会', 'branch', FENGPU)).id
  orgs.xidu = (await api.org('中共品牌测试西渡支部委员会', 'branch', XIDU)).id
  orgs.own = (
    await t.ctx.db
      .selectFrom('party_org')
      .select('id')
      .where('name', '=', '中共上海市工业综合开发区委员会')
      .executeTakeFirstOrThrow()
  ).id
})
afterAll(() => t.close())

describe('一企一品 brands', () => {
  let id: number
  it('staff create brands for organisations in their area only; one brand per organisation', async () => {
    const res = await request(t.app, fengpu, 'POST', '/api/enterprise/brands', brand(orgs.fengpu))
    expect(res.status, res.text).toBe(201)
    id = res.body.id
    expect(res.body).toMatchObject({
      partyOrgName: '中共品牌测试奉浦支部委员会',
      published: false,
      latestScore: null,
    })
    const outside = await request(t.app, fengpu, 'POST', '/api/enterprise/brands', brand(orgs.xidu))
    expect(outside.status).toBe(403)
    expect(
      (await request(t.app, fengpu, 'POST', '/api/enterprise/brands', brand(orgs.fengpu, { name: '第二个' })))
        .body.code,
    ).toBe('brand_exists')
    const count = await t.ctx.db
      .selectFrom('brand')
      .select('id')
      .where('party_org_id', 'in', [orgs.fengpu, orgs.xidu])
      .execute()
    expect(count).toHaveLength(1)
  })

  it("a secretary keeps their own organisation's brand but no other's", async () => {
    expect(
      (
        await request(
          t.app,
          secretary,
          'POST',
          '/api/enterprise/brands',
          brand(orgs.own, { name: '园区红帆' }),
        )
      ).status,
    ).toBe(201)
    expect(
      (
        await request(
          t.app,
          secretary,
          'PUT',
          `/api/enterprise/brands/${id}`,
          brand(orgs.fengpu, { version: 1 }),
        )
      ).status,
    ).toBe(403)
    const mine = (await request(t.app, secretary, 'GET', '/api/enterprise/brands')).body.items.map(
      (b: { name: string }) => b.name,
    )
    expect(mine).toContain('园区红帆')
    expect(mine).not.toContain('红色引擎')
  })

  it('the street assesses with criteria and scores, keeping the history; bad scores change nothing', async () => {
    const scores = [
      { criterion: '品牌特色', score: 18, max: 20 },
      { criterion: '活动成效', score: 25, max: 30 },
      { criterion: '群众评价', score: 40, max: 50 },
    ]
    const first = await request(t.app, fengpu, 'POST', `/api/enterprise/brands/${id}/assessments`, {
      assessedOn: '2025-12-20',
      scores,
      comment: '特色鲜明',
    })
    expect(first.status, first.text).toBe(201)
    expect(first.body.latestScore).toEqual({ total: 83, maxTotal: 100, assessedOn: '2025-12-20' })
    const second = await request(t.app, fengpu, 'POST', `/api/enterprise/brands/${id}/assessments`, {
      assessedOn: '2026-06-10',
      scores: scores.map((s) => ({ ...s, score: s.max - 1 })),
    })
    expect(second.body.assessments.map((a: { total: number }) => a.total)).toEqual([97, 83])
    const bad = await request(t.app, fengpu, 'POST', `/api/enterprise/brands/${id}/assessments`, {
      assessedOn: '2026-06-11',
      scores: [{ criterion: '品牌特色', score: 21, max: 20 }],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('assessment_score_invalid')
    expect(
      (await request(t.app, fengpu, 'GET', `/api/enterprise/brands/${id}`)).body.assessments,
    ).toHaveLength(2)
    expect(
      (
        await request(t.app, secretary, 'POST', `/api/enterprise/brands/${id}/assessments`, {
          assessedOn: '2026-06-10',
          scores,
        })
      ).status,
    ).toBe(403)
  })

  it('the public page shows a published brand without its assessments', async () => {
    expect((await request(t.app, null, 'GET', `/api/enterprise/public/brands/${id}`)).status).toBe(404)
    const current = (await request(t.app, fengpu, 'GET', `/api/enterprise/brands/${id}`)).body
    const stale = await request(
      t.app,
      fengpu,
      'PUT',
      `/api/enterprise/brands/${id}`,
      brand(orgs.fengpu, { published: true, version: current.version + 5 }),
    )
    expect(stale.status).toBe(409)
    const ok = await request(
      t.app,
      fengpu,
      'PUT',
      `/api/enterprise/brands/${id}`,
      brand(orgs.fengpu, { published: true, version: current.version }),
    )
    expect(ok.status, ok.text).toBe(200)
    const page = await request(t.app, null, 'GET', `/api/enterprise/public/brands/${id}`)
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({
      name: '红色引擎',
      volunteerCount: 26,
      assessments: [],
      latestScore: null,
    })
  })
})
