import { usccWithCheck } from '../../server/src/lib/ids.ts'
import { searchText } from '../../server/src/lib/pinyin.ts'
import { deadlines } from '../../server/src/modules/exchange/workflow.ts'
import type { DemoBuilder } from './builder.ts'
import { FIRM_PREFIX } from './names.ts'
import { rng } from './random.ts'
import { HONGMEI } from './xuhui.ts'

/**
 * 虹梅路街道 at the seed page's scale: 各类企事业单位3000余家, 近30万 office workers, 71 canteens and 300
 * restaurants in its 40 parks and buildings, plus a few firms settled in the last days whose 24-hour desk
 * requests are open. Loaded last, with its own random stream, so no other module's data moves; units go in
 * by the five hundred (about 2,900 rows).
 */
export const HONGMEI_SCALE = { units: 3050, workers: 292_000, canteens: 71, restaurants: 300 }

/** 虹梅's trades: headquarters, R&D and IT first (the seed's 企业总部、研发总部和信息技术类企业). */
const TRADES: Array<{ industry: string; suffix: string; weight: number }> = [
  { industry: '软件信息', suffix: '信息技术有限公司', weight: 30 },
  { industry: '研发服务', suffix: '科技发展有限公司', weight: 16 },
  { industry: '生物医药', suffix: '生物科技有限公司', weight: 10 },
  { industry: '商务服务', suffix: '企业管理咨询有限公司', weight: 12 },
  { industry: '智能制造', suffix: '智能装备有限公司', weight: 8 },
  { industry: '金融', suffix: '投资管理有限公司', weight: 6 },
  { industry: '文化创意', suffix: '文化传播有限公司', weight: 7 },
  { industry: '贸易', suffix: '贸易有限公司', weight: 8 },
  { industry: '物业管理', suffix: '物业管理有限公司', weight: 3 },
]
const RESTAURANT = { industry: '餐饮', suffix: '餐饮管理有限公司' }
const PREFIX = [
  ...FIRM_PREFIX,
  '漕河泾',
  '虹梅',
  '桂林',
  '钦州',
  '田林',
  '宜山',
  '华鑫',
  '普天',
  '海博',
  '星联',
]
const DAY = 86_400_000

export async function loadHongmeiScale(b: DemoBuilder): Promise<void> {
  const db = b.db
  const rand = rng(20190401)
  const buildings = await db
    .selectFrom('building')
    .select(['id', 'name', 'floors', 'park_id'])
    .where('area_code', '=', HONGMEI)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  if (buildings.length === 0) return
  const existing = await db
    .selectFrom('unit')
    .select(['name', 'industry', 'employees'])
    .where('area_code', '=', HONGMEI)
    .execute()
  const used = new Set((await db.selectFrom('unit').select('name').execute()).map((u) => u.name))
  const name = (suffix: string) => {
    for (;;) {
      const a = rand.pick(PREFIX)
      const c = rand.pick(PREFIX)
      const n = `上海${a}${c === a ? '' : c}${suffix}`
      if (!used.has(n)) {
        used.add(n)
        return n
      }
    }
  }
  let seq = 0
  const uscc = () => usccWithCheck(`91${HONGMEI.slice(0, 6)}H${String(++seq).padStart(8, '0')}`)
  const year = Number(b.today.slice(0, 4))
  // Long settled (two years back at least), so only the newcomers below show on the desk.
  const settled = () =>
    `${rand.int(2003, year - 2)}-${String(rand.int(1, 12)).padStart(2, '0')}-${String(rand.int(1, 28)).padStart(2, '0')}`
  const rows: Array<Record<string, unknown>> = []
  const add = (u: {
    name: string
    industry: string
    employees: number
    building: (typeof buildings)[number]
  }) => {
    const floor = rand.int(1, u.building.floors)
    rows.push({
      uscc: uscc(),
      name: u.name,
      kind: rand.chance(0.25) && u.industry !== '单位食堂' ? 'foreign' : 'private',
      industry: u.industry,
      area_code: HONGMEI,
      employees: u.employees,
      building_id: u.building.id,
      floor_from: floor,
      floor_to: floor,
      settled_on: settled(),
      instructor_sent: false,
      search_text: searchText(u.name),
    })
  }

  // 71 canteens: two in every building, a third in the first fifteen (so every park has some).
  for (let i = 0; i < HONGMEI_SCALE.canteens; i++) {
    const building = buildings[i % buildings.length]!
    const nth = Math.floor(i / buildings.length)
    add({
      name: nth === 0 ? `${building.name}职工食堂` : `${building.name}${nth + 1}号食堂`,
      industry: '单位食堂',
      employees: rand.int(12, 45),
      building,
    })
  }
  // 300 restaurants, counting those the registry already has.
  const restaurants =
    HONGMEI_SCALE.restaurants - existing.filter((u) => u.industry === RESTAURANT.industry).length
  for (let i = 0; i < restaurants; i++)
    add({
      name: name(RESTAURANT.suffix),
      industry: RESTAURANT.industry,
      employees: rand.int(6, 60),
      building: buildings[(i * 7) % buildings.length]!,
    })

  // The firms: most small, some headquarters; then sizes nudged so the street's workers come to 292,000.
  const NEWCOMERS = 5
  const firms = HONGMEI_SCALE.units - existing.length - rows.length - NEWCOMERS - 2
  const totalWeight = TRADES.reduce((n, t) => n + t.weight, 0)
  const firmStart = rows.length
  for (let i = 0; i < firms; i++) {
    const x = rand.int(1, totalWeight)
    let acc = 0
    const trade = TRADES.find((t) => {
      acc += t.weight
      return x <= acc
    })!
    const tier = rand.next()
    const employees =
      tier < 0.7
        ? rand.int(5, 60)
        : tier < 0.92
          ? rand.int(60, 200)
          : tier < 0.99
            ? rand.int(200, 800)
            : rand.int(800, 3000)
    add({
      name: name(trade.suffix),
      industry: trade.industry,
      employees,
      building: buildings[i % buildings.length]!,
    })
  }
  const sum = (from: number) => rows.slice(from).reduce((n, r) => n + (r.employees as number), 0)
  let surplus =
    HONGMEI_SCALE.workers -
    existing.reduce((n, u) => n + (u.employees ?? 0), 0) -
    sum(0) -
    NEWCOMERS * 20 -
    2 * 40
  for (let i = firmStart; surplus !== 0; i = i + 1 < rows.length ? i + 1 : firmStart) {
    const r = rows[i]!
    const step = Math.max(-surplus, Math.min(surplus, Math.ceil((r.employees as number) / 10)))
    if ((r.employees as number) + step >= 5) {
      r.employees = (r.employees as number) + step
      surplus -= step
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('unit')
      .values(rows.slice(i, i + 500) as never)
      .execute()

  await loadDesk(b, rand, buildings, name, uscc, NEWCOMERS)
}

/**
 * The 24-hour desk (为新落户企业24小时护航) in 虹梅路: the development zone's enterprise service centre and an HR
 * firm offer the new-firm service here and form the parks' service teams; five firms settled in the last
 * days, and three of their requests are still open when the demo starts.
 */
async function loadDesk(
  b: DemoBuilder,
  rand: ReturnType<typeof rng>,
  buildings: Array<{ id: number; name: string; floors: number; park_id: number | null }>,
  name: (suffix: string) => string,
  uscc: () => string,
  count: number,
) {
  const db = b.db
  const providers: number[] = []
  for (const [provider, industry, offers] of [
    ['漕河泾开发区企业服务中心', '商务服务', '新落户企业24小时护航'],
    ['上海漕开发人力资源服务有限公司', '人力资源服务', '新设企业招聘与社保开户'],
  ] as const) {
    const { id } = await db
      .insertInto('unit')
      .values({
        uscc: uscc(),
        name: provider,
        kind: 'private',
        industry,
        area_code: HONGMEI,
        employees: 40,
        settled_on: '2012-05-01',
        search_text: searchText(provider),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    providers.push(id)
    await b.offering({
      providerUnitId: id,
      allianceId: null,
      list: 'service',
      category: 'enterprise.settling',
      name: offers,
      areaCodes: [HONGMEI],
      capacity: 10,
    })
  }
  const inParks = buildings.filter((x) => x.park_id !== null)
  const parks = [...new Set(inParks.map((x) => x.park_id!))]
  await db
    .insertInto('service_team')
    .values(parks.flatMap((park_id) => providers.map((provider_unit_id) => ({ park_id, provider_unit_id }))))
    .execute()

  const category = await db
    .selectFrom('service_category')
    .selectAll()
    .where('code', '=', 'enterprise.settling')
    .executeTakeFirstOrThrow()
  const offerings = await db
    .selectFrom('offering')
    .select(['id', 'provider_unit_id'])
    .where('provider_unit_id', 'in', providers)
    .execute()
  const today = Date.parse(`${b.today}T00:00:00+08:00`)
  // Settled 1–8 days ago; requests from the last two days (the newest at 00:30 today, so on whatever hour
  // the demo is loaded its 24-hour countdown is still running).
  const plans = [
    { days: 1, text: '新公司员工社保开户和公积金登记，需要指导', at: 0.5 / 24, path: [] as string[] },
    { days: 2, text: '办公室装修需要消防备案，不清楚流程', at: -0.4, path: ['accepted'] },
    { days: 3, text: '申请园区人才公寓，想了解条件和材料', at: -1.6, path: ['accepted', 'in_progress'] },
    {
      days: 5,
      text: '开立银行基本户需要园区出具租赁证明',
      at: -4,
      path: ['accepted', 'delivered', 'closed'],
    },
    { days: 8, text: null, at: 0, path: [] },
  ]
  for (const [i, p] of plans.slice(0, count).entries()) {
    const building = inParks[(i * 5) % inParks.length]!
    const settledOn = new Date(today - p.days * DAY + 12 * 3_600_000).toISOString().slice(0, 10)
    const unitName = name(i % 2 === 0 ? '信息技术有限公司' : '科技发展有限公司')
    const floor = rand.int(1, building.floors)
    const { id: unitId } = await db
      .insertInto('unit')
      .values({
        uscc: uscc(),
        name: unitName,
        kind: i === 2 ? 'foreign' : 'private',
        industry: i % 2 === 0 ? '软件信息' : '研发服务',
        area_code: HONGMEI,
        employees: 20,
        building_id: building.id,
        floor_from: floor,
        floor_to: floor,
        settled_on: settledOn,
        search_text: searchText(unitName),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (!p.text) continue
    const submitted = new Date(today + p.at * DAY)
    const due = deadlines(submitted, category, category.new_enterprise_only)
    const step = (k: number) => new Date(submitted.getTime() + k * 3 * 3_600_000)
    const state = p.path.at(-1) ?? 'submitted'
    const holder = p.path.length ? providers[i % providers.length]! : null
    const { id: needId } = await db
      .insertInto('need')
      .values({
        category_code: 'enterprise.settling',
        description: p.text,
        area_code: HONGMEI,
        building_id: building.id,
        floor,
        requester_unit_id: unitId,
        contact_name: `${unitName.slice(2, 4)}行政`,
        contact_phone: `1390000${String(100 + i).padStart(4, '0')}`,
        state,
        provider_unit_id: holder,
        offering_id: holder ? (offerings.find((o) => o.provider_unit_id === holder)?.id ?? null) : null,
        submitted_at: submitted,
        first_response_due_at: due.firstResponseDue,
        resolution_due_at: due.resolutionDue,
        accepted_at: p.path.includes('accepted') ? step(1) : null,
        delivered_at: p.path.includes('delivered') ? step(2) : null,
        closed_at: state === 'closed' ? step(3) : null,
        rating: state === 'closed' ? 5 : null,
        updated_at: step(p.path.length),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const states = ['submitted', ...p.path]
    await db
      .insertInto('need_event')
      .values(
        states.map((s, k) => ({
          need_id: needId,
          from_state: k ? states[k - 1]! : null,
          to_state: s,
          at: step(k),
        })),
      )
      .execute()
    await db
      .insertInto('desk_item')
      .values({ need_id: needId, unit_id: unitId, park_id: building.park_id, created_at: submitted })
      .execute()
  }
}
