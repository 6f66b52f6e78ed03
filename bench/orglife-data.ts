/**
 * The data set of bench/orglife.ts: the city of bench/city-data.ts and a year of organisational life for every
 * branch in it, loaded with COPY (the organisational-life triggers off) and rebuilt once; kept for BENCH_REUSE
 * by a comment on table orglife_meeting.
 */
import { existsSync } from 'node:fs'
import type { ScriptClient } from '../server/src/db/connection.ts'
import { cityMarker, generateCity } from './city-data.ts'
import { type CopyIn, openCityDatabase, openLoadTarget, pgliteDir } from './city-load.ts'
import { day, isoDay, line, Rng } from './city-names.ts'

const scale = Number(process.env.BENCH_SCALE ?? 1)
const seed = Number(process.env.BENCH_SEED ?? 1)
// The year before the city's reference day (2026-06-30): every period of it is over, whatever the run date.
export const YEAR = 2025
const marker = `tongxin bench orglife: scale=${scale} seed=${seed} year=${YEAR}`
const BRANCH_TYPES = ['branch', 'general_branch', 'joint_branch']

async function marked(c: ScriptClient, table: string): Promise<string | null> {
  const [row] = await c.query<{ m: string | null }>(
    `SELECT obj_description('${table}'::regclass, 'pg_class') AS m`,
  )
  return row?.m ?? null
}

/**
 * A year of organisational life per branch, as db/demo/orglife.ts makes it for the demo: most keep
 * to the rules with the odd month missed, a quarter of the larger branches have two party groups (which meet
 * most months), 3 % of members drift away. COPY with the organisational-life triggers off, then one rebuild.
 */
async function loadYear(c: ScriptClient, copyIn: CopyIn): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {}
  const time = async (label: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now()
    await fn()
    seconds[label] = (performance.now() - t0) / 1000
  }
  const orgs = await c.query<{ id: number; has_committee: boolean; secretary: number | null }>(
    `SELECT id, has_committee, secretary_person_id AS secretary FROM party_org
      WHERE deleted_at IS NULL AND type = ANY ($1) ORDER BY id`,
    [BRANCH_TYPES],
  )
  const membersOf = new Map<number, number[]>()
  for (const m of await c.query<{ p: number; o: number }>(
    'SELECT person_id AS p, party_org_id AS o FROM member ORDER BY party_org_id, person_id',
  )) {
    const list = membersOf.get(Number(m.o))
    if (list) list.push(Number(m.p))
    else membersOf.set(Number(m.o), [Number(m.p)])
  }
  const rng = new Rng(seed, 'orglife')
  const groups: string[] = []
  const groupMembers: string[] = []
  const meetings: string[] = []
  const attendance: string[] = []
  const drift = new Set<number>()
  let meetingId = 0
  let groupId = 0
  const pad = (n: number) => String(n).padStart(2, '0')
  for (const o of orgs) {
    const people = membersOf.get(Number(o.id)) ?? []
    for (const p of people) if (rng.chance(0.03)) drift.add(p)
    const own: Array<{ id: number; people: number[] }> = []
    if (people.length >= 12 && rng.chance(0.25)) {
      for (const k of [0, 1]) {
        const g = { id: ++groupId, people: people.filter((_, i) => i % 2 === k) }
        own.push(g)
        groups.push(line([g.id, o.id, `第${k + 1}党小组`]))
        for (const p of g.people) groupMembers.push(line([p, g.id]))
      }
    }
    const add = (
      kind: string,
      on: string,
      hhmm: string,
      extra: { group?: (typeof own)[0]; by?: number | null } = {},
    ) => {
      const id = ++meetingId
      meetings.push(
        line([
          id,
          o.id,
          kind,
          extra.group?.id ?? null,
          `${on} ${hhmm}:00+08`,
          on,
          '学习交流',
          extra.by ?? null,
        ]),
      )
      for (const p of extra.group?.people ?? people) {
        const r = rng.next()
        const status = r < (drift.has(p) ? 0.25 : 0.88) ? 'present' : rng.chance(0.08) ? 'excused' : 'absent'
        attendance.push(line([id, p, status]))
      }
    }
    for (let m = 1; m <= 12; m++) {
      const on = (d: number) => `${YEAR}-${pad(m)}-${pad(d)}`
      if (rng.chance(0.93)) add('theme_day', on(rng.int(5, 25)), '14:00')
      if (o.has_committee && rng.chance(0.9)) add('committee_meeting', on(rng.int(1, 10)), '09:30')
      for (const g of own)
        if (rng.chance(0.8)) add('group_meeting', on(rng.int(11, 28)), '12:00', { group: g })
      if (m % 3 === 2) {
        if (rng.chance(0.95)) add('member_assembly', on(rng.int(10, 20)), '15:00')
        if (rng.chance(0.9))
          add('lecture', on(rng.int(21, 27)), '16:00', {
            by: m === 5 && rng.chance(0.85) ? o.secretary : null,
          })
      }
    }
    if (rng.chance(0.95)) add('life_meeting', isoDay(day(`${YEAR}-12-10`) + rng.int(0, 10)), '14:30')
    if (rng.chance(0.95)) add('appraisal', isoDay(day(`${YEAR}-12-21`) + rng.int(0, 6)), '14:30')
  }
  const upkeep = ['orglife_party_group', 'orglife_meeting', 'orglife_attendance']
  await time('clear', async () => {
    await c.exec(`TRUNCATE orglife_attendance, orglife_meeting_photo, orglife_meeting, orglife_party_group_member,
                   orglife_party_group CASCADE`)
    for (const t of upkeep) await c.exec(`ALTER TABLE ${t} DISABLE TRIGGER USER`)
  })
  await time('copy', async () => {
    await copyIn('orglife_party_group', ['id', 'party_org_id', 'name'], groups)
    await copyIn('orglife_party_group_member', ['person_id', 'group_id'], groupMembers)
    await copyIn(
      'orglife_meeting',
      ['id', 'party_org_id', 'kind_code', 'group_id', 'starts_at', 'held_on', 'topic', 'presenter_person_id'],
      meetings,
    )
    await copyIn('orglife_attendance', ['meeting_id', 'person_id', 'status'], attendance)
  })
  for (const t of ['orglife_party_group', 'orglife_meeting'])
    await c.query(
      `SELECT setval(pg_get_serial_sequence('${t}', 'id'), greatest((SELECT max(id) FROM ${t}), 1))`,
    )
  for (const t of upkeep) await c.exec(`ALTER TABLE ${t} ENABLE TRIGGER USER`)
  await time('analyze', () => c.exec(`VACUUM ANALYZE ${upkeep.join(', ')}, orglife_party_group_member`))
  await time('rebuild', () => c.exec('SELECT tx_orglife_rebuild()'))
  await time('vacuum', () =>
    c.exec(`VACUUM ANALYZE orglife_org_due, orglife_org_period, orglife_org_month, orglife_member_streak,
                   orglife_absentee, orglife_due_rollup, orglife_due_year_rollup, orglife_period_rollup,
                   orglife_month_rollup, orglife_absentee_rollup`),
  )
  await c.exec(`COMMENT ON TABLE orglife_meeting IS '${marker}'`)
  return seconds
}

/** The city (coverage.ts's loader) and its year of meetings, loaded unless BENCH_REUSE finds them there. */
export async function ensureOrglifeData() {
  const reuse = process.env.BENCH_REUSE === '1' && (process.env.BENCH_DATABASE_URL || existsSync(pgliteDir()))
  let city = false
  if (reuse) {
    try {
      const database = await openCityDatabase()
      const marks = await database.withScriptClient(async (c) => [
        await marked(c, 'unit'),
        await marked(c, 'orglife_meeting'),
      ])
      await database.close()
      if (marks[0] === cityMarker(scale, seed)) {
        city = true
        if (marks[1] === marker) return { cityLoad: null, yearLoad: null }
      }
    } catch {
      // Nothing usable there: load afresh below.
    }
  }
  const t0 = performance.now()
  const target = await openLoadTarget({ fresh: !city })
  const cityLoad = city ? null : await generateCity(target.database, { copyIn: target.copyIn, scale, seed })
  const citySeconds = (performance.now() - t0) / 1000
  const year = await target.database.withScriptClient((c) => loadYear(c, target.copyIn))
  await target.close()
  return { cityLoad: cityLoad && { ...cityLoad, total: citySeconds }, yearLoad: year }
}
