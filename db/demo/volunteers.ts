import type { Insertable } from 'kysely'
import { randomToken } from '../../server/src/lib/crypto.ts'
import { shanghaiMidnight } from '../../server/src/lib/dates.ts'
import { insertAccount } from '../../server/src/modules/accounts/bootstrap.ts'
import { hashPassword } from '../../server/src/modules/auth/password.ts'
import type { VolunteerSignupTable } from '../../server/src/modules/volunteers/schema.ts'
import { DEMO_PASSWORD } from './accounts.ts'
import type { DemoBuilder } from './builder.ts'
import { rng } from './random.ts'
import { HONGMEI } from './xuhui.ts'

const DAY = 86_400_000
const VOLUNTEERS = 60

/** Lunchtime duty (午间值守) and what each kind of point needs, role code → places. */
const DUTY: Record<string, { start: string; end: string; needs: Record<string, number> }> = {
  waste_room: { start: '11:30', end: '13:30', needs: { sorter: 2 } },
  canteen: { start: '11:30', end: '13:00', needs: { sorter: 1, game_host: 1 } },
  lobby: { start: '12:00', end: '13:00', needs: { lecturer: 1, painter: 1 } },
  delivery: { start: '11:30', end: '13:00', needs: { sorter: 1, observer: 1 } },
}
const REQUIRES: Record<string, string | null> = {
  sorter: 'sorting_training',
  observer: 'sorting_training',
  lecturer: 'lecture_training',
  social_worker: 'survey_training',
  painter: null,
  game_host: null,
}

interface Vol {
  id: number
  quals: Set<string>
}

/**
 * 虹梅路街道's "见‘圾’行事，分‘投’行动": white-collar volunteers from the street's firms on lunchtime duty at
 * the 61 points — each point every third weekday, from three and a half weeks ago to a week ahead. Past shifts
 * carry realistic attendance (a few no-shows, some forgotten check-outs closed automatically and flagged,
 * most hours verified by the coordinator); coming shifts are partly filled and open for sign-up.
 * Accounts: `volunteer_demo` (a volunteer with past hours) and `coordinator_demo` (a member named coordinator
 * of ten points), both with the demo password; the 60 other volunteers' accounts have unknown passwords.
 * It draws from its own seeded generator, so the other modules' demo data stay as they are.
 */
export async function loadVolunteersDemo(
  b: DemoBuilder,
  accounts: ReadonlyMap<string, number>,
): Promise<void> {
  const db = b.db
  const rand = rng(20190423)
  const hongmeiAdmin = accounts.get('hongmei_admin') ?? null
  const member = { role: 'member', scopeType: 'area', scopeId: HONGMEI, areaCode: HONGMEI }
  const roles = new Map(
    (await db.selectFrom('volunteer_role').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
  )
  const points = await db
    .selectFrom('duty_point')
    .select(['id', 'kind'])
    .where('area_code', '=', HONGMEI)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  if (points.length === 0) return

  const coordinator = await insertAccount(db, {
    username: 'coordinator_demo',
    displayName: '虹梅路点位协调人',
    password: DEMO_PASSWORD,
    phone: '13800000010',
    grants: [member],
  })
  await db
    .insertInto('volunteer_point_coordinator')
    .values(points.slice(0, 10).map((p) => ({ point_id: p.id, account_id: coordinator })))
    .execute()

  // People of 虹梅路's firms become the volunteers, linked to their person and unit.
  const people = await db
    .selectFrom('person as p')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.name', 'p.unit_id'])
    .where('u.area_code', '=', HONGMEI)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.id')
    .limit(VOLUNTEERS + 1)
    .execute()
  const unknownPassword = await hashPassword(randomToken())
  const vols: Vol[] = []
  const qualRows: Array<{
    volunteer_id: number
    code: string
    obtained_on: string
    recorded_by: number | null
  }> = []
  const trained = (offsetDays: number) =>
    new Date(Date.parse(`${b.today}T00:00:00Z`) - offsetDays * DAY).toISOString().slice(0, 10)
  for (const [i, person] of people.entries()) {
    let accountId: number
    if (i === 0) {
      accountId = await insertAccount(db, {
        username: 'volunteer_demo',
        displayName: person.name,
        password: DEMO_PASSWORD,
        phone: '13800000011',
        grants: [member],
      })
    } else {
      const row = await db
        .insertInto('account')
        .values({
          username: `hongmei_vol_${String(i).padStart(2, '0')}`,
          display_name: person.name,
          password_hash: unknownPassword,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      accountId = row.id
      await db
        .insertInto('role_grant')
        .values({
          account_id: accountId,
          role: 'member',
          scope_type: 'area',
          scope_id: HONGMEI,
          area_code: HONGMEI,
        })
        .execute()
    }
    const v = await db
      .insertInto('volunteer')
      .values({
        account_id: accountId,
        display_name: person.name,
        person_id: person.id,
        unit_id: person.unit_id,
        hide_from_leaderboard: i > 0 && rand.chance(0.08),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const quals = new Set<string>()
    if (i === 0 || rand.chance(0.7)) quals.add('sorting_training')
    if (rand.chance(0.2)) quals.add('lecture_training')
    if (rand.chance(0.15)) quals.add('survey_training')
    for (const code of quals)
      qualRows.push({
        volunteer_id: v.id,
        code,
        obtained_on: trained(rand.int(30, 60)),
        recorded_by: hongmeiAdmin,
      })
    vols.push({ id: v.id, quals })
  }
  if (qualRows.length) await db.insertInto('volunteer_qualification').values(qualRows).execute()
  const demoVolunteer = vols[0]

  // Weekdays from 24 days ago to 7 days ahead; each point every third weekday.
  const todayMs = shanghaiMidnight(b.today).getTime()
  const at = (dayMs: number, hm: string) => new Date(dayMs + Date.parse(`1970-01-01T${hm}:00Z`))
  const shifts: Array<{ point: number; kind: string; starts: Date; ends: Date }> = []
  let weekday = 0
  for (let d = -24; d <= 7; d++) {
    const dayMs = todayMs + d * DAY
    const dow = new Date(dayMs + 8 * 3_600_000).getUTCDay()
    if (dow === 0 || dow === 6) continue
    weekday++
    for (const [i, p] of points.entries()) {
      if ((i + weekday) % 3 !== 0) continue
      const duty = DUTY[p.kind] ?? DUTY.waste_room!
      shifts.push({ point: p.id, kind: p.kind, starts: at(dayMs, duty.start), ends: at(dayMs, duty.end) })
    }
  }
  const shiftIds: number[] = []
  for (let i = 0; i < shifts.length; i += 500) {
    const rows = await db
      .insertInto('volunteer_shift')
      .values(
        shifts.slice(i, i + 500).map((s) => ({
          point_id: s.point,
          starts_at: s.starts,
          ends_at: s.ends,
          created_by: hongmeiAdmin,
          created_at: new Date(s.starts.getTime() - 14 * DAY),
        })),
      )
      .returning('id')
      .execute()
    shiftIds.push(...rows.map((r) => r.id))
  }

  // Fill places: at most one shift a day per volunteer (all duty is at lunchtime), roles by qualification.
  const needRows: Array<{ shift_id: number; role_id: number; needed: number; taken: number }> = []
  const signups: Array<Insertable<VolunteerSignupTable>> = []
  const busy = new Set<string>()
  const verifiedBefore = todayMs - 2 * DAY
  for (const [i, s] of shifts.entries()) {
    const shiftId = shiftIds[i]!
    const past = s.ends.getTime() < todayMs
    const day = s.starts.toISOString().slice(0, 10)
    for (const [code, needed] of Object.entries((DUTY[s.kind] ?? DUTY.waste_room!).needs)) {
      const roleId = roles.get(code)!
      const fill = past ? rand.int(Math.max(0, needed - 1), needed) : rand.int(0, needed - 1)
      let taken = 0
      for (let n = 0; n < fill; n++) {
        const need = REQUIRES[code]
        const candidates = vols.filter(
          (v) =>
            (!need || v.quals.has(need)) && !busy.has(`${v.id}:${day}`) && !(v === demoVolunteer && !past),
        )
        if (candidates.length === 0) break
        const v = rand.pick(candidates)
        busy.add(`${v.id}:${day}`)
        taken++
        signups.push(
          attendance(rand, {
            shiftId,
            roleId,
            v: v.id,
            point: s.point,
            s,
            past,
            verifiedBefore,
            coordinator: hongmeiAdmin,
          }),
        )
      }
      needRows.push({ shift_id: shiftId, role_id: roleId, needed, taken })
    }
  }
  for (let i = 0; i < needRows.length; i += 1000)
    await db
      .insertInto('volunteer_shift_need')
      .values(needRows.slice(i, i + 1000))
      .execute()
  for (let i = 0; i < signups.length; i += 500)
    await db
      .insertInto('volunteer_signup')
      .values(signups.slice(i, i + 500))
      .execute()
}

/** One sign-up with what happened: on time, a no-show, or a forgotten check-out closed by the sweep. */
function attendance(
  rand: ReturnType<typeof rng>,
  o: {
    shiftId: number
    roleId: number
    v: number
    point: number
    s: { starts: Date; ends: Date }
    past: boolean
    verifiedBefore: number
    coordinator: number | null
  },
): Insertable<VolunteerSignupTable> {
  const base = {
    shift_id: o.shiftId,
    role_id: o.roleId,
    volunteer_id: o.v,
    point_id: o.point,
    starts_at: o.s.starts,
    ends_at: o.s.ends,
    signed_up_at: new Date(o.s.starts.getTime() - rand.int(2, 10) * DAY),
  }
  if (!o.past || rand.chance(0.08)) return base
  const start = o.s.starts.getTime()
  const end = o.s.ends.getTime()
  const inAt = new Date(start - rand.int(0, 15) * 60_000)
  const auto = rand.chance(0.1)
  const outAt = auto ? new Date(end) : new Date(end + rand.int(-20, 10) * 60_000)
  const minutes = Math.max(
    0,
    Math.floor((Math.min(end, outAt.getTime()) - Math.max(start, inAt.getTime())) / 60_000),
  )
  const row: Insertable<VolunteerSignupTable> = {
    ...base,
    checked_in_at: inAt,
    checked_out_at: outAt,
    auto_checked_out: auto,
    minutes,
  }
  if (end < o.verifiedBefore && rand.chance(0.92)) {
    const adjust = auto && rand.chance(0.5)
    row.verified_minutes = adjust ? Math.max(0, minutes - rand.int(15, 45)) : minutes
    row.adjust_reason = adjust ? '忘记签退，按协调人记录的离开时间核减' : null
    row.verified_by = o.coordinator
    row.verified_at = new Date(end + rand.int(1, 2) * DAY)
    row.version = 2
  }
  return row
}
