import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkToken, creditedMinutes, issueToken, POINT_WINDOWS, WINDOW_MS } from './tokens.ts'

const SECRET = 'test-secret-test-secret-test-secret'

describe('check-in tokens', () => {
  it('accepts a fresh token for a few windows, then it expires', () => {
    const t0 = new Date('2026-05-04T03:00:10Z')
    const { token } = issueToken(SECRET, 'P', 7, t0)
    expect(checkToken(SECRET, token, t0)).toMatchObject({ ok: true, kind: 'P', id: 7 })
    expect(checkToken(SECRET, token, new Date(t0.getTime() + (POINT_WINDOWS - 1) * WINDOW_MS))).toMatchObject(
      { ok: true },
    )
    expect(checkToken(SECRET, token, new Date(t0.getTime() + POINT_WINDOWS * WINDOW_MS))).toEqual({
      ok: false,
      problem: 'expired',
    })
  })

  it('any change to a token, or another secret, makes it forged', () => {
    const now = new Date('2026-05-04T03:00:00Z')
    const { token } = issueToken(SECRET, 'V', 42, now)
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (i, ch) => {
        const changed = token.slice(0, i) + ch + token.slice(i + 1)
        fc.pre(changed !== token)
        expect(checkToken(SECRET, changed, now).ok).toBe(false)
      }),
    )
    expect(checkToken('another-secret-another-secret', token, now)).toEqual({ ok: false, problem: 'forged' })
  })

  it('credits only the minutes inside the shift', () => {
    const shift = { starts: new Date('2026-05-04T04:00:00Z'), ends: new Date('2026-05-04T06:00:00Z') }
    expect(creditedMinutes(shift, new Date('2026-05-04T03:40:00Z'), new Date('2026-05-04T06:20:00Z'))).toBe(
      120,
    )
    expect(creditedMinutes(shift, new Date('2026-05-04T04:30:00Z'), new Date('2026-05-04T05:00:59Z'))).toBe(
      30,
    )
    expect(creditedMinutes(shift, new Date('2026-05-04T06:10:00Z'), new Date('2026-05-04T06:20:00Z'))).toBe(0)
  })
})
