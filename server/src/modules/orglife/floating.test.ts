import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { registryApi } from '../../../test/registry-fixtures.ts'
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

test('someone whose relation is elsewhere registers here, takes part, and is counted where their relation is', async () => {
  const local = await k.branch(admin, { members: 2 })
  const home = await k.branch(admin, { members: 2 })
  const visitor = home.people[1]!
  const figures = async () => k.ok(admin, 'GET', `/api/orglife/compliance?area=${CHENGQIAO}&year=2026`)
  const before = await figures()
  const reg = await k.ok(local.secretary, 'POST', `/api/orglife/orgs/${local.orgId}/floating`, {
    personId: visitor.id,
    direction: 'in',
    contact: '13912345678',
    since: '2026-03-01',
  })
  expect(reg).toMatchObject({
    direction: 'in',
    partyOrgId: local.orgId,
    homeOrgId: home.orgId,
    endedOn: null,
  })
  const roster = await k.ok(local.secretary, 'GET', `/api/orglife/orgs/${local.orgId}/roster`)
  expect(roster.people.find((p: { personId: number }) => p.personId === visitor.id)).toMatchObject({
    kind: 'floating_in',
    suggested: 'present',
  })
  const meeting = await k.ok(
    local.secretary,
    'POST',
    `/api/orglife/orgs/${local.orgId}/meetings`,
    k.meeting('theme_day', '2026-06-05T14:00', [...local.people, visitor]),
  )
  expect(meeting.present).toBe(3)
  // Before the registration started they were not expected here.
  const early = await k.call(
    local.secretary,
    'POST',
    `/api/orglife/orgs/${local.orgId}/meetings`,
    k.meeting('theme_day', '2026-02-05T14:00', [...local.people, visitor]),
  )
  expect(early.json().code).toBe('orglife_roster_not_member')
  // Still a member of their home organisation only: the statistics count them there.
  const member = await t.ctx.db
    .selectFrom('member')
    .select('party_org_id')
    .where('person_id', '=', visitor.id)
    .executeTakeFirstOrThrow()
  expect(member.party_org_id).toBe(home.orgId)
  const after = await figures()
  expect(after.floatingIn).toBe(before.floatingIn + 1)
  const again = await k.call(local.secretary, 'POST', `/api/orglife/orgs/${local.orgId}/floating`, {
    personId: visitor.id,
    direction: 'in',
    since: '2026-04-01',
  })
  expect([again.statusCode, again.json().code]).toEqual([409, 'orglife_floating_open'])
  const ended = await k.ok(local.secretary, 'POST', `/api/orglife/floating/${reg.id}/end`, {
    version: reg.version,
    endedOn: '2026-06-10',
  })
  expect(ended.endedOn).toBe('2026-06-10')
  const later = await k.ok(local.secretary, 'GET', `/api/orglife/orgs/${local.orgId}/roster`)
  expect(later.people.map((p: { personId: number }) => p.personId)).not.toContain(visitor.id)
  // The home organisation sees where its member took part.
  const seen = await k.ok(home.secretary, 'GET', `/api/orglife/orgs/${home.orgId}/floating`)
  expect(seen.map((f: { id: number }) => f.id)).toContain(reg.id)
})

test('a person whose relation is outside the platform names it; a member here is not registered again', async () => {
  const local = await k.branch(admin)
  const reg = registryApi(t.app, admin)
  const outsider = await reg.send('POST', '/api/people', { name: '外地党员甲', unitId: local.unitId })
  const missing = await k.call(local.secretary, 'POST', `/api/orglife/orgs/${local.orgId}/floating`, {
    personId: outsider.id,
    direction: 'in',
    since: '2026-05-01',
  })
  expect(missing.json().code).toBe('orglife_floating_home_required')
  const ok = await k.ok(local.secretary, 'POST', `/api/orglife/orgs/${local.orgId}/floating`, {
    personId: outsider.id,
    direction: 'in',
    homeOrgName: '中共安徽省合肥市某某社区委员会',
    since: '2026-05-01',
  })
  expect(ok).toMatchObject({ homeOrgId: null, homeOrgName: '中共安徽省合肥市某某社区委员会' })
  const own = await k.call(local.secretary, 'POST', `/api/orglife/orgs/${local.orgId}/floating`, {
    personId: local.people[0]!.id,
    direction: 'in',
    homeOrgName: '随便',
    since: '2026-05-01',
  })
  expect(own.json().code).toBe('orglife_floating_already_member')
  const future = await k.call(local.secretary, 'POST', `/api/orglife/orgs/${local.orgId}/floating`, {
    personId: outsider.id,
    direction: 'out',
    destination: '苏州',
    since: '2026-07-01',
  })
  expect(future.json().code).toBe('orglife_floating_dates')
})

test('a member away for long is registered with where they went, and the roster suggests excusing them', async () => {
  const b = await k.branch(admin, { members: 3 })
  const away = b.people[2]!
  const noWhere = await k.call(b.secretary, 'POST', `/api/orglife/orgs/${b.orgId}/floating`, {
    personId: away.id,
    direction: 'out',
    since: '2026-04-01',
  })
  expect(noWhere.json().code).toBe('orglife_floating_destination_required')
  const other = await k.branch(admin)
  const notMine = await k.call(b.secretary, 'POST', `/api/orglife/orgs/${b.orgId}/floating`, {
    personId: other.people[0]!.id,
    direction: 'out',
    destination: '深圳',
    since: '2026-04-01',
  })
  expect(notMine.json().code).toBe('orglife_floating_not_member')
  await k.ok(b.secretary, 'POST', `/api/orglife/orgs/${b.orgId}/floating`, {
    personId: away.id,
    direction: 'out',
    destination: '广东省深圳市（项目外派）',
    contact: '微信 away2026',
    since: '2026-04-01',
    until: '2026-12-31',
  })
  const roster = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/roster`)
  expect(roster.people.find((p: { personId: number }) => p.personId === away.id)).toMatchObject({
    kind: 'member',
    suggested: 'excused',
    note: '广东省深圳市（项目外派）',
  })
  const figures = await k.ok(admin, 'GET', `/api/orglife/compliance?area=${CHENGQIAO}&year=2026`)
  expect(figures.floatingOut).toBeGreaterThanOrEqual(1)
})
