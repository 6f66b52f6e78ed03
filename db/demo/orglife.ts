import { sql } from 'kysely'
import { insertAccount } from '../../server/src/modules/accounts/bootstrap.ts'
import { importCampaignLectures } from '../../server/src/modules/orglife/campaign.ts'
import { DEMO_PASSWORD } from './accounts.ts'
import type { DemoBuilder } from './builder.ts'
import { addDays, chunks, loadDues, loadFloating, loadTransfers, type Org, pad } from './orglife-affairs.ts'
import { rng } from './random.ts'

/** The branch whose secretary records on a phone in the browser test, and whose member is transferred. */
export const ORGLIFE_BRANCH = '中共莱博药妆支部委员会'
/** The lively joint branch: every meeting held, nearly everyone there. */
export const ORGLIFE_JOINT = '中共凤创谷第一联合支部委员会'
/** Has two party groups that never meet: the gap list shows it every month. */
const GROUP_SKIPPER = '中共上海晋巢物业管理支部委员会'

export const ORGLIFE_ACCOUNTS = [
  {
    username: 'branch_secretary',
    displayName: '莱博药妆支部书记',
    phone: '13800000021',
    org: ORGLIFE_BRANCH,
  },
  {
    username: 'joint_secretary',
    displayName: '凤创谷第一联合支部书记',
    phone: '13800000022',
    org: ORGLIFE_JOINT,
  },
] as const

const TOPICS: Record<string, string[]> = {
  theme_day: [
    '重温入党誓词',
    '走进红色场馆学党史',
    '楼宇志愿服务进社区',
    '垃圾分类宣传',
    '学习贯彻全会精神',
    '慰问困难党员',
  ],
  committee_meeting: ['研究本月党建工作安排', '讨论发展党员计划', '研究党费收缴使用', '部署主题党日活动'],
  member_assembly: ['通报季度党建工作', '讨论接收预备党员', '民主推荐优秀党员', '学习党章党规'],
  lecture: ['新质生产力与企业发展', '从百年党史汲取奋进力量', '全过程人民民主', '数字经济与基层治理'],
  group_meeting: ['学习交流', '谈心谈话'],
  life_meeting: ['年度组织生活会：对照检查、批评与自我批评'],
  appraisal: ['年度民主评议党员'],
}
const PLACES = ['三楼党员活动室', '一楼会议室', '“同心荟”党群服务中心', '楼宇党建服务站']
const REASONS = ['official_duty', 'sick', 'personal', null, null] as const

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`)

/**
 * A year of organisational life for the demo organisations, all of it rows the app computes from: meetings
 * of every kind with rosters (most branches keep to the rules with the odd month missed, one branch skips its
 * party groups, one joint branch is lively, a few members drift away), campaign lectures counted as 党课,
 * transfers in each state, dues with some arrears, floating members, and two secretary accounts. Loaded in
 * bulk (the per-row upkeep off) and the facts rebuilt set-based at the end.
 */
export async function loadOrglifeDemo(b: DemoBuilder): Promise<void> {
  const db = b.db
  const rand = rng(20180701)
  const today = b.today
  const now = new Date(`${today}T12:00:00+08:00`)
  const year = Number(today.slice(0, 4))
  await sql`SELECT set_config('tongxin.orglife_bulk', 'on', true)`.execute(db)

  const orgs = (await db
    .selectFrom('party_org')
    .select(['id', 'name', 'type', 'has_committee', 'secretary_person_id', 'area_code'])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()) as Org[]
  const membersOf = new Map<number, Array<{ id: number; status: string }>>()
  const settled = new Set<number>()
  for (const m of await db
    .selectFrom('member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.party_org_id', 'p.id', 'm.status', 'm.relation_transferred'])
    .where('p.deleted_at', 'is', null)
    .orderBy('p.id')
    .execute()) {
    const list = membersOf.get(m.party_org_id) ?? []
    list.push({ id: m.id, status: m.status })
    membersOf.set(m.party_org_id, list)
    if (m.relation_transferred) settled.add(m.id)
  }
  // Every branch gets a formal member whose relation is here as secretary where none is recorded (a member
  // whose relation is elsewhere is the one the browser test transfers).
  for (const o of orgs) {
    const formal = (membersOf.get(o.id) ?? []).filter((m) => m.status === 'formal')
    const first = formal.find((m) => settled.has(m.id)) ?? formal[0]
    if (o.secretary_person_id === null && first) {
      await db
        .updateTable('party_org')
        .set({ secretary_person_id: first.id })
        .where('id', '=', o.id)
        .execute()
      o.secretary_person_id = first.id
    }
  }
  const byName = (name: string) => orgs.find((o) => o.name === name)
  const joint = byName(ORGLIFE_JOINT)
  const skipper = byName(GROUP_SKIPPER)
  const branch = byName(ORGLIFE_BRANCH)

  // Two party groups that never meet.
  const groups: number[] = []
  if (skipper) {
    const people = membersOf.get(skipper.id) ?? []
    for (const [i, name] of ['第一党小组', '第二党小组'].entries()) {
      const { id } = await db
        .insertInto('orglife_party_group')
        .values({ party_org_id: skipper.id, name, leader_person_id: people[i]?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow()
      groups.push(id)
      const half = people.filter((_, k) => k % 2 === i).map((p) => ({ person_id: p.id, group_id: id }))
      if (half.length) await db.insertInto('orglife_party_group_member').values(half).execute()
    }
  }

  // Some members drift away (absent more often than not); the lively branch almost never misses anyone.
  const drift = new Set<number>()
  for (const list of membersOf.values()) for (const m of list) if (rand.chance(0.03)) drift.add(m.id)

  const rangeStart = `${year - (Number(today.slice(5, 7)) === 12 ? 0 : 1)}-${pad((Number(today.slice(5, 7)) % 12) + 1)}-01`
  type M = {
    party_org_id: number
    kind_code: string
    group_id: number | null
    starts_at: Date
    held_on: string
    place: string
    topic: string
    presenter_person_id: number | null
    presenter_name: string | null
    minutes: string | null
  }
  const meetings: M[] = []
  const add = (o: Org, kind: string, day: string, hhmm: string, extra: Partial<M> = {}) => {
    if (day > today || at(day, hhmm) > now) return
    meetings.push({
      party_org_id: o.id,
      kind_code: kind,
      group_id: null,
      starts_at: at(day, hhmm),
      held_on: day,
      place: rand.pick(PLACES),
      topic: rand.pick(TOPICS[kind]!),
      presenter_person_id: null,
      presenter_name: null,
      minutes: rand.chance(0.5) ? '传达学习上级精神，结合本单位实际开展讨论，明确下一步工作。' : null,
      ...extra,
    })
  }
  const secretaryName = new Map<number, string>()
  for (const p of await db
    .selectFrom('person')
    .select(['id', 'name'])
    .where(
      'id',
      'in',
      orgs.map((o) => o.secretary_person_id ?? 0),
    )
    .execute())
    secretaryName.set(p.id, p.name)

  const branchTypes = new Set(['general_branch', 'branch', 'joint_branch'])
  for (const o of orgs) {
    if (!(membersOf.get(o.id) ?? []).length) continue
    const lively = o.id === joint?.id
    const p = (normal: number) => (lively ? 1 : normal)
    const sec = o.secretary_person_id
    const bySecretary = sec
      ? { presenter_person_id: sec, presenter_name: secretaryName.get(sec) ?? null }
      : {}
    for (
      let month = rangeStart;
      month <= today;
      month = `${addDays(`${month.slice(0, 7)}-28`, 7).slice(0, 7)}-01`
    ) {
      const m = Number(month.slice(5, 7))
      const day = (d: number) => `${month.slice(0, 7)}-${pad(d)}`
      // This month's theme day is still to come for the branch the browser test records one for.
      const current = month.slice(0, 7) === today.slice(0, 7)
      if (rand.chance(p(0.93)) && !(current && o.id === branch?.id))
        add(o, 'theme_day', day(rand.int(5, 25)), '14:00')
      if (!branchTypes.has(o.type)) continue
      if (o.has_committee && rand.chance(p(0.9))) add(o, 'committee_meeting', day(rand.int(1, 10)), '09:30')
      if (m % 3 === 2) {
        if (rand.chance(p(0.95))) add(o, 'member_assembly', day(rand.int(10, 20)), '15:00')
        // The year's first lecture is the secretary's, most years.
        const own = m === 5 && rand.chance(p(0.85))
        if (rand.chance(p(0.9)))
          add(
            o,
            'lecture',
            day(rand.int(21, 27)),
            '16:00',
            own ? bySecretary : { presenter_name: '支部宣传委员' },
          )
      }
    }
    if (!branchTypes.has(o.type)) continue
    // 组织生活会 and 民主评议 close each year in December; last year's secretary lecture came in November.
    for (const y of [year - 1, year]) {
      if (rand.chance(p(0.95))) add(o, 'life_meeting', `${y}-12-${pad(rand.int(10, 20))}`, '14:30')
      if (rand.chance(p(0.95))) add(o, 'appraisal', `${y}-12-${pad(rand.int(21, 27))}`, '14:30')
    }
    if (rand.chance(p(0.9)))
      add(o, 'lecture', `${year - 1}-11-${pad(rand.int(10, 25))}`, '16:00', bySecretary)
  }
  // Campaign lectures the branch attended are its 党课; its own are recorded once a quarter above.
  const ids: number[] = []
  await chunks(meetings, 500, async (part) => {
    const rows = await db
      .insertInto('orglife_meeting')
      .values(
        part.map((m) => ({ ...m, recorded_by: null, created_at: m.starts_at, updated_at: m.starts_at })),
      )
      .returning('id')
      .execute()
    ids.push(...rows.map((r) => r.id))
  })
  const attendance: Array<{
    meeting_id: number
    person_id: number
    status: 'present' | 'absent' | 'excused'
    reason: string | null
  }> = []
  meetings.forEach((m, i) => {
    for (const person of membersOf.get(m.party_org_id) ?? []) {
      const lively = m.party_org_id === joint?.id
      const chance = drift.has(person.id) ? 0.25 : lively ? 0.98 : 0.88
      const r = rand.next()
      const status = r < chance ? 'present' : rand.chance(0.08) ? 'excused' : 'absent'
      attendance.push({
        meeting_id: ids[i]!,
        person_id: person.id,
        status,
        reason: status === 'present' ? null : rand.pick(REASONS),
      })
    }
  })
  await chunks(attendance, 2000, (part) =>
    db
      .insertInto('orglife_attendance')
      .values(part as never)
      .execute(),
  )

  await loadTransfers(db, b, orgs, membersOf, { branch, joint, today, now })
  await loadDues(b, orgs, membersOf, { rand, today, year })
  await loadFloating(db, membersOf, { joint, branch, today, orgs })
  for (const a of ORGLIFE_ACCOUNTS) {
    const o = byName(a.org)
    if (!o) continue
    await insertAccount(db, {
      username: a.username,
      displayName: a.displayName,
      phone: a.phone,
      password: DEMO_PASSWORD,
      grants: [{ role: 'secretary', scopeType: 'party_org', scopeId: String(o.id), areaCode: o.area_code }],
    })
  }
  // Campaign lectures while the per-row upkeep is still off; the rebuild counts them with the rest.
  await importCampaignLectures(db, now)
  // Statistics for the tables just filled, inside the load's transaction: without them the planner takes
  // them for empty and the set-based rebuild runs nested loops (minutes instead of a second on PGlite).
  await sql`ANALYZE orglife_meeting, orglife_attendance, orglife_party_group, party_org, member`.execute(db)
  await sql`SELECT tx_orglife_rebuild()`.execute(db)
}
