import type { DemoBuilder } from './builder.ts'
import { loadFengchuanggu, NANQIAO } from './fengchuanggu.ts'
import { SOCIAL_ORG_SUFFIX } from './names.ts'

export const FENGXIAN = '310120'
export const FENGPU = '310120002'
export const JINHAI = '310120003'
export const XIDU = '310120001'

/** Jinhai's 9 villages and 9 of its residential committees (the seed's 九个村、九个居民区). */
export const JINHAI_VILLAGES = Array.from({ length: 9 }, (_, i) => `31012000320${i + 1}`)
export const JINHAI_COMMUNITIES = Array.from(
  { length: 9 },
  (_, i) => `3101200030${String(i + 1).padStart(2, '0')}`,
)

const OTHER_BUILDINGS: Array<{ area: string; name: string; floors: number; inUse?: boolean }> = [
  { area: NANQIAO, name: '绿地翡翠国际广场', floors: 31 },
  { area: NANQIAO, name: '南桥新城商务中心', floors: 24 },
  { area: NANQIAO, name: '百联南桥商务楼', floors: 16 },
  { area: NANQIAO, name: '江海园区总部大楼', floors: 12 },
  { area: NANQIAO, name: '贤园商务大厦', floors: 15 },
  { area: NANQIAO, name: '南桥金融大厦', floors: 20 },
  { area: NANQIAO, name: '望园商务楼', floors: 9 },
  { area: NANQIAO, name: '解放东路办公楼', floors: 18 },
  { area: NANQIAO, name: '南桥老街商务楼', floors: 5 },
  { area: NANQIAO, name: '沪杭公路综合楼', floors: 4 },
  { area: FENGPU, name: '奉浦大厦', floors: 22 },
  { area: FENGPU, name: '环城东路商务楼', floors: 14 },
  { area: FENGPU, name: '奉浦科技楼', floors: 10 },
  { area: FENGPU, name: '贤浦中心', floors: 26 },
  { area: FENGPU, name: '奉浦商务中心', floors: 18 },
  { area: FENGPU, name: '奉浦创业大厦', floors: 12 },
  { area: FENGPU, name: '百秀商务楼', floors: 8 },
  { area: FENGPU, name: '奉浦金融广场', floors: 20 },
  { area: JINHAI, name: '金海商务大厦', floors: 17 },
  { area: JINHAI, name: '金水商务中心', floors: 11 },
  { area: JINHAI, name: '金海科创楼', floors: 9 },
  { area: JINHAI, name: '海思大厦', floors: 13 },
  { area: JINHAI, name: '金海广场办公楼', floors: 7 },
  { area: XIDU, name: '连城商业广场', floors: 16 },
  { area: XIDU, name: '科技创业孵化大楼', floors: 10 },
  { area: XIDU, name: '西渡滨江商务楼', floors: 8 },
]

/** A building's firms with random small member counts: the ordinary mix of the census. */
async function ordinaryFirms(
  b: DemoBuilder,
  area: string,
  buildingId: number,
  floors: number,
  count: number,
) {
  const firms: Array<{ id: number; members: number }> = []
  for (let i = 0; i < count; i++) {
    const id = await b.unit({
      areaCode: area,
      buildingId,
      floors,
      kind: b.rand.chance(0.15) ? 'foreign' : 'private',
    })
    firms.push({ id, members: b.rand.pick([0, 0, 0, 1, 1, 2, 3, 4, 6, 9]) })
  }
  return firms
}

/**
 * 奉贤区: 28 commercial buildings of 6+ floors in use (and two low ones outside the census), the
 * 凤创谷 park, 奉浦街道's joint general branch over four buildings, chiefs for the 14 alliance buildings,
 * and 金海街道's 38 social organisations.
 */
export async function loadFengxian(b: DemoBuilder) {
  const park = await loadFengchuanggu(b)
  const streetOrgs = new Map<string, number>()
  for (const [area, name] of [
    [NANQIAO, '中共南桥镇商务楼宇综合委员会'],
    [FENGPU, '中共奉浦街道商务楼宇综合委员会'],
    [JINHAI, '中共金海街道“两新”组织综合委员会'],
    [XIDU, '中共西渡街道商务楼宇综合委员会'],
  ] as const) {
    streetOrgs.set(area, await b.org({ name, type: 'committee', areaCode: area, hasCommittee: true }))
  }

  const ids = new Map<string, number>()
  const chiefBuildings = new Set([
    '绿地翡翠国际广场',
    '连城商业广场',
    ...OTHER_BUILDINGS.filter((x) => x.area === FENGPU).map((x) => x.name),
  ])
  let n = 0
  for (const spec of OTHER_BUILDINGS) {
    n++
    const property = `上海${spec.name.slice(0, 2)}物业服务有限公司`
    const buildingId = await b.building({
      areaCode: spec.area,
      name: spec.name,
      address: `奉贤区${spec.area === FENGPU ? '环城东路' : spec.area === JINHAI ? '金海公路' : spec.area === XIDU ? '西渡路' : '南桥路'}${100 + n * 17}号`,
      floors: spec.floors,
      propertyCompany: property,
      owner: n % 3 === 0 ? null : `${spec.name.slice(0, 2)}置业有限公司`,
      lat: n % 4 === 0 ? null : 30.91 + n * 0.003,
      lng: n % 4 === 0 ? null : 121.45 + n * 0.002,
    })
    ids.set(spec.name, buildingId)
    const streetOrg = streetOrgs.get(spec.area)!
    const firms = await ordinaryFirms(b, spec.area, buildingId, spec.floors, b.rand.int(4, 8))
    if (chiefBuildings.has(spec.name)) {
      const chiefUnit = await b.unit({
        areaCode: spec.area,
        buildingId,
        floors: spec.floors,
        name: property,
        employees: 40,
      })
      await b.chief(buildingId, { unitId: chiefUnit })
    }
    // Firms big enough get a branch; the rest of those with members wait in the street committee.
    for (const f of firms) {
      if (f.members >= 6) {
        const name = (
          await b.db.selectFrom('unit').select('name').where('id', '=', f.id).executeTakeFirstOrThrow()
        ).name
        const orgId = await b.org({
          name: `中共${name.replace('有限公司', '')}支部委员会`,
          type: 'branch',
          areaCode: spec.area,
          parentId: streetOrg,
          hasCommittee: f.members >= 7,
          unitIds: [f.id],
        })
        await b.members(f.id, orgId, b.plans(f.members, b.rand.int(1, 3), { probationary: 1 }), spec.area)
      } else if (f.members > 0) {
        await b.members(
          f.id,
          streetOrg,
          b.plans(f.members, b.rand.int(0, 1), { notTransferred: b.rand.chance(0.2) ? 1 : 0 }),
          spec.area,
        )
      }
    }
  }

  // 绿地翡翠国际广场: the former "翡翠家园联盟" became a building-wide joint general branch.
  await b.org({
    name: '中共绿地翡翠国际广场楼宇联合总支部委员会',
    type: 'general_branch',
    areaCode: NANQIAO,
    parentId: streetOrgs.get(NANQIAO)!,
    hasCommittee: true,
    buildingIds: [ids.get('绿地翡翠国际广场')!],
  })
  // 奉浦街道: one joint general branch covering four buildings.
  await b.org({
    name: '中共奉浦街道楼宇联合总支部委员会',
    type: 'general_branch',
    areaCode: FENGPU,
    parentId: streetOrgs.get(FENGPU)!,
    hasCommittee: true,
    buildingIds: ['奉浦大厦', '环城东路商务楼', '奉浦科技楼', '贤浦中心'].map((x) => ids.get(x)!),
  })
  await b.station({
    kind: 'service_station',
    name: '奉浦大厦党建服务站',
    areaCode: FENGPU,
    buildingId: ids.get('奉浦大厦')!,
  })
  await b.station({
    kind: 'service_station',
    name: '贤浦中心党建服务站',
    areaCode: FENGPU,
    buildingId: ids.get('贤浦中心')!,
  })
  await b.station({
    kind: 'micro_home',
    name: '奉浦科技楼党建微家',
    areaCode: FENGPU,
    buildingId: ids.get('奉浦科技楼')!,
  })
  await b.station({
    kind: 'micro_home',
    name: '环城东路商务楼党建微家',
    areaCode: FENGPU,
    buildingId: ids.get('环城东路商务楼')!,
  })
  await b.station({
    kind: 'service_station',
    name: '连城商业广场党建综合服务平台',
    areaCode: XIDU,
    buildingId: ids.get('连城商业广场')!,
  })
  await b.station({ kind: 'center', name: '金海社区党建服务中心', areaCode: JINHAI })

  await loadJinhaiSocialOrgs(b, streetOrgs.get(JINHAI)!)
  return { ...park, buildingIds: ids, streetOrgs }
}

const SOCIAL_NAMED = [
  '德善公益服务中心',
  '南上海音乐艺术工作室',
  '智慧源教育培训中心',
  '上海社绿家环保中心',
  '上海晨公益发展中心',
]

/** 金海街道's federation of social organisations: 38 of them, a general branch and two joint branches. */
async function loadJinhaiSocialOrgs(b: DemoBuilder, streetOrg: number) {
  const ids: number[] = []
  const prefixes = ['金海', '贤城', '水天', '益齐', '绿色', '阳光', '和美', '乐龄']
  for (let i = 0; i < 38; i++) {
    // Shifting the suffix every eight names keeps all 38 distinct.
    const name =
      SOCIAL_NAMED[i] ?? `奉贤区${prefixes[i % 8]}${SOCIAL_ORG_SUFFIX[(i + Math.floor(i / 8)) % 8]}`
    ids.push(await b.unit({ areaCode: JINHAI, name, kind: 'social_org', employees: b.rand.int(3, 25) }))
  }
  const federation = await b.org({
    name: '中共金海街道社会组织联合会总支部委员会',
    type: 'general_branch',
    areaCode: JINHAI,
    parentId: streetOrg,
    hasCommittee: true,
  })
  for (let g = 0; g < 2; g++) {
    const members = ids.slice(g * 5, g * 5 + 5)
    const orgId = await b.org({
      name: `中共金海街道社会组织第${'一二'[g]}联合支部委员会`,
      type: 'joint_branch',
      areaCode: JINHAI,
      parentId: federation,
      unitIds: members,
    })
    for (const unitId of members)
      await b.members(unitId, orgId, b.plans(b.rand.int(1, 2), b.rand.int(0, 1)), JINHAI)
  }
  for (const unitId of ids.slice(10, 16)) await b.members(unitId, federation, b.plans(1, 0), JINHAI)
}
