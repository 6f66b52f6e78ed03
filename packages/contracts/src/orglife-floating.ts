/** Floating members (流动党员) of the orglife API. */
import Type, { type Static } from 'typebox'

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

export const FLOATING_DIRECTIONS = ['in', 'out'] as const

export const FloatingInput = Type.Object(
  {
    personId: Type.Integer({ minimum: 1 }),
    direction: Type.Enum([...FLOATING_DIRECTIONS]),
    /** in: the organisation holding the relation when it is not on the platform (found by itself otherwise). */
    homeOrgName: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 120 }))),
    /** out: where the member went (city, employer, organisation there). */
    destination: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 120 }))),
    contact: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    since: DateOnly,
    until: Type.Optional(Nullable(DateOnly)),
  },
  { additionalProperties: false },
)
export type FloatingInput = Static<typeof FloatingInput>

export const Floating = Type.Object({
  id: Type.Integer(),
  personId: Type.Integer(),
  name: Type.String(),
  direction: Type.Enum([...FLOATING_DIRECTIONS]),
  partyOrgId: Type.Integer(),
  partyOrgName: Type.String(),
  homeOrgId: Nullable(Type.Integer()),
  homeOrgName: Nullable(Type.String()),
  destination: Nullable(Type.String()),
  contact: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  since: DateOnly,
  until: Nullable(DateOnly),
  endedOn: Nullable(DateOnly),
  version: Type.Integer(),
})
export type Floating = Static<typeof Floating>

export const FloatingEnd = Type.Object(
  { version: Type.Integer({ minimum: 1 }), endedOn: DateOnly },
  { additionalProperties: false },
)
