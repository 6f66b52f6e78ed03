import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { newUscc, registryApi } from '../../../test/registry-fixtures.ts'
import { commit, kindBook, upload } from '../imports/test-kit.ts'

// New units get their unit_stat rows from a statement-level trigger (migration 0016), updates from
// tx_refresh_unit. These tests hold every row, however it was written, to what tx_refresh_unit computes.
const ZHELIN = '310120118' // 柘林镇: no demo data
let t: TestApp
let admin: Session

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

/** Rows of unit_stat that differ from a recomputation of every unit by tx_refresh_unit, both ways. */
async function differingRows() {
  const db = t.ctx.db
  await sql`DROP TABLE IF EXISTS unit_stat_kept`.execute(db)
  await sql`CREATE TABLE unit_stat_kept AS TABLE unit_stat`.execute(db)
  await sql`DO $$ BEGIN PERFORM tx_refresh_unit(id) FROM unit; END $$`.execute(db)
  const r = await sql<{ only_kept: string; only_fn: string; rows: string }>`
    SELECT (SELECT count(*) FROM (TABLE unit_stat_kept EXCEPT ALL TABLE unit_stat) a) AS only_kept,
           (SELECT count(*) FROM (TABLE unit_stat EXCEPT ALL TABLE unit_stat_kept) b) AS only_fn,
           (SELECT count(*) FROM unit_stat) AS rows`.execute(db)
  await sql`DROP TABLE unit_stat_kept`.execute(db)
  const row = r.rows[0]!
  return { onlyKept: Number(row.only_kept), onlyFunction: Number(row.only_fn), rows: Number(row.rows) }
}

describe('unit_stat rows written when units are inserted', () => {
  it('equal tx_refresh_unit for the demo data', async () => {
    const d = await differingRows()
    expect(d.rows).toBeGreaterThan(500)
    expect(d).toMatchObject({ onlyKept: 0, onlyFunction: 0 })
  })

  it('equal tx_refresh_unit for units created one by one and imported many to a statement', async () => {
    const api = registryApi(t.app, admin)
    const street = ZHELIN
    const covered = await api.building(street, '单位统计测试整楼', 12)
    const plain = await api.building(street, '单位统计测试普通楼', 9)
    await api.org('中共单位统计测试整楼总支', 'general_branch', street, { coversBuildingIds: [covered.id] })
    // One by one: in a building covered whole (joint), with an instructor, already left, outside any building.
    await api.unit(covered.id, '单位统计测试甲有限公司')
    await api.unit(plain.id, '单位统计测试乙有限公司', { instructorSent: true })
    await api.unit(plain.id, '单位统计测试丙有限公司', { settledOn: '2019-01-01', leftOn: '2024-01-31' })
    await api.unit(null, '单位统计测试丁社会组织', { kind: 'social_org', areaCode: street })
    // Many to a statement: an import into both buildings.
    const rows = Array.from({ length: 30 }, (_, i) => ({
      uscc: newUscc(),
      name: `单位统计导入${i}号有限公司`,
      kind: i % 3 === 0 ? '外资企业' : '民营企业',
      employees: 10 + i,
      buildingName: i % 2 === 0 ? covered.name : plain.name,
      buildingAddress: i % 2 === 0 ? covered.address : plain.address,
      floorFrom: 2,
      floorTo: 2,
      instructorSent: i % 5 === 0 ? '是' : '否',
      leftOn: i % 7 === 0 ? '2025-06-30' : null,
      settledOn: i % 7 === 0 ? '2020-01-01' : null,
    }))
    const dry = await upload(t, admin, 'units', await kindBook('units', rows))
    expect(dry.statusCode, dry.body).toBe(201)
    expect(dry.json().status, JSON.stringify(dry.json().errors)).toBe('checked')
    const done = await commit(t, admin, dry.json().id)
    expect(done.json().status, done.body).toBe('committed')

    const stats = await t.ctx.db
      .selectFrom('unit_stat as s')
      .innerJoin('unit as u', 'u.id', 's.unit_id')
      .select(['u.name', 's.category', 's.joint_org', 's.operating'])
      .where('u.area_code', '=', street)
      .execute()
    expect(stats).toHaveLength(34)
    // Hand-checked: every unit in the covered building is joint unless it has left.
    const inCovered = stats.filter(
      (s) => s.name === '单位统计测试甲有限公司' || /导入(\d*[02468])号/.test(s.name),
    )
    expect(inCovered.filter((s) => s.operating).every((s) => s.category === 'joint')).toBe(true)
    expect(stats.find((s) => s.name === '单位统计测试丙有限公司')).toMatchObject({
      category: null,
      operating: false,
    })
    expect(await differingRows()).toMatchObject({ onlyKept: 0, onlyFunction: 0 })
  })
})
