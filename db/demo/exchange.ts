import type { DemoBuilder } from './builder.ts'
import { NANQIAO } from './fengchuanggu.ts'
import { FENGPU, JINHAI } from './fengxian.ts'

const FENGXIAN = '310120'

/**
 * Who in the alliance offers an item, by trade: 'lead' = 奉浦街道社区党群服务中心 (party services, worker and
 * family services the street runs), 'housing' = the housing bureau (talent flats), 'market' = the market
 * supervision bureau (business registration, intellectual property), 'property' = a member building's
 * property company (rooms, building life, sorting), 'lab' = the testing firm that shares its instruments.
 */
type Offerer = 'lead' | 'housing' | 'market' | 'property' | 'lab'

/** The seed's alliance lists: 15 services, 11 resources, 9 activities (names written for the demo). */
const SERVICES: Array<[string, string, Offerer]> = [
  ['政策咨询服务', 'enterprise.policy', 'lead'],
  ['法律咨询服务', 'community.legal', 'lead'],
  ['党员组织关系转接指导', 'party.lecture', 'lead'],
  ['工商登记指导', 'enterprise.policy', 'market'],
  ['人才公寓申请指导', 'enterprise.policy', 'housing'],
  ['融资对接服务', 'enterprise.incubation', 'lead'],
  ['白领心理咨询', 'workers.wellbeing', 'lead'],
  ['职工健康体检', 'community.health', 'lead'],
  ['午间健身课', 'workers.wellbeing', 'property'],
  ['青年交友联谊', 'workers.life', 'lead'],
  ['暑期子女托管', 'community.childcare', 'lead'],
  ['证照代办服务', 'workers.life', 'lead'],
  ['知识产权咨询', 'enterprise.policy', 'market'],
  ['消防安全培训', 'community.education', 'property'],
  ['垃圾分类指导', 'community.environment', 'property'],
]
const RESOURCES: Array<[string, string, Offerer]> = [
  ['楼宇会议室', 'party.venue', 'property'],
  ['党员活动室', 'party.venue', 'lead'],
  ['多功能报告厅', 'party.venue', 'property'],
  ['楼宇图书角', 'community.culture', 'property'],
  ['共享检测仪器', 'enterprise.equipment', 'lab'],
  ['企业展示空间', 'enterprise.incubation', 'property'],
  ['错峰共享停车位', 'workers.life', 'property'],
  ['人才公寓房源', 'enterprise.policy', 'housing'],
  ['直播间', 'enterprise.incubation', 'property'],
  ['职工健身房', 'workers.wellbeing', 'property'],
  ['爱心妈咪小屋', 'workers.wellbeing', 'property'],
]
const ACTIVITIES: Array<[string, string, Offerer]> = [
  ['主题党日联学联建', 'party.lecture', 'lead'],
  ['百场党课进楼宇', 'party.lecture', 'lead'],
  ['楼宇职工运动会', 'community.culture', 'property'],
  ['公益集市', 'volunteer', 'lead'],
  ['红色观影', 'party.lecture', 'lead'],
  ['楼宇读书会', 'community.culture', 'property'],
  ['志愿服务日', 'volunteer', 'lead'],
  ['职工技能比武', 'community.education', 'property'],
  ['亲子活动日', 'community.childcare', 'lead'],
]

/** 同心荟's third parties: name, trade (the unit's industry), and the one service each offers. */
const THIRD_PARTY: Array<{ name: string; trade: string; category: string; offers: string }> = [
  {
    name: '“杨妈妈”创新创业服务平台',
    trade: '创业服务',
    category: 'enterprise.settling',
    offers: '新落户企业24小时护航',
  },
  {
    name: '东方美谷知识产权服务中心',
    trade: '知识产权服务',
    category: 'enterprise.policy',
    offers: '专利与商标申请辅导',
  },
  {
    name: '贤城财税咨询事务所',
    trade: '财税服务',
    category: 'enterprise.settling',
    offers: '新设企业税务登记与记账',
  },
  {
    name: '美谷人力资源服务有限公司',
    trade: '人力资源服务',
    category: 'enterprise.settling',
    offers: '新落户企业招聘与社保开户',
  },
  {
    name: '浦南律师事务所',
    trade: '法律服务',
    category: 'enterprise.settling',
    offers: '企业设立与合同法律咨询',
  },
  {
    name: '华研检验检测技术有限公司',
    trade: '检验检测',
    category: 'enterprise.equipment',
    offers: '检验检测委托',
  },
  {
    name: '启明企业管理咨询有限公司',
    trade: '商务服务',
    category: 'enterprise.settling',
    offers: '落户手续代办咨询',
  },
  {
    name: '瑞昇投融资服务有限公司',
    trade: '金融服务',
    category: 'enterprise.incubation',
    offers: '初创企业融资路演',
  },
  {
    name: '申江会计师事务所',
    trade: '财税服务',
    category: 'enterprise.settling',
    offers: '验资与财务制度建立',
  },
  {
    name: '海湾认证服务中心',
    trade: '检验检测',
    category: 'enterprise.equipment',
    offers: '质量体系认证辅导',
  },
  {
    name: '同创孵化器运营管理有限公司',
    trade: '创业服务',
    category: 'enterprise.incubation',
    offers: '孵化工位与创业辅导',
  },
  {
    name: '康源职业健康服务中心',
    trade: '职业健康',
    category: 'enterprise.equipment',
    offers: '职业病危害因素检测',
  },
  {
    name: '鼎信信息技术服务有限公司',
    trade: '软件信息',
    category: 'enterprise.equipment',
    offers: '云主机与测试环境共享',
  },
  { name: '汇智人才培训中心', trade: '职业培训', category: 'enterprise.policy', offers: '职工培训补贴申报' },
  {
    name: '远景品牌设计工作室',
    trade: '文化创意',
    category: 'enterprise.incubation',
    offers: '初创企业品牌设计',
  },
  {
    name: '星河跨境贸易服务有限公司',
    trade: '贸易服务',
    category: 'enterprise.policy',
    offers: '跨境贸易政策与通关咨询',
  },
  { name: '青禾公益发展中心', trade: '社会服务', category: 'volunteer', offers: '企业志愿服务项目对接' },
  {
    name: '弘毅安全生产咨询有限公司',
    trade: '安全生产服务',
    category: 'community.education',
    offers: '企业安全生产培训',
  },
  {
    name: '锦程物流服务有限公司',
    trade: '物流服务',
    category: 'workers.life',
    offers: '白领快递代收与搬家服务',
  },
  {
    name: '悦享企业文化服务中心',
    trade: '文化创意',
    category: 'community.culture',
    offers: '企业团建与文化活动策划',
  },
]

/**
 * 奉贤区商务楼宇党建联盟: 奉浦街道 leads, the district housing and market-supervision bureaus coordinate,
 * the 14 chief-led buildings are members, and members publish the three lists. Then 同心荟's third-party
 * providers, and needs in every state of the workflow.
 */
export async function loadExchange(
  b: DemoBuilder,
  chiefBuildings: Array<{ id: number; chiefUnitId: number }>,
) {
  const lead = await b.unit({
    areaCode: FENGPU,
    name: '奉浦街道社区党群服务中心',
    kind: 'agency',
    employees: 30,
  })
  const housing = await b.unit({
    areaCode: NANQIAO,
    name: '奉贤区房屋管理局',
    kind: 'agency',
    employees: 120,
  })
  const market = await b.unit({
    areaCode: NANQIAO,
    name: '奉贤区市场监督管理局',
    kind: 'agency',
    employees: 300,
  })
  const { id: allianceId } = await b.db
    .insertInto('alliance')
    .values({
      name: '奉贤区商务楼宇党建联盟',
      area_code: FENGXIAN,
      founded_on: '2018-10-01',
      description:
        '由奉浦街道牵头承接，区房管局、区市场监管局协调，首批成员单位14家，实施服务、资源、活动“三张清单”。',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const members = [
    { unit_id: lead, building_id: null, role: 'lead' },
    { unit_id: housing, building_id: null, role: 'coordinating' },
    { unit_id: market, building_id: null, role: 'coordinating' },
    ...chiefBuildings.map((c) => ({ unit_id: null, building_id: c.id, role: 'member' })),
  ]
  await b.db
    .insertInto('alliance_member')
    .values(members.map((m) => ({ alliance_id: allianceId, ...m, joined_on: '2018-10-01' })))
    .execute()

  // 同心荟's third-party providers: about twenty, escorting newly settled firms and serving the park. Their
  // trade is set after the insert so the demo's random stream (and every figure drawn after it) stays put.
  const thirdParty: number[] = []
  for (const [i, tp] of THIRD_PARTY.entries()) {
    const unitId = await b.unit({
      areaCode: NANQIAO,
      name: tp.name,
      kind: i === 16 ? 'social_org' : 'private',
      employees: b.rand.int(5, 60),
    })
    await b.db.updateTable('unit').set({ industry: tp.trade }).where('id', '=', unitId).execute()
    thirdParty.push(unitId)
  }

  // The lists, each item offered by the member whose trade it is; property items go round the member
  // buildings' property companies.
  const chiefs = chiefBuildings.map((c) => c.chiefUnitId)
  let nextChief = 0
  const offerer: Record<Exclude<Offerer, 'property'>, number> = {
    lead,
    housing,
    market,
    lab: thirdParty[5]!,
  }
  const lists: Array<['service' | 'resource' | 'activity', Array<[string, string, Offerer]>]> = [
    ['service', SERVICES],
    ['resource', RESOURCES],
    ['activity', ACTIVITIES],
  ]
  for (const [list, items] of lists) {
    for (const [name, category, who] of items) {
      await b.offering({
        providerUnitId: who === 'property' ? chiefs[nextChief++ % chiefs.length]! : offerer[who],
        allianceId,
        list,
        category,
        name,
        areaCodes: [FENGXIAN],
        capacity: list === 'service' ? 5 : null,
      })
    }
  }
  for (const [i, tp] of THIRD_PARTY.entries()) {
    await b.offering({
      providerUnitId: thirdParty[i]!,
      allianceId: null,
      list: 'service',
      category: tp.category,
      name: tp.offers,
      areaCodes: [NANQIAO],
      capacity: 10,
    })
  }
  // 杨妈妈 answers ordinary enterprise questions too, not only the new-firm desk.
  await b.offering({
    providerUnitId: thirdParty[0]!,
    allianceId: null,
    list: 'service',
    category: 'enterprise.policy',
    name: '人才政策申报辅导',
    areaCodes: [NANQIAO],
    capacity: 10,
  })
  return { allianceId, lead, thirdParty, yangmama: thirdParty[0]! }
}

/** A spread of needs over every state, with timelines, so dashboards and desks have something true to show. */
export async function loadNeeds(
  b: DemoBuilder,
  requesterAccountId: number,
  providers: { elderlyProvider: number; childcareProvider: number; yangmama: number; lecturer: number },
) {
  const today = new Date(`${b.today}T10:00:00+08:00`)
  const day = 86_400_000
  const plans: Array<{
    text: string
    category: string
    area: string
    path: string[]
    daysAgo: number
    provider?: number
    rating?: number
  }> = [
    {
      text: '独居老人希望每周有人上门探访',
      category: 'community.elderly',
      area: JINHAI,
      path: [],
      daysAgo: 0,
    },
    { text: '小区广场舞队想请老师指导', category: 'community.culture', area: JINHAI, path: [], daysAgo: 5 },
    {
      text: '0-3岁宝宝科学育儿讲座',
      category: 'community.childcare',
      area: JINHAI,
      path: ['accepted'],
      daysAgo: 2,
      provider: providers.childcareProvider,
    },
    {
      text: '老人需要陪同去医院复诊',
      category: 'community.elderly',
      area: FENGPU,
      path: ['accepted', 'in_progress'],
      daysAgo: 3,
      provider: providers.elderlyProvider,
    },
    {
      text: '新落户企业办理员工社保开户',
      category: 'enterprise.settling',
      area: NANQIAO,
      path: ['accepted', 'in_progress', 'delivered'],
      daysAgo: 1,
      provider: providers.yangmama,
    },
    {
      text: '申请人才公寓的材料咨询',
      category: 'enterprise.policy',
      area: NANQIAO,
      path: ['accepted', 'delivered', 'closed'],
      daysAgo: 9,
      provider: providers.yangmama,
      rating: 5,
    },
    {
      text: '支部想请老师来楼里上一堂党课',
      category: 'party.lecture',
      area: FENGPU,
      path: ['accepted', 'delivered', 'closed'],
      daysAgo: 12,
      provider: providers.lecturer,
      rating: 5,
    },
    {
      text: '希望组织午间读书会',
      category: 'community.culture',
      area: FENGPU,
      path: ['rejected'],
      daysAgo: 6,
    },
    {
      text: '重复：老人上门探访',
      category: 'community.elderly',
      area: JINHAI,
      path: ['duplicate'],
      daysAgo: 1,
    },
    {
      text: '助浴服务没有按约上门',
      category: 'community.elderly',
      area: FENGPU,
      path: ['accepted', 'delivered', 'closed', 'reopened'],
      daysAgo: 4,
      provider: providers.elderlyProvider,
      rating: 2,
    },
  ]
  for (const p of plans) {
    const submitted = new Date(today.getTime() - p.daysAgo * day)
    await b.need({ ...p, submitted, requesterAccountId })
  }
}
