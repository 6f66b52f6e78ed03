/** Request and response schemas of the organisational-life (组织生活) API. */
import Type, { type Static } from 'typebox'

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])
const AreaCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Instant = Type.String({ format: 'date-time', maxLength: 40 })
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' })
const Year = Type.Integer({ minimum: 2000, maximum: 2100 })

export const PERIOD_UNITS = ['month', 'quarter', 'year'] as const
export const RULE_APPLIES = ['all', 'committee', 'groups'] as const
export const ORG_TYPES = ['committee', 'general_branch', 'branch', 'joint_branch'] as const
export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const
export const ABSENCE_REASONS = ['official_duty', 'sick', 'personal', 'other'] as const
export const PERIOD_STATUSES = ['met', 'overdue', 'pending', 'not_due'] as const

export const MeetingKind = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  sort: Type.Integer(),
  active: Type.Boolean(),
})
export type MeetingKind = Static<typeof MeetingKind>

export const MeetingRule = Type.Object({
  code: Type.String(),
  kindCode: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  period: Type.Enum([...PERIOD_UNITS]),
  minCount: Type.Integer(),
  appliesTo: Type.Enum([...RULE_APPLIES]),
  bySecretary: Type.Boolean(),
  orgTypes: Type.Array(Type.Enum([...ORG_TYPES])),
  sort: Type.Integer(),
  active: Type.Boolean(),
  version: Type.Integer(),
})
export type MeetingRule = Static<typeof MeetingRule>

export const MeetingRuleInput = Type.Object(
  {
    kindCode: Code,
    name: Type.String({ minLength: 2, maxLength: 80 }),
    nameEn: Type.String({ minLength: 2, maxLength: 120 }),
    period: Type.Enum([...PERIOD_UNITS]),
    minCount: Type.Integer({ minimum: 1, maximum: 31 }),
    appliesTo: Type.Enum([...RULE_APPLIES]),
    bySecretary: Type.Boolean(),
    orgTypes: Type.Array(Type.Enum([...ORG_TYPES]), { minItems: 1, maxItems: 4, uniqueItems: true }),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    active: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type MeetingRuleInput = Static<typeof MeetingRuleInput>

export const NewMeetingRule = Type.Object(
  { code: Code, ...MeetingRuleInput.properties },
  { additionalProperties: false },
)
export const MeetingRuleUpdate = Type.Object(
  { version: Type.Integer({ minimum: 1 }), ...MeetingRuleInput.properties },
  { additionalProperties: false },
)

export const PartyGroup = Type.Object({
  id: Type.Integer(),
  partyOrgId: Type.Integer(),
  name: Type.String(),
  leaderPersonId: Nullable(Type.Integer()),
  leaderName: Nullable(Type.String()),
  memberIds: Type.Array(Type.Integer()),
  version: Type.Integer(),
})
export type PartyGroup = Static<typeof PartyGroup>

export const PartyGroupInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    leaderPersonId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    memberIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200, uniqueItems: true }),
  },
  { additionalProperties: false },
)
export const PartyGroupUpdate = Type.Object(
  { version: Type.Integer({ minimum: 1 }), ...PartyGroupInput.properties },
  { additionalProperties: false },
)

/** Who is expected at the organisation's meetings, as the record form pre-fills it. */
export const RosterEntry = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  /** member: of this organisation; floating_in: a floating member registered here (流入党员). */
  kind: Type.Enum(['member', 'floating_in']),
  status: Nullable(Type.Enum(['formal', 'probationary'])),
  groupId: Nullable(Type.Integer()),
  /** What the form suggests: excused for members away on an outgoing floating registration. */
  suggested: Type.Enum([...ATTENDANCE_STATUSES]),
  note: Nullable(Type.String()),
})
export type RosterEntry = Static<typeof RosterEntry>

export const OrgRoster = Type.Object({
  partyOrgId: Type.Integer(),
  name: Type.String(),
  type: Type.Enum([...ORG_TYPES]),
  hasCommittee: Type.Boolean(),
  secretaryPersonId: Nullable(Type.Integer()),
  groups: Type.Array(PartyGroup),
  people: Type.Array(RosterEntry),
})
export type OrgRoster = Static<typeof OrgRoster>

export const AttendanceInput = Type.Object(
  {
    personId: Type.Integer({ minimum: 1 }),
    status: Type.Enum([...ATTENDANCE_STATUSES]),
    reason: Type.Optional(Nullable(Type.Enum([...ABSENCE_REASONS]))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
)

export const MeetingInput = Type.Object(
  {
    kindCode: Code,
    startsAt: Instant,
    endsAt: Type.Optional(Nullable(Instant)),
    groupId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    place: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    /** A station room booking the meeting used; the place is then the room. */
    bookingId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    topic: Type.String({ minLength: 2, maxLength: 200 }),
    presenterPersonId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    presenterName: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    minutes: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
    decisions: Type.Optional(Nullable(Type.String({ maxLength: 5_000 }))),
    roster: Type.Array(AttendanceInput, { maxItems: 500 }),
  },
  { additionalProperties: false },
)
export type MeetingInput = Static<typeof MeetingInput>

export const MeetingUpdate = Type.Object(
  { version: Type.Integer({ minimum: 1 }), ...MeetingInput.properties },
  { additionalProperties: false },
)

export const Attendance = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  status: Type.Enum([...ATTENDANCE_STATUSES]),
  reason: Nullable(Type.Enum([...ABSENCE_REASONS])),
  note: Nullable(Type.String()),
})

export const MeetingSummary = Type.Object({
  id: Type.Integer(),
  partyOrgId: Type.Integer(),
  partyOrgName: Type.String(),
  kindCode: Type.String(),
  groupId: Nullable(Type.Integer()),
  groupName: Nullable(Type.String()),
  startsAt: Type.String(),
  heldOn: Type.String(),
  topic: Type.String(),
  place: Nullable(Type.String()),
  presenterName: Nullable(Type.String()),
  source: Type.Enum(['record', 'campaign']),
  eventId: Nullable(Type.Integer()),
  present: Type.Integer(),
  absent: Type.Integer(),
  excused: Type.Integer(),
  photos: Type.Integer(),
})
export type MeetingSummary = Static<typeof MeetingSummary>

export const Meeting = Type.Object({
  ...MeetingSummary.properties,
  endsAt: Nullable(Type.String()),
  bookingId: Nullable(Type.Integer()),
  presenterPersonId: Nullable(Type.Integer()),
  minutes: Nullable(Type.String()),
  decisions: Nullable(Type.String()),
  roster: Type.Array(Attendance),
  photoIds: Type.Array(Type.Integer()),
  recordedBy: Nullable(Type.String()),
  version: Type.Integer(),
})
export type Meeting = Static<typeof Meeting>

export const MeetingListQuery = Type.Object(
  {
    year: Type.Optional(Year),
    kind: Type.Optional(Code),
  },
  { additionalProperties: false },
)

export const RulePeriod = Type.Object({
  rule: Type.String(),
  start: DateOnly,
  end: DateOnly,
  expected: Type.Integer(),
  held: Type.Integer(),
  status: Type.Enum([...PERIOD_STATUSES]),
})
export type RulePeriod = Static<typeof RulePeriod>

export const Absentee = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  partyOrgId: Type.Integer(),
  partyOrgName: Type.String(),
  streak: Type.Integer(),
  since: DateOnly,
})
export type Absentee = Static<typeof Absentee>

/** One organisation's year: every rule's periods, attendance, and members absent three times running. */
export const OrgCompliance = Type.Object({
  partyOrgId: Type.Integer(),
  name: Type.String(),
  year: Type.Integer(),
  today: DateOnly,
  rules: Type.Array(MeetingRule),
  periods: Type.Array(RulePeriod),
  /** Met ÷ due over the periods that are over (null when none is). */
  rate: Nullable(Type.Number()),
  meetings: Type.Integer(),
  present: Type.Integer(),
  absent: Type.Integer(),
  attendanceRate: Nullable(Type.Number()),
  absentees: Type.Array(Absentee),
})
export type OrgCompliance = Static<typeof OrgCompliance>

export const ComplianceQuery = Type.Object(
  { area: Type.Optional(AreaCode), year: Type.Optional(Year) },
  { additionalProperties: false },
)

export const RuleFigure = Type.Object({
  rule: Type.String(),
  kindCode: Type.String(),
  name: Type.String(),
  period: Type.Enum([...PERIOD_UNITS]),
  /** Organisations the rule applies to now. */
  orgs: Type.Integer(),
  /** Over the periods of the year that are over: organisation-periods due, met and missed. */
  due: Type.Integer(),
  met: Type.Integer(),
  overdue: Type.Integer(),
  /** Meetings counted towards the rule in the year. */
  held: Type.Integer(),
  periods: Type.Array(
    Type.Object({
      start: DateOnly,
      end: DateOnly,
      due: Type.Integer(),
      met: Type.Integer(),
      held: Type.Integer(),
      over: Type.Boolean(),
    }),
  ),
})
export type RuleFigure = Static<typeof RuleFigure>

export const ComplianceFigures = Type.Object({
  scope: Type.Object({ code: Type.String(), name: Type.String() }),
  year: Type.Integer(),
  today: DateOnly,
  /** Organisations any rule applies to. */
  orgs: Type.Integer(),
  due: Type.Integer(),
  met: Type.Integer(),
  overdue: Type.Integer(),
  rate: Nullable(Type.Number()),
  meetings: Type.Integer(),
  present: Type.Integer(),
  absent: Type.Integer(),
  excused: Type.Integer(),
  attendanceRate: Nullable(Type.Number()),
  /** Members (of organisations in scope) absent from their last three meetings or more. */
  absentees: Type.Integer(),
  /** Open floating registrations today: people taking part here whose relation is elsewhere (流入), members away (外出). */
  floatingIn: Type.Integer(),
  floatingOut: Type.Integer(),
  rules: Type.Array(RuleFigure),
  months: Type.Array(
    Type.Object({
      month: DateOnly,
      meetings: Type.Integer(),
      present: Type.Integer(),
      absent: Type.Integer(),
    }),
  ),
  /** The same figures for each area directly below (districts of the city, streets of a district). */
  children: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      orgs: Type.Integer(),
      due: Type.Integer(),
      met: Type.Integer(),
      rate: Nullable(Type.Number()),
      meetings: Type.Integer(),
    }),
  ),
})
export type ComplianceFigures = Static<typeof ComplianceFigures>

export const ComplianceOrgQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    year: Type.Optional(Year),
    rule: Type.Optional(Code),
    /** With rule: one period of it (its first day). */
    period: Type.Optional(DateOnly),
    /** met / overdue (missed periods that are over) / due (every organisation due the period). */
    status: Type.Optional(Type.Enum(['met', 'overdue', 'due'])),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
)

export const ComplianceOrgRow = Type.Object({
  partyOrgId: Type.Integer(),
  name: Type.String(),
  type: Type.Enum([...ORG_TYPES]),
  areaCode: Type.String(),
  /** Over the selected periods that are over. */
  due: Type.Integer(),
  met: Type.Integer(),
  held: Type.Integer(),
})
export type ComplianceOrgRow = Static<typeof ComplianceOrgRow>

export const AbsenteeQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
)

export const OrgIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export const YearQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false })
