/**
 * Compliance of one organisation with the meeting rules, as a pure function of the rules, the organisation's
 * facts and its meetings. The database keeps the same facts per organisation and area by triggers (migration
 * 0021) for the street and city figures; compliance.test.ts holds the two to each other.
 *
 * Dates are Shanghai calendar dates ('YYYY-MM-DD'). A period is a calendar month, quarter or year. An
 * organisation is due a rule's period when the rule applies to it and it was founded on or before the period's
 * first day (founding date unknown: always). A period is overdue once its last day is over and the rule was not
 * met; until then it is pending.
 */

export type PeriodUnit = 'month' | 'quarter' | 'year'

export interface RuleFacts {
  code: string
  kindCode: string
  period: PeriodUnit
  minCount: number
  appliesTo: 'all' | 'committee' | 'groups'
  bySecretary: boolean
  orgTypes: readonly string[]
  active: boolean
}

export interface OrgFacts {
  type: string
  hasCommittee: boolean
  /** Live party groups. */
  groupIds: readonly number[]
  establishedOn: string | null
  secretaryPersonId: number | null
}

export interface MeetingFacts {
  kindCode: string
  heldOn: string
  groupId: number | null
  presenterPersonId: number | null
}

export type PeriodStatus = 'met' | 'overdue' | 'pending' | 'not_due'

export interface RulePeriod {
  rule: string
  start: string
  /** Last day of the period. */
  end: string
  /** Meetings required (per group for a group rule: min × groups). */
  expected: number
  held: number
  status: PeriodStatus
}

const pad = (n: number) => String(n).padStart(2, '0')
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`

export function periodStart(unit: PeriodUnit, day: string): string {
  const y = Number(day.slice(0, 4))
  const m = Number(day.slice(5, 7))
  if (unit === 'year') return ymd(y, 1, 1)
  if (unit === 'quarter') return ymd(y, m - ((m - 1) % 3), 1)
  return ymd(y, m, 1)
}

/** First day of the next period. */
export function periodNext(unit: PeriodUnit, start: string): string {
  const y = Number(start.slice(0, 4))
  const m = Number(start.slice(5, 7))
  const months = unit === 'year' ? 12 : unit === 'quarter' ? 3 : 1
  const total = y * 12 + (m - 1) + months
  return ymd(Math.floor(total / 12), (total % 12) + 1, 1)
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export const periodEnd = (unit: PeriodUnit, start: string) => addDays(periodNext(unit, start), -1)

/** Starts of the periods overlapping [from, to] (inclusive dates). */
export function periodsBetween(unit: PeriodUnit, from: string, to: string): string[] {
  const out: string[] = []
  for (let s = periodStart(unit, from); s <= to; s = periodNext(unit, s)) out.push(s)
  return out
}

export function ruleApplies(rule: RuleFacts, org: OrgFacts): boolean {
  if (!rule.active || !rule.orgTypes.includes(org.type)) return false
  if (rule.appliesTo === 'committee') return org.hasCommittee
  if (rule.appliesTo === 'groups') return org.groupIds.length > 0
  return true
}

export const isDue = (rule: RuleFacts, org: OrgFacts, start: string) =>
  ruleApplies(rule, org) && (org.establishedOn === null || org.establishedOn <= start)

function counts(rule: RuleFacts, org: OrgFacts, meeting: MeetingFacts, start: string, next: string) {
  return (
    meeting.kindCode === rule.kindCode &&
    meeting.heldOn >= start &&
    meeting.heldOn < next &&
    (!rule.bySecretary ||
      (org.secretaryPersonId !== null && meeting.presenterPersonId === org.secretaryPersonId))
  )
}

export function rulePeriod(
  rule: RuleFacts,
  org: OrgFacts,
  meetings: readonly MeetingFacts[],
  start: string,
  today: string,
): RulePeriod {
  const next = periodNext(rule.period, start)
  const end = addDays(next, -1)
  const counted = meetings.filter((m) => counts(rule, org, m, start, next))
  const held = counted.length
  const groups = rule.appliesTo === 'groups' ? org.groupIds.length : 1
  const expected = rule.minCount * Math.max(1, groups)
  const due = isDue(rule, org, start)
  const met =
    due &&
    (rule.appliesTo === 'groups'
      ? org.groupIds.every((g) => counted.filter((m) => m.groupId === g).length >= rule.minCount)
      : held >= rule.minCount)
  const status: PeriodStatus = !due ? 'not_due' : met ? 'met' : today > end ? 'overdue' : 'pending'
  return { rule: rule.code, start, end, expected, held, status }
}

/** Every active rule's periods overlapping [from, to], in rule order then time. */
export function orgCompliance(
  rules: readonly RuleFacts[],
  org: OrgFacts,
  meetings: readonly MeetingFacts[],
  range: { from: string; to: string; today: string },
): RulePeriod[] {
  const out: RulePeriod[] = []
  for (const rule of rules) {
    if (!rule.active) continue
    for (const start of periodsBetween(rule.period, range.from, range.to))
      out.push(rulePeriod(rule, org, meetings, start, range.today))
  }
  return out
}

/** Rules the organisation missed in the latest period of each that is over (what the gap list shows). */
export function overdueNow(
  rules: readonly RuleFacts[],
  org: OrgFacts,
  meetings: readonly MeetingFacts[],
  today: string,
): RulePeriod[] {
  return rules
    .filter((r) => r.active)
    .map((r) => {
      const current = periodStart(r.period, today)
      const last = periodStart(r.period, addDays(current, -1))
      return rulePeriod(r, org, meetings, last, today)
    })
    .filter((p) => p.status === 'overdue')
}

export interface AttendanceFacts {
  personId: number
  startsAt: string
  status: 'present' | 'absent' | 'excused'
  heldOn: string
}

/**
 * Each member's absences since they last attended, for the members with at least `min` (excused meetings
 * count neither way). The database keeps the same run in orglife_member_streak.
 */
export function absenceStreaks(rows: readonly AttendanceFacts[], min = 3) {
  const byPerson = new Map<number, AttendanceFacts[]>()
  for (const r of rows) {
    const list = byPerson.get(r.personId) ?? []
    list.push(r)
    byPerson.set(r.personId, list)
  }
  const out: Array<{ personId: number; streak: number; since: string }> = []
  for (const [personId, list] of byPerson) {
    const lastPresent = list
      .filter((r) => r.status === 'present')
      .reduce<string | null>((a, r) => (a === null || r.startsAt > a ? r.startsAt : a), null)
    const absences = list.filter(
      (r) => r.status === 'absent' && (lastPresent === null || r.startsAt > lastPresent),
    )
    if (absences.length >= min)
      out.push({
        personId,
        streak: absences.length,
        since: absences.map((r) => r.heldOn).sort()[0]!,
      })
  }
  return out.sort((a, b) => b.streak - a.streak || a.personId - b.personId)
}
