import { hmac, safeEqual } from '../../lib/crypto.ts'

/**
 * Check-in tokens, as in pretix: the QR code carries a signed statement, so a scanner needs no lookup to
 * refuse a forged or foreign code. `R` is one registration's ticket, `D` an event's door poster that members
 * scan with their own phone. The expiry (end of the check-in window when issued) is under the signature.
 */
export type TokenKind = 'R' | 'D'
export interface QrClaims {
  kind: TokenKind
  eventId: number
  registrationId: number
  /** Unix seconds. */
  exp: number
}

const VERSION = 'TX1'
const SIG_LENGTH = 22 // 132 bits of the HMAC-SHA256, short enough for a dense-free QR and manual entry

function signature(secret: string, payload: string) {
  return hmac(secret, `events.qr:${payload}`).slice(0, SIG_LENGTH)
}

export function signToken(secret: string, c: QrClaims): string {
  const payload = `${VERSION}.${c.kind}.${c.eventId}.${c.registrationId}.${c.exp}`
  return `${payload}.${signature(secret, payload)}`
}

/** The claims of a genuine token, or null for anything malformed or not signed by us. */
export function verifyToken(secret: string, token: string): QrClaims | null {
  const parts = token.trim().split('.')
  if (parts.length !== 6 || parts[0] !== VERSION) return null
  const [, kind, eventId, registrationId, exp, sig] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  if ((kind !== 'R' && kind !== 'D') || ![eventId, registrationId, exp].every((p) => /^\d{1,15}$/.test(p))) {
    return null
  }
  const payload = parts.slice(0, 5).join('.')
  if (!safeEqual(sig, signature(secret, payload))) return null
  return { kind, eventId: Number(eventId), registrationId: Number(registrationId), exp: Number(exp) }
}
