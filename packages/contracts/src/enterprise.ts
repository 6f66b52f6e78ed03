/** Request and response schemas of the enterprise API. */
import Type, { type Static } from 'typebox'
import { DateText as DateStr, Nullable } from './common.ts'

/**
 * An eligibility rule: `{and: [...]}`, `{or: [...]}`, `{not: rule}` or `{field, op, value}`. Its shape is
 * checked by the server's rule validator (which names the exact problem), so the schema only says "object".
 */
export const EligibilityRule = Type.Object(
  {},
  { additionalProperties: true, description: 'and/or/not tree of {field, op, value}' },
)
export type RuleNode =
  | { and: RuleNode[] }
  | { or: RuleNode[] }
  | { not: RuleNode }
  | { field: string; op: string; value?: string | number | boolean | (string | number | boolean)[] | null }

export const RuleField = Type.Object({
  key: Type.String(),
  label: Type.String(),
  type: Type.Enum(['string', 'enum', 'number', 'date', 'boolean', 'area', 'id']),
  operators: Type.Array(Type.String()),
  options: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  unit: Nullable(Type.String()),
  custom: Type.Boolean(),
})
export type RuleField = Static<typeof RuleField>

export const RuleProblemItem = Type.Object({
  code: Type.String(),
  message: Type.String(),
  path: Type.String(),
})

export const RuleCheck = Type.Object({
  valid: Type.Boolean(),
  problems: Type.Array(RuleProblemItem),
  textZh: Nullable(Type.String()),
  textEn: Nullable(Type.String()),
})
export type RuleCheck = Static<typeof RuleCheck>

export const PolicyInput = Type.Object(
  {
    areaCode: Type.String({ maxLength: 12 }),
    title: Type.String({ minLength: 2, maxLength: 200 }),
    issuer: Type.String({ minLength: 2, maxLength: 200 }),
    validFrom: DateStr,
    validTo: Type.Optional(Nullable(DateStr)),
    benefit: Type.String({ minLength: 2, maxLength: 2000 }),
    documents: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 30 }),
    rule: EligibilityRule,
    status: Type.Optional(Type.Enum(['draft', 'published', 'archived'])),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
export type PolicyInput = Static<typeof PolicyInput>

export const Policy = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  areaCode: Type.String(),
  areaName: Type.String(),
  title: Type.String(),
  issuer: Type.String(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  benefit: Type.String(),
  documents: Type.Array(Type.String()),
  rule: EligibilityRule,
  ruleText: Type.String(),
  status: Type.Enum(['draft', 'published', 'archived']),
  inEffect: Type.Boolean(),
})
export type Policy = Static<typeof Policy>

export const PolicyMatch = Type.Object({
  policy: Policy,
  /** Plain-language lines of what the unit still lacks (empty when it qualifies). */
  missing: Type.Array(Type.String()),
})
export type PolicyMatch = Static<typeof PolicyMatch>

export const UnitPolicies = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  facts: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
  qualified: Type.Array(PolicyMatch),
  nearlyQualified: Type.Array(PolicyMatch),
})
export type UnitPolicies = Static<typeof UnitPolicies>

export const PolicyUnit = Type.Object({
  unitId: Type.Integer(),
  name: Type.String(),
  areaName: Type.String(),
  missing: Type.Array(Type.String()),
})
export const PolicyUnits = Type.Object({
  qualified: Type.Array(PolicyUnit),
  nearlyQualified: Type.Array(PolicyUnit),
  qualifiedCount: Type.Integer(),
  nearlyQualifiedCount: Type.Integer(),
  scanned: Type.Integer(),
})
export type PolicyUnits = Static<typeof PolicyUnits>

export const NotifyResult = Type.Object({
  units: Type.Integer(),
  notifications: Type.Integer(),
  alreadyNotified: Type.Integer(),
})

export const UnitAttributesInput = Type.Object(
  {
    values: Type.Record(
      Type.String({ maxLength: 42 }),
      Nullable(Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()])),
    ),
  },
  { additionalProperties: false },
)

// Incubators
export const INCUBATEE_STATUS = ['incubating', 'graduated', 'left'] as const
export const IncubatorInput = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    areaCode: Type.String({ maxLength: 12 }),
    parkId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    operatorUnitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    openedOn: Type.Optional(Nullable(DateStr)),
    capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100000 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)
export const IncubatorFigures = Type.Object({
  incubating: Type.Integer(),
  cumulative: Type.Integer(),
  graduated: Type.Integer(),
  left: Type.Integer(),
})
export type IncubatorFigures = Static<typeof IncubatorFigures>
export const Incubator = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  areaCode: Type.String(),
  parkName: Nullable(Type.String()),
  openedOn: Nullable(Type.String()),
  capacity: Nullable(Type.Integer()),
  description: Nullable(Type.String()),
  figures: IncubatorFigures,
})
export type Incubator = Static<typeof Incubator>
export const Incubatee = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  enteredOn: Type.String(),
  exitedOn: Nullable(Type.String()),
  status: Type.Enum(INCUBATEE_STATUS),
  services: Type.Integer(),
})
export type Incubatee = Static<typeof Incubatee>
export const IncubateeInput = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    enteredOn: DateStr,
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
)
export const IncubateeExit = Type.Object(
  { status: Type.Enum(['graduated', 'left']), exitedOn: DateStr, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const IncubatorServiceInput = Type.Object(
  {
    servedOn: DateStr,
    kind: Type.Enum(['policy', 'finance', 'legal', 'training', 'space', 'market', 'other']),
    description: Type.String({ minLength: 2, maxLength: 500 }),
    providerUnitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
)
export const IncubatorSeriesPoint = Type.Object({ month: Type.String(), ...IncubatorFigures.properties })
export const IncubatorSeries = Type.Object({ points: Type.Array(IncubatorSeriesPoint) })
export type IncubatorSeries = Static<typeof IncubatorSeries>

// 24-hour desk
export const DeskSetting = Type.Object({
  areaCode: Type.String(),
  newlySettledDays: Type.Integer({ minimum: 1, maximum: 180 }),
})
export const ServiceTeamInput = Type.Object(
  { parkId: Type.Integer({ minimum: 1 }), providerUnitId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export const ServiceTeam = Type.Object({
  parkId: Type.Integer(),
  parkName: Type.String(),
  providers: Type.Array(Type.Object({ unitId: Type.Integer(), name: Type.String() })),
})
export const DeskNeedInput = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    description: Type.String({ minLength: 2, maxLength: 2000 }),
    contactName: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  },
  { additionalProperties: false },
)
export const Newcomer = Type.Object({
  unitId: Type.Integer(),
  name: Type.String(),
  settledOn: Type.String(),
  parkName: Nullable(Type.String()),
  daysSinceSettled: Type.Integer(),
})
export const DeskItem = Type.Object({
  needId: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  parkName: Nullable(Type.String()),
  team: Type.Array(Type.String()),
  description: Type.String(),
  state: Type.String(),
  providerName: Nullable(Type.String()),
  submittedAt: Type.String(),
  firstResponseDueAt: Type.String(),
  /** Milliseconds left to the first-response deadline (negative when overdue); null once answered. */
  remainingMs: Nullable(Type.Number()),
  overdue: Type.Boolean(),
  escalated: Type.Boolean(),
})
export type DeskItem = Static<typeof DeskItem>

// 一企一品 brands
export const BrandActivity = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  on: Nullable(DateStr),
  description: Nullable(Type.String({ maxLength: 2000 })),
})
export const BrandInput = Type.Object(
  {
    partyOrgId: Type.Integer({ minimum: 1 }),
    name: Type.String({ minLength: 2, maxLength: 100 }),
    slogan: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    story: Type.String({ minLength: 2, maxLength: 5000 }),
    activities: Type.Array(BrandActivity, { maxItems: 50 }),
    volunteerTeam: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    volunteerCount: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000 }))),
    published: Type.Optional(Type.Boolean()),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
export const BrandAssessment = Type.Object({
  id: Type.Integer(),
  assessedOn: Type.String(),
  scores: Type.Array(Type.Object({ criterion: Type.String(), score: Type.Number(), max: Type.Number() })),
  total: Type.Integer(),
  maxTotal: Type.Integer(),
  comment: Nullable(Type.String()),
})
export const Brand = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  partyOrgId: Type.Integer(),
  partyOrgName: Type.String(),
  name: Type.String(),
  slogan: Nullable(Type.String()),
  story: Type.String(),
  activities: Type.Array(BrandActivity),
  volunteerTeam: Nullable(Type.String()),
  volunteerCount: Nullable(Type.Integer()),
  published: Type.Boolean(),
  latestScore: Nullable(
    Type.Object({ total: Type.Integer(), maxTotal: Type.Integer(), assessedOn: Type.String() }),
  ),
  assessments: Type.Array(BrandAssessment),
})
export type Brand = Static<typeof Brand>
export const AssessmentInput = Type.Object(
  {
    assessedOn: DateStr,
    scores: Type.Array(
      Type.Object({
        criterion: Type.String({ minLength: 1, maxLength: 100 }),
        score: Type.Integer({ minimum: -1000, maximum: 1000 }),
        max: Type.Integer({ minimum: 1, maximum: 1000 }),
      }),
      { minItems: 1, maxItems: 20 },
    ),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)
