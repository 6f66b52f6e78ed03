import Type, { type Static } from 'typebox'

/**
 * A value the request carried that was refused (validation_failed): where it sat, its field as a form names
 * it (`grants[0].scopeType`) and as a path, the rule and its bounds, and a message in the request's language.
 */
export const FieldError = Type.Object({
  in: Type.Enum(['body', 'querystring', 'params', 'headers']),
  field: Type.String(),
  path: Type.Array(Type.Union([Type.String(), Type.Integer()])),
  keyword: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  message: Type.String(),
})
export type FieldError = Static<typeof FieldError>

/** Every 4xx/5xx body. `message` is in the request's language (zh-CN default, en-US). */
export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
  /** validation_failed only: each refused field with its own message. */
  fields: Type.Optional(Type.Array(FieldError)),
})
export type ErrorBody = Static<typeof ErrorBody>

export const Ok = Type.Object({ ok: Type.Literal(true) })

/** A row id: `bigint` in the database, exact in JavaScript only up to 2^53 − 1 (a larger one would be rounded). */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })

/** Keyset pagination: `cursor` is opaque, returned as `nextCursor` (null on the last page). */
export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}

export const Page = <T extends Type.TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })

export const Health = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  migration: Type.String(),
})
export type Health = Static<typeof Health>
