import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, pageOf } from './cursor.ts'
import { AppError } from './errors.ts'

const rows = [{ id: 1 }, { id: 2 }, { id: 3 }]
const isId = (v: unknown): v is number => Number.isInteger(v)

describe('pageOf', () => {
  it('keeps `limit` rows and points past the last when the extra row shows more follow', () => {
    const { page, nextCursor } = pageOf(rows, 2, (r) => r.id)
    expect(page).toEqual([{ id: 1 }, { id: 2 }])
    expect(decodeCursor(nextCursor!, isId)).toBe(2)
  })

  it('has no cursor on the last page, full or short, or an empty one', () => {
    expect(pageOf(rows, 3, (r) => r.id)).toEqual({ page: rows, nextCursor: null })
    expect(pageOf(rows, 5, (r) => r.id)).toEqual({ page: rows, nextCursor: null })
    expect(pageOf([], 5, (r: { id: number }) => r.id)).toEqual({ page: [], nextCursor: null })
  })

  it('encodes a compound key as the cursor clients send back', () => {
    const dated = [
      { on: '2026-05-01', id: 9 },
      { on: '2026-05-02', id: 4 },
    ]
    expect(pageOf(dated, 1, (r) => [r.on, r.id]).nextCursor).toBe(encodeCursor(['2026-05-01', 9]))
  })

  it('refuses a cursor that was not made here', () => {
    expect(() => decodeCursor('not-json', isId)).toThrow(AppError)
    expect(() => decodeCursor(encodeCursor('x'), isId)).toThrow(AppError)
  })
})
