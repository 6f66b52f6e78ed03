import type { DemoBuilder } from './builder.ts'
import { NANQIAO } from './fengchuanggu.ts'
import { FENGPU, JINHAI } from './fengxian.ts'

const FENGXIAN = '310120'

/** The seed's alliance lists: 15 services, 11 resources, 9 activities (names written for the demo). */
const SERVICES: Array<[string, string]> = [
  ['政策咨询服务', 'enterprise.policy'],
  ['法律咨询服务', 'community.legal'],
  ['党员组织关系转接指导', 'party.lecture'],
  ['工商登记指导', 'enterprise.policy'],
  ['人才公寓申请指导', 'enterprise.policy'],
  ['融资对接服务', 'enterprise.incubation'],
  ['白领心理咨询', 'workers.wellbeing'],
  ['职工健康体检', 'community.health'],
  ['午间健身课', 'workers.wellbeing'],
  ['青年交友联谊', 'workers.life'],
  ['暑期子女托管', 'community.childcare'],
  ['证照代办服务', 'workers.life'],
  ['知识产权咨询', 'enterprise.policy'],
  ['安全生产培训', 'community.education'],
  ['垃圾分类指导', 'community.environment'],
]
const RESOURCES: Array<[string, string]> = [
  ['楼宇会议室', 'party.venue'],
  ['党员活动室', 'party.venue'],
  ['多功能报告厅', 'party.venue'],
  ['楼宇图书角', 'community.culture'],
  ['共享检测仪器', 'enterprise.equipment'],
  ['企业展示空间', 'enterprise.incubation'],
  ['错峰共享停车位', 'workers.life'],
  ['人才公寓房源', 'enterprise.policy'],
  ['直播间', 'enterprise.incubation'],
  ['职工健身房', 'workers.wellbeing'],
  ['爱心妈咪小屋', 'workers.wellbeing'],
]
const ACTIVITIES: Array<[string, string]> = [
  ['主题党日联学联建', 'party.lecture'],
  ['百场党课进楼宇', 'party.lecture'],
  ['楼宇职工运动会', 'community.culture'],
  ['公益集市', 'volunteer'],
  ['红色观影', 'party.lecture'],
  ['楼宇读书会', 'community.culture'],
  ['志愿服务日', 'volunteer'],
  ['职工技能比武', 'community.education'],
  ['亲子活动日', 'community.childcare'],
]

const THIRD_PARTY = [
  '“杨妈妈”创新创业服务平台',
  '东方美谷知识产权服务中心',
  '贤城财税咨询事务所',
  '美谷人力资源服务有限公司',
  '浦南律师事务所',
  '华研检验检测技术有限公司',
  '启明企业管理咨询有限公司',
  '瑞昇投融资服务有限公司',
  '申江会计师事务所',
  '海湾认证服务中心',
  '同创孵化器运营管理有限公司',
  '康源职业健康服务中心',
  '鼎信信息技术服务有限公司',
  '汇智人才培训中心',
  '远景品牌设计工作室',
  '星河跨境贸易服务有限公司',
  '青禾公益发展中心',
  '弘毅安全生产咨询有限公司',
  '锦程物流服务有限公司',
  '悦享企业文化服务中心',
]
const THIRD_PARTY_CATEGORIES = [
  'enterprise.settling',
  'enterprise.policy',
  'enterprise.incubation',
  'enterprise.equipment',
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

  // Providers of the lists: the lead, the coordinating bureaus and each member building's chief unit.
  const providers = [lead, housing, market, ...chiefBuildings.map((c) => c.chiefUnitId)]
  const lists: Array<['service' | 'resource' | 'activity', Array<[string, string]>]> = [
    ['service', SERVICES],
    ['resource', RESOURCES],
    ['activity', ACTIVITIES],
  ]
  let n = 0
  for (const [list, items] of lists) {
    for (const [name, category] of items) {
      const provider = providers[n++ % providers.length]!
      await b.offering({
        providerUnitId: provider,
        allianceId,
        list,
        category,
        name,
        areaCodes: [FENGXIAN],
        capacity: list === 'service' ? 5 : null,
      })
    }
  }

  // 同心荟's third-party providers: about twenty, escorting newly settled firms and serving the park.
  const thirdParty: number[] = []
  for (let i = 0; i < THIRD_PARTY.length; i++) {
    const unitId = await b.unit({
      areaCode: NANQIAO,
      name: THIRD_PARTY[i]!,
      kind: i === 16 ? 'social_org' : 'private',
      employees: b.rand.int(5, 60),
    })
    thirdParty.push(unitId)
    await b.offering({
      providerUnitId: unitId,
      allianceId: null,
      list: 'service',
      category: THIRD_PARTY_CATEGORIES[i % THIRD_PARTY_CATEGORIES.length]!,
      name: `${THIRD_PARTY[i]!.replace(/有限公司|服务中心|事务所|工作室/g, '')}企业服务`,
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
  providers: { elderlyProvider: number; yangmama: number; lecturer: number },
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
      provider: providers.elderlyProvider,
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
