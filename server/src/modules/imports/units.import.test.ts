import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { usccWithCheck } from '../../lib/ids.ts'
import { commitOptions } from './service.ts'
import { commit, kindBook, upload } from './test-kit.ts'

const FENGPU = '310120002'
let t: TestApp
let admin: Session
let fengpu: Session
let fengpuBuilding: { id: number; name: string; address: string; floors: number }
let nanqiaoBuilding: { name: string; address: string }

const uscc = (n: number) => usccWithCheck(`91310120MA${String(n).padStart(7, '0')}`)
const count = async (table: 'unit' | 'row_history' | 'audit_log') =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
  fengpu = await login(t.app, 'fengpu_admin')
  const building = (name: string) =>
    t.ctx.db
      .selectFrom('building')
      .select(['id', 'name', 'address', 'floors'])
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  fengpuBuilding = await building('奉浦大厦')
  nanqiaoBuilding = await building('绿地翡翠国际广场')
})
afterAll(() => t.close())

const unitRow = (n: number, extra: Record<string, unknown> = {}) => ({
  uscc: uscc(n),
  name: `导入测试单位${n}`,
  kind: '民营企业',
  industry: '信息技术',
  employees: 20 + n,
  buildingName: fengpuBuilding.name,
  buildingAddress: fengpuBuilding.address,
  floorFrom: 3,
  floorTo: 4,
  settledOn: '2023-05-01',
  instructorSent: '否',
  ...extra,
})

describe('units: dry run, commit, re-import', () => {
  it('reports every bad row with its row number, column and a Chinese reason, and writes nothing', async () => {
    const before = await count('unit')
    const file = await kindBook('units', [
      unitRow(1),
      unitRow(2, { uscc: '91310120MA0000002X' }),
      unitRow(3, { floorFrom: fengpuBuilding.floors + 1, floorTo: fengpuBuilding.floors + 2 }),
      unitRow(4, { kind: '个体户' }),
      unitRow(5, { uscc: uscc(1) }),
      unitRow(6, { buildingName: '不存在的大厦' }),
      unitRow(7, { settledOn: '2023-13-45' }),
      unitRow(8, { employees: { formula: 'A1+1', result: 3 } }),
      unitRow(9, { buildingName: null, buildingAddress: null, areaCode: '999999999' }),
    ])
    const res = await upload(t, admin, 'units', file, { fileName: '单位.xlsx' })
    expect(res.statusCode).toBe(201)
    const job = res.json()
    expect(job).toMatchObject({ kind: 'units', fileName: '单位.xlsx', status: 'rejected', totalRows: 9 })
    const byRow = (row: number) => job.errors.filter((e: { row: number }) => e.row === row)
    expect(byRow(2)).toEqual([])
    expect(byRow(3)).toEqual([
      {
        row: 3,
        column: '统一社会信用代码',
        reason: expect.stringContaining('统一社会信用代码“91310120MA0000002X”无效'),
      },
    ])
    expect(byRow(4)[0]).toMatchObject({ column: '起始楼层', reason: expect.stringMatching(/超出楼宇总层数/) })
    expect(byRow(5)[0]).toMatchObject({
      column: '单位类型',
      reason: expect.stringContaining('“个体户”不是允许的取值'),
    })
    expect(byRow(6)[0]).toMatchObject({
      column: '统一社会信用代码',
      reason: `与第 2 行重复（${uscc(1)}）`,
    })
    expect(byRow(7)[0]).toMatchObject({
      column: '所在楼宇名称',
      reason: expect.stringContaining('找不到楼宇“不存在的大厦”'),
    })
    expect(byRow(8)[0]).toMatchObject({
      column: '入驻日期',
      reason: expect.stringContaining('不是可识别的日期'),
    })
    expect(byRow(9)[0]).toMatchObject({ column: '从业人数', reason: '单元格含公式，请粘贴为数值' })
    expect(byRow(10)[0]).toMatchObject({ column: '所属街道代码', reason: '未知的行政区划代码：999999999' })
    expect(job.diff).toEqual({ new: 1, changed: 0, unchanged: 0 })
    // A rejected job cannot be committed, and nothing reached the registry.
    const refused = await commit(t, admin, job.id)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('import_not_checked')
    expect(await count('unit')).toBe(before)
  })

  it('words row errors in English when asked', async () => {
    const file = await kindBook('units', [unitRow(11, { kind: '个体户' })])
    const job = (await upload(t, admin, 'units', file, { lang: 'en-US' })).json()
    expect(job.errors[0]).toMatchObject({
      row: 2,
      column: '单位类型',
      reason: expect.stringContaining('is not allowed'),
    })
    const again = await t.app.inject({
      url: `/api/imports/${job.id}`,
      headers: { ...admin.headers, 'accept-language': 'zh-CN' },
    })
    expect(again.json().errors[0].reason).toContain('不是允许的取值')
  })

  it('commits new rows with history and one audit row, then a re-import of the same file changes nothing', async () => {
    const rows = [
      unitRow(21),
      unitRow(22),
      unitRow(23, {
        buildingName: null,
        buildingAddress: null,
        areaCode: FENGPU,
        floorFrom: null,
        floorTo: null,
      }),
    ]
    const file = await kindBook('units', rows)
    const dry = (await upload(t, fengpu, 'units', file)).json()
    expect(dry).toMatchObject({ status: 'checked', diff: { new: 3, changed: 0, unchanged: 0 }, errors: [] })
    expect(dry.changes.map((c: { action: string }) => c.action)).toEqual(['new', 'new', 'new'])
    const history = await count('row_history')
    const audits = await count('audit_log')
    const done = await commit(t, fengpu, dry.id)
    expect(done.statusCode).toBe(200)
    expect(done.json()).toMatchObject({
      status: 'committed',
      processedRows: 3,
      committedAt: expect.any(String),
    })
    const saved = await t.ctx.db
      .selectFrom('unit')
      .select(['uscc', 'name', 'building_id', 'area_code', 'floor_from', 'version', 'search_text'])
      .where(
        'uscc',
        'in',
        rows.map((r) => r.uscc),
      )
      .orderBy('uscc')
      .execute()
    expect(saved).toHaveLength(3)
    expect(saved[0]).toMatchObject({
      building_id: fengpuBuilding.id,
      area_code: FENGPU,
      floor_from: 3,
      version: 1,
    })
    expect(saved[0]!.search_text).toContain('daoruceshidanwei')
    expect(await count('row_history')).toBe(history + 3)
    expect(await count('audit_log')).toBe(audits + 1)
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      action: 'import.commit',
      entity: 'import_job',
      entity_ids: [String(dry.id)],
      username: 'fengpu_admin',
    })
    // The coverage triggers count them like any other unit: 奉浦大厦 is covered by the street's joint branch.
    const stat = await t.ctx.db
      .selectFrom('unit_stat')
      .select('category')
      .where('unit_id', 'in', t.ctx.db.selectFrom('unit').select('id').where('uscc', '=', rows[0]!.uscc))
      .executeTakeFirst()
    expect(stat?.category).toBe('joint')

    const again = (await upload(t, fengpu, 'units', file)).json()
    expect(again).toMatchObject({ status: 'checked', diff: { new: 0, changed: 0, unchanged: 3 } })
    const second = await commit(t, fengpu, again.id)
    expect(second.json().status).toBe('committed')
    expect(await count('row_history')).toBe(history + 3)
    const versions = await t.ctx.db
      .selectFrom('unit')
      .select('version')
      .where(
        'uscc',
        'in',
        rows.map((r) => r.uscc),
      )
      .execute()
    expect(versions.every((v) => v.version === 1)).toBe(true)
  })

  it('shows changed fields old → new and bumps the version of changed rows only', async () => {
    const file = await kindBook('units', [
      unitRow(21, { employees: 99, name: '导入测试单位21（更名）' }),
      unitRow(22),
    ])
    const dry = (await upload(t, admin, 'units', file)).json()
    expect(dry.diff).toEqual({ new: 0, changed: 1, unchanged: 1 })
    expect(dry.changes[0]).toEqual({
      row: 2,
      action: 'changed',
      key: uscc(21),
      fields: [
        { field: '单位名称', from: '导入测试单位21', to: '导入测试单位21（更名）' },
        { field: '从业人数', from: '41', to: '99' },
      ],
    })
    expect((await commit(t, admin, dry.id)).json().status).toBe('committed')
    const rows = await t.ctx.db
      .selectFrom('unit')
      .select(['uscc', 'version', 'employees'])
      .where('uscc', 'in', [uscc(21), uscc(22)])
      .orderBy('uscc')
      .execute()
    expect(rows).toEqual([
      { uscc: uscc(21), version: 2, employees: 99 },
      { uscc: uscc(22), version: 1, employees: 42 },
    ])
    const history = await t.ctx.db
      .selectFrom('row_history')
      .selectAll()
      .where('entity', '=', 'unit')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(history).toMatchObject({ op: 'update', version: 1 })
  })

  it('keeps a street admin to their street: a row for 南桥镇 is a row error', async () => {
    const file = await kindBook('units', [
      unitRow(31),
      unitRow(32, { buildingName: nanqiaoBuilding.name, buildingAddress: nanqiaoBuilding.address }),
    ])
    const job = (await upload(t, fengpu, 'units', file)).json()
    expect(job.status).toBe('rejected')
    expect(job.errors).toEqual([{ row: 3, column: '', reason: '不在您的管理范围内' }])
    // …and cannot take over a unit of another street by its USCC either.
    const nanqiaoUnit = await t.ctx.db
      .selectFrom('unit')
      .select('uscc')
      .where('area_code', '=', '310120101')
      .executeTakeFirstOrThrow()
    const steal = await kindBook('units', [unitRow(33, { uscc: nanqiaoUnit.uscc })])
    expect((await upload(t, fengpu, 'units', steal)).json().errors[0].reason).toBe('不在您的管理范围内')
  })

  it('checks again at commit: rows that stopped passing reject the job and nothing is written', async () => {
    const file = await kindBook('units', [unitRow(41), unitRow(42, { floorFrom: 20, floorTo: 20 })])
    const dry = (await upload(t, admin, 'units', file)).json()
    expect(dry.status).toBe('checked')
    // Meanwhile the building is found to be lower than thought.
    await t.ctx.db.updateTable('building').set({ floors: 12 }).where('id', '=', fengpuBuilding.id).execute()
    const before = await count('unit')
    const res = await commit(t, admin, dry.id)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({
      code: 'import_stale',
      details: { errors: [{ row: 3, column: '起始楼层' }] },
    })
    expect(await count('unit')).toBe(before)
    const job = (await t.app.inject({ url: `/api/imports/${dry.id}`, headers: admin.headers })).json()
    expect(job.status).toBe('rejected')
    await t.ctx.db
      .updateTable('building')
      .set({ floors: fengpuBuilding.floors })
      .where('id', '=', fengpuBuilding.id)
      .execute()
  })

  it('writes nothing at all when the database fails part-way through a commit', async () => {
    // New rows are inserted first, changed rows updated after; make the update fail.
    const file = await kindBook('units', [unitRow(61), unitRow(62), unitRow(21, { employees: 7 })])
    const dry = (await upload(t, admin, 'units', file)).json()
    expect(dry.diff).toEqual({ new: 2, changed: 1, unchanged: 0 })
    await sql`CREATE FUNCTION test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk on fire'; END $$`.execute(t.ctx.db)
    await sql`CREATE TRIGGER test_boom BEFORE UPDATE ON unit FOR EACH ROW EXECUTE FUNCTION test_boom()`.execute(
      t.ctx.db,
    )
    const [units, history, audits] = [
      await count('unit'),
      await count('row_history'),
      await count('audit_log'),
    ]
    try {
      const res = await commit(t, admin, dry.id)
      expect(res.statusCode).toBe(500)
    } finally {
      await sql`DROP TRIGGER test_boom ON unit`.execute(t.ctx.db)
      await sql`DROP FUNCTION test_boom()`.execute(t.ctx.db)
    }
    expect([await count('unit'), await count('row_history'), await count('audit_log')]).toEqual([
      units,
      history,
      audits,
    ])
    const job = (await t.app.inject({ url: `/api/imports/${dry.id}`, headers: admin.headers })).json()
    expect(job).toMatchObject({ status: 'failed', processedRows: 0 })
    expect(job.errors[0].reason).toContain('服务器内部错误')
  })

  it('refuses a second commit and hides a job from other accounts', async () => {
    const dry = (await upload(t, fengpu, 'units', await kindBook('units', [unitRow(51)]))).json()
    const nanqiao = await login(t.app, 'nanqiao_admin')
    expect((await commit(t, nanqiao, dry.id)).statusCode).toBe(404)
    expect((await t.app.inject({ url: `/api/imports/${dry.id}`, headers: nanqiao.headers })).statusCode).toBe(
      404,
    )
    expect((await commit(t, fengpu, dry.id)).statusCode).toBe(200)
    const twice = await commit(t, fengpu, dry.id)
    expect(twice.statusCode).toBe(409)
    expect(twice.json()).toMatchObject({
      code: 'import_not_checked',
      message: expect.stringContaining('已提交'),
    })
    // The city admin may look at anyone's job.
    expect(
      (await t.app.inject({ url: `/api/imports/${dry.id}`, headers: admin.headers })).json().status,
    ).toBe('committed')
  })

  it('commits a large file in the background and reports progress (on the embedded database too)', async () => {
    const saved = commitOptions.syncMaxRows
    commitOptions.syncMaxRows = 10
    try {
      const rows = Array.from({ length: 300 }, (_, i) => unitRow(1000 + i))
      const dry = (await upload(t, admin, 'units', await kindBook('units', rows))).json()
      expect(dry).toMatchObject({ status: 'checked', totalRows: 300 })
      const started = await commit(t, admin, dry.id)
      expect(started.statusCode).toBe(202)
      expect(started.json()).toMatchObject({ status: 'committing', totalRows: 300 })
      let job = started.json()
      for (let i = 0; i < 200 && job.status === 'committing'; i++) {
        await new Promise((r) => setTimeout(r, 50))
        job = (await t.app.inject({ url: `/api/imports/${dry.id}`, headers: admin.headers })).json()
        expect(job.processedRows).toBeLessThanOrEqual(300)
      }
      expect(job).toMatchObject({ status: 'committed', processedRows: 300 })
      expect(
        await t.ctx.db.selectFrom('unit').select('id').where('name', 'like', '导入测试单位1%').execute(),
      ).not.toHaveLength(0)
    } finally {
      commitOptions.syncMaxRows = saved
    }
  })
})
