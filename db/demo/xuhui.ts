import type { DemoBuilder } from './builder.ts'

export const XUJIAHUI = '310104014'
export const HONGMEI = '310104012'

/** 上实大厦: 170 firms and 1,800 office workers under one building-wide joint general branch. */
export const SIIC = { name: '上海实业大厦', firms: 170, workers: 1800 }

export async function loadSiic(b: DemoBuilder) {
  const floors = 38
  const buildingId = await b.building({
    areaCode: XUJIAHUI,
    name: SIIC.name,
    address: '徐汇区漕溪北路18号',
    floors,
    propertyCompany: '上实物业管理有限公司',
    owner: '上海实业（集团）有限公司',
    lat: 31.193,
    lng: 121.437,
  })
  // Employees per firm add up to exactly 1,800; the property office is one of the 170.
  const sizes = Array.from({ length: SIIC.firms }, () => b.rand.int(4, 17))
  let surplus = SIIC.workers - sizes.reduce((n, s) => n + s, 0)
  for (let i = 0; surplus !== 0; i = (i + 1) % sizes.length) {
    const step = surplus > 0 ? 1 : -1
    if (sizes[i]! + step >= 2) {
      sizes[i]! += step
      surplus -= step
    }
  }
  const unitIds: number[] = []
  for (let i = 0; i < SIIC.firms; i++) {
    unitIds.push(
      await b.unit({
        areaCode: XUJIAHUI,
        buildingId,
        floors,
        employees: sizes[i],
        name: i === 0 ? '上实物业管理有限公司上实大厦管理处' : undefined,
        kind: i % 11 === 0 && i > 0 ? 'foreign' : 'private',
      }),
    )
  }
  const joint = await b.org({
    name: '中共上海实业大厦楼宇联合总支部委员会',
    type: 'general_branch',
    areaCode: XUJIAHUI,
    hasCommittee: true,
    buildingIds: [buildingId],
  })
  // The property manager is both branch secretary and building chief (the seed's 胡艺).
  const manager = await b.person('胡艺', unitIds[0]!)
  await b.db
    .insertInto('member')
    .values({ person_id: manager, party_org_id: joint, status: 'formal' })
    .execute()
  await b.db.updateTable('party_org').set({ secretary_person_id: manager }).where('id', '=', joint).execute()
  await b.chief(buildingId, { personId: manager }, '2018-03-01')
  for (const [i, count] of [6, 5, 4].entries()) {
    const unitId = unitIds[10 + i]!
    const orgId = await b.org({
      name: `中共上实大厦第${'一二三'[i]}企业支部委员会`,
      type: 'branch',
      areaCode: XUJIAHUI,
      parentId: joint,
      unitIds: [unitId],
    })
    await b.members(unitId, orgId, b.plans(count, 2), XUJIAHUI)
  }
  for (let i = 20; i < 50; i += 2)
    await b.members(unitIds[i]!, joint, b.plans(1 + (i % 3 === 0 ? 1 : 0), i % 4 === 0 ? 1 : 0), XUJIAHUI)
  await b.station({ kind: 'micro_home', name: '上实大厦党建微家', areaCode: XUJIAHUI, buildingId })
  return { buildingId, managerId: manager }
}

const HONGMEI_PARKS = [
  '海博园区',
  '普天科技园',
  '复星科技园',
  'G7软件园',
  '漕河泾科技绿洲',
  '虹梅商务园',
  '桂箐创意园',
  '华鑫慧享城',
  '钦州北路科技园',
  '田林创新园',
  '宜山科创园',
  '光大会展园',
]

/** 虹梅路街道: 40 parks and buildings (12 parks, 28 buildings), most buildings inside the parks. */
export async function loadHongmei(b: DemoBuilder) {
  const parkIds: number[] = []
  for (const name of HONGMEI_PARKS) parkIds.push(await b.park(HONGMEI, name))
  const street = await b.org({
    name: '中共虹梅路街道园区楼宇综合委员会',
    type: 'committee',
    areaCode: HONGMEI,
    hasCommittee: true,
  })
  const buildingIds: number[] = []
  for (let i = 0; i < 28; i++) {
    const parkIndex = i < 24 ? i % HONGMEI_PARKS.length : null
    const floors = b.rand.int(6, 24)
    const name =
      parkIndex === null
        ? `虹梅路商务楼${i - 23}号`
        : `${HONGMEI_PARKS[parkIndex]}${Math.floor(i / HONGMEI_PARKS.length) + 1}号楼`
    const buildingId = await b.building({
      areaCode: HONGMEI,
      parkId: parkIndex === null ? null : parkIds[parkIndex],
      name,
      address: `徐汇区虹梅路${1500 + i * 20}号`,
      floors,
      propertyCompany: i % 2 === 0 ? '漕河泾开发区物业管理有限公司' : '华鑫物业管理有限公司',
      owner: '上海漕河泾开发区经济技术发展有限公司',
      lat: 31.17 + i * 0.001,
      lng: 121.39 + i * 0.001,
    })
    buildingIds.push(buildingId)
    const firms = b.rand.int(3, 6)
    for (let f = 0; f < firms; f++) {
      const unitId = await b.unit({
        areaCode: HONGMEI,
        buildingId,
        floors,
        kind: b.rand.chance(0.3) ? 'foreign' : 'private',
      })
      const members = b.rand.pick([0, 0, 1, 2, 3, 5, 8])
      if (members >= 5) {
        const name = (
          await b.db.selectFrom('unit').select('name').where('id', '=', unitId).executeTakeFirstOrThrow()
        ).name
        const orgId = await b.org({
          name: `中共${name.replace('有限公司', '')}支部委员会`,
          type: 'branch',
          areaCode: HONGMEI,
          parentId: street,
          hasCommittee: members >= 7,
          unitIds: [unitId],
        })
        await b.members(unitId, orgId, b.plans(members, 3), HONGMEI)
      } else if (members > 0) {
        await b.members(unitId, street, b.plans(members, 1), HONGMEI)
      }
    }
    if (i % 3 === 0) {
      const chiefUnit = await b.unit({
        areaCode: HONGMEI,
        buildingId,
        floors,
        name: `${name}物业管理处`,
        industry: undefined,
      })
      await b.chief(buildingId, { unitId: chiefUnit })
    }
  }
  // 生活垃圾减量100+行动: 61 points at the 40 sites — a waste room at each, and at the 21 busiest also a
  // lobby, canteen or delivery point.
  const sites = [
    ...parkIds.map((id, i) => ({ parkId: id, name: HONGMEI_PARKS[i]! })),
    ...(await b.db
      .selectFrom('building')
      .select(['id', 'name'])
      .where('id', 'in', buildingIds)
      .orderBy('id')
      .execute()),
  ].map((s) => ('parkId' in s ? s : { buildingId: s.id, name: s.name }))
  const extras = ['lobby', 'canteen', 'delivery'] as const
  const extraNames = { lobby: '大堂', canteen: '食堂', delivery: '快递外卖区' }
  const pointIds: number[] = []
  for (const [i, site] of sites.entries()) {
    pointIds.push(
      await b.dutyPoint({ areaCode: HONGMEI, ...site, name: `${site.name}垃圾房`, kind: 'waste_room' }),
    )
    if (i < 21) {
      const kind = extras[i % 3]!
      pointIds.push(
        await b.dutyPoint({ areaCode: HONGMEI, ...site, name: `${site.name}${extraNames[kind]}`, kind }),
      )
    }
  }
  return { parkIds, buildingIds, pointIds }
}
