import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, login, type Session, startTestApp, type TestApp } from './helpers.ts'

const XUJIAHUI = '310104014'
const HONGMEI = '310104012'
const JINHAI = '310120003'

let t: TestApp
let admin: Session
beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

/** Every row of a cursor-paged list. */
async function all<T>(session: Session, url: string): Promise<T[]> {
  const rows: T[] = []
  let cursor: string | null = null
  do {
    const page: { items: T[]; nextCursor: string | null } = await client(t.app, session).read(
      `${url}${url.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    rows.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return rows
}

/**
 * Which providers fit which categories: a provider fits when its name names a trade listed for the
 * category. The demo assigns providers by hand; this table is the rule they are checked against.
 */
const TRADES: Record<string, RegExp> = {
  'enterprise.settling':
    /创新创业服务平台|企业服务中心|企业管理咨询|财税|人力资源|律师事务所|会计师事务所|营商服务/,
  'enterprise.policy':
    /人才培训|跨境贸易|党群服务中心|企业服务中心|创新创业服务平台|知识产权|财税|人力资源|会计师事务所|律师事务所|市场监督管理局|房屋管理局|营商服务|企业管理咨询/,
  'enterprise.incubation': /党群服务中心|孵化|创新创业服务平台|投融资|品牌设计|企业管理咨询|物业/,
  // Universities and their institutes share instruments with resident firms (the page's 科技创业孵化大楼).
  'enterprise.equipment': /职业健康|检验检测|认证|信息技术服务|大学|研究院/,
  'community.elderly': /德善公益服务中心|养老服务|公益服务中心|社工服务社|晨公益/,
  'community.childcare': /教育培训中心|青少年发展中心|社工服务社|党群服务中心/,
  'community.culture': /艺术工作室|文体活动中心|党群服务中心|物业|企业文化|虹梅庭/,
  'community.education': /教育培训中心|艺术工作室|青少年发展中心|安全生产咨询|人才培训|物业/,
  'community.health': /党群服务中心|职业健康|晨公益|养老服务/,
  'community.legal': /律师事务所|社工服务社|党群服务中心/,
  // 虹梅庭's centre runs the park's waste-reduction actions on the seed page (“玄‘圾’妙策”).
  'community.environment': /环保|志愿者协会|物业|虹梅庭/,
  'workers.wellbeing': /党群服务中心|物业|职业健康/,
  'workers.life': /党群服务中心|物业|物流/,
  'party.lecture': /党群服务中心|党校/,
  'party.venue': /党群服务中心|物业|创新创业服务平台/,
  volunteer: /志愿者协会|公益|环保|党群服务中心/,
}

describe('the demo’s streets read as the seed page tells them', () => {
  it('虹梅路: about 3,000 units and 近30万 workers, 71 canteens, 300 restaurants, 40 parks and buildings', async () => {
    const f = await client(t.app, admin).read(`/api/coverage?area=${HONGMEI}`)
    expect(f.operatingUnits).toBeGreaterThanOrEqual(3000)
    expect(f.operatingUnits).toBeLessThan(3100)
    expect(f.employees).toBeGreaterThan(270_000)
    expect(f.employees).toBeLessThan(300_000)
    const parks = await client(t.app, admin).read(`/api/parks?area=${HONGMEI}`)
    expect(parks.items.length + f.buildings).toBe(40)
    const canteens = await all<{ name: string; industry: string }>(
      admin,
      `/api/units?area=${HONGMEI}&q=${encodeURIComponent('食堂')}`,
    )
    expect(canteens.filter((u) => u.industry === '单位食堂')).toHaveLength(71)
    const restaurants = await all<{ name: string; industry: string }>(
      admin,
      `/api/units?area=${HONGMEI}&q=${encodeURIComponent('餐饮')}`,
    )
    expect(restaurants.filter((u) => u.industry === '餐饮')).toHaveLength(300)
  })

  it('虹梅路’s 61 duty points reach all 40 sites, and its canteen points stand where canteens are', async () => {
    const points = await client(t.app, admin).read(`/api/volunteers/points?area=${HONGMEI}`)
    expect(points).toHaveLength(61)
    const sites = new Set(
      points.map((p: { parkId: number | null; buildingId: number | null }) =>
        p.buildingId ? `b${p.buildingId}` : `p${p.parkId}`,
      ),
    )
    expect(sites.size).toBe(40)
    const canteenUnits = await t.ctx.db
      .selectFrom('unit as u')
      .innerJoin('building as b', 'b.id', 'u.building_id')
      .select(['u.building_id', 'b.park_id'])
      .where('u.area_code', '=', HONGMEI)
      .where('u.industry', '=', '单位食堂')
      .execute()
    const canteenPoints = points.filter((p: { kind: string }) => p.kind === 'canteen')
    expect(canteenPoints.length).toBeGreaterThan(0)
    for (const p of canteenPoints) {
      const here = canteenUnits.filter((c) =>
        p.buildingId ? c.building_id === p.buildingId : c.park_id === p.parkId,
      )
      expect(here.length, p.name).toBeGreaterThan(0)
    }
  })

  it('徐家汇, 虹梅路 and 金海 have events by their own organisations: some held with attendance, some coming', async () => {
    const now = Date.now()
    for (const area of [XUJIAHUI, HONGMEI, JINHAI]) {
      const from = new Date(now - 400 * 86_400_000).toISOString()
      const to = new Date(now + 120 * 86_400_000).toISOString()
      const { items: events } = await client(t.app, admin).read(
        `/api/events?area=${area}&from=${from}&to=${to}&limit=500`,
      )
      const held = events.filter(
        (e: { endsAt: string; attended: number }) => Date.parse(e.endsAt) < now && e.attended > 0,
      )
      const coming = events.filter((e: { startsAt: string }) => Date.parse(e.startsAt) > now)
      expect(held.length, area).toBeGreaterThan(0)
      expect(coming.length, area).toBeGreaterThan(0)
      const organisers = await t.ctx.db
        .selectFrom('event as e')
        .leftJoin('party_org as o', 'o.id', 'e.organiser_org_id')
        .select(['e.title', 'o.area_code'])
        .where('e.area_code', 'like', `${area}%`)
        .execute()
      for (const o of organisers) expect(o.area_code?.startsWith(area), o.title).toBe(true)
    }
    const titles = (
      await t.ctx.db.selectFrom('event').select('title').where('area_code', 'like', `${JINHAI}%`).execute()
    ).map((e) => e.title)
    expect(titles.some((x) => x.includes('社绿家'))).toBe(true)
    expect(titles.some((x) => x.includes('义演'))).toBe(true)
  })

  it('every offering’s provider fits its category (the TRADES table)', async () => {
    const offerings = await all<{ name: string; categoryCode: string; providerName: string }>(
      admin,
      '/api/offerings',
    )
    expect(offerings.length).toBeGreaterThan(50)
    const misfits = offerings
      .filter((o) => o.categoryCode !== 'wish')
      .filter((o) => !TRADES[o.categoryCode]?.test(o.providerName))
      .map((o) => `${o.name} (${o.categoryCode}) ← ${o.providerName}`)
    expect(misfits).toEqual([])
    // The seed's own pairs: 0–3-year parenting lectures come from 智慧源, not from the elderly-care centre.
    const childcare = offerings.filter((o) => o.categoryCode === 'community.childcare')
    expect(childcare.some((o) => o.providerName === '智慧源教育培训中心')).toBe(true)
    expect(childcare.some((o) => o.providerName === '德善公益服务中心')).toBe(false)
    const need = await t.ctx.db
      .selectFrom('need as n')
      .innerJoin('unit as u', 'u.id', 'n.provider_unit_id')
      .select('u.name')
      .where('n.description', 'like', '0-3岁%')
      .executeTakeFirstOrThrow()
    expect(need.name).toBe('智慧源教育培训中心')
  })

  it('every demo account linked to a person is named as that person', async () => {
    const links = await t.ctx.db
      .selectFrom('account_person_link as l')
      .innerJoin('account as a', 'a.id', 'l.account_id')
      .innerJoin('person as p', 'p.id', 'l.person_id')
      .select(['a.username', 'a.display_name', 'p.name'])
      .execute()
    expect(links.length).toBeGreaterThan(0)
    for (const l of links) expect(l.display_name, l.username).toBe(l.name)
    const me = await client(t.app, await login(t.app, 'member_demo')).read('/api/auth/me')
    expect(me.account.displayName).toBe('王小青')
  })

  it('虹梅路’s 24-hour desk has newly settled firms and open requests on the first start', async () => {
    const hongmei = await login(t.app, 'hongmei_admin')
    const { items: newcomers } = await client(t.app, hongmei).read('/api/enterprise/desk/newcomers')
    expect(newcomers.length).toBeGreaterThanOrEqual(3)
    const { items } = await client(t.app, hongmei).read('/api/enterprise/desk/items')
    expect(items.length).toBeGreaterThanOrEqual(2)
    expect(
      items.some((i: { remainingMs: number | null }) => i.remainingMs !== null && i.remainingMs > 0),
    ).toBe(true)
    for (const i of items) expect(i.team.length, i.unitName).toBeGreaterThan(0)
  })
})
