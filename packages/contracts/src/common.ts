import Type, { type Static } from 'typebox'

/** Every 4xx/5xx body. `message` is in the request's language (zh-CN default, en-US). */
export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
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
