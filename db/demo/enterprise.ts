import { sql } from 'kysely'
import { loadFields } from '../../server/src/modules/enterprise/facts.repository.ts'
import { validateRule } from '../../server/src/modules/enterprise/rules/validate.ts'
import type { DemoBuilder } from './builder.ts'
import { POLICIES } from './enterprise.policies.ts'
import { FENGCHUANGGU, NANQIAO } from './fengchuanggu.ts'
import { FENGPU, FENGXIAN } from './fengxian.ts'

const BANDS = ['lt_5m', '5m_20m', '20m_100m', 'gte_100m'] as const

const BRANDS = [
  {
    unit: '爱思里达耐时(上海)驱动系统有限公司',
    name: '“驱动先锋”党建品牌',
    slogan: '党建驱动发展，先锋引领创新',
    story: '党总支把党员先锋岗设在生产一线，党员带头攻关电机驱动的关键工艺，形成“一名党员一个课题”的做法。',
    team: '驱动先锋志愿服务队',
    volunteers: 32,
  },
  {
    unit: '先锋高科技(上海)有限公司',
    name: '“先锋e站”',
    slogan: '红色引擎，科技先锋',
    story: '在外资企业中探索党建与企业文化融合，开设“先锋e站”学习空间，组织党员工程师结对青年员工。',
    team: '先锋e站青年志愿者',
    volunteers: 24,
  },
  {
    unit: '上海通用风机股份有限公司',
    name: '“风正一帆悬”',
    slogan: '红色风机，温暖万家',
    story: '党总支以“风正”为品牌内涵，党员突击队承担重点订单攻坚，并常年为周边社区检修公共设施的通风设备。',
    team: '风机党员突击队',
    volunteers: 40,
  },
  {
    unit: '上海晋巢物业管理有限公司',
    name: '“晋心服务”',
    slogan: '物业有温度，服务暖人心',
    story:
      '支部把党建阵地延伸到园区楼宇的物业服务中，党员物业管家实行亮身份、亮承诺，园区企业诉求24小时响应。',
    team: '晋心管家志愿服务队',
    volunteers: 18,
  },
] as const

const CRITERIA = [
  { criterion: '品牌特色', max: 20 },
  { criterion: '组织建设', max: 20 },
  { criterion: '活动成效', max: 30 },
  { criterion: '群众评价', max: 30 },
]

/**
 * Demo data of the enterprise module, after the registry and exchange: custom facts for 奉贤's firms, the
 * policy set, 同心荟's three incubator platforms (78 firms incubating, 128 in total), the 凤创谷 desk's
 * service team (同心荟's third-party providers that offer the new-firm service), and the 一企一品 brands.
 */
export async function loadEnterpriseDemo(
  b: DemoBuilder,
  accounts: ReadonlyMap<string, number>,
): Promise<void> {
  const db = b.db
  const today = b.today
  const fengxian = await db
    .selectFrom('unit as u')
    .innerJoin('area as a', 'a.code', 'u.area_code')
    .select(['u.id', 'u.kind', 'u.settled_on', 'u.building_id', 'u.name'])
    .where('a.path', 'like', `%/${FENGXIAN}/%`)
    .where('u.deleted_at', 'is', null)
    .orderBy('u.id')
    .execute()

  // Custom facts: most firms have them recorded, some not (so "not recorded" shows up in explanations).
  const attrs: { unit_id: number; field_key: string; value: string }[] = []
  for (const u of fengxian) {
    if (u.kind === 'agency') continue
    if (b.rand.chance(0.85))
      attrs.push({ unit_id: u.id, field_key: 'revenue_band', value: JSON.stringify(b.rand.pick(BANDS)) })
    if (b.rand.chance(0.8))
      attrs.push({ unit_id: u.id, field_key: 'high_tech', value: JSON.stringify(b.rand.chance(0.2)) })
    if (b.rand.chance(0.6))
      attrs.push({ unit_id: u.id, field_key: 'rd_ratio', value: JSON.stringify(b.rand.int(0, 120) / 10) })
    if (b.rand.chance(0.85))
      attrs.push({ unit_id: u.id, field_key: 'social_insured', value: JSON.stringify(b.rand.int(1, 150)) })
  }
  for (let i = 0; i < attrs.length; i += 500)
    await db
      .insertInto('unit_attribute')
      .values(attrs.slice(i, i + 500))
      .execute()

  const fields = await loadFields(db)
  for (const p of POLICIES) {
    const problems = validateRule(p.rule, fields, { today })
    if (problems.length) throw new Error(`demo policy ${p.title}: ${JSON.stringify(problems)}`)
    await db
      .insertInto('policy')
      .values({
        area_code: p.area,
        title: p.title,
        issuer: p.issuer,
        valid_from: `${Number(today.slice(0, 4)) - 1}-01-01`,
        valid_to: `${Number(today.slice(0, 4)) + 1}-12-31`,
        benefit: p.benefit,
        documents: p.documents,
        rule: JSON.stringify(p.rule),
      })
      .execute()
  }

  // Three incubator platforms: incubating / cumulative 30/50, 28/45, 20/33 → 78 / 128.
  const park = await db
    .selectFrom('park')
    .select('id')
    .where('name', '=', FENGCHUANGGU.park)
    .executeTakeFirstOrThrow()
  const yangmama = await db
    .selectFrom('unit')
    .select('id')
    .where('name', '=', '“杨妈妈”创新创业服务平台')
    .executeTakeFirstOrThrow()
  const platforms = [
    {
      name: '凤创谷众创空间',
      area: NANQIAO,
      park: park.id,
      operator: null,
      now: 30,
      total: 50,
      capacity: 60,
    },
    {
      name: '“杨妈妈”创新创业孵化平台',
      area: NANQIAO,
      park: null,
      operator: yangmama.id,
      now: 28,
      total: 45,
      capacity: 40,
    },
    {
      name: '东方美谷青年创业孵化基地',
      area: NANQIAO,
      park: park.id,
      operator: null,
      now: 20,
      total: 33,
      capacity: 30,
    },
  ]
  const providers = new Set(
    (await db.selectFrom('offering').select('provider_unit_id').distinct().execute()).map(
      (r) => r.provider_unit_id,
    ),
  )
  // Incubatees are existing small firms of 奉贤 (not providers), so registry figures stay as they are.
  const candidates = fengxian.filter((u) => u.kind === 'private' && !providers.has(u.id))
  if (candidates.length < 128) throw new Error(`only ${candidates.length} firms to incubate`)
  const year = Number(today.slice(0, 4))
  const day = (y: number, m: number, d: number) =>
    `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  let next = 0
  const services = ['policy', 'finance', 'legal', 'training', 'space', 'market'] as const
  const serviceText: Record<(typeof services)[number], string> = {
    policy: '政策申报辅导',
    finance: '对接天使投资与科技贷款',
    legal: '合同与知识产权法律咨询',
    training: '创业训练营',
    space: '工位与会议室使用',
    market: '对接园区上下游企业',
  }
  for (const p of platforms) {
    const { id } = await db
      .insertInto('incubator')
      .values({
        name: p.name,
        area_code: p.area,
        park_id: p.park,
        operator_unit_id: p.operator,
        opened_on: day(year - 6, 3, 1),
        capacity: p.capacity,
        description: '同心荟企业服务中心的孵化平台之一：入驻初创企业享受场地、政策、融资对接等服务。',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (let i = 0; i < p.total; i++) {
      const unit = candidates[next++]!
      const exited = i >= p.now
      // Exited firms entered 4–6 years ago and left within 3 years; current ones entered in the last 3 years.
      const enteredYear = exited ? year - b.rand.int(4, 6) : year - b.rand.int(1, 3)
      const entered = day(enteredYear, b.rand.int(1, 12), b.rand.int(1, 28))
      const exit = exited ? day(enteredYear + b.rand.int(1, 3), b.rand.int(1, 12), b.rand.int(1, 28)) : null
      const status = exited ? (b.rand.chance(0.75) ? 'graduated' : 'left') : 'incubating'
      const row = await db
        .insertInto('incubatee')
        .values({ incubator_id: id, unit_id: unit.id, entered_on: entered, exited_on: exit, status })
        .returning('id')
        .executeTakeFirstOrThrow()
      const n = b.rand.int(0, 3)
      for (let k = 0; k < n; k++) {
        const kind = b.rand.pick(services)
        await db
          .insertInto('incubator_service')
          .values({ incubatee_id: row.id, served_on: entered, kind, description: serviceText[kind] })
          .execute()
      }
    }
  }

  // The 24-hour desk: 南桥's period is the default half year, 奉浦 a quarter; 凤创谷's team are the third-party
  // providers that already offer the new-firm service there.
  await db.insertInto('desk_setting').values({ area_code: FENGPU, newly_settled_days: 90 }).execute()
  const team = await db
    .selectFrom('offering')
    .select('provider_unit_id')
    .distinct()
    .where('category_code', '=', 'enterprise.settling')
    .where(sql<boolean>`${NANQIAO} = ANY(area_codes)`)
    .where('status', '=', 'active')
    .execute()
  if (team.length)
    await db
      .insertInto('service_team')
      .values(team.map((t) => ({ park_id: park.id, provider_unit_id: t.provider_unit_id })))
      .execute()

  // 一企一品: the four firms' own organisations, with a history of assessments by the street.
  const assessor = accounts.get('fengxian_admin') ?? null
  for (const [i, br] of BRANDS.entries()) {
    const org = await db
      .selectFrom('party_org_coverage as c')
      .innerJoin('unit as u', 'u.id', 'c.unit_id')
      .select('c.party_org_id')
      .where('u.name', '=', br.unit)
      .orderBy('c.party_org_id')
      .executeTakeFirst()
    if (!org) throw new Error(`no organisation covers ${br.unit}`)
    const { id } = await db
      .insertInto('brand')
      .values({
        party_org_id: org.party_org_id,
        name: br.name,
        slogan: br.slogan,
        story: br.story,
        activities: JSON.stringify([
          {
            title: '党员先锋岗亮身份',
            on: day(year - 1, 7, 1),
            description: '七一前后党员佩戴党徽上岗，公开服务承诺。',
          },
          {
            title: '结对社区志愿服务',
            on: day(year - 1, 10, 15),
            description: `${br.team}走进南桥社区开展志愿服务。`,
          },
          { title: '主题党日', on: day(year, 3, 5), description: '学雷锋主题党日，开放企业党建阵地。' },
        ]),
        volunteer_team: br.team,
        volunteer_count: br.volunteers,
        published: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [k, on] of [day(year - 1, 12, 20), day(year, 6, 20)].entries()) {
      const scores = CRITERIA.map((c) => ({
        ...c,
        score: c.max - ((i + k * 3 + c.max) % 5) - (k === 0 ? 2 : 0),
      }))
      await db
        .insertInto('brand_assessment')
        .values({
          brand_id: id,
          assessed_on: on,
          scores: JSON.stringify(scores),
          total: scores.reduce((a, s) => a + s.score, 0),
          max_total: scores.reduce((a, s) => a + s.max, 0),
          comment: k === 0 ? '品牌定位清晰，建议加强活动记录。' : '活动常态化，群众评价较好。',
          account_id: assessor,
        })
        .execute()
    }
  }
}
