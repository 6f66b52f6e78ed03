import Type, { type Static } from 'typebox'
import { DateText, Id, Nullable, PageQuery } from './common.ts'

const AreaCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })

/** The five 清 in their order: 楼宇基本情况 · 入驻单位 · 党组织 · 党员 · 党建工作站. */
export const CENSUS_PARTS = ['building', 'units', 'orgs', 'members', 'stations'] as const
export type CensusPart = (typeof CENSUS_PARTS)[number]

/** 微信扫楼 · joint visit with the economic departments (党建条线联合经济条线) · an ordinary visit on site. */
export const VISIT_KINDS = ['wechat', 'joint', 'onsite'] as const
export type VisitKind = (typeof VISIT_KINDS)[number]

/** When and by whom a part was last checked on site; `since` falls back to the building's registration. */
export const PartFreshness = Type.Object({
  /** clear: recorded and verified within the period; stale: recorded, verified too long ago; missing. */
  state: Type.Enum(['clear', 'stale', 'missing']),
  verifiedOn: Nullable(DateText),
  verifiedBy: Nullable(Type.String()),
  /** The date the period is counted from: the last verification, or the registration if never verified. */
  since: DateText,
  /** The last day the part counts as fresh (since + the period). */
  freshUntil: DateText,
})
export type PartFreshness = Static<typeof PartFreshness>

/** One of a building's five 清: `ok` only when recorded and verified within the period (state clear). */
export const CompletenessItem = Type.Object({
  key: Type.Enum([...CENSUS_PARTS]),
  ok: Type.Boolean(),
  /** What is missing, or since when the part waits for a visit, in the request's language. */
  missing: Type.String(),
  state: Type.Enum(['clear', 'stale', 'missing']),
  verifiedOn: Nullable(DateText),
  verifiedBy: Nullable(Type.String()),
  freshUntil: DateText,
})
export type CompletenessItem = Static<typeof CompletenessItem>

export const VisitFindingInput = Type.Object(
  {
    // A string, not an enum: an unknown part gets its own error (census_part_unknown), not a schema one.
    part: Type.String({ minLength: 1, maxLength: 20 }),
    verified: Type.Boolean(),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const VisitInput = Type.Object(
  {
    buildingId: Id,
    visitedOn: DateText,
    kind: Type.Enum([...VISIT_KINDS]),
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    visitors: Type.Optional(Type.String({ maxLength: 200 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    findings: Type.Array(VisitFindingInput, { maxItems: 10 }),
    followUps: Type.Optional(
      Type.Array(
        Type.Object(
          { text: Type.String({ minLength: 1, maxLength: 300 }), dueOn: DateText },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
  },
  { additionalProperties: false },
)
export type VisitInput = Static<typeof VisitInput>

export const VisitFollowUp = Type.Object({
  id: Type.Integer(),
  visitId: Type.Integer(),
  buildingId: Type.Integer(),
  buildingName: Type.String(),
  text: Type.String(),
  dueOn: DateText,
  doneOn: Nullable(DateText),
  overdue: Type.Boolean(),
  version: Type.Integer(),
})
export type VisitFollowUp = Static<typeof VisitFollowUp>

export const Visit = Type.Object({
  id: Type.Integer(),
  buildingId: Type.Integer(),
  buildingName: Type.String(),
  visitedOn: DateText,
  kind: Type.Enum([...VISIT_KINDS]),
  department: Nullable(Type.String()),
  visitors: Nullable(Type.String()),
  note: Nullable(Type.String()),
  recordedBy: Nullable(Type.String()),
  findings: Type.Array(
    Type.Object({
      part: Type.Enum([...CENSUS_PARTS]),
      verified: Type.Boolean(),
      note: Nullable(Type.String()),
    }),
  ),
  photos: Type.Array(
    Type.Object({ id: Type.Integer(), contentType: Type.String(), sizeBytes: Type.Integer() }),
  ),
  followUps: Type.Array(VisitFollowUp),
})
export type Visit = Static<typeof Visit>

export const VisitQuery = Type.Object(
  { area: Type.Optional(AreaCode), building: Type.Optional(Id), ...PageQuery },
  { additionalProperties: false },
)

export const FreshnessQuery = Type.Object(
  { area: Type.Optional(AreaCode), building: Type.Optional(Id) },
  { additionalProperties: false },
)

/** The freshness figures of an area (or one building), computed from each part's last verification. */
export const Freshness = Type.Object({
  asOf: DateText,
  periodMonths: Type.Integer(),
  /** A part last verified before this day is stale. */
  cutoff: DateText,
  buildings: Type.Integer(),
  /** Buildings whose five parts were all verified within the period. */
  allFresh: Type.Integer(),
  staleParts: Type.Integer(),
  /** Parts that turn stale within the next 30 days. */
  dueSoon: Type.Integer(),
  openFollowUps: Type.Integer(),
  overdueFollowUps: Type.Integer(),
  byPart: Type.Array(
    Type.Object({
      part: Type.Enum([...CENSUS_PARTS]),
      stale: Type.Integer(),
      neverVerified: Type.Integer(),
    }),
  ),
})
export type Freshness = Static<typeof Freshness>

export const PlanQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    building: Type.Optional(Id),
    /** Only buildings where this part is stale (the drill-down of a `byPart` figure). */
    part: Type.Optional(Type.Enum([...CENSUS_PARTS])),
    /** Only buildings with at least one stale part. */
    stale: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
)

/** A building in the visit plan: the oldest verification first; `dueOn` is when its next visit is due. */
export const PlanRow = Type.Object({
  buildingId: Type.Integer(),
  name: Type.String(),
  areaName: Type.String(),
  dueOn: DateText,
  staleParts: Type.Array(Type.Enum([...CENSUS_PARTS])),
  parts: Type.Array(
    Type.Object({
      part: Type.Enum([...CENSUS_PARTS]),
      verifiedOn: Nullable(DateText),
      verifiedBy: Nullable(Type.String()),
      since: DateText,
      stale: Type.Boolean(),
    }),
  ),
  openFollowUps: Type.Integer(),
  lastVisitOn: Nullable(DateText),
})
export type PlanRow = Static<typeof PlanRow>

export const VisitFollowUpQuery = Type.Object(
  { area: Type.Optional(AreaCode), building: Type.Optional(Id), ...PageQuery },
  { additionalProperties: false },
)
