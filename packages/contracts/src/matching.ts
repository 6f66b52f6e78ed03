/** Request and response schemas of the matching API (相亲会 rounds). */
import Type, { type Static } from 'typebox'
import { Nullable } from './common.ts'

export const ROUND_STATE_LIST = ['draft', 'proposed', 'confirmed', 'closed'] as const
export const SOLVE_STATUS_LIST = ['idle', 'queued', 'running', 'failed'] as const
export const TARGET_KIND_LIST = ['community', 'building', 'need'] as const

/** 'area:310120003201', 'building:7' or 'need:42' */
export const TargetKey = Type.String({ pattern: '^(area|building|need):[0-9]{1,12}$', maxLength: 20 })

export const RoundProviderInput = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    /** How many targets it takes on in this round; 0 keeps it listed but out of the assignment. */
    capacity: Type.Integer({ maximum: 1000 }),
    categories: Type.Array(Type.String({ maxLength: 42 }), { maxItems: 30 }),
  },
  { additionalProperties: false },
)

export const Want = Type.Object(
  { category: Type.String({ maxLength: 42 }), weight: Type.Integer({ minimum: 1, maximum: 5 }) },
  { additionalProperties: false },
)

export const RoundTargetInput = Type.Object(
  {
    key: TargetKey,
    /** How many providers it wants (default 1). */
    demand: Type.Optional(Type.Integer({ maximum: 100 })),
    wants: Type.Array(Want, { maxItems: 30 }),
  },
  { additionalProperties: false },
)

/** One side's ranked choices: a provider ranks targets, or a target ranks providers (first = rank 1). */
export const RankedChoice = Type.Union([
  Type.Object(
    {
      side: Type.Literal('provider'),
      unitId: Type.Integer({ minimum: 1 }),
      ranked: Type.Array(TargetKey, { maxItems: 20 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      side: Type.Literal('target'),
      targetKey: TargetKey,
      ranked: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 }),
    },
    { additionalProperties: false },
  ),
])

export const PinInput = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1 }),
    targetKey: TargetKey,
    kind: Type.Enum(['pin', 'forbid']),
    /** Pin a pair the rules would not allow (no shared category). */
    override: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type PinInput = Static<typeof PinInput>

export const RoundOptions = Type.Object(
  { areaReach: Type.Optional(Type.Enum(['same', 'adjacent', 'any'])) },
  { additionalProperties: false },
)

export const RoundInput = Type.Object(
  {
    areaCode: Type.String({ maxLength: 12 }),
    name: Type.String({ minLength: 2, maxLength: 100 }),
    providers: Type.Array(RoundProviderInput, { maxItems: 10_000 }),
    targets: Type.Array(RoundTargetInput, { maxItems: 30_000 }),
    preferences: Type.Optional(Type.Array(RankedChoice, { maxItems: 40_000 })),
    pins: Type.Optional(Type.Array(PinInput, { maxItems: 5_000 })),
    options: Type.Optional(RoundOptions),
  },
  { additionalProperties: false },
)
export type RoundInput = Static<typeof RoundInput>

/** Replaces the sections given; the round goes back to draft until solved again. */
export const RoundPatch = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    providers: Type.Optional(Type.Array(RoundProviderInput, { maxItems: 10_000 })),
    targets: Type.Optional(Type.Array(RoundTargetInput, { maxItems: 30_000 })),
    preferences: Type.Optional(Type.Array(RankedChoice, { maxItems: 40_000 })),
    pins: Type.Optional(Type.Array(PinInput, { maxItems: 5_000 })),
    options: Type.Optional(RoundOptions),
  },
  { additionalProperties: false },
)
export type RoundPatch = Static<typeof RoundPatch>

export const ConfirmBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    /** Monthly follow-ups after the confirmation day (default 3). */
    followUpMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })),
  },
  { additionalProperties: false },
)

export const FollowUpPatch = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    done: Type.Boolean(),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
)

export const MatchReason = Type.Object({
  kind: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  points: Type.Integer(),
})

export const ProposalPair = Type.Object({
  unitId: Type.Integer(),
  targetKey: Type.String(),
  score: Type.Integer(),
  reasons: Type.Array(MatchReason),
  pinned: Type.Boolean(),
  /** Compared with the proposal before it: new in this one, or kept. */
  change: Type.Enum(['added', 'kept']),
})

export const Proposal = Type.Object({
  pairs: Type.Array(ProposalPair),
  /** Pairs of the previous proposal this one dropped. */
  removed: Type.Array(
    Type.Object({ unitId: Type.Integer(), targetKey: Type.String(), score: Type.Integer() }),
  ),
  totalFit: Type.Integer(),
  /** The best-pair-first baseline's total on the same input, for comparison. */
  greedyFit: Type.Integer(),
  unassigned: Type.Array(
    Type.Object({ targetKey: Type.String(), demand: Type.Integer(), assigned: Type.Integer() }),
  ),
  /** The input changed after this was solved: solve again before confirming. */
  stale: Type.Boolean(),
  solvedAt: Type.String(),
})

export const RoundSummary = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  name: Type.String(),
  areaCode: Type.String(),
  areaName: Type.String(),
  state: Type.Enum([...ROUND_STATE_LIST]),
  solveStatus: Type.Enum([...SOLVE_STATUS_LIST]),
  providers: Type.Integer(),
  targets: Type.Integer(),
  pairs: Type.Integer(),
  totalFit: Nullable(Type.Integer()),
  agreements: Type.Integer(),
  confirmedOn: Nullable(Type.String()),
  updatedAt: Type.String(),
})
export type RoundSummary = Static<typeof RoundSummary>

export const FollowUp = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  dueOn: Type.String(),
  doneAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
})

export const Agreement = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  providerName: Type.String(),
  targetKey: Type.String(),
  targetName: Type.String(),
  score: Type.Integer(),
  reasons: Type.Array(MatchReason),
  confirmedOn: Type.String(),
  followUps: Type.Array(FollowUp),
})
export type Agreement = Static<typeof Agreement>

export const Round = Type.Object({
  ...RoundSummary.properties,
  options: RoundOptions,
  solveError: Nullable(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() })),
  providerList: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      name: Type.String(),
      areaCode: Type.String(),
      capacity: Type.Integer(),
      categories: Type.Array(Type.String()),
      load: Type.Integer(),
    }),
  ),
  targetList: Type.Array(
    Type.Object({
      key: Type.String(),
      kind: Type.Enum([...TARGET_KIND_LIST]),
      name: Type.String(),
      areaCode: Type.String(),
      demand: Type.Integer(),
      wants: Type.Array(Want),
      assigned: Type.Integer(),
    }),
  ),
  preferences: Type.Array(
    Type.Object({
      side: Type.Enum(['provider', 'target']),
      unitId: Type.Integer(),
      targetKey: Type.String(),
      rank: Type.Integer(),
    }),
  ),
  pins: Type.Array(PinInput),
  proposal: Nullable(Proposal),
  agreementList: Type.Array(Agreement),
})
export type Round = Static<typeof Round>

/** What the wizard offers for an area: units that could serve, and the targets inside it. */
export const RoundCandidates = Type.Object({
  providers: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      name: Type.String(),
      kind: Type.String(),
      areaCode: Type.String(),
      /** Categories of its active offerings. */
      categories: Type.Array(Type.String()),
    }),
  ),
  targets: Type.Array(
    Type.Object({
      key: Type.String(),
      kind: Type.Enum([...TARGET_KIND_LIST]),
      name: Type.String(),
      areaCode: Type.String(),
      /** Categories of its open needs (for a need, its own). */
      wants: Type.Array(Type.String()),
    }),
  ),
})
export type RoundCandidates = Static<typeof RoundCandidates>
export const CandidatesQuery = Type.Object(
  {
    area: Type.String({ maxLength: 12 }),
    allianceId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
