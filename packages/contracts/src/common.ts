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

/** The value or null (a field that may be cleared). */
export const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' })

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

/** A page that also says how many rows the caller may see under the same filters ("共 623 条"). */
export const CountedPage = <T extends Type.TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
    total: Type.Integer({ minimum: 0 }),
  })

/**
 * A list's order: a whitelisted key, `-` in front for descending (`name`, `-floors`). Checked by the server
 * against the list's keys (`invalid_sort`), so the schema only bounds its length.
 */
export const SortParam = Type.String({ maxLength: 20 })

export const Health = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  migration: Type.String(),
})
export type Health = Static<typeof Health>
