import { type RawBuilder, type SqlBool, sql } from 'kysely'
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'

/** A list's sort keys: each an SQL expression that is never null, so keyset comparisons are total. */
export type SortKeys<K extends string> = Record<K, RawBuilder<unknown>>

export interface Order {
  /** As the client sent it (`-floors`): part of the cursor, so a cursor is only good for its own order. */
  raw: string
  expr: RawBuilder<unknown>
  desc: boolean
}

/** Reads `sort=key` / `sort=-key` against the list's keys; anything else is the caller's error. */
export function parseSort<K extends string>(raw: string | undefined, keys: SortKeys<K>): Order | undefined {
  if (raw === undefined || raw === '') return undefined
  const desc = raw.startsWith('-')
  const key = desc ? raw.slice(1) : raw
  if (!Object.hasOwn(keys, key))
    throw new AppError('invalid_sort', { value: raw, keys: Object.keys(keys).join(', ') })
  return { raw, expr: keys[key as K], desc }
}

/** Where a page resumes: after the last row's id (id order) or after its (sort key, id). */
export type After = { id: number; key?: unknown }

const isKey = (x: unknown) => typeof x === 'string' || typeof x === 'number'

export function decodeAfter(cursor: string | undefined, order: Order | undefined): After | undefined {
  if (!cursor) return undefined
  if (!order) return { id: decodeCursor(cursor, (x): x is number => Number.isInteger(x)) }
  const [, key, id] = decodeCursor(
    cursor,
    (x): x is [string, string | number, number] =>
      Array.isArray(x) && x.length === 3 && x[0] === order.raw && isKey(x[1]) && Number.isInteger(x[2]),
  )
  return { id, key }
}

export function encodeAfter(order: Order | undefined, row: { id: number; sort_key?: unknown }): string {
  if (!order) return encodeCursor(row.id)
  const key = typeof row.sort_key === 'bigint' ? Number(row.sort_key) : row.sort_key
  return encodeCursor([order.raw, key, row.id])
}

/**
 * The rows after `after` in (key, id) order; ids always ascend within a key, whatever the key's
 * direction, so ties are walked once each.
 */
export function afterCondition(
  order: Order | undefined,
  id: RawBuilder<unknown>,
  after: After,
): RawBuilder<SqlBool> {
  if (!order) return sql<SqlBool>`${id} > ${after.id}`
  const cmp = order.desc ? sql.raw('<') : sql.raw('>')
  return sql<SqlBool>`(${order.expr} ${cmp} ${after.key} OR (${order.expr} = ${after.key} AND ${id} > ${after.id}))`
}
