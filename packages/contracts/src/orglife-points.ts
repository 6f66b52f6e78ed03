/** The participation ledger (党员积分) and a member's own page of the orglife API. */
import Type, { type Static } from 'typebox'
import { Nullable } from './common.ts'

const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

export const POINT_SOURCES = ['meeting', 'lecture', 'volunteer', 'patrol', 'wish'] as const

export const PointsRule = Type.Object({
  source: Type.Enum([...POINT_SOURCES]),
  points: Type.Integer(),
  unit: Type.Enum(['each', 'hour']),
  active: Type.Boolean(),
  version: Type.Integer(),
})
export type PointsRule = Static<typeof PointsRule>

export const PointsRuleUpdate = Type.Object(
  {
    points: Type.Integer({ minimum: 0, maximum: 100 }),
    active: Type.Boolean(),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)

export const LedgerEntry = Type.Object({
  source: Type.Enum([...POINT_SOURCES]),
  day: DateOnly,
  title: Type.String(),
  /** Volunteer hours behind the points (null for the others). */
  minutes: Nullable(Type.Integer()),
  points: Type.Integer(),
})
export type LedgerEntry = Static<typeof LedgerEntry>

export const SourceTotal = Type.Object({
  source: Type.Enum([...POINT_SOURCES]),
  count: Type.Integer(),
  points: Type.Integer(),
})

export const Ledger = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  year: Type.Integer(),
  total: Type.Integer(),
  bySource: Type.Array(SourceTotal),
  entries: Type.Array(LedgerEntry),
})
export type Ledger = Static<typeof Ledger>

/** What a member sees of their own organisational life. */
export const MyOrglife = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  partyOrgId: Nullable(Type.Integer()),
  partyOrgName: Nullable(Type.String()),
  year: Type.Integer(),
  meetings: Type.Array(
    Type.Object({
      meetingId: Type.Integer(),
      partyOrgName: Type.String(),
      kindCode: Type.String(),
      heldOn: DateOnly,
      topic: Type.String(),
      status: Type.Enum(['present', 'absent', 'excused']),
      reason: Nullable(Type.String()),
    }),
  ),
  dues: Nullable(
    Type.Object({
      category: Nullable(Type.String()),
      monthlyCents: Nullable(Type.Integer()),
      /** The member's own income (their own data, not masked to them). */
      monthlyIncome: Nullable(Type.Number()),
      rateBp: Nullable(Type.Integer()),
      paidMonths: Type.Array(Type.String()),
      arrearsMonths: Type.Array(Type.String()),
      arrearsCents: Type.Integer(),
      paidThrough: Nullable(Type.String()),
    }),
  ),
  points: Ledger,
})
export type MyOrglife = Static<typeof MyOrglife>

/** Members' totals in one organisation, by name: encouragement, not a ranking. */
export const OrgPoints = Type.Object({
  partyOrgId: Type.Integer(),
  year: Type.Integer(),
  members: Type.Array(
    Type.Object({
      personId: Type.Integer(),
      name: Type.String(),
      total: Type.Integer(),
      bySource: Type.Array(SourceTotal),
    }),
  ),
})
export type OrgPoints = Static<typeof OrgPoints>
