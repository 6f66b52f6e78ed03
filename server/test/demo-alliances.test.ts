import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from './helpers.ts'

// The seed page's alliances as the demo loads them, read through the API as the people who use them.
const HONGMEI = '310104012'
const FENGXIAN = '310120'

type Member = { name: string; role: string; partyOrgId: number | null; orgType: string | null }
type A = {
  id: number
  name: string
  kind: string
  parentId: number | null
  parentName: string | null
  areaCode: string
  version: number
  members: Member[]
  figures: { offerings: { service: number; resource: number; activity: number } }
}

let t: TestApp
let hongmei: Session
beforeAll(async () => {
  t = await startTestApp()
  hongmei = await login(t.app, 'hongmei_admin')
})
afterAll(() => t.close())

const list = async (s: Session, query = '') => {
  const res = await t.app.inject({ url: `/api/alliances${query}`, headers: s.headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().items as A[]
}

describe('demo alliances', () => {
  it('奉贤’s building alliance is as before: one alliance, no parent, its three lists', async () => {
    const fengxian = await list(hongmei, `?area=${FENGXIAN}`)
    expect(fengxian.map((a) => [a.name, a.kind, a.parentId])).toEqual([
      ['奉贤区商务楼宇党建联盟', 'alliance', null],
    ])
    expect(fengxian[0]!.figures.offerings).toEqual({ service: 15, resource: 11, activity: 9 })
  })

  it('虹梅 runs the 分会 (under 徐汇’s 促进会), 虹梅庭 and the 园区楼宇联合会', async () => {
    const items = await list(hongmei, `?area=${HONGMEI}`)
    expect(items.map((a) => [a.name, a.kind, a.parentName])).toEqual([
      ['徐汇区区域化党建促进会虹梅分会', 'branch_chapter', '徐汇区区域化党建促进会'],
      ['“虹梅庭”企业社会责任联盟', 'alliance', null],
      ['虹梅路街道园区楼宇联合会', 'federation', null],
    ])
    const [chapter, ting, federation] = items as [A, A, A]
    // The parent is the district's, so it lists outside 虹梅 and 虹梅's staff cannot change it.
    const parent = (await list(hongmei)).find((a) => a.id === chapter.parentId)!
    expect(parent.areaCode).toBe('310104')
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/alliances/${parent.id}`,
      headers: hongmei.headers,
      payload: { name: '改名', version: parent.version },
    })
    expect(edit.json().code).toBe('forbidden_scope')
    expect(chapter.members.length).toBeGreaterThanOrEqual(3)
    // 虹梅庭 has its own three lists, apart from 奉贤's.
    expect(ting.members[0]).toMatchObject({ role: 'lead', name: '虹梅庭公益服务中心' })
    expect(ting.figures.offerings).toEqual({ service: 2, resource: 1, activity: 2 })
    // The federation is over general and joint branches as well as buildings.
    const orgs = federation.members.filter((m) => m.partyOrgId !== null)
    expect(orgs.map((m) => m.orgType).sort()).toEqual(['committee', 'general_branch', 'joint_branch'])
    expect(orgs.find((m) => m.role === 'lead')?.name).toBe('中共虹梅路街道园区楼宇综合委员会')
    expect(federation.members.filter((m) => m.partyOrgId === null).length).toBeGreaterThanOrEqual(2)
  })

  it('the federation’s branches are 虹梅’s own organisations, each covering its park’s buildings', async () => {
    const federation = (await list(hongmei, `?area=${HONGMEI}`)).find((a) => a.kind === 'federation')!
    for (const m of federation.members.filter(
      (x) => x.orgType === 'general_branch' || x.orgType === 'joint_branch',
    )) {
      const res = await t.app.inject({ url: `/api/party-orgs/${m.partyOrgId}`, headers: hongmei.headers })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json().areaCode).toBe(HONGMEI)
      expect(res.json().covers.buildings.length).toBeGreaterThanOrEqual(2)
    }
  })
})
