import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, request, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'

let t: TestApp
let admin: Session

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

describe('enterprise demo', () => {
  it('has 3 incubators with 78 firms incubating and 128 in total', async () => {
    const items = (await request(t.app, admin, 'GET', '/api/enterprise/incubators')).body.items as {
      figures: { incubating: number; cumulative: number }
    }[]
    expect(items).toHaveLength(3)
    expect(items.reduce((n, i) => n + i.figures.incubating, 0)).toBe(78)
    expect(items.reduce((n, i) => n + i.figures.cumulative, 0)).toBe(128)
  })

  it('has a policy set whose rules are valid and match some firms, and nearly match others', async () => {
    const policies = (await request(t.app, admin, 'GET', '/api/enterprise/policies?inEffect=true')).body
      .items as {
      id: number
      title: string
    }[]
    expect(policies.map((p) => p.title)).toEqual(
      expect.arrayContaining([
        '人才安居租房补贴',
        '小微企业稳岗补贴',
        '高新技术企业认定奖励',
        '孵化器入驻企业房租补贴',
      ]),
    )
    for (const p of policies) {
      const units = (await request(t.app, admin, 'GET', `/api/enterprise/policies/${p.id}/units`)).body
      expect(units.qualifiedCount + units.nearlyQualifiedCount, p.title).toBeGreaterThan(0)
    }
  })

  it('has the 凤创谷 service team from 同心荟 providers and the four brands with public pages', async () => {
    const teams = (await request(t.app, admin, 'GET', '/api/enterprise/desk/teams')).body.items
    expect(teams[0].parkName).toBe('上海市工业综合开发区凤创谷')
    expect(teams[0].providers.length).toBeGreaterThanOrEqual(3)
    const brands = (await request(t.app, admin, 'GET', '/api/enterprise/brands')).body.items as {
      id: number
      partyOrgName: string
      latestScore: unknown
    }[]
    expect(brands).toHaveLength(4)
    for (const b of brands) {
      expect(b.latestScore).not.toBeNull()
      expect((await request(t.app, null, 'GET', `/api/enterprise/public/brands/${b.id}`)).status).toBe(200)
    }
    const secretary = await login(t.app, 'secretary_demo')
    expect((await request(t.app, secretary, 'GET', '/api/enterprise/brands')).body.items).toHaveLength(4)
  })
})
