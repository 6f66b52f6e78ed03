import Type, { type Static } from 'typebox'
import { DateText, Nullable, PageQuery } from './common.ts'

/** Shanghai's four categories (上海市生活垃圾管理条例, 2019-07-01). */
export const WASTE_CATEGORIES = ['recyclable', 'hazardous', 'wet', 'dry'] as const
export type WasteCategory = (typeof WASTE_CATEGORIES)[number]
export const WasteCategory = Type.Enum([...WASTE_CATEGORIES])

/** How a result was found: the item's name or alias, its pinyin or initials, its English name, or a near miss. */
export const WASTE_MATCH_FORMS = [
  'name',
  'alias',
  'pinyin',
  'initials',
  'english',
  'typo',
  'homophone',
  'partial',
] as const
export type WasteMatchForm = (typeof WASTE_MATCH_FORMS)[number]

/** Longest query the lookup accepts; item names are short, so anything longer is not a search. */
export const WASTE_QUERY_MAX = 64

export const WasteLookupQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: WASTE_QUERY_MAX }) },
  { additionalProperties: false },
)
export type WasteLookupQuery = Static<typeof WasteLookupQuery>

export const WasteItemBrief = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  category: WasteCategory,
  reason: Type.String(),
  disposal: Nullable(Type.String()),
  aliases: Type.Array(Type.String()),
})
export type WasteItemBrief = Static<typeof WasteItemBrief>

/** What goes in each bin: a few short, common dictionary items per category (the kiosk's tiles). */
export const WasteExamples = Type.Array(
  Type.Object({
    category: WasteCategory,
    examples: Type.Array(Type.Object({ name: Type.String(), reason: Type.String() })),
  }),
)
export type WasteExamples = Static<typeof WasteExamples>

export const WASTE_UNKNOWN_REASONS = ['not_found', 'english', 'script'] as const
export type WasteUnknownReason = (typeof WASTE_UNKNOWN_REASONS)[number]

export const WasteLookupResult = Type.Object({
  query: Type.String(),
  results: Type.Array(
    Type.Object({
      item: WasteItemBrief,
      matched: Type.Object({ form: Type.Enum([...WASTE_MATCH_FORMS]), text: Type.String() }),
      score: Type.Number(),
    }),
  ),
  /** A classifier's best guess, only when no known item matched the query as a whole. */
  guess: Nullable(
    Type.Object({
      category: WasteCategory,
      confidence: Type.Number(),
      nearest: Type.Array(Type.Object({ name: Type.String(), category: WasteCategory })),
      reason: Type.String(),
    }),
  ),
  /** Nothing matched and the guess was too unsure to show: "we don't know". */
  unknown: Type.Boolean(),
  /**
   * Why "we don't know", when `unknown`: `not_found` — Chinese text that is neither known nor guessable;
   * `english` — Latin letters that are neither pinyin nor the English name of a common item; `script` — no
   * Chinese characters or Latin letters to read (another script, digits). Null otherwise.
   */
  unknownReason: Nullable(Type.Enum([...WASTE_UNKNOWN_REASONS])),
  /** Several items match equally (initials such as "blp"): `results` are the candidates, none is the answer. */
  ambiguous: Type.Boolean(),
})
export type WasteLookupResult = Static<typeof WasteLookupResult>

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const WasteItemInput = Type.Object(
  {
    name: Text(40),
    category: WasteCategory,
    aliases: Type.Optional(Type.Array(Text(40), { maxItems: 20 })),
    reason: Text(200),
    disposal: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
)
export type WasteItemInput = Static<typeof WasteItemInput>

export const WasteItemUpdate = Type.Object(
  { ...WasteItemInput.properties, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type WasteItemUpdate = Static<typeof WasteItemUpdate>

export const WasteItem = Type.Object({
  ...WasteItemBrief.properties,
  version: Type.Integer(),
  /** `seed`: from the dictionary shipped with the code; `staff`: added here. */
  source: Type.Enum(['seed', 'staff']),
  updatedAt: Type.String(),
})
export type WasteItem = Static<typeof WasteItem>

export const WasteItemListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 60 })),
    category: Type.Optional(WasteCategory),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type WasteItemListQuery = Static<typeof WasteItemListQuery>

export const WasteMiss = Type.Object({
  query: Type.String(),
  count: Type.Integer(),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
})
export type WasteMiss = Static<typeof WasteMiss>

export const WasteMissQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
  { additionalProperties: false },
)

// ——— Patrols, floor stars, dual assessment, demonstration buildings ———

const MonthText = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })
/** Most a floor's bins can hold at one noon patrol; more is a typing slip. */
export const PATROL_BAGS_MAX = 1000

export const WasteMistakes = Type.Object(
  {
    recyclable: Type.Optional(Type.Integer()),
    hazardous: Type.Optional(Type.Integer()),
    wet: Type.Optional(Type.Integer()),
    dry: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
)
export type WasteMistakes = Static<typeof WasteMistakes>

export const PatrolRoute = Type.Object({
  id: Type.Integer(),
  buildingId: Type.Integer(),
  buildingName: Type.String(),
  name: Type.String(),
  floors: Type.Array(Type.Integer()),
  leadAccountId: Nullable(Type.Integer()),
  leadName: Nullable(Type.String()),
  version: Type.Integer(),
  /** Whether the caller may correct this route's records (the lead, or staff). */
  canCorrect: Type.Boolean(),
})
export type PatrolRoute = Static<typeof PatrolRoute>

export const PatrolRouteInput = Type.Object(
  {
    buildingId: Type.Integer({ minimum: 1 }),
    name: Text(60),
    floors: Type.Array(Type.Integer({ minimum: -10, maximum: 200 }), { minItems: 1, maxItems: 200 }),
    leadAccountId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
)
export type PatrolRouteInput = Static<typeof PatrolRouteInput>

export const PatrolRouteUpdate = Type.Object(
  {
    name: PatrolRouteInput.properties.name,
    floors: PatrolRouteInput.properties.floors,
    leadAccountId: PatrolRouteInput.properties.leadAccountId,
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)
export type PatrolRouteUpdate = Static<typeof PatrolRouteUpdate>

export const PatrolRouteQuery = Type.Object(
  { buildingId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
)

/** Integers are checked by the service, not the schema, so negatives get their own specific message. */
export const PatrolInput = Type.Object(
  {
    routeId: Type.Integer({ minimum: 1 }),
    floor: Type.Integer(),
    date: DateText,
    bagsChecked: Type.Integer(),
    bagsRight: Type.Integer(),
    mistakes: Type.Optional(WasteMistakes),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
)
export type PatrolInput = Static<typeof PatrolInput>

export const PatrolCorrection = Type.Object(
  {
    bagsChecked: Type.Integer(),
    bagsRight: Type.Integer(),
    mistakes: Type.Optional(WasteMistakes),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    reason: Text(200),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)
export type PatrolCorrection = Static<typeof PatrolCorrection>

export const Patrol = Type.Object({
  id: Type.Integer(),
  routeId: Type.Integer(),
  buildingId: Type.Integer(),
  floor: Type.Integer(),
  date: Type.String(),
  bagsChecked: Type.Integer(),
  bagsRight: Type.Integer(),
  mistakes: WasteMistakes,
  note: Nullable(Type.String()),
  hasPhoto: Type.Boolean(),
  recordedBy: Nullable(Type.String()),
  recordedAt: Type.String(),
  version: Type.Integer(),
  corrected: Type.Boolean(),
})
export type Patrol = Static<typeof Patrol>

export const PatrolQuery = Type.Object(
  {
    routeId: Type.Optional(Type.Integer({ minimum: 1 })),
    buildingId: Type.Optional(Type.Integer({ minimum: 1 })),
    floor: Type.Optional(Type.Integer()),
    date: Type.Optional(DateText),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type PatrolQuery = Static<typeof PatrolQuery>

export const PatrolHistoryEntry = Type.Object({
  version: Type.Integer(),
  before: Type.Object({
    bagsChecked: Type.Integer(),
    bagsRight: Type.Integer(),
    mistakes: WasteMistakes,
    note: Nullable(Type.String()),
  }),
  reason: Type.String(),
  changedBy: Nullable(Type.String()),
  changedAt: Type.String(),
})
export type PatrolHistoryEntry = Static<typeof PatrolHistoryEntry>

export const StreetRule = Type.Object({
  areaCode: Type.String(),
  starWindow: Type.Integer({ minimum: 1, maximum: 20 }),
  /** Lowest share sorted right (0..1) for 1★ … 5★, never decreasing. */
  starThresholds: Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { minItems: 5, maxItems: 5 }),
  demoMonths: Type.Integer({ minimum: 1, maximum: 12 }),
  demoMinScore: Type.Number({ minimum: 0, maximum: 100 }),
  demoMinStars: Type.Integer({ minimum: 1, maximum: 5 }),
  /** False while the street uses the defaults. */
  custom: Type.Boolean(),
  version: Type.Integer(),
})
export type StreetRule = Static<typeof StreetRule>

export const StreetRuleInput = Type.Object(
  {
    starWindow: StreetRule.properties.starWindow,
    starThresholds: StreetRule.properties.starThresholds,
    demoMonths: StreetRule.properties.demoMonths,
    demoMinScore: StreetRule.properties.demoMinScore,
    demoMinStars: StreetRule.properties.demoMinStars,
    /** The version read; 0 when the street had no rule of its own yet. */
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
)
export type StreetRuleInput = Static<typeof StreetRuleInput>

export const FloorPoint = Type.Object({
  date: Type.String(),
  checked: Type.Integer(),
  right: Type.Integer(),
  /** Share right on that day; null when no bag was checked. */
  rate: Nullable(Type.Number()),
  /** Stars after that patrol (rolling window); null until the floor has a full window. */
  stars: Nullable(Type.Integer()),
})
export type FloorPoint = Static<typeof FloorPoint>

export const FloorStars = Type.Object({
  floor: Type.Integer(),
  stars: Nullable(Type.Integer()),
  /** Share right over the window the stars rest on. */
  rate: Nullable(Type.Number()),
  patrols: Type.Integer(),
  lastDate: Nullable(Type.String()),
  trend: Type.Array(FloorPoint),
})
export type FloorStars = Static<typeof FloorStars>

export const BuildingStars = Type.Object({
  buildingId: Type.Integer(),
  buildingName: Type.String(),
  rule: StreetRule,
  floors: Type.Array(FloorStars),
  demonstration: Nullable(Type.Object({ designatedOn: Type.String() })),
})
export type BuildingStars = Static<typeof BuildingStars>

export const StarsQuery = Type.Object(
  { from: Type.Optional(DateText), to: Type.Optional(DateText) },
  { additionalProperties: false },
)

export const ASSESSMENT_PARTIES = ['property', 'tenants'] as const
export type AssessmentParty = (typeof ASSESSMENT_PARTIES)[number]

export const AssessmentScoreInput = Type.Object(
  {
    criterion: Type.String({ minLength: 1, maxLength: 40 }),
    score: Type.Number({ minimum: 0, maximum: 100 }),
    evidence: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  },
  { additionalProperties: false },
)

export const WasteAssessmentInput = Type.Object(
  {
    buildingId: Type.Integer({ minimum: 1 }),
    month: MonthText,
    party: Type.Enum([...ASSESSMENT_PARTIES]),
    scores: Type.Array(AssessmentScoreInput, { minItems: 1, maxItems: 10 }),
    /** The version read when correcting; omitted for a first assessment. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)
export type WasteAssessmentInput = Static<typeof WasteAssessmentInput>

export const Assessment = Type.Object({
  id: Type.Integer(),
  buildingId: Type.Integer(),
  month: Type.String(),
  party: Type.Enum([...ASSESSMENT_PARTIES]),
  scores: Type.Array(
    Type.Object({
      criterion: Type.String(),
      weight: Type.Number(),
      score: Type.Number(),
      evidence: Nullable(Type.String()),
    }),
  ),
  total: Type.Number(),
  assessedBy: Nullable(Type.String()),
  assessedAt: Type.String(),
  version: Type.Integer(),
})
export type Assessment = Static<typeof Assessment>

export const AssessmentCriterion = Type.Object({
  party: Type.Enum([...ASSESSMENT_PARTIES]),
  criterion: Type.String(),
  /** The criterion's name in the caller's language. */
  label: Type.String(),
  weight: Type.Number(),
  /** A figure computed from patrols to start from (tenants' floor results, participation); null if none. */
  suggested: Nullable(Type.Number()),
})

export const AssessmentQuery = Type.Object(
  { buildingId: Type.Integer({ minimum: 1 }), month: Type.Optional(MonthText) },
  { additionalProperties: false },
)

export const DemoCandidate = Type.Object({
  buildingId: Type.Integer(),
  buildingName: Type.String(),
  meets: Type.Boolean(),
  /** The months looked at, oldest first, with both totals (null when not assessed). */
  months: Type.Array(
    Type.Object({
      month: Type.String(),
      property: Nullable(Type.Number()),
      tenants: Nullable(Type.Number()),
    }),
  ),
  lowestFloorStars: Nullable(Type.Integer()),
  reasons: Type.Array(Type.String()),
  designation: Nullable(
    Type.Object({ id: Type.Integer(), designatedOn: Type.String(), note: Nullable(Type.String()) }),
  ),
})
export type DemoCandidate = Static<typeof DemoCandidate>

export const DesignationInput = Type.Object(
  {
    buildingId: Type.Integer({ minimum: 1 }),
    date: DateText,
    note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
)
export const RevocationInput = Type.Object(
  { date: DateText, reason: Text(200) },
  { additionalProperties: false },
)

export const QuizQuestion = Type.Object({
  item: Type.String(),
  category: WasteCategory,
  reason: Type.String(),
})
export type QuizQuestion = Static<typeof QuizQuestion>
export const QuizQuery = Type.Object(
  { n: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })) },
  { additionalProperties: false },
)
