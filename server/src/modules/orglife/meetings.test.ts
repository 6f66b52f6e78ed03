import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { at, kit } from './test-kit.ts'

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

const count = async (table: string) =>
  Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.ctx.db)).rows[0]!.n,
  )

describe('recording a meeting', () => {
  test('the roster comes pre-filled from the members; the record keeps who came and why others did not', async () => {
    const b = await k.branch(admin, { members: 4 })
    const roster = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/roster`)
    expect(roster.people.map((p: { personId: number }) => p.personId).sort()).toEqual(
      b.people.map((p) => p.id).sort(),
    )
    expect(roster.people.every((p: { suggested: string }) => p.suggested === 'present')).toBe(true)
    const body = k.meeting('theme_day', '2026-06-10T14:00', b.people, { place: '三楼会议室' }, (i) =>
      i === 3 ? 'absent' : 'present',
    )
    body.roster[3] = { personId: b.people[3]!.id, status: 'absent', reason: 'sick' } as never
    const created = await k.ok(b.secretary, 'POST', `/api/orglife/orgs/${b.orgId}/meetings`, body)
    expect(created).toMatchObject({
      kindCode: 'theme_day',
      heldOn: '2026-06-10',
      present: 3,
      absent: 1,
      place: '三楼会议室',
    })
    const read = await k.ok(b.secretary, 'GET', `/api/orglife/meetings/${created.id}`)
    expect(read.roster.find((r: { personId: number }) => r.personId === b.people[3]!.id)).toMatchObject({
      status: 'absent',
      reason: 'sick',
    })
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'person.list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.detail).toMatchObject({ via: 'orglife.meeting', meetingId: created.id })
  })

  test('a meeting at 01:00 in Shanghai on 1 April belongs to Q2 though it is still 31 March in UTC', async () => {
    const b = await k.branch(admin)
    const m = await k.ok(
      b.secretary,
      'POST',
      `/api/orglife/orgs/${b.orgId}/meetings`,
      k.meeting('member_assembly', '2026-04-01T01:00', b.people),
    )
    expect(m.heldOn).toBe('2026-04-01')
    const year = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/compliance?year=2026`)
    const q = (start: string) =>
      year.periods.find(
        (p: { rule: string; start: string }) => p.rule === 'member_assembly_quarterly' && p.start === start,
      )
    expect(q('2026-01-01').status).toBe('overdue')
    expect(q('2026-04-01').status).toBe('met')
  })
})

describe('bad input is refused with a specific error and writes nothing', () => {
  let b: Awaited<ReturnType<typeof k.branch>>
  beforeAll(async () => {
    b = await k.branch(admin)
  })
  const post = (body: unknown, s?: Session) =>
    k.call(s ?? b.secretary, 'POST', `/api/orglife/orgs/${b.orgId}/meetings`, body)

  test('each refusal names its reason', async () => {
    const before = [await count('orglife_meeting'), await count('orglife_attendance')]
    const future = await post(k.meeting('theme_day', '2026-06-15T10:30', b.people))
    expect([future.statusCode, future.json().code]).toEqual([400, 'orglife_meeting_in_future'])
    const other = await k.branch(admin)
    const stranger = await post(k.meeting('theme_day', '2026-06-01T10:00', [...b.people, other.people[1]!]))
    expect([stranger.statusCode, stranger.json().code]).toEqual([400, 'orglife_roster_not_member'])
    const twice = await post(k.meeting('theme_day', '2026-06-01T10:00', [b.people[0]!, b.people[0]!]))
    expect(twice.json().code).toBe('orglife_roster_repeated')
    const reason = await post({
      ...k.meeting('theme_day', '2026-06-01T10:00', []),
      roster: [{ personId: b.people[0]!.id, status: 'present', reason: 'sick' }],
    })
    expect(reason.json().code).toBe('orglife_reason_only_when_away')
    const kind = await post(k.meeting('tea_party', '2026-06-01T10:00', b.people))
    expect([kind.statusCode, kind.json().code]).toEqual([400, 'orglife_kind_unknown'])
    const presenter = await post(
      k.meeting('lecture', '2026-06-01T10:00', b.people, { presenterPersonId: 99_999_999 }),
    )
    expect(presenter.json().code).toBe('orglife_presenter_unknown')
    const ends = await post(
      k.meeting('lecture', '2026-06-01T10:00', b.people, { endsAt: at('2026-06-01T09:00') }),
    )
    expect(ends.json().code).toBe('orglife_meeting_ends_before_start')
    const booking = await post(k.meeting('lecture', '2026-06-01T10:00', b.people, { bookingId: 99_999_999 }))
    expect(booking.json().code).toBe('orglife_booking_mismatch')
    expect([await count('orglife_meeting'), await count('orglife_attendance')]).toEqual(before)
  })

  test('the same meeting recorded twice: the second is refused, also when both are sent at once', async () => {
    const first = await post(k.meeting('committee_meeting', '2026-05-20T09:00', b.people))
    expect(first.statusCode).toBe(201)
    const again = await post(k.meeting('committee_meeting', '2026-05-20T16:00', b.people))
    expect([again.statusCode, again.json().code]).toEqual([409, 'orglife_meeting_duplicate'])
    expect(again.json().message).toContain('2026-05-20')
    const both = await Promise.all([
      post(k.meeting('committee_meeting', '2026-05-21T09:00', b.people)),
      post(k.meeting('committee_meeting', '2026-05-21T09:00', b.people)),
    ])
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409])
    const rows = await t.ctx.db
      .selectFrom('orglife_meeting')
      .select('id')
      .where('party_org_id', '=', b.orgId)
      .where('held_on', '=', '2026-05-21')
      .execute()
    expect(rows).toHaveLength(1)
  })

  test('another organisation’s secretary may neither record nor read here', async () => {
    const other = await k.branch(admin)
    const res = await post(k.meeting('theme_day', '2026-06-02T10:00', b.people), other.secretary)
    expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden_scope'])
    const read = await k.call(other.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/roster`)
    expect(read.statusCode).toBe(403)
  })

  test('a group meeting names its group once the organisation has groups', async () => {
    const g = await k.branch(admin)
    const groups = await k.ok(g.secretary, 'POST', `/api/orglife/orgs/${g.orgId}/groups`, {
      name: '第一党小组',
      leaderPersonId: g.people[1]!.id,
      memberIds: [g.people[1]!.id, g.people[2]!.id],
    })
    const noGroup = await k.call(
      g.secretary,
      'POST',
      `/api/orglife/orgs/${g.orgId}/meetings`,
      k.meeting('group_meeting', '2026-06-03T12:00', g.people.slice(1, 3)),
    )
    expect(noGroup.json().code).toBe('orglife_group_required')
    const foreign = await k.call(
      g.secretary,
      'POST',
      `/api/orglife/orgs/${g.orgId}/meetings`,
      k.meeting('group_meeting', '2026-06-03T12:00', g.people.slice(1, 3), { groupId: 99_999_999 }),
    )
    expect(foreign.json().code).toBe('orglife_group_unknown')
    const ok = await k.ok(
      g.secretary,
      'POST',
      `/api/orglife/orgs/${g.orgId}/meetings`,
      k.meeting('group_meeting', '2026-06-03T12:00', g.people.slice(1, 3), { groupId: groups[0].id }),
    )
    expect(ok.groupName).toBe('第一党小组')
    const dup = await k.call(g.secretary, 'POST', `/api/orglife/orgs/${g.orgId}/groups`, {
      name: '第一党小组',
      memberIds: [],
    })
    expect(dup.json().code).toBe('orglife_group_name_taken')
  })
})
