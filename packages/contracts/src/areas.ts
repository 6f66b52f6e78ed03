import Type, { type Static } from 'typebox'

export const AREA_LEVELS = ['city', 'district', 'street', 'community'] as const
export type AreaLevel = (typeof AREA_LEVELS)[number]

/** GB/T 2260 code: 6 digits for city/district, 9 for street/town, 12 for community. */
export const AreaCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' })

export const Area = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Enum([...AREA_LEVELS]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
})
export type Area = Static<typeof Area>

export const AreaDetail = Type.Object({
  area: Area,
  ancestors: Type.Array(Area),
  childCount: Type.Integer(),
})
export type AreaDetail = Static<typeof AreaDetail>

export const AreaListQuery = Type.Object(
  { parent: Type.Optional(AreaCode), q: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
)
