import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { commit, kindBook, upload } from './test-kit.ts'

const FENGPU = '310120002'
const NANQIAO = '310120101'
const FENGPU_COMMITTEE = '中共奉浦街道商务楼宇综合委员会'
let t: TestApp
let admin: Session
let fengpu: Session
let unitUscc: string
let siic: { name: string; address: string }
let fengpuBuilding: { name: string; address: string }

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  unitUscc = (
    await t.ctx.db
      .selectFrom('unit')
      .select('uscc')
      .where('area_code', '=', FENGPU)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).uscc
  siic = await t.ctx.db
    .selectFrom('building')
    .select(['name', 'address'])
    .where('name', '=', '上海实业大厦')
    .executeTakeFirstOrThrow()
  fengpuBuilding = await t.ctx.db
    .selectFrom('building')
    .select(['name', 'address'])
    .where('name', '=', '奉浦大厦')
    .executeTakeFirstOrThrow()
})
afterAll(() => t.close())

type Row = Record<string, unknown>
const errorsOf = (job: { errors: Array<{ row: number; column: string; reason: string }> }, row: number) =>
  job.errors.filter((e) => e.row === row).map((e) => `${e.column}: ${e.reason}`)

describe('buildings', () => {
  const building = (n: number, extra: Row = {}): Row => ({
    name: `导入测试楼${n}`,
    address: `奉浦大道${n}号`,
    areaCode: FENGPU,
    floors: 12,
    inUse: '是',
    propertyCompany: '测试物业',
    owner: '上海实业（集团）有限公司',
    lat: 30.91,
    lng: 121.47,
    ...extra,
  })

  it('reports unknown and district-level area codes, unknown parks, duplicates and out-of-range numbers', async () => {
    const file = await kindBook('buildings', [
      building(1),
      building(2, { areaCode: '310120999' }),
      building(3, { areaCode: '310120' }),
      building(4, { park: '不存在的园区' }),
      building(1),
      building(6, { floors: 0, lat: 100 }),
      building(7, { floors: '十二' }),
    ])
    const job = (await upload(t, admin, 'buildings', file)).json()
    expect(job.status).toBe('rejected')
    expect(errorsOf(job, 2)).toEqual([])
    expect(errorsOf(job, 3)).toEqual(['所属街道代码: 未知的行政区划代码：310120999'])
    expect(errorsOf(job, 4)).toEqual(['所属街道代码: 区域须为街道/镇或居村（310120 是district）'])
    expect(errorsOf(job, 5)).toEqual(['所属园区: 在 奉浦街道 找不到园区“不存在的园区”'])
    expect(errorsOf(job, 6)).toEqual(['楼宇名称: 与第 2 行重复（导入测试楼1 / 奉浦大道1号）'])
    expect(errorsOf(job, 7)).toEqual(['总层数: 不能小于 1', '纬度: 不能大于 90'])
    expect(errorsOf(job, 8)).toEqual(['总层数: “十二”不是整数'])
  })

  it('imports new buildings into a park, updates changed ones, and a re-import is all unchanged', async () => {
    const rows = [building(11), building(12, { areaCode: NANQIAO, park: '上海市工业综合开发区凤创谷' })]
    const first = (await upload(t, admin, 'buildings', await kindBook('buildings', rows))).json()
    expect(first).toMatchObject({ status: 'checked', diff: { new: 2, changed: 0, unchanged: 0 } })
    expect((await commit(t, admin, first.id)).json().status).toBe('committed')
    const saved = await t.ctx.db
      .selectFrom('building as b')
      .innerJoin('park as p', 'p.id', 'b.park_id')
      .select(['b.area_code', 'p.name', 'b.owner'])
      .where('b.name', '=', '导入测试楼12')
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({
      area_code: NANQIAO,
      name: '上海市工业综合开发区凤创谷',
      owner: '上海实业（集团）有限公司',
    })

    const edited = [building(11, { floors: 15, propertyCompany: null }), rows[1]!]
    const second = (await upload(t, admin, 'buildings', await kindBook('buildings', edited))).json()
    expect(second.diff).toEqual({ new: 0, changed: 1, unchanged: 1 })
    expect(second.changes[0].fields).toEqual([
      { field: '总层数', from: '12', to: '15' },
      { field: '物业公司', from: '测试物业', to: '' },
    ])
    expect((await commit(t, admin, second.id)).json().status).toBe('committed')
    const again = (await upload(t, admin, 'buildings', await kindBook('buildings', edited))).json()
    expect(again.diff).toEqual({ new: 0, changed: 0, unchanged: 2 })
  })

  it('keeps a street admin out of buildings of other streets', async () => {
    const file = await kindBook('buildings', [building(21, { areaCode: NANQIAO })])
    const job = (await upload(t, fengpu, 'buildings', file)).json()
    expect(job.errors).toEqual([{ row: 2, column: '', reason: '不在您的管理范围内' }])
  })
})

describe('party organisations', () => {
  const org = (name: string, extra: Row = {}): Row => ({
    name,
    type: '党支部',
    parent: FENGPU_COMMITTEE,
    areaCode: FENGPU,
    establishedOn: '2021-07-01',
    hasCommittee: '否',
    ...extra,
  })

  it('refuses an organisation that is its own parent, parent cycles in the file and through the registry', async () => {
    const file = await kindBook('party_orgs', [
      org('甲支部', { parent: '甲支部' }),
      org('乙支部', { parent: '丙支部' }),
      org('丙支部', { parent: '乙支部' }),
      org(FENGPU_COMMITTEE, { type: '党委', parent: '丁支部' }),
      org('丁支部'),
      org('戊支部', { parent: '不存在的党委' }),
    ])
    const job = (await upload(t, admin, 'party_orgs', file)).json()
    expect(job.status).toBe('rejected')
    expect(errorsOf(job, 2)).toEqual(['上级党组织名称: 上级党组织不能是其自身'])
    expect(errorsOf(job, 3)).toEqual(['上级党组织名称: 上级党组织形成循环：乙支部 → 丙支部 → 乙支部'])
    expect(errorsOf(job, 4)).toEqual(['上级党组织名称: 上级党组织形成循环：丙支部 → 乙支部 → 丙支部'])
    expect(errorsOf(job, 5)).toEqual([
      `上级党组织名称: 上级党组织形成循环：${FENGPU_COMMITTEE} → 丁支部 → ${FENGPU_COMMITTEE}`,
    ])
    expect(errorsOf(job, 6)).toEqual([
      `上级党组织名称: 上级党组织形成循环：丁支部 → ${FENGPU_COMMITTEE} → 丁支部`,
    ])
    expect(errorsOf(job, 7)).toEqual(['上级党组织名称: 找不到党组织“不存在的党委”'])
  })

  it('checks what an organisation covers: units by USCC, buildings as name@address', async () => {
    const file = await kindBook('party_orgs', [
      org('己支部', { coversUnits: '91310120MA00000XXX', coversBuildings: '上海实业大厦' }),
      org('庚支部', { coversBuildings: '不存在的大厦@某路1号' }),
    ])
    const job = (await upload(t, admin, 'party_orgs', file)).json()
    expect(errorsOf(job, 2)).toEqual([
      '覆盖单位信用代码: 找不到统一社会信用代码为 91310120MA00000XXX 的单位',
      '覆盖楼宇: “上海实业大厦”应写成“楼宇名称@地址”',
    ])
    expect(errorsOf(job, 3)).toEqual(['覆盖楼宇: 找不到楼宇“不存在的大厦”（地址：某路1号）'])
  })

  it('imports a parent and its child from one file, with coverage, and a re-import changes nothing', async () => {
    const rows = [
      org('导入测试联合支部', { type: '联合党支部', parent: '导入测试总支', coversUnits: unitUscc }),
      org('导入测试总支', {
        type: '党总支',
        coversBuildings: `${fengpuBuilding.name}@${fengpuBuilding.address}`,
        hasCommittee: '是',
      }),
    ]
    // A street office may not stretch an organisation of its own over another street's building or unit.
    const xuhuiUnit = await t.ctx.db
      .selectFrom('unit')
      .select('uscc')
      .where('area_code', '=', '310104014')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const stretch = await kindBook('party_orgs', [
      org('导入测试越界总支', { type: '党总支', coversBuildings: `${siic.name}@${siic.address}` }),
      org('导入测试越界支部', { type: '联合党支部', coversUnits: `${unitUscc}、${xuhuiUnit.uscc}` }),
    ])
    const refused = (await upload(t, fengpu, 'party_orgs', stretch)).json()
    expect(refused.status).toBe('rejected')
    expect(refused.errors).toEqual([
      { row: 2, column: '', reason: '不在您的管理范围内' },
      { row: 3, column: '', reason: '不在您的管理范围内' },
    ])
    const file = await kindBook('party_orgs', rows)
    const dry = (await upload(t, fengpu, 'party_orgs', file)).json()
    expect(dry).toMatchObject({ status: 'checked', diff: { new: 2, changed: 0, unchanged: 0 } })
    expect((await commit(t, fengpu, dry.id)).json().status).toBe('committed')
    const saved = await t.ctx.db
      .selectFrom('party_org as o')
      .innerJoin('party_org as p', 'p.id', 'o.parent_id')
      .select(['o.id', 'o.type', 'p.name as parent'])
      .where('o.name', '=', '导入测试联合支部')
      .executeTakeFirstOrThrow()
    expect(saved).toMatchObject({ type: 'joint_branch', parent: '导入测试总支' })
    const covers = await t.ctx.db
      .selectFrom('party_org_coverage')
      .selectAll()
      .where('party_org_id', '=', saved.id)
      .execute()
    expect(covers).toHaveLength(1)
    const unit = await t.ctx.db
      .selectFrom('unit_stat as s')
      .innerJoin('unit as u', 'u.id', 's.unit_id')
      .select('s.joint_org')
      .where('u.uscc', '=', unitUscc)
      .executeTakeFirstOrThrow()
    expect(unit.joint_org).toBe(true)

    const again = (await upload(t, fengpu, 'party_orgs', file)).json()
    expect(again.diff).toEqual({ new: 0, changed: 0, unchanged: 2 })
    const moved = await kindBook('party_orgs', [
      { ...rows[0], coversUnits: null, parent: FENGPU_COMMITTEE },
      rows[1]!,
    ])
    const change = (await upload(t, fengpu, 'party_orgs', moved)).json()
    expect(change.changes[0]).toMatchObject({
      action: 'changed',
      key: '导入测试联合支部',
      fields: [
        { field: '上级党组织名称', from: '导入测试总支', to: FENGPU_COMMITTEE },
        { field: '覆盖单位信用代码', from: unitUscc, to: '' },
      ],
    })
    expect((await commit(t, fengpu, change.id)).json().status).toBe('committed')
    expect(
      await t.ctx.db
        .selectFrom('party_org_coverage')
        .selectAll()
        .where('party_org_id', '=', saved.id)
        .execute(),
    ).toEqual([])
    const version = await t.ctx.db
      .selectFrom('party_org')
      .select('version')
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow()
    expect(version.version).toBe(2)
  })
})
