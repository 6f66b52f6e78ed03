import Type, { type Static } from 'typebox'
import { PageQuery } from './common.ts'

/** Shanghai's four categories (上海市生活垃圾管理条例, 2019-07-01). */
export const WASTE_CATEGORIES = ['recyclable', 'hazardous', 'wet', 'dry'] as const
export type WasteCategory = (typeof WASTE_CATEGORIES)[number]
export const WasteCategory = Type.Enum([...WASTE_CATEGORIES])

/** How a result was found: the item's name or alias, its pinyin or initials, or a near miss. */
export const WASTE_MATCH_FORMS = [
  'name',
  'alias',
  'pinyin',
  'initials',
  'typo',
  'homophone',
  'partial',
] as const
export type WasteMatchForm = (typeof WASTE_MATCH_FORMS)[number]

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])

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
