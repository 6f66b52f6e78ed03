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
