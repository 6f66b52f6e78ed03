import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
import { CHENGQIAO, CHONGMING, kit } from './test-kit.ts'

/*
 * The per-area rollups the street's, district's and city's figures are read from (migrations 0021, 0032),
 * held to a direct computation from the base tables (party_org, orglife_rule, orglife_party_group, meetings,
 * rosters, member, person) after each kind of change: meetings recorded, rosters changed, meetings deleted,
 * a member transferred to another district, an organisation refounded, moved and deleted, a person deleted.
 */

let t: TestApp
let k: ReturnType<typeof kit>
let admin: Session
/** A street of another district (金山区), for moves across districts. */
let other: { code: string; district: string }

beforeAll(async () => {
  t = await startTestApp()
  t.clock.set(new Date('2026-06-15T10:00:00+08:00'))
  k = kit(t)
  admin = await k.admin()
  const row = await sql<{ code: string }>`
    SELECT code FROM area WHERE parent_code = '310116' AND level = 'street' ORDER BY code LIMIT 1`.execute(
    t.ctx.db,
  )
  other = { code: row.rows[0]!.code, district: '310116' }
})
afterAll(async () => t?.close())

const YEAR = 2026

/** The live organisations of an area's subtree, as a CTE (named `o`), for the direct computations below. */
const orgsIn = (areaCode: string) => sql`
  sub AS (SELECT a.code FROM area a, area s
           WHERE s.code = ${areaCode} AND (a.path = s.path OR a.path LIKE s.path || '/%')),
  o AS MATERIALIZED (SELECT * FROM party_org WHERE deleted_at IS NULL AND area_code IN (SELECT code FROM sub))`

/** Members absent from their last three meetings or more, in live organisations of the area, from the rosters. */
async function directAbsentees(areaCode: string): Promise<number> {
  const r = await sql<{ n: number }>`
    WITH ${orgsIn(areaCode)},
    mb AS MATERIALIZED (
      SELECT m.person_id FROM member m JOIN o ON o.id = m.party_org_id
        JOIN person p ON p.id = m.person_id AND p.deleted_at IS NULL),
    att AS MATERIALIZED (
      SELECT a.person_id, a.status, m.starts_at FROM orglife_attendance a
        JOIN orglife_meeting m ON m.id = a.meeting_id AND m.deleted_at IS NULL
       WHERE a.person_id IN (SELECT person_id FROM mb)),
    lp AS (SELECT person_id, max(starts_at) AS at FROM att WHERE status = 'present' GROUP BY 1)
    SELECT count(*)::int AS n FROM (
      SELECT att.person_id FROM att LEFT JOIN lp ON lp.person_id = att.person_id
       WHERE att.status = 'absent' AND (lp.at IS NULL OR att.starts_at > lp.at)
       GROUP BY 1 HAVING count(*) >= 3) st`.execute(t.ctx.db)
  return r.rows[0]!.n
}

/** Per rule and period start of the year: organisations of the area the rule applied to, founded by then. */
async function directDue(areaCode: string): Promise<Record<string, number>> {
  const r = await sql<{ rule: string; start: string; n: number }>`
    WITH ${orgsIn(areaCode)},
    pr AS (
      SELECT r.*, s::date AS start FROM orglife_rule r
       CROSS JOIN LATERAL generate_series(${`${YEAR}-01-01`}::date, ${`${YEAR}-12-31`}::date,
         CASE r.period WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                       ELSE interval '1 year' END) s
       WHERE r.active)
    SELECT pr.code AS rule, to_char(pr.start, 'YYYY-MM-DD') AS start, count(o.id)::int AS n
      FROM pr
      LEFT JOIN o ON o.type = ANY (pr.org_types)
       AND (o.established_on IS NULL OR o.established_on <= pr.start)
       AND CASE pr.applies_to WHEN 'all' THEN true WHEN 'committee' THEN o.has_committee
             ELSE EXISTS (SELECT 1 FROM orglife_party_group g WHERE g.party_org_id = o.id AND g.deleted_at IS NULL) END
     GROUP BY 1, 2`.execute(t.ctx.db)
  return Object.fromEntries(r.rows.map((x) => [`${x.rule} ${x.start}`, x.n]))
}

/** The same two figures as the compliance endpoint reports them, read from the rollups. */
async function reported(areaCode: string) {
  const f = await k.ok(admin, 'GET', `/api/orglife/compliance?area=${areaCode}&year=${YEAR}`)
  const due: Record<string, number> = {}
  for (const r of f.rules as Array<{ rule: string; periods: Array<{ start: string; due: number }> }>)
    for (const p of r.periods) due[`${r.rule} ${p.start}`] = p.due
  return { absentees: f.absentees as number, due }
}

/**
 * Every area touched by the test: the figures read from the rollups equal the direct computation; at the end
 * of each step also the stored rollups equal a full rebuild.
 */
async function expectExact(label: string, opts: { rebuild?: boolean } = {}) {
  for (const area of [CHENGQIAO, CHONGMING, other.code, other.district, '310000']) {
    const got = await reported(area)
    expect({ area, label, absentees: got.absentees }).toEqual({
      area,
      label,
      absentees: await directAbsentees(area),
    })
    expect({ area, label, due: got.due }).toEqual({ area, label, due: await directDue(area) })
  }
  if (opts.rebuild) await k.rollupsMatchRebuild()
}

const absentees = async (area: string) => (await reported(area)).absentees

// One story in steps (each a test, so a slow machine gets a time limit per step); later steps build on earlier.
describe('the absentee and due rollups stay exact', () => {
  // Only a guard against hangs: each step reads five areas' figures twice over on a shared machine.
  const STEP = 900_000
  type Branch = Awaited<ReturnType<ReturnType<typeof kit>['branch']>>
  let a: Branch
  let b: Branch
  let c: Branch
  let base: { chengqiao: number; other: number }
  const meetings: Array<{ id: number; version: number }> = []
  const absent34 = (i: number) => (i >= 3 ? 'absent' : 'present')

  test(
    'new branches, then meetings that members 3 and 4 of one branch miss three times running',
    async () => {
      a = await k.branch(admin, { members: 5 })
      b = await k.branch(admin, { members: 3, establishedOn: '2026-03-10' })
      c = await k.branch(admin, { members: 3, area: other.code, establishedOn: '2026-05-20' })
      await expectExact('three new branches')
      base = { chengqiao: await absentees(CHENGQIAO), other: await absentees(other.code) }
      for (const [kind, day] of [
        ['theme_day', '2026-05-06T14:00'],
        ['member_assembly', '2026-05-20T14:00'],
        ['member_assembly', '2026-06-03T14:00'],
      ] as const)
        meetings.push(
          await k.ok(
            a.secretary,
            'POST',
            `/api/orglife/orgs/${a.orgId}/meetings`,
            k.meeting(kind, day, a.people, {}, absent34),
          ),
        )
      await expectExact('inserts', { rebuild: true })
      expect(await absentees(CHENGQIAO)).toBe(base.chengqiao + 2)
    },
    STEP,
  )

  test(
    'a roster changed, a meeting deleted and another recorded',
    async () => {
      // Member 4 was there after all at the last one: only member 3 remains.
      const last = meetings[2]!
      await k.ok(a.secretary, 'PUT', `/api/orglife/meetings/${last.id}`, {
        ...k.meeting('member_assembly', '2026-06-03T14:00', a.people, {}, (i) =>
          i === 3 ? 'absent' : 'present',
        ),
        version: last.version,
      })
      await expectExact('roster updated')
      expect(await absentees(CHENGQIAO)).toBe(base.chengqiao + 1)
      // The first meeting deleted: member 3 has missed two, not three.
      await k.ok(
        a.secretary,
        'DELETE',
        `/api/orglife/meetings/${meetings[0]!.id}?version=${meetings[0]!.version}`,
      )
      await expectExact('meeting deleted')
      expect(await absentees(CHENGQIAO)).toBe(base.chengqiao)
      await k.ok(
        a.secretary,
        'POST',
        `/api/orglife/orgs/${a.orgId}/meetings`,
        k.meeting('theme_day', '2026-06-12T14:00', a.people, {}, absent34),
      )
      await expectExact('recorded again', { rebuild: true })
      expect(await absentees(CHENGQIAO)).toBe(base.chengqiao + 1)
    },
    STEP,
  )

  test(
    'a transfer to a branch in another district takes the absentee with it',
    async () => {
      const mover = a.people[3]!
      const sent = await k.ok(a.secretary, 'POST', `/api/orglife/orgs/${a.orgId}/transfers`, {
        personId: mover.id,
        direction: 'internal',
        toOrgId: c.orgId,
        reason: '工作调动',
        transferOn: '2026-06-15',
      })
      await k.ok(c.secretary, 'POST', `/api/orglife/transfers/${sent.id}/accept`, { version: sent.version })
      await expectExact('transfer accepted', { rebuild: true })
      expect(await absentees(CHENGQIAO)).toBe(base.chengqiao)
      expect(await absentees(other.code)).toBe(base.other + 1)
    },
    STEP,
  )

  test(
    'organisations refounded, moved and deleted',
    async () => {
      const reg = registryApi(t.app, admin)
      const org = async (id: number) => k.ok(admin, 'GET', `/api/party-orgs/${id}`)
      const put = async (id: number, change: Record<string, unknown>) => {
        const o = await org(id)
        await reg.send('PUT', `/api/party-orgs/${id}`, {
          name: o.name,
          type: o.type,
          areaCode: o.areaCode,
          establishedOn: o.establishedOn,
          hasCommittee: o.hasCommittee,
          secretaryPersonId: o.secretaryPersonId,
          coversUnitIds: o.coversUnitIds ?? [],
          version: o.version,
          ...change,
        })
      }
      await put(c.orgId, { establishedOn: '2025-11-03' })
      await expectExact('founding date changed')
      await put(b.orgId, { areaCode: other.code })
      await expectExact('organisation moved')
      const cv = (await org(c.orgId)).version
      await reg.send('DELETE', `/api/party-orgs/${c.orgId}?version=${cv}`)
      await expectExact('organisation deleted', { rebuild: true })
      expect(await absentees(other.code)).toBe(base.other)
    },
    STEP,
  )

  test(
    'a person deleted from the registry no longer counts',
    async () => {
      for (const day of ['2026-06-13T09:00', '2026-06-14T09:00', '2026-06-15T09:00'])
        await k.ok(
          a.secretary,
          'POST',
          `/api/orglife/orgs/${a.orgId}/meetings`,
          k.meeting(
            'lecture',
            day,
            a.people.filter((p) => p.id !== a.people[3]!.id),
            {},
            (i) => (i === 2 ? 'absent' : 'present'),
          ),
        )
      await expectExact('another absentee')
      expect(await absentees(CHENGQIAO)).toBe(base.chengqiao + 1)
      const reg = registryApi(t.app, admin)
      const person = await k.ok(admin, 'GET', `/api/people/${a.people[2]!.id}`)
      await reg.send('DELETE', `/api/people/${a.people[2]!.id}?version=${person.version}`)
      await expectExact('person deleted', { rebuild: true })
      expect(await absentees(CHENGQIAO)).toBe(base.chengqiao)
    },
    STEP,
  )
})
