import { describe, expect, test } from 'vitest'
import {
  absenceStreaks,
  type MeetingFacts,
  type OrgFacts,
  orgCompliance,
  overdueNow,
  periodEnd,
  periodNext,
  periodStart,
  type RuleFacts,
  rulePeriod,
} from './compliance.ts'

const TYPES = ['general_branch', 'branch', 'joint_branch']
const rule = (over: Partial<RuleFacts> & Pick<RuleFacts, 'code' | 'kindCode' | 'period'>): RuleFacts => ({
  minCount: 1,
  appliesTo: 'all',
  bySecretary: false,
  orgTypes: TYPES,
  active: true,
  ...over,
})
const RULES = {
  assembly: rule({ code: 'member_assembly_quarterly', kindCode: 'member_assembly', period: 'quarter' }),
  committee: rule({
    code: 'committee_monthly',
    kindCode: 'committee_meeting',
    period: 'month',
    appliesTo: 'committee',
  }),
  group: rule({ code: 'group_monthly', kindCode: 'group_meeting', period: 'month', appliesTo: 'groups' }),
  lecture: rule({ code: 'lecture_quarterly', kindCode: 'lecture', period: 'quarter' }),
  secretary: rule({
    code: 'secretary_lecture_yearly',
    kindCode: 'lecture',
    period: 'year',
    bySecretary: true,
  }),
  themeDay: rule({ code: 'theme_day_monthly', kindCode: 'theme_day', period: 'month' }),
  life: rule({ code: 'life_meeting_yearly', kindCode: 'life_meeting', period: 'year' }),
  appraisal: rule({ code: 'appraisal_yearly', kindCode: 'appraisal', period: 'year' }),
}
const branch: OrgFacts = {
  type: 'branch',
  hasCommittee: true,
  groupIds: [],
  establishedOn: '2015-07-01',
  secretaryPersonId: 7,
}
const m = (kindCode: string, heldOn: string, over: Partial<MeetingFacts> = {}): MeetingFacts => ({
  kindCode,
  heldOn,
  groupId: null,
  presenterPersonId: null,
  ...over,
})

describe('periods', () => {
  test('months, quarters and years start and end on calendar edges, leap years included', () => {
    expect(periodStart('month', '2026-01-31')).toBe('2026-01-01')
    expect(periodStart('month', '2026-02-01')).toBe('2026-02-01')
    expect(periodEnd('month', '2024-02-01')).toBe('2024-02-29')
    expect(periodEnd('month', '2026-02-01')).toBe('2026-02-28')
    expect(periodStart('quarter', '2026-03-31')).toBe('2026-01-01')
    expect(periodStart('quarter', '2026-04-01')).toBe('2026-04-01')
    expect(periodStart('quarter', '2026-12-31')).toBe('2026-10-01')
    expect(periodEnd('quarter', '2026-10-01')).toBe('2026-12-31')
    expect(periodNext('quarter', '2026-10-01')).toBe('2027-01-01')
    expect(periodStart('year', '2026-12-31')).toBe('2026-01-01')
    expect(periodNext('month', '2026-12-01')).toBe('2027-01-01')
  })
})

describe('each frequency rule at its period edges', () => {
  const at = (r: RuleFacts, org: OrgFacts, meetings: MeetingFacts[], start: string, today: string) =>
    rulePeriod(r, org, meetings, start, today)

  test('members’ meeting quarterly: 31 March counts for Q1, 1 April for Q2; Q1 is overdue from 1 April', () => {
    const march31 = [m('member_assembly', '2026-03-31')]
    expect(at(RULES.assembly, branch, march31, '2026-01-01', '2026-04-01').status).toBe('met')
    expect(at(RULES.assembly, branch, march31, '2026-04-01', '2026-04-01').status).toBe('pending')
    const april1 = [m('member_assembly', '2026-04-01')]
    expect(at(RULES.assembly, branch, april1, '2026-01-01', '2026-03-31').status).toBe('pending')
    expect(at(RULES.assembly, branch, april1, '2026-01-01', '2026-04-01').status).toBe('overdue')
    expect(at(RULES.assembly, branch, april1, '2026-04-01', '2026-06-30').status).toBe('met')
  })

  test('committee monthly: only where there is a committee; 31 January vs 1 February', () => {
    const jan31 = [m('committee_meeting', '2026-01-31')]
    expect(at(RULES.committee, branch, jan31, '2026-01-01', '2026-02-01').status).toBe('met')
    expect(at(RULES.committee, branch, jan31, '2026-02-01', '2026-03-01').status).toBe('overdue')
    expect(at(RULES.committee, branch, jan31, '2026-02-01', '2026-02-28').status).toBe('pending')
    const noCommittee = { ...branch, hasCommittee: false }
    expect(at(RULES.committee, noCommittee, [], '2026-01-01', '2026-06-01').status).toBe('not_due')
  })

  test('party groups monthly: only with groups, and every group must meet', () => {
    expect(at(RULES.group, branch, [], '2026-01-01', '2026-06-01').status).toBe('not_due')
    const grouped = { ...branch, groupIds: [11, 12] }
    const one = [m('group_meeting', '2026-02-28', { groupId: 11 })]
    const p = at(RULES.group, grouped, one, '2026-02-01', '2026-03-01')
    expect(p).toMatchObject({ status: 'overdue', expected: 2, held: 1 })
    const both = [...one, m('group_meeting', '2026-02-01', { groupId: 12 })]
    expect(at(RULES.group, grouped, both, '2026-02-01', '2026-03-01').status).toBe('met')
    // A leap day belongs to February.
    const leap = [
      m('group_meeting', '2028-02-29', { groupId: 11 }),
      m('group_meeting', '2028-02-01', { groupId: 12 }),
    ]
    expect(at(RULES.group, grouped, leap, '2028-02-01', '2028-03-01').status).toBe('met')
  })

  test('lecture quarterly, 30 June vs 1 July; secretary lectures yearly, 31 December vs 1 January', () => {
    const june30 = [m('lecture', '2026-06-30')]
    expect(at(RULES.lecture, branch, june30, '2026-04-01', '2026-07-01').status).toBe('met')
    expect(at(RULES.lecture, branch, june30, '2026-07-01', '2026-10-01').status).toBe('overdue')
    const bySecretary = [m('lecture', '2026-12-31', { presenterPersonId: 7 })]
    expect(at(RULES.secretary, branch, bySecretary, '2026-01-01', '2027-01-01').status).toBe('met')
    expect(at(RULES.secretary, branch, bySecretary, '2027-01-01', '2027-12-31').status).toBe('pending')
    expect(at(RULES.secretary, branch, bySecretary, '2027-01-01', '2028-01-01').status).toBe('overdue')
    // Someone else's lecture is a 党课 but not the secretary's.
    const byOther = [m('lecture', '2026-05-05', { presenterPersonId: 8 })]
    expect(at(RULES.secretary, branch, byOther, '2026-01-01', '2027-01-01').status).toBe('overdue')
    expect(at(RULES.lecture, branch, byOther, '2026-04-01', '2026-07-01').status).toBe('met')
    expect(
      at(RULES.secretary, { ...branch, secretaryPersonId: null }, byOther, '2026-01-01', '2027-01-01').status,
    ).toBe('overdue')
  })

  test('theme day monthly, 30 November vs 1 December', () => {
    const nov30 = [m('theme_day', '2026-11-30')]
    expect(at(RULES.themeDay, branch, nov30, '2026-11-01', '2026-12-01').status).toBe('met')
    expect(at(RULES.themeDay, branch, nov30, '2026-12-01', '2026-12-31').status).toBe('pending')
    expect(at(RULES.themeDay, branch, nov30, '2026-12-01', '2027-01-01').status).toBe('overdue')
  })

  test('life meeting and appraisal yearly: 31 December counts for that year', () => {
    const dec31 = [m('life_meeting', '2026-12-31'), m('appraisal', '2026-01-01')]
    expect(at(RULES.life, branch, dec31, '2026-01-01', '2027-01-01').status).toBe('met')
    expect(at(RULES.appraisal, branch, dec31, '2026-01-01', '2027-01-01').status).toBe('met')
    expect(at(RULES.appraisal, branch, dec31, '2025-01-01', '2026-01-01').status).toBe('overdue')
  })

  test('a rule becomes due from the first period starting on or after the founding date', () => {
    const founded = { ...branch, establishedOn: '2026-02-15' }
    expect(at(RULES.themeDay, founded, [], '2026-02-01', '2026-06-01').status).toBe('not_due')
    expect(at(RULES.themeDay, founded, [], '2026-03-01', '2026-06-01').status).toBe('overdue')
    const onFirst = { ...branch, establishedOn: '2026-03-01' }
    expect(at(RULES.themeDay, onFirst, [], '2026-03-01', '2026-06-01').status).toBe('overdue')
    expect(at(RULES.assembly, founded, [], '2026-01-01', '2026-06-01').status).toBe('not_due')
    expect(at(RULES.assembly, founded, [], '2026-04-01', '2026-07-01').status).toBe('overdue')
    expect(
      at(RULES.themeDay, { ...branch, establishedOn: null }, [], '1999-01-01', '2026-06-01').status,
    ).toBe('overdue')
  })

  test('a committee (党委) is not held to branch rules; an inactive rule is skipped; min counts above 1', () => {
    const committee = { ...branch, type: 'committee' }
    expect(at(RULES.themeDay, committee, [], '2026-01-01', '2026-06-01').status).toBe('not_due')
    const twice = { ...RULES.themeDay, minCount: 2 }
    const one = [m('theme_day', '2026-01-10')]
    expect(at(twice, branch, one, '2026-01-01', '2026-02-01')).toMatchObject({
      status: 'overdue',
      expected: 2,
    })
    const rows = orgCompliance([{ ...RULES.themeDay, active: false }, RULES.life], branch, [], {
      from: '2026-01-01',
      to: '2026-12-31',
      today: '2026-12-05',
    })
    expect(rows.map((r) => r.rule)).toEqual(['life_meeting_yearly'])
  })
})

test('overdueNow names the rules missed in the latest finished period of each', () => {
  const meetings = [
    m('theme_day', '2026-11-03'),
    m('committee_meeting', '2026-10-20'),
    m('member_assembly', '2026-08-01'),
  ]
  const overdue = overdueNow(
    [RULES.themeDay, RULES.committee, RULES.assembly],
    branch,
    meetings,
    '2026-12-05',
  )
  expect(overdue.map((p) => [p.rule, p.start])).toEqual([['committee_monthly', '2026-11-01']])
  // On the first of January the year's rules fall due.
  const newYear = overdueNow([RULES.life], branch, [], '2027-01-01')
  expect(newYear.map((p) => p.start)).toEqual(['2026-01-01'])
})

test('absence streaks count absences since the last attendance; excused ones do not break a run', () => {
  const row = (personId: number, day: string, status: 'present' | 'absent' | 'excused') => ({
    personId,
    heldOn: day,
    startsAt: `${day}T06:00:00.000Z`,
    status,
  })
  const rows = [
    row(1, '2026-01-10', 'absent'),
    row(1, '2026-02-10', 'excused'),
    row(1, '2026-03-10', 'absent'),
    row(1, '2026-04-10', 'absent'),
    row(2, '2026-01-10', 'absent'),
    row(2, '2026-02-10', 'absent'),
    row(2, '2026-03-10', 'present'),
    row(2, '2026-04-10', 'absent'),
  ]
  expect(absenceStreaks(rows)).toEqual([{ personId: 1, streak: 3, since: '2026-01-10' }])
  expect(absenceStreaks(rows, 1)).toEqual([
    { personId: 1, streak: 3, since: '2026-01-10' },
    { personId: 2, streak: 1, since: '2026-04-10' },
  ])
})
