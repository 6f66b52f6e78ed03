import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ORGLIFE_BRANCH, ORGLIFE_JOINT } from '../../../../db/demo/orglife.ts'
import { login, type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { orgFacts } from './compliance.service.ts'
import { orgCompliance } from './compliance.ts'
import { listRules, ruleFacts } from './rules.service.ts'
import { kit } from './test-kit.ts'

// The demo is loaded relative to the real date; these tests read it as of that date.
let t: TestApp
let admin: Session
let k: ReturnType<typeof kit>
const NANQIAO = '310120101'
const today = shanghaiDate(new Date())
const year = Number(today.slice(0, 4))

beforeAll(async () => {
  t = await startTestApp()
  t.clock.set(new Date())
  admin = await login(t.app, 'admin')
  k = kit(t)
})
afterAll(async () => t?.close())

const orgId = async (name: string) =>
  (await t.ctx.db.selectFrom('party_org').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

describe('the demo’s year of organisational life, computed from rows', () => {
  test('the lively joint branch met every rule; the branch with party groups skips their meetings', async () => {
    const joint = await k.ok(
      admin,
      'GET',
      `/api/orglife/orgs/${await orgId(ORGLIFE_JOINT)}/compliance?year=${year}`,
    )
    expect(joint.rate).toBe(1)
    expect(joint.periods.filter((p: { status: string }) => p.status === 'overdue')).toEqual([])
    const skipper = await k.ok(
      admin,
      'GET',
      `/api/orglife/orgs/${await orgId('中共上海晋巢物业管理支部委员会')}/compliance?year=${year}`,
    )
    const groups = skipper.periods.filter((p: { rule: string; status: string }) => p.rule === 'group_monthly')
    expect(groups.length).toBeGreaterThan(0)
    expect(groups.every((p: { status: string }) => p.status === 'overdue' || p.status === 'pending')).toBe(
      true,
    )
    const gaps = await k.ok(admin, 'GET', `/api/gaps?area=${NANQIAO}&rule=meeting_overdue&limit=200`)
    const ids = gaps.items.map((g: { id: number }) => g.id)
    expect(ids).toContain(await orgId('中共上海晋巢物业管理支部委员会'))
    expect(ids).not.toContain(await orgId(ORGLIFE_JOINT))
  })

  test('the street’s figures: most organisation-periods met, some missed, meetings and attendance recorded', async () => {
    const f = await k.ok(admin, 'GET', `/api/orglife/compliance?area=${NANQIAO}&year=${year}`)
    expect(f.orgs).toBeGreaterThanOrEqual(50)
    expect(f.rate).toBeGreaterThan(0.7)
    expect(f.rate).toBeLessThan(1)
    expect(f.meetings).toBeGreaterThan(1000)
    expect(f.attendanceRate).toBeGreaterThan(0.75)
    expect(f.absentees).toBeGreaterThan(0)
    expect(f.floatingIn).toBe(2)
    const district = await k.ok(admin, 'GET', `/api/orglife/compliance?area=310120&year=${year}`)
    const nanqiao = district.children.find((c: { code: string }) => c.code === NANQIAO)
    expect(nanqiao).toMatchObject({ due: f.due, met: f.met, meetings: f.meetings })
  })

  test('every organisation’s stored facts agree with the pure rules, and the rollups with a rebuild', async () => {
    const rules = (await listRules(t.ctx.db)).map(ruleFacts)
    const orgs = await t.ctx.db
      .selectFrom('orglife_org_due')
      .select('party_org_id')
      .where('rule_code', '=', '*')
      .execute()
    for (const { party_org_id } of orgs) {
      const org = await orgFacts(t.ctx, party_org_id)
      const meetings = await t.ctx.db
        .selectFrom('orglife_meeting')
        .select(['kind_code', 'held_on', 'group_id', 'presenter_person_id'])
        .where('party_org_id', '=', party_org_id)
        .where('deleted_at', 'is', null)
        .execute()
      const pure = orgCompliance(
        rules,
        org,
        meetings.map((m) => ({
          kindCode: m.kind_code,
          heldOn: m.held_on,
          groupId: m.group_id,
          presenterPersonId: m.presenter_person_id,
        })),
        { from: `${year - 1}-01-01`, to: `${year}-12-31`, today },
      )
        .filter((p) => p.held > 0)
        .map((p) => [p.rule, p.start, p.held, p.status === 'met'])
      const stored = (
        await t.ctx.db
          .selectFrom('orglife_org_period')
          .select(['rule_code', 'period_start', 'held', 'met'])
          .where('party_org_id', '=', party_org_id)
          .where('period_start', '>=', `${year - 1}-01-01`)
          .execute()
      ).map((r) => [r.rule_code, r.period_start, r.held, r.met])
      const key = (x: unknown[]) => `${x[0]}|${x[1]}`
      expect(
        stored.sort((a, b) => key(a).localeCompare(key(b))),
        String(party_org_id),
      ).toEqual(pure.sort((a, b) => key(a).localeCompare(key(b))))
    }
    await k.rollupsMatchRebuild()
  })

  test('transfers in each state, dues with arrears, the branch secretaries can sign in', async () => {
    const states = await sql<{ status: string; escalated: boolean; n: number }>`
      SELECT status, escalated_at IS NOT NULL AS escalated, count(*)::int AS n FROM orglife_transfer GROUP BY 1, 2`.execute(
      t.ctx.db,
    )
    const has = (status: string, escalated = false) =>
      states.rows.some((r) => r.status === status && r.escalated === escalated)
    for (const s of ['pending', 'completed', 'refused', 'cancelled']) expect(has(s), s).toBe(true)
    expect(has('pending', true)).toBe(true)
    const branch = await login(t.app, 'branch_secretary')
    const dues = await k.ok(branch, 'GET', `/api/orglife/orgs/${await orgId(ORGLIFE_BRANCH)}/dues`)
    expect(dues.members.length).toBeGreaterThan(10)
    expect(dues.withoutBase).toBe(0)
    if (dues.through) expect(dues.membersInArrears).toBeGreaterThan(0)
    await login(t.app, 'joint_secretary')
    const me = await k.ok(await login(t.app, 'member_demo'), 'GET', '/api/orglife/me')
    expect(me.meetings.length).toBeGreaterThan(0)
    expect(me.points.total).toBeGreaterThan(0)
    expect(me.dues.category).not.toBeNull()
  })
})
