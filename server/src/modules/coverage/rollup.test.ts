import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { ManualClock } from '../../lib/clock.ts'
import { foldCoverageDeltas } from './jobs.ts'

// Area figures come from per-area rollups kept by triggers (migration 0015). These tests hold them to the
// full scans they replace, after the demo load and after every kind of change that can move a figure.
const FENGCHENG = '310120102'
const SIJING_TOWN = '310117102' // 松江区 泗泾镇: no demo data either
const clock = new ManualClock(new Date('2026-03-10T09:00:00+08:00'))

let t: TestApp
let admin: Session

beforeAll(async () => {
  t = await startTestApp({ clock })
  admin = await login(t.app, 'admin')
})
afterAll(() => t.close())

/** Moves the clock; a jump of days outlives any session, so log in again. */
async function on(day: string) {
  clock.set(new Date(`${day}T09:00:00+08:00`))
  admin = await login(t.app, 'admin')
}

const UNIT_SUMS = `sum(units) AS units, sum(operating) AS operating, sum(employees) AS employees,
  sum(private) AS private, sum(foreign_firm) AS foreign_firm, sum(state) AS state, sum(social_org) AS social_org,
  sum(agency) AS agency, sum(formal) AS formal, sum(probationary) AS probationary, sum(own) AS own,
  sum(joint) AS joint, sum(should_have) AS should_have, sum(only_members) AS only_members,
  sum(no_members) AS no_members, sum(instructor) AS instructor`
const MEMBER_SUMS = `sum(members) AS members, sum(formal) AS formal, sum(probationary) AS probationary,
  sum(not_transferred) AS not_transferred`

/** What the figures read: rollups plus deltas per key, zero rows dropped. */
async function effectiveRollups() {
  const units = await sql<Record<string, unknown>>`
    SELECT area_key, ${sql.raw(UNIT_SUMS)}
      FROM (TABLE coverage_unit_rollup UNION ALL TABLE coverage_unit_delta) r
     GROUP BY area_key HAVING sum(units) <> 0 ORDER BY area_key`.execute(t.ctx.db)
  const members = await sql<Record<string, unknown>>`
    SELECT area_key, birth_year, ${sql.raw(MEMBER_SUMS)}
      FROM (TABLE coverage_member_rollup UNION ALL TABLE coverage_member_delta) r
     GROUP BY area_key, birth_year HAVING sum(members) <> 0 ORDER BY area_key, birth_year`.execute(t.ctx.db)
  return { units: units.rows, members: members.rows }
}

const pendingDeltas = async () =>
  Number(
    (
      await sql<{ n: string }>`SELECT (SELECT count(*) FROM coverage_unit_delta)
                                    + (SELECT count(*) FROM coverage_member_delta) AS n`.execute(t.ctx.db)
    ).rows[0]!.n,
  )

/** The rollups as the triggers left them, against a recomputation from scratch. */
async function rollupsAgainstRebuild() {
  const kept = await effectiveRollups()
  await sql`SELECT tx_rebuild_coverage_rollups()`.execute(t.ctx.db)
  return { kept, rebuilt: await effectiveRollups() }
}

/** The former full-scan figures over unit_stat and member, for an area path ('' = the whole city). */
async function fullScan(areaCode: string, cutoff: string) {
  const inArea = (column: string) =>
    areaCode === '310000'
      ? sql`true`
      : sql`${sql.ref(column)} IN (SELECT code FROM area WHERE code = ${areaCode} OR path LIKE ${`%/${areaCode}/%`})`
  const units = await sql<Record<string, string>>`
    SELECT count(*) AS units, count(*) FILTER (WHERE operating) AS operating,
           coalesce(sum(employees) FILTER (WHERE operating), 0) AS employees,
           coalesce(sum(formal) FILTER (WHERE operating), 0) AS formal,
           count(*) FILTER (WHERE category = 'own') AS own, count(*) FILTER (WHERE category = 'joint') AS joint,
           count(*) FILTER (WHERE category = 'should_have') AS should_have,
           count(*) FILTER (WHERE category = 'only_members') AS only_members,
           count(*) FILTER (WHERE category = 'no_members') AS no_members,
           count(*) FILTER (WHERE instructor_sent AND category NOT IN ('own', 'joint')) AS instructor
      FROM unit_stat WHERE ${inArea('area_code')}`.execute(t.ctx.db)
  const members = await sql<Record<string, string>>`
    SELECT count(*) AS members, count(*) FILTER (WHERE status = 'probationary') AS probationary,
           count(*) FILTER (WHERE birth_date > ${cutoff}::date) AS under35,
           count(*) FILTER (WHERE NOT relation_transferred) AS not_transferred
      FROM member WHERE counted AND ${inArea('area_code')}`.execute(t.ctx.db)
  const u = units.rows[0]!
  const m = members.rows[0]!
  const n = Number
  return {
    units: n(u.units),
    operatingUnits: n(u.operating),
    employees: n(u.employees),
    instructorSent: n(u.instructor),
    categories: {
      own: n(u.own),
      joint: n(u.joint),
      should_have: n(u.should_have),
      only_members: n(u.only_members),
      no_members: n(u.no_members),
    },
    members: n(m.members),
    probationaryMembers: n(m.probationary),
    membersUnder35: n(m.under35),
    notTransferred: n(m.not_transferred),
  }
}

async function coverage(area: string) {
  const res = await t.app.inject({ url: `/api/coverage?area=${area}`, headers: admin.headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

describe('coverage rollups', () => {
  it('hold the demo data: the city, a district and a street equal their full scans', async () => {
    const { kept, rebuilt } = await rollupsAgainstRebuild()
    expect(kept.units.length).toBeGreaterThan(5)
    expect(kept).toEqual(rebuilt)
    for (const area of ['310000', '310120', '310120002'])
      expect(await coverage(area), area).toMatchObject(await fullScan(area, '1991-03-10'))
  })

  it('count under-35s to the day across the cut-off year, and move with the date', async () => {
    const api = registryApi(t.app, admin)
    const unit = (await api.unit(null, '泗泾生日测试有限公司', { areaCode: SIJING_TOWN })).id
    const org = (await api.org('中共泗泾生日测试支部', 'branch', SIJING_TOWN, { coversUnitIds: [unit] })).id
    // Today 2026-03-10: under 35 means born after 1991-03-10.
    const births = ['1990-12-31', '1991-03-09', '1991-03-10', '1991-03-11', '1991-12-31', '1992-01-01']
    for (const birthDate of [...births, '1993-02-28', '1993-03-01'])
      await api.member(unit, org, { birthDate })
    try {
      expect((await coverage(SIJING_TOWN)).membersUnder35).toBe(5)
      await on('2026-03-11') // the one born on 1991-03-11 turns 35
      expect((await coverage(SIJING_TOWN)).membersUnder35).toBe(4)
      await on('2027-01-01') // the cut-off year is now 1992, and 1992-01-01 turns 35
      expect((await coverage(SIJING_TOWN)).membersUnder35).toBe(2)
      await on('2028-02-29') // 1993-02-29 does not exist: the 28th is the cut-off
      expect((await coverage(SIJING_TOWN)).membersUnder35).toBe(1)
    } finally {
      await on('2026-03-10')
    }
  })

  it('follow every change that moves a figure, in both areas it touches', async () => {
    const api = registryApi(t.app, admin)
    const b = (await api.building(FENGCHENG, '奉城汇总测试楼', 12)).id
    const units: number[] = []
    for (let i = 0; i < 5; i++)
      units.push(
        (await api.unit(b, `奉城汇总测试${i}号有限公司`, { employees: 10 + i, instructorSent: i === 4 })).id,
      )
    const branch = (await api.org('中共奉城汇总测试支部', 'branch', FENGCHENG, { coversUnitIds: [units[0]] }))
      .id
    const joint = (
      await api.org('中共奉城汇总联合支部', 'joint_branch', FENGCHENG, {
        coversUnitIds: [units[1], units[2]],
      })
    ).id
    const people: number[] = []
    for (let i = 0; i < 4; i++)
      people.push((await api.member(units[0], branch, { birthDate: `199${i}-06-01` })).id)
    people.push(
      (await api.member(units[1], joint, { status: 'probationary', relationTransferred: false })).id,
    )
    people.push((await api.member(units[3], branch)).id)

    const db = t.ctx.db
    const changes: Array<[string, () => Promise<unknown>]> = [
      [
        'a unit moves to another street',
        () =>
          sql`UPDATE unit SET area_code = ${SIJING_TOWN}, building_id = NULL WHERE id = ${units[3]}`.execute(
            db,
          ),
      ],
      ['a unit leaves', () => sql`UPDATE unit SET left_on = '2026-02-01' WHERE id = ${units[1]}`.execute(db)],
      ['a unit is deleted', () => sql`UPDATE unit SET deleted_at = now() WHERE id = ${units[2]}`.execute(db)],
      [
        'a unit changes kind and size',
        () => sql`UPDATE unit SET kind = 'social_org', employees = 99 WHERE id = ${units[4]}`.execute(db),
      ],
      [
        'a person is deleted',
        () => sql`UPDATE person SET deleted_at = now() WHERE id = ${people[0]}`.execute(db),
      ],
      [
        'a birth date is corrected',
        () => sql`UPDATE person SET birth_date = '1960-01-01' WHERE id = ${people[1]}`.execute(db),
      ],
      [
        'a member becomes formal and transfers in',
        () =>
          sql`UPDATE member SET status = 'formal', relation_transferred = true WHERE person_id = ${people[4]}`.execute(
            db,
          ),
      ],
      ['a membership ends', () => sql`DELETE FROM member WHERE person_id = ${people[2]}`.execute(db)],
      [
        'a branch becomes a joint branch',
        () => sql`UPDATE party_org SET type = 'joint_branch' WHERE id = ${branch}`.execute(db),
      ],
      [
        'an organisation moves street',
        () => sql`UPDATE party_org SET area_code = ${SIJING_TOWN} WHERE id = ${joint}`.execute(db),
      ],
      [
        'an organisation is deleted',
        () => sql`UPDATE party_org SET deleted_at = now() WHERE id = ${joint}`.execute(db),
      ],
      [
        'a person changes unit',
        () => sql`UPDATE person SET unit_id = ${units[4]} WHERE id = ${people[3]}`.execute(db),
      ],
    ]
    for (const [what, change] of changes) {
      await change()
      // Exact before any fold: the figures read the deltas too.
      for (const area of ['310000', FENGCHENG, SIJING_TOWN, '310117'])
        expect(await coverage(area), `${what}: ${area}`).toMatchObject(await fullScan(area, '1991-03-10'))
      if (what === changes[0]![0]) expect(await pendingDeltas()).toBeGreaterThan(0)
      const before = await effectiveRollups()
      await foldCoverageDeltas(t.ctx)
      expect(await pendingDeltas(), what).toBe(0)
      expect(await effectiveRollups(), `${what}: folding changes no figure`).toEqual(before)
      const { kept, rebuilt } = await rollupsAgainstRebuild()
      expect(kept, what).toEqual(rebuilt)
    }
  })
})
