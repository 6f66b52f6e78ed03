import type { DemoBuilder } from './builder.ts'
import { HONGMEI } from './xuhui.ts'

const XUHUI = '310104'

/**
 * 虹梅路街道's platforms from the seed page: the 区域化党建促进会虹梅分会 (a chapter of 徐汇's 促进会), the
 * “虹梅庭” corporate-responsibility alliance around 虹梅庭公益服务中心, and the 园区楼宇联合会, a federation over
 * the street's party organisations and its parks' buildings. 奉贤's building alliance (exchange.ts) is
 * unchanged. 虹梅's registry had only the street's committee and single-firm branches, so the park-wide
 * general branch and joint branch the federation stands over are added here.
 */
export async function loadAlliancesDemo(b: DemoBuilder) {
  const db = b.db
  const committee = (
    await db
      .selectFrom('party_org')
      .select('id')
      .where('name', '=', '中共虹梅路街道园区楼宇综合委员会')
      .executeTakeFirstOrThrow()
  ).id
  const parkBuildings = async (park: string) =>
    (
      await db
        .selectFrom('building as bd')
        .innerJoin('park as p', 'p.id', 'bd.park_id')
        .select('bd.id')
        .where('p.name', '=', park)
        .orderBy('bd.id')
        .execute()
    ).map((r) => r.id)
  const haibo = await parkBuildings('海博园区')
  const putian = await parkBuildings('普天科技园')
  const general = await b.org({
    name: '中共海博园区楼宇联合总支部委员会',
    type: 'general_branch',
    areaCode: HONGMEI,
    parentId: committee,
    hasCommittee: true,
    buildingIds: haibo,
  })
  const joint = await b.org({
    name: '中共普天科技园楼宇联合支部委员会',
    type: 'joint_branch',
    areaCode: HONGMEI,
    parentId: committee,
    buildingIds: putian,
  })
  // Firms of 虹梅 in building order: the chapter's and 虹梅庭's members are real demo firms.
  const firms = (
    await db
      .selectFrom('unit')
      .select('id')
      .where('area_code', '=', HONGMEI)
      .where('building_id', 'is not', null)
      .where('name', 'not like', '%物业管理处')
      .orderBy('id')
      .limit(8)
      .execute()
  ).map((r) => r.id)

  const alliance = async (a: { name: string; area: string; kind: string; parent?: number; text: string }) =>
    (
      await db
        .insertInto('alliance')
        .values({
          name: a.name,
          area_code: a.area,
          kind: a.kind,
          parent_id: a.parent ?? null,
          founded_on: '2019-04-01',
          description: a.text,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const members = (
    allianceId: number,
    rows: Array<{ unit?: number; building?: number; org?: number; role: 'lead' | 'coordinating' | 'member' }>,
  ) =>
    db
      .insertInto('alliance_member')
      .values(
        rows.map((r) => ({
          alliance_id: allianceId,
          unit_id: r.unit ?? null,
          building_id: r.building ?? null,
          party_org_id: r.org ?? null,
          role: r.role,
          joined_on: '2019-04-01',
        })),
      )
      .execute()

  const promotion = await alliance({
    name: '徐汇区区域化党建促进会',
    area: XUHUI,
    kind: 'alliance',
    text: '区委组织部（区社工委）牵头，各街道设分会，推动区域化党建资源共享。',
  })
  const chapter = await alliance({
    name: '徐汇区区域化党建促进会虹梅分会',
    area: HONGMEI,
    kind: 'branch_chapter',
    parent: promotion,
    text: '虹梅街道党工委牵头，联系开发区各大园区、企业，推动“生活垃圾减量100+行动”。',
  })
  const hub = await b.unit({ areaCode: HONGMEI, name: '虹梅路街道社区党群服务中心', kind: 'agency' })
  await members(chapter, [
    { unit: hub, role: 'lead' },
    ...firms.slice(0, 4).map((unit) => ({ unit, role: 'member' as const })),
  ])

  const ting = await alliance({
    name: '“虹梅庭”企业社会责任联盟',
    area: HONGMEI,
    kind: 'alliance',
    text: '以虹梅庭公益服务中心为平台，园区企业共同策划公益行动，如“玄‘圾’妙策”闲置物品装置展。',
  })
  const tingCentre = await b.unit({ areaCode: HONGMEI, name: '虹梅庭公益服务中心', kind: 'social_org' })
  await members(ting, [
    { unit: tingCentre, role: 'lead' },
    ...firms.slice(4, 8).map((unit) => ({ unit, role: 'member' as const })),
  ])
  const lists: Array<['service' | 'resource' | 'activity', string, string, number]> = [
    ['service', '垃圾分类微课进企业', 'community.environment', tingCentre],
    ['service', '白领公益志愿者培训', 'volunteer', tingCentre],
    ['resource', '闲置物品回收与再利用点', 'community.environment', tingCentre],
    ['activity', '“玄‘圾’妙策”装置展', 'community.culture', tingCentre],
    ['activity', '午间垃圾分类值守', 'volunteer', tingCentre],
  ]
  for (const [list, name, category, provider] of lists)
    await b.offering({
      providerUnitId: provider,
      allianceId: ting,
      list,
      category,
      name,
      areaCodes: [HONGMEI],
      capacity: list === 'service' ? 5 : null,
    })

  const federation = await alliance({
    name: '虹梅路街道园区楼宇联合会',
    area: HONGMEI,
    kind: 'federation',
    text: '联合辖区园区、楼宇及其党组织（园区联合总支、楼宇联合支部），共建垃圾分类示范街镇。',
  })
  await members(federation, [
    { org: committee, role: 'lead' },
    { org: general, role: 'member' },
    { org: joint, role: 'member' },
    ...[haibo[0], putian[0]]
      .filter((id) => id !== undefined)
      .map((building) => ({ building, role: 'member' as const })),
  ])
}
