import Type, { type Static } from 'typebox'
import { CompletenessItem } from './census.ts'
import { PageQuery } from './common.ts'

export const COVERAGE_CATEGORIES = ['own', 'joint', 'should_have', 'only_members', 'no_members'] as const
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number]

/** Each figure has a key that `GET /api/coverage/rows?figure=<key>` drills into. */
export const FIGURE_KEYS = [
  'buildings',
  'buildingsInScope',
  'buildingsWithChief',
  'buildingsWholeCovered',
  'stations',
  'units',
  'operatingUnits',
  'members',
  'formalMembers',
  'probationaryMembers',
  'membersUnder35',
  'notTransferred',
  'instructorSent',
  ...COVERAGE_CATEGORIES.map((c) => `category.${c}` as const),
] as const
export type FigureKey = (typeof FIGURE_KEYS)[number]

export const CoverageQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })),
    building: Type.Optional(Type.Integer({ minimum: 1 })),
    park: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)

export const CoverageFigures = Type.Object({
  scope: Type.Object({
    kind: Type.Enum(['area', 'building', 'park']),
    id: Type.String(),
    name: Type.String(),
  }),
  asOf: Type.String(),
  buildings: Type.Integer(),
  buildingsInScope: Type.Integer(),
  buildingsWithChief: Type.Integer(),
  /** in-scope buildings with a chief ÷ in-scope buildings */
  chiefCoverageRate: Type.Number(),
  /** Buildings covered whole by a live party organisation (a building's or a multi-building joint one). */
  buildingsWholeCovered: Type.Integer(),
  /** 党建工作站 of every kind in scope, and by kind: service_station, micro_home, center, life_station. */
  stations: Type.Integer(),
  stationsByKind: Type.Record(Type.String(), Type.Integer()),
  /** For an area: the villages (村委会) and residential committees (居委会) directly under it. */
  subAreas: Type.Union([Type.Object({ villages: Type.Integer(), communities: Type.Integer() }), Type.Null()]),
  units: Type.Integer(),
  operatingUnits: Type.Integer(),
  /** Operating units by kind: private, foreign, state, social_org, agency. */
  unitsByKind: Type.Record(Type.String(), Type.Integer()),
  /** Employees of operating units, as registered. */
  employees: Type.Integer(),
  members: Type.Integer(),
  formalMembers: Type.Integer(),
  probationaryMembers: Type.Integer(),
  membersUnder35: Type.Integer(),
  under35Share: Type.Number(),
  notTransferred: Type.Integer(),
  instructorSent: Type.Integer(),
  categories: Type.Object({
    own: Type.Integer(),
    joint: Type.Integer(),
    should_have: Type.Integer(),
    only_members: Type.Integer(),
    no_members: Type.Integer(),
  }),
  /** 组织覆盖率 = (own + joint) ÷ operating units */
  orgCoverageRate: Type.Number(),
  /** 单独组建率 = own ÷ operating units */
  ownOrgRate: Type.Number(),
})
export type CoverageFigures = Static<typeof CoverageFigures>

export const DrillQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })),
    building: Type.Optional(Type.Integer({ minimum: 1 })),
    park: Type.Optional(Type.Integer({ minimum: 1 })),
    figure: Type.Enum([...FIGURE_KEYS]),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const DrillRow = Type.Object({
  entity: Type.Enum(['building', 'unit', 'person', 'station']),
  id: Type.Integer(),
  name: Type.String(),
  detail: Type.String(),
})
export type DrillRow = Static<typeof DrillRow>

export const GAP_RULES = [
  'unit_should_have_branch',
  'unit_needs_joint_branch',
  'joint_branch_too_many_units',
  'branch_too_many_members',
  'branch_needs_committee',
  'building_without_chief',
  'building_without_org',
  'member_not_transferred',
  // organisational life (orglife): a meeting rule missed in its latest finished period
  'meeting_overdue',
] as const
export type GapRule = (typeof GAP_RULES)[number]

export const Gap = Type.Object({
  rule: Type.Enum([...GAP_RULES]),
  /** The rule in words, in the request's language. */
  ruleText: Type.String(),
  entity: Type.Enum(['unit', 'party_org', 'building', 'person']),
  id: Type.Integer(),
  name: Type.String(),
  areaCode: Type.Union([Type.String(), Type.Null()]),
  facts: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
  action: Type.String(),
})
export type Gap = Static<typeof Gap>

export const GapQuery = Type.Object(
  {
    area: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })),
    rule: Type.Optional(Type.Enum([...GAP_RULES])),
    ...PageQuery,
  },
  { additionalProperties: false },
)

/** How many departures each rule has in an area (the list's own rows, counted), rules in list order. */
export const GapCounts = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  rules: Type.Array(Type.Object({ rule: Type.Enum([...GAP_RULES]), count: Type.Integer({ minimum: 0 }) })),
})
export type GapCounts = Static<typeof GapCounts>

export const JointBranchProposal = Type.Object({
  buildingId: Type.Union([Type.Integer(), Type.Null()]),
  buildingName: Type.Union([Type.String(), Type.Null()]),
  units: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      members: Type.Integer(),
      industry: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  members: Type.Integer(),
  reason: Type.String(),
})
export type JointBranchProposal = Static<typeof JointBranchProposal>

export const Completeness = Type.Object({
  buildingId: Type.Integer(),
  name: Type.String(),
  score: Type.Integer({ minimum: 0, maximum: 5 }),
  items: Type.Array(CompletenessItem),
})
export type Completeness = Static<typeof Completeness>

export const Snapshot = Type.Object({
  id: Type.Integer(),
  areaCode: Type.String(),
  takenOn: Type.String(),
  label: Type.Union([Type.String(), Type.Null()]),
  figures: CoverageFigures,
})
export type Snapshot = Static<typeof Snapshot>
