import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Session, startTestApp, type TestApp } from '../../../test/helpers.ts'
import { CHENGQIAO, kit } from './test-kit.ts'

/* The street's figures, drill-downs, rules as data, the gap list and the yearly summary, through the API. */

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

describe('compliance rolled up to the street, drillable, exact', () => {
  test('a meeting moves the street’s figure; the drill-down lists exactly the organisations behind it', async () => {
    const figures = async () => k.ok(admin, 'GET', `/api/orglife/compliance?area=${CHENGQIAO}&year=2026`)
    const b = await k.branch(admin)
    const before = await figures()
    const theme = (f: {
      rules: Array<{ rule: string; periods: Array<{ start: string; due: number; met: number }> }>
    }) => f.rules.find((r) => r.rule === 'theme_day_monthly')!.periods.find((p) => p.start === '2026-05-01')!
    const may = theme(before)
    const missed = await k.ok(
      admin,
      'GET',
      `/api/orglife/compliance/orgs?area=${CHENGQIAO}&year=2026&rule=theme_day_monthly&period=2026-05-01&status=overdue&limit=200`,
    )
    expect(missed.items).toHaveLength(may.due - may.met)
    expect(missed.items.map((o: { partyOrgId: number }) => o.partyOrgId)).toContain(b.orgId)
    await k.ok(
      b.secretary,
      'POST',
      `/api/orglife/orgs/${b.orgId}/meetings`,
      k.meeting('theme_day', '2026-05-31T23:30', b.people),
    )
    const after = await figures()
    expect(theme(after)).toMatchObject({ due: may.due, met: may.met + 1 })
    expect(after.met).toBe(before.met + 1)
    expect(after.meetings).toBe(before.meetings + 1)
    const met = await k.ok(
      admin,
      'GET',
      `/api/orglife/compliance/orgs?area=${CHENGQIAO}&year=2026&rule=theme_day_monthly&period=2026-05-01&status=met`,
    )
    expect(met.items.map((o: { partyOrgId: number }) => o.partyOrgId)).toContain(b.orgId)
    // The district sees the same through its street.
    const district = await k.ok(admin, 'GET', '/api/orglife/compliance?area=310151&year=2026')
    const street = district.children.find((c: { code: string }) => c.code === CHENGQIAO)
    expect(street).toMatchObject({
      due: after.due,
      met: after.met,
      meetings: after.meetings,
      orgs: after.orgs,
    })
    await k.rollupsMatchRebuild()
  })

  test('an organisation founded mid-year is due from the first period after; one with a committee owes committee meetings', async () => {
    const figures = async () => k.ok(admin, 'GET', `/api/orglife/compliance?area=${CHENGQIAO}&year=2026`)
    const rule = (
      f: { rules: Array<{ rule: string; orgs: number; periods: Array<{ start: string; due: number }> }> },
      code: string,
    ) => f.rules.find((r) => r.rule === code)!
    const before = await figures()
    await k.branch(admin, { establishedOn: '2026-03-15', hasCommittee: true })
    const after = await figures()
    const theme = (f: typeof after, start: string) =>
      rule(f, 'theme_day_monthly').periods.find((p) => p.start === start)!.due
    expect(theme(after, '2026-03-01')).toBe(theme(before, '2026-03-01'))
    expect(theme(after, '2026-04-01')).toBe(theme(before, '2026-04-01') + 1)
    expect(rule(after, 'committee_monthly').orgs).toBe(rule(before, 'committee_monthly').orgs + 1)
    expect(after.orgs).toBe(before.orgs + 1)
    await k.rollupsMatchRebuild()
  })

  test('members absent three times running are counted for the street and named to the branch', async () => {
    const b = await k.branch(admin, { members: 3 })
    const absentLast = (i: number) => (i === 2 ? 'absent' : 'present')
    for (const day of ['2026-02-10', '2026-03-10', '2026-04-10'])
      await k.ok(
        b.secretary,
        'POST',
        `/api/orglife/orgs/${b.orgId}/meetings`,
        k.meeting('theme_day', `${day}T14:00`, b.people, {}, absentLast),
      )
    const year = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/compliance?year=2026`)
    expect(year.absentees).toEqual([
      expect.objectContaining({ personId: b.people[2]!.id, streak: 3, since: '2026-02-10' }),
    ])
    const list = await k.ok(admin, 'GET', `/api/orglife/compliance/absentees?area=${CHENGQIAO}`)
    expect(list.items.map((a: { personId: number }) => a.personId)).toContain(b.people[2]!.id)
    const figures = await k.ok(admin, 'GET', `/api/orglife/compliance?area=${CHENGQIAO}&year=2026`)
    expect(figures.absentees).toBe(list.items.length)
    // Attending once ends the run.
    await k.ok(
      b.secretary,
      'POST',
      `/api/orglife/orgs/${b.orgId}/meetings`,
      k.meeting('lecture', '2026-05-10T14:00', b.people),
    )
    const later = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/compliance?year=2026`)
    expect(later.absentees).toEqual([])
    await k.rollupsMatchRebuild()
  })

  test('the secretary’s lecture counts for the yearly rule only when the secretary presented it', async () => {
    const b = await k.branch(admin)
    const byOther = await k.ok(
      b.secretary,
      'POST',
      `/api/orglife/orgs/${b.orgId}/meetings`,
      k.meeting('lecture', '2026-03-03T14:00', b.people, { presenterPersonId: b.people[1]!.id }),
    )
    const row = async () =>
      t.ctx.db
        .selectFrom('orglife_org_period')
        .selectAll()
        .where('party_org_id', '=', b.orgId)
        .where('rule_code', '=', 'secretary_lecture_yearly')
        .executeTakeFirst()
    expect(await row()).toBeUndefined()
    await k.ok(b.secretary, 'PUT', `/api/orglife/meetings/${byOther.id}`, {
      ...k.meeting('lecture', '2026-03-03T14:00', b.people, { presenterPersonId: b.people[0]!.id }),
      version: byOther.version,
    })
    expect(await row()).toMatchObject({ held: 1, met: true })
    const stale = await k.call(b.secretary, 'PUT', `/api/orglife/meetings/${byOther.id}`, {
      ...k.meeting('lecture', '2026-03-03T14:00', b.people),
      version: byOther.version,
    })
    expect(stale.json().code).toBe('version_conflict')
    await k.rollupsMatchRebuild()
  })
})

describe('the rules are data', () => {
  test('a city administrator changes a frequency and every figure follows; nobody else may', async () => {
    const b = await k.branch(admin)
    await k.ok(
      b.secretary,
      'POST',
      `/api/orglife/orgs/${b.orgId}/meetings`,
      k.meeting('theme_day', '2026-04-08T14:00', b.people),
    )
    const rules = await k.ok(b.secretary, 'GET', '/api/orglife/rules')
    const theme = rules.find((r: { code: string }) => r.code === 'theme_day_monthly')
    const { code: _code, version, ...input } = theme
    const denied = await k.call(b.secretary, 'PUT', '/api/orglife/rules/theme_day_monthly', {
      ...input,
      version,
    })
    expect(denied.statusCode).toBe(403)
    const street = await k.call(admin, 'GET', `/api/orglife/compliance?area=${CHENGQIAO}&year=2026`)
    expect(street.statusCode).toBe(200)
    const changed = await k.ok(admin, 'PUT', '/api/orglife/rules/theme_day_monthly', {
      ...input,
      minCount: 2,
      version,
    })
    expect(changed).toMatchObject({ minCount: 2, version: version + 1 })
    const year = await k.ok(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/compliance?year=2026`)
    const april = year.periods.find(
      (p: { rule: string; start: string }) => p.rule === 'theme_day_monthly' && p.start === '2026-04-01',
    )
    expect(april).toMatchObject({ expected: 2, held: 1, status: 'overdue' })
    const stored = await t.ctx.db
      .selectFrom('orglife_org_period')
      .select('met')
      .where('party_org_id', '=', b.orgId)
      .where('rule_code', '=', 'theme_day_monthly')
      .where('period_start', '=', '2026-04-01')
      .executeTakeFirstOrThrow()
    expect(stored.met).toBe(false)
    const unknownKind = await k.call(admin, 'POST', '/api/orglife/rules', {
      ...input,
      code: 'x_rule',
      kindCode: 'nope',
    })
    expect(unknownKind.json().code).toBe('orglife_rule_kind_unknown')
    await k.ok(admin, 'PUT', '/api/orglife/rules/theme_day_monthly', { ...input, version: version + 1 })
    await k.rollupsMatchRebuild()
  })
})

describe('the gap list', () => {
  test('an organisation that missed its last month, quarter or year is a gap, with the rules it missed', async () => {
    const b = await k.branch(admin)
    const gaps = async () =>
      k.ok(admin, 'GET', `/api/gaps?area=${CHENGQIAO}&rule=meeting_overdue&limit=200`) as Promise<{
        items: Array<{ id: number; entity: string; facts: Record<string, unknown>; action: string }>
      }>
    const gap = (await gaps()).items.find((g) => g.id === b.orgId)!
    expect(gap.entity).toBe('party_org')
    expect(String(gap.facts.rules)).toContain('主题党日')
    expect(String(gap.facts.rules)).toContain('支部党员大会')
    // The last finished month is May, the last finished quarter Q1, the last finished year 2025.
    for (const [kind, day] of [
      ['theme_day', '2026-05-12'],
      ['member_assembly', '2026-03-12'],
      ['lecture', '2026-02-12'],
      ['life_meeting', '2025-12-12'],
      ['appraisal', '2025-12-13'],
    ])
      await k.ok(
        b.secretary,
        'POST',
        `/api/orglife/orgs/${b.orgId}/meetings`,
        k.meeting(kind!, `${day}T14:00`, b.people),
      )
    const still = (await gaps()).items.find((g) => g.id === b.orgId)!
    expect(String(still.facts.rules)).toBe('书记每年至少讲 1 次党课')
    await k.ok(
      b.secretary,
      'POST',
      `/api/orglife/orgs/${b.orgId}/meetings`,
      k.meeting('lecture', '2025-11-11T14:00', b.people, { presenterPersonId: b.people[0]!.id }),
    )
    expect((await gaps()).items.map((g) => g.id)).not.toContain(b.orgId)
  })
})

describe('the yearly summary', () => {
  test('exports one row per organisation that adds up to the drill-down, and is audited', async () => {
    const b = await k.branch(admin)
    await k.ok(
      b.secretary,
      'POST',
      `/api/orglife/orgs/${b.orgId}/meetings`,
      k.meeting('theme_day', '2026-01-20T14:00', b.people),
    )
    await k.ok(
      b.secretary,
      'POST',
      `/api/orglife/orgs/${b.orgId}/meetings`,
      k.meeting('theme_day', '2026-02-20T14:00', b.people, {}, (i) => (i === 0 ? 'absent' : 'present')),
    )
    const res = await k.call(admin, 'GET', `/api/orglife/compliance/export?area=${CHENGQIAO}&year=2026`)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    const header = (ws.getRow(2).values as unknown[]).slice(1)
    const orgName = (await k.ok(admin, 'GET', `/api/party-orgs/${b.orgId}`)).name
    let row: unknown[] = []
    ws.eachRow((r) => {
      if (r.getCell(1).value === orgName) row = (r.values as unknown[]).slice(1)
    })
    const col = (name: string) => row[header.indexOf(name)]
    // Theme days: January to May are over, two were held.
    expect(col('主题党日每月至少 1 次')).toBe('2/5（2）')
    expect(col('会议次数')).toBe(2)
    expect(col('出席率')).toBe(Math.round((7 / 8) * 1000) / 10)
    const drill = await k.ok(
      admin,
      'GET',
      `/api/orglife/compliance/orgs?area=${CHENGQIAO}&year=2026&status=due&limit=200`,
    )
    const mine = drill.items.find((o: { partyOrgId: number }) => o.partyOrgId === b.orgId)
    expect(col('达标率')).toBe(Math.round((mine.met / mine.due) * 1000) / 10)
    const own = await k.call(b.secretary, 'GET', `/api/orglife/orgs/${b.orgId}/compliance/export?year=2026`)
    expect(own.statusCode).toBe(200)
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'export.orglife_compliance')
      .execute()
    expect(audit).toHaveLength(2)
  })
})
