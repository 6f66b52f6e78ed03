import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { usccWithCheck } from '../../lib/ids.ts'
import { labelOf, UNIT_KIND_LABELS } from './columns.ts'
import { commit, kindBook, upload } from './test-kit.ts'

let t: TestApp
let admin: Session

beforeAll(async () => {
  t = await startTestApp()
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

/** A demo unit of the given 党统 category, as an import row that changes nothing but the instructor flag. */
async function demoRow(category: 'own' | 'joint' | 'no_members') {
  const u = await t.ctx.db
    .selectFrom('unit as u')
    .innerJoin('unit_stat as s', 's.unit_id', 'u.id')
    .innerJoin('building as b', 'b.id', 'u.building_id')
    .select([
      'u.id',
      'u.uscc',
      'u.name',
      'u.kind',
      'u.industry',
      'u.employees',
      'b.name as building',
      'b.address',
      'u.floor_from',
      'u.floor_to',
      'u.settled_on',
    ])
    .where('s.category', '=', category)
    .where('u.instructor_sent', '=', false)
    .where('u.deleted_at', 'is', null)
    .orderBy('u.id')
    .executeTakeFirstOrThrow()
  return {
    id: u.id,
    row: {
      uscc: u.uscc,
      name: u.name,
      kind: labelOf(UNIT_KIND_LABELS, u.kind),
      industry: u.industry,
      employees: u.employees,
      buildingName: u.building,
      buildingAddress: u.address,
      floorFrom: u.floor_from,
      floorTo: u.floor_to,
      settledOn: u.settled_on,
      instructorSent: '是',
    },
  }
}

const instructorFigure = async () =>
  (await t.app.inject({ url: '/api/coverage?area=310000', headers: admin.headers })).json().instructorSent

describe('"instructor sent" on a unit an organisation already covers', () => {
  it('is a warning in the dry run, is saved on commit, and does not count as work coverage', async () => {
    const own = await demoRow('own')
    const joint = await demoRow('joint')
    const none = await demoRow('no_members')
    // A new unit in a building an organisation covers whole: joint as soon as it is created.
    const covered = await t.ctx.db
      .selectFrom('party_org_coverage as c')
      .innerJoin('party_org as o', 'o.id', 'c.party_org_id')
      .innerJoin('building as b', 'b.id', 'c.building_id')
      .select(['b.name', 'b.address'])
      .where('o.deleted_at', 'is', null)
      .orderBy('b.id')
      .executeTakeFirstOrThrow()
    const fresh = {
      ...none.row,
      buildingName: covered.name,
      buildingAddress: covered.address,
      floorFrom: 1,
      floorTo: 1,
      uscc: usccWithCheck('91310120MD0000001'),
      name: '指导员测试新单位',
      instructorSent: '是',
    }
    const dry = await upload(
      t,
      admin,
      'units',
      await kindBook('units', [own.row, joint.row, none.row, fresh]),
    )
    expect(dry.statusCode).toBe(201)
    const job = dry.json()
    // Warnings do not stop the import.
    expect(job).toMatchObject({ status: 'checked', errors: [], warningCount: 3 })
    expect(job.warnings).toEqual([
      {
        row: 2,
        column: '是否选派党建指导员',
        reason:
          '该单位已有单独组建的党组织，“是否选派党建指导员”填“是”会照常保存，但不计入工作覆盖（工作覆盖只统计没有党组织覆盖的单位）',
      },
      {
        row: 3,
        column: '是否选派党建指导员',
        reason: expect.stringContaining('已由联合党支部或覆盖整栋楼宇的党组织覆盖'),
      },
      { row: 5, column: '是否选派党建指导员', reason: expect.stringContaining('不计入工作覆盖') },
    ])
    const en = (
      await t.app.inject({
        url: `/api/imports/${job.id}`,
        headers: { ...admin.headers, 'accept-language': 'en-US' },
      })
    ).json()
    expect(en.warnings[0].reason).toBe(
      'The unit has its own party organisation: "instructor sent" is saved as written but does not count as work coverage (it counts only for units no organisation covers)',
    )

    const before = await instructorFigure()
    const done = await commit(t, admin, job.id)
    expect(done.json()).toMatchObject({ status: 'committed', warningCount: 3 })
    const flags = await t.ctx.db
      .selectFrom('unit')
      .select(['id', 'instructor_sent'])
      .where('uscc', 'in', [own.row.uscc, joint.row.uscc, none.row.uscc, fresh.uscc])
      .execute()
    // Saved as the file says, for every row...
    expect(flags.map((f) => f.instructor_sent)).toEqual([true, true, true, true])
    // ...but only the unit no organisation covers is counted.
    expect(await instructorFigure()).toBe(before + 1)
  })
})
