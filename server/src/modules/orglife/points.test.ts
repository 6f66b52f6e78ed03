import { afterAll, beforeAll, expect, test } from 'vitest'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { importCampaignLectures } from './campaign.ts'
import { CHENGQIAO, kit } from './test-kit.ts'

let t: TestApp
let k: ReturnType<typeof kit>
let admin: Session

beforeAll(async () => {
  t = await startTestApp()
  t.clock.set(new Date('2026-06-15T10:00:00+08:00'))
  k = kit(t)
  admin = await k.admin()
})
afterAll(async () => t?.close())

/** A member account linked to the person, as the events module links them. */
async function memberAccount(personId: number, username: string) {
  const account = await k.ok(admin, 'POST', '/api/accounts', {
    username,
    displayName: username,
    password: 'member-password',
    grants: [{ role: 'member', scopeType: 'area', scopeId: CHENGQIAO }],
  })
  await t.ctx.db
    .insertInto('account_person_link')
    .values({ account_id: account.id, person_id: personId })
    .execute()
  return { id: account.id as number, s: await login(t.app, username, 'member-password') }
}

test('points come from attendance, lectures, verified volunteer hours and patrol days, by rules an administrator sets', async () => {
  const b = await k.branch(admin, { members: 3 })
  const [a, other] = b.people as [{ id: number; name: string }, { id: number; name: string }]
  const me = await memberAccount(a.id, 'points_member_a')
  // Two meetings attended, one missed.
  for (const [day, status] of [
    ['2026-03-10', 'present'],
    ['2026-04-10', 'present'],
    ['2026-05-10', 'absent'],
  ] as const)
    await k.ok(
      b.secretary,
      'POST',
      `/api/orglife/orgs/${b.orgId}/meetings`,
      k.meeting('theme_day', `${day}T14:00`, b.people, {}, (i) => (i === 0 ? status : 'present')),
    )
  // A campaign lecture: counted once, as a lecture, though it also became the branch's 党课.
  const campaign = await t.ctx.db
    .insertInto('campaign')
    .values({
      name: '积分测试百场党课',
      area_code: CHENGQIAO,
      event_kind: 'lecture',
      target_count: 10,
      starts_on: '2026-01-01',
      ends_on: '2026-12-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const ev = await t.ctx.db
    .insertInto('event')
    .values({
      campaign_id: campaign.id,
      kind: 'lecture',
      theme: 'policy',
      title: '党课：新质生产力',
      area_code: CHENGQIAO,
      starts_at: new Date('2026-05-20T14:00:00+08:00'),
      ends_at: new Date('2026-05-20T15:30:00+08:00'),
      capacity: 50,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.ctx.db
    .insertInto('event_registration')
    .values(
      [a, other].map((p) => ({
        event_id: ev.id,
        person_id: p.id,
        name: p.name,
        status: 'attended',
        registered_at: new Date('2026-05-10T00:00:00Z'),
        attended_at: new Date('2026-05-20T06:00:00Z'),
      })),
    )
    .execute()
  await importCampaignLectures(t.ctx.db, t.clock.now())
  // 90 verified volunteer minutes at one of the demo's duty points.
  const point = await t.ctx.db
    .selectFrom('duty_point')
    .select('id')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const role = await t.ctx.db
    .selectFrom('volunteer_role')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const volunteer = await t.ctx.db
    .insertInto('volunteer')
    .values({ account_id: me.id, display_name: a.name, person_id: a.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  const startsAt = new Date('2026-06-01T08:00:00+08:00')
  const endsAt = new Date('2026-06-01T10:00:00+08:00')
  const shift = await t.ctx.db
    .insertInto('volunteer_shift')
    .values({ point_id: point.id, starts_at: startsAt, ends_at: endsAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.ctx.db
    .insertInto('volunteer_signup')
    .values({
      shift_id: shift.id,
      role_id: role.id,
      volunteer_id: volunteer.id,
      point_id: point.id,
      starts_at: startsAt,
      ends_at: endsAt,
      signed_up_at: new Date('2026-05-25T00:00:00Z'),
      checked_in_at: startsAt,
      checked_out_at: endsAt,
      minutes: 120,
      verified_minutes: 90,
      verified_at: endsAt,
    })
    .execute()
  // Two floors patrolled on one day: one patrol day.
  const route = await t.ctx.db
    .insertInto('waste_patrol_route')
    .values({ building_id: b.buildingId, name: '积分测试巡查', floors: [3, 4], lead_account_id: me.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const floor of [3, 4])
    await t.ctx.db
      .insertInto('waste_patrol')
      .values({
        route_id: route.id,
        building_id: b.buildingId,
        floor,
        patrol_date: '2026-06-02',
        bags_checked: 10,
        bags_right: 9,
        mistakes: '{}',
        recorded_by: me.id,
      })
      .execute()

  const mine = await k.ok(me.s, 'GET', '/api/orglife/me?year=2026')
  expect(mine.points.bySource).toEqual([
    { source: 'meeting', count: 2, points: 4 },
    { source: 'lecture', count: 1, points: 3 },
    { source: 'volunteer', count: 1, points: 3 },
    { source: 'patrol', count: 1, points: 2 },
    { source: 'wish', count: 0, points: 0 },
  ])
  expect(mine.points.total).toBe(12)
  expect(mine.points.entries.find((e: { source: string }) => e.source === 'volunteer')).toMatchObject({
    minutes: 90,
    points: 3,
  })
  expect(mine.meetings.filter((m: { status: string }) => m.status === 'absent')).toHaveLength(1)
  expect(mine.partyOrgId).toBe(b.orgId)

  // A rule change applies to the whole ledger at once; only a city administrator makes it.
  const rules = await k.ok(me.s, 'GET', '/api/orglife/points/rules')
  const meeting = rules.find((r: { source: string }) => r.source === 'meeting')
  const denied = await k.call(b.secretary, 'PUT', '/api/orglife/points/rules/meeting', {
    points: 5,
    active: true,
    version: meeting.version,
  })
  expect(denied.statusCode).toBe(403)
  await k.ok(admin, 'PUT', '/api/orglife/points/rules/meeting', {
    points: 5,
    active: true,
    version: meeting.version,
  })
  await k.ok(admin, 'PUT', '/api/orglife/points/rules/patrol', { points: 2, active: false, version: 1 })
  const after = await k.ok(me.s, 'GET', '/api/orglife/me?year=2026')
  expect(after.points.total).toBe(10 + 3 + 3)
  expect(after.points.bySource.find((s: { source: string }) => s.source === 'patrol')).toEqual({
    source: 'patrol',
    count: 0,
    points: 0,
  })

  // The organisation sees its members' totals, by name; a member may not.
  const org = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/points?year=2026`)
  expect(org.members.map((m: { name: string }) => m.name)).toEqual(
    [...org.members.map((m: { name: string }) => m.name)].sort((x: string, y: string) => x.localeCompare(y)),
  )
  expect(org.members.find((m: { personId: number }) => m.personId === a.id).total).toBe(16)
  const asMember = await k.call(me.s, 'GET', `/api/orglife/orgs/${b.orgId}/points`)
  expect(asMember.statusCode).toBe(403)
})

test('a member sees their own dues, income included; an account linked to nobody is told so', async () => {
  const b = await k.branch(admin, { members: 2 })
  const a = b.people[1]!
  await k.ok(b.secretary, 'PUT', `/api/orglife/orgs/${b.orgId}/dues/bases/${a.id}`, {
    year: 2026,
    category: 'employed',
    monthlyIncome: 5200,
  })
  await k.ok(b.secretary, 'POST', `/api/orglife/orgs/${b.orgId}/dues/payments`, {
    personId: a.id,
    months: ['2026-01', '2026-02'],
    channel: 'cash',
    paidOn: '2026-02-01',
  })
  const me = await memberAccount(a.id, 'points_member_b')
  const mine = await k.ok(me.s, 'GET', '/api/orglife/me')
  expect(mine.dues).toMatchObject({
    monthlyIncome: 5200,
    rateBp: 150,
    monthlyCents: 7800,
    paidThrough: '2026-02',
    arrearsMonths: ['2026-03', '2026-04', '2026-05'],
  })
  await k.ok(admin, 'POST', '/api/accounts', {
    username: 'points_unlinked',
    displayName: 'unlinked',
    password: 'member-password',
    grants: [{ role: 'member', scopeType: 'area', scopeId: CHENGQIAO }],
  })
  const nobody = await k.call(
    await login(t.app, 'points_unlinked', 'member-password'),
    'GET',
    '/api/orglife/me',
  )
  expect([nobody.statusCode, nobody.json().code]).toEqual([404, 'orglife_no_person'])
})
