/**
 * Helpers for the round's workflow around `solve`: staff review the proposal, pin or forbid pairs and solve
 * again (`diffPairs` shows what changed), then confirmed pairs become agreements with follow-up dates.
 */
import type { Pair, Pin } from './types.ts'

export interface AgreementDraft {
  providerId: string
  targetId: string
  score: number
  reasons: Pair['reasons']
  /** YYYY-MM-DD */
  confirmedOn: string
  /** YYYY-MM-DD, ascending */
  followUps: string[]
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Default follow-ups: after one month, one quarter and half a year. */
export const DEFAULT_FOLLOW_UP_DAYS = [30, 90, 180] as const

/** Agreements for confirmed pairs, each with follow-up dates counted from the confirmation day. */
export function agreementsFrom(
  pairs: readonly Pair[],
  confirmedOn: string,
  followUpDays: readonly number[] = DEFAULT_FOLLOW_UP_DAYS,
): AgreementDraft[] {
  if (!ISO_DATE.test(confirmedOn) || Number.isNaN(Date.parse(`${confirmedOn}T00:00:00Z`)))
    throw new RangeError(`confirmedOn is not a YYYY-MM-DD date: ${confirmedOn}`)
  for (const d of followUpDays)
    if (!(Number.isInteger(d) && d > 0))
      throw new RangeError(`follow-up days must be positive integers: ${d}`)
  const followUps = [...new Set(followUpDays)].sort((a, b) => a - b).map((d) => addDays(confirmedOn, d))
  return pairs.map((pair) => ({
    providerId: pair.providerId,
    targetId: pair.targetId,
    score: pair.score,
    reasons: pair.reasons,
    confirmedOn,
    followUps: [...followUps],
  }))
}

/** Pins that keep these pairs (e.g. the ones already confirmed) when the round is solved again. */
export function pinsFor(pairs: readonly Pick<Pair, 'providerId' | 'targetId'>[]): Pin[] {
  return pairs.map((pair) => ({ providerId: pair.providerId, targetId: pair.targetId, kind: 'pin' }))
}

/** What a re-solve changed: pairs only in `after`, only in `before`, and in both (as in `after`). */
export function diffPairs(
  before: readonly Pair[],
  after: readonly Pair[],
): { added: Pair[]; removed: Pair[]; kept: Pair[] } {
  const key = (pair: Pair) => `${pair.providerId}\u0000${pair.targetId}`
  const old = new Set(before.map(key))
  const now = new Set(after.map(key))
  return {
    added: after.filter((pair) => !old.has(key(pair))),
    removed: before.filter((pair) => !now.has(key(pair))),
    kept: after.filter((pair) => old.has(key(pair))),
  }
}
