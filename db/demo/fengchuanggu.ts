import type { DemoBuilder } from './builder.ts'
import { INDUSTRIES } from './names.ts'

export const NANQIAO = '310120101'

/** The seed page's figures for the 市工业综合开发区 / 凤创谷. */
export const FENGCHUANGGU = { park: '上海市工业综合开发区凤创谷', firms: 68, members: 1066, under35: 480 }

const NAMED = [
  {
    name: '爱思里达耐时(上海)驱动系统有限公司',
    kind: 'foreign',
    members: 86,
    type: 'general_branch',
    industry: 3,
  },
  { name: '先锋高科技(上海)有限公司', kind: 'foreign', members: 72, type: 'general_branch', industry: 2 },
  { name: '上海通用风机股份有限公司', kind: 'private', members: 64, type: 'general_branch', industry: 3 },
  { name: '莱博药妆技术(上海)有限公司', kind: 'private', members: 26, type: 'branch', industry: 1 },
  { name: '上海晋巢物业管理有限公司', kind: 'private', members: 18, type: 'branch', industry: 7 },
] as const

/**
 * 68 firms in four buildings of the park with 1,066 members, 480 of them (45%) under 35: own branches
 * and 党总支 for the large firms, three joint branches of five small firms, and a few firms that show each
 * gap the rules know (members but no organisation, 3+ members without a branch, no members at all).
 */
export async function loadFengchuanggu(b: DemoBuilder) {
  const parkId = await b.park(NANQIAO, FENGCHUANGGU.park)
  const buildings: Array<{ id: number; floors: number }> = []
  for (const [name, floors] of [
    ['凤创谷科创基地1号楼', 12],
    ['凤创谷科创基地2号楼', 10],
    ['凤创谷科创基地3号楼', 8],
    ['东方美谷大厦', 18],
  ] as const) {
    buildings.push({
      id: await b.building({
        areaCode: NANQIAO,
        parkId,
        name,
        address: `奉贤区望园路${1800 + buildings.length * 10}号`,
        floors,
        propertyCompany: '上海晋巢物业管理有限公司',
        owner: '上海市工业综合开发区有限公司',
        lat: 30.93 + buildings.length * 0.002,
        lng: 121.47,
      }),
      floors,
    })
  }
  const committee = await b.org({
    name: '中共上海市工业综合开发区委员会',
    type: 'committee',
    areaCode: NANQIAO,
    hasCommittee: true,
  })

  // Member counts of the 63 generated firms, by what each is meant to show.
  const joint = Array.from({ length: 15 }, (_, i) => 1 + (i % 3 === 0 ? 1 : 0))
  const onlyMembers = [1, 2, 1, 2, 1]
  const shouldHave = [3, 4, 3]
  const none = 4
  const ownCount = 36
  const fixed =
    NAMED.reduce((n, f) => n + f.members, 0) +
    [...joint, ...onlyMembers, ...shouldHave].reduce((n, m) => n + m, 0)
  const spread = FENGCHUANGGU.members - fixed
  const own = Array.from(
    { length: ownCount },
    (_, i) => Math.floor(spread / ownCount) + (i < spread % ownCount ? 1 : 0),
  )

  // Under-35 members in proportion to each firm, corrected on the largest so the total is exact.
  const allCounts = [...NAMED.map((f) => f.members), ...own, ...joint, ...onlyMembers, ...shouldHave]
  const young = allCounts.map((m) => Math.round((m * FENGCHUANGGU.under35) / FENGCHUANGGU.members))
  young[0]! += FENGCHUANGGU.under35 - young.reduce((n, y) => n + y, 0)

  let slot = 0
  const place = () => buildings[slot++ % buildings.length]!
  const firm = async (
    name: string | undefined,
    kind: 'private' | 'foreign',
    industry = b.rand.pick(INDUSTRIES),
    instructorSent = false,
  ) => {
    const at = place()
    return b.unit({
      areaCode: NANQIAO,
      buildingId: at.id,
      floors: at.floors,
      name,
      kind,
      industry,
      instructorSent,
    })
  }
  let k = 0
  const chiefUnit: { id: number | null } = { id: null }
  for (const f of NAMED) {
    const unitId = await firm(f.name, f.kind, INDUSTRIES[f.industry])
    if (f.name.includes('物业')) chiefUnit.id = unitId
    const orgId = await b.org({
      name: `中共${f.name.replace(/\(上海\)|股份|有限公司|技术/g, '')}${f.type === 'general_branch' ? '总支部委员会' : '支部委员会'}`,
      type: f.type,
      areaCode: NANQIAO,
      parentId: committee,
      hasCommittee: true,
      unitIds: [unitId],
    })
    await b.members(
      unitId,
      orgId,
      b.plans(f.members, young[k]!, { probationary: 3, notTransferred: 1 }),
      NANQIAO,
    )
    k++
  }
  for (let i = 0; i < own.length; i++) {
    const unitId = await firm(undefined, i % 6 === 0 ? 'foreign' : 'private')
    const name = (
      await b.db.selectFrom('unit').select('name').where('id', '=', unitId).executeTakeFirstOrThrow()
    ).name
    const orgId = await b.org({
      name: `中共${name.replace('有限公司', '')}支部委员会`,
      type: 'branch',
      areaCode: NANQIAO,
      parentId: committee,
      // Two branches of 7+ formal members still lack a committee: the gap list shows them.
      hasCommittee: i >= 2,
      unitIds: [unitId],
    })
    await b.members(
      unitId,
      orgId,
      b.plans(own[i]!, young[k]!, { probationary: i % 4 === 0 ? 1 : 0, notTransferred: i % 9 === 0 ? 1 : 0 }),
      NANQIAO,
    )
    k++
  }
  for (let g = 0; g < 3; g++) {
    const group = joint.slice(g * 5, g * 5 + 5)
    const unitIds: number[] = []
    for (let i = 0; i < group.length; i++) unitIds.push(await firm(undefined, 'private'))
    const orgId = await b.org({
      name: `中共凤创谷第${'一二三'[g]}联合支部委员会`,
      type: 'joint_branch',
      areaCode: NANQIAO,
      parentId: committee,
      unitIds,
    })
    for (let i = 0; i < group.length; i++) {
      await b.members(unitIds[i]!, orgId, b.plans(group[i]!, young[k]!), NANQIAO)
      k++
    }
  }
  // Members of firms without an organisation of their own are registered with the park committee.
  for (const counts of [onlyMembers, shouldHave]) {
    for (const m of counts) {
      const unitId = await firm(undefined, 'private')
      await b.members(unitId, committee, b.plans(m, young[k]!), NANQIAO)
      k++
    }
  }
  for (let i = 0; i < none; i++) await firm(undefined, 'private', undefined, i === 0)

  await b.station({
    kind: 'center',
    name: '“同心荟”党群服务中心',
    areaCode: NANQIAO,
    buildingId: buildings[0]!.id,
    parkId,
    description: '引入第三方专业服务机构，为新落户企业24小时护航；政策交流、信息交流与增值服务平台',
  })
  const stations = ['思贤生活驿站', '乐活青年生活驿站', '美谷生活驿站', '创客生活驿站']
  for (let i = 0; i < stations.length; i++) {
    await b.station({
      kind: 'life_station',
      name: stations[i]!,
      areaCode: NANQIAO,
      buildingId: buildings[i]!.id,
      parkId,
    })
  }
  for (const at of buildings) await b.chief(at.id, { unitId: chiefUnit.id! })
  return { parkId, committee, buildingIds: buildings.map((x) => x.id) }
}
