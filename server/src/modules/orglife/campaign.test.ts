import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
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

async function lecture(opts: { startsAt: string; audienceOrgs?: number[]; campaign?: boolean }) {
  const campaign = await t.ctx.db
    .insertInto('campaign')
    .values({
      name: `百场党课进两新 ${opts.startsAt}`,
      area_code: CHENGQIAO,
      event_kind: 'lecture',
      target_count: 100,
      starts_on: '2026-01-01',
      ends_on: '2026-12-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const start = new Date(`${opts.startsAt}+08:00`)
  const event = await t.ctx.db
    .insertInto('event')
    .values({
      campaign_id: opts.campaign === false ? null : campaign.id,
      kind: 'lecture',
      theme: 'party_history',
      title: `党课：百年党史 ${opts.startsAt}`,
      area_code: CHENGQIAO,
      location: '城桥镇党群服务中心报告厅',
      starts_at: start,
      ends_at: new Date(start.getTime() + 90 * 60_000),
      capacity: 200,
      audience: opts.audienceOrgs ? 'orgs' : 'all',
      audience_ids: opts.audienceOrgs ?? [],
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return event.id
}

async function attended(eventId: number, people: Array<{ id: number; name: string }>) {
  await t.ctx.db
    .insertInto('event_registration')
    .values(
      people.map((p) => ({
        event_id: eventId,
        person_id: p.id,
        name: p.name,
        status: 'attended',
        registered_at: new Date('2026-05-01T00:00:00Z'),
        attended_at: new Date('2026-05-20T06:00:00Z'),
      })),
    )
    .execute()
}

const imported = (orgId: number) =>
  t.ctx.db
    .selectFrom('orglife_meeting')
    .select(['id', 'kind_code', 'held_on', 'source', 'event_id', 'deleted_at', 'topic'])
    .where('party_org_id', '=', orgId)
    .where('source', '=', 'campaign')
    .execute()

test('a campaign lecture a third of a branch attended becomes its 党课, once, without anyone recording it', async () => {
  const third = await k.branch(admin, { members: 3 })
  const quarter = await k.branch(admin, { members: 4 })
  const named = await k.branch(admin, { members: 2 })
  const ev = await lecture({ startsAt: '2026-05-20T14:00' })
  await attended(ev, [third.people[0]!, quarter.people[0]!])
  const evNamed = await lecture({ startsAt: '2026-05-22T14:00', audienceOrgs: [named.orgId] })
  const notCampaign = await lecture({ startsAt: '2026-05-23T14:00', campaign: false })
  await attended(notCampaign, third.people)
  const future = await lecture({ startsAt: '2026-06-20T14:00' })
  await attended(future, third.people)

  // Two instances sweeping at once still make one record per branch and lecture.
  await Promise.all([
    importCampaignLectures(t.ctx.db, t.clock.now()),
    importCampaignLectures(t.ctx.db, t.clock.now()),
  ])
  expect(await importCampaignLectures(t.ctx.db, t.clock.now())).toBe(0)

  expect(await imported(third.orgId)).toEqual([
    expect.objectContaining({ kind_code: 'lecture', held_on: '2026-05-20', event_id: ev, deleted_at: null }),
  ])
  expect(await imported(quarter.orgId)).toEqual([])
  expect(await imported(named.orgId)).toEqual([expect.objectContaining({ event_id: evNamed })])

  const [m] = await imported(third.orgId)
  const meeting = await k.ok(third.secretary, 'GET', `/api/orglife/meetings/${m!.id}`)
  expect(meeting).toMatchObject({ source: 'campaign', present: 1, absent: 2 })
  const year = await k.ok(third.secretary, 'GET', `/api/orglife/orgs/${third.orgId}/compliance?year=2026`)
  const q2 = year.periods.find(
    (p: { rule: string; start: string }) => p.rule === 'lecture_quarterly' && p.start === '2026-04-01',
  )
  expect(q2.status).toBe('met')

  // The secretary may add reasons but not move it; deleting it does not bring it back.
  const moved = await k.call(third.secretary, 'PUT', `/api/orglife/meetings/${m!.id}`, {
    ...k.meeting('lecture', '2026-05-21T14:00', third.people),
    version: meeting.version,
  })
  expect(moved.json().code).toBe('orglife_not_editable')
  const reasons = await k.ok(third.secretary, 'PUT', `/api/orglife/meetings/${m!.id}`, {
    kindCode: 'lecture',
    startsAt: meeting.startsAt,
    topic: meeting.topic,
    version: meeting.version,
    roster: [
      { personId: third.people[0]!.id, status: 'present' },
      { personId: third.people[1]!.id, status: 'absent', reason: 'official_duty' },
      { personId: third.people[2]!.id, status: 'excused' },
    ],
  })
  expect(reasons).toMatchObject({ present: 1, absent: 1, excused: 1 })
  await k.ok(third.secretary, 'DELETE', `/api/orglife/meetings/${m!.id}?version=${reasons.version}`)
  expect(await importCampaignLectures(t.ctx.db, t.clock.now())).toBe(0)
  await k.rollupsMatchRebuild()
})

test('a branch that recorded its own lecture that day keeps its record', async () => {
  const b = await k.branch(admin, { members: 2 })
  await k.ok(
    b.secretary,
    'POST',
    `/api/orglife/orgs/${b.orgId}/meetings`,
    k.meeting('lecture', '2026-05-27T09:00', b.people),
  )
  const ev = await lecture({ startsAt: '2026-05-27T14:00' })
  await attended(ev, b.people)
  await importCampaignLectures(t.ctx.db, t.clock.now())
  expect(await imported(b.orgId)).toEqual([])
})
