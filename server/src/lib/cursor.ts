import { AppError } from './errors.ts'

/** Keyset cursors are the last row's sort key, base64url-encoded JSON: opaque to clients, cheap to check. */
export const encodeCursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url')

export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (isValid(value)) return value
  } catch {
    // fall through to the client error below
  }
  throw new AppError('invalid_cursor')
}

/**
 * One page of a keyset list read with `limit + 1` rows: the first `limit` rows, and the cursor of the last of
 * them when the extra row shows that more follow (null on the last page).
 */
export function pageOf<R>(rows: readonly R[], limit: number, keyOf: (last: R) => unknown) {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null }
}
