import { hmac, safeEqual } from '../../lib/crypto.ts'

/**
 * QR tokens for check-in, signed with the app secret (like session ids): `P.<pointId>.<window>.<sig>` is shown
 * on the point's screen and rotates every window; `V.<signupId>.<window>.<sig>` is on the volunteer's phone.
 * The window number is the signing time divided by WINDOW_MS, so any instance can check any token without
 * storing it. A token is accepted for a few windows (a phone that scanned just before the rotation still
 * gets through); beyond that it is expired.
 */
export const WINDOW_MS = 30_000
/** How many windows back a token stays valid: point codes ~2 min, personal codes ~5 min. */
export const POINT_WINDOWS = 4
export const VOLUNTEER_WINDOWS = 10

export type TokenKind = 'P' | 'V'

export type TokenCheck =
  | { ok: true; kind: TokenKind; id: number; window: number }
  | { ok: false; problem: 'forged' | 'expired' }

const sign = (secret: string, kind: TokenKind, id: number, window: number) =>
  hmac(secret, `volunteer-qr:${kind}:${id}:${window}`).slice(0, 24)

export const windowOf = (now: Date) => Math.floor(now.getTime() / WINDOW_MS)

export function issueToken(secret: string, kind: TokenKind, id: number, now: Date) {
  const window = windowOf(now)
  const lifetime = kind === 'P' ? POINT_WINDOWS : VOLUNTEER_WINDOWS
  return {
    token: `${kind}.${id}.${window}.${sign(secret, kind, id, window)}`,
    expiresAt: new Date((window + lifetime) * WINDOW_MS),
    refreshAfterMs: (window + 1) * WINDOW_MS - now.getTime(),
  }
}

export function checkToken(secret: string, token: string, now: Date): TokenCheck {
  const parts = token.split('.')
  if (parts.length !== 4) return { ok: false, problem: 'forged' }
  const [kind, idText, windowText, sig] = parts as [string, string, string, string]
  if ((kind !== 'P' && kind !== 'V') || !/^[1-9]\d{0,15}$/.test(idText) || !/^\d{1,15}$/.test(windowText))
    return { ok: false, problem: 'forged' }
  const id = Number(idText)
  const window = Number(windowText)
  if (!safeEqual(sig, sign(secret, kind, id, window))) return { ok: false, problem: 'forged' }
  const current = windowOf(now)
  // A genuine token from the future means a clock far off on the signing side: refuse rather than trust.
  if (window > current + 1) return { ok: false, problem: 'forged' }
  if (window <= current - (kind === 'P' ? POINT_WINDOWS : VOLUNTEER_WINDOWS))
    return { ok: false, problem: 'expired' }
  return { ok: true, kind, id, window }
}

/** What is stored per scan: the token's identity without its signature being reusable elsewhere. */
export const tokenHash = (secret: string, token: string) => hmac(secret, `volunteer-scan:${token}`)

/** Check-in and check-out are accepted from this long before the shift until this long after it. */
export const MARGIN_MINUTES = 30

/** Minutes of the shift between check-in and check-out (time outside the shift does not count). */
export function creditedMinutes(shift: { starts: Date; ends: Date }, inAt: Date, outAt: Date): number {
  const from = Math.max(shift.starts.getTime(), inAt.getTime())
  const to = Math.min(shift.ends.getTime(), outAt.getTime())
  return Math.max(0, Math.floor((to - from) / 60_000))
}
