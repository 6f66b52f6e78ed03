/**
 * The baseline a person would do by hand: take the best-fitting pair first, then the next best that still
 * fits the capacities, and so on. Same input, pins, rules and candidate graph as `solve`, so the two are
 * directly comparable; it can be far from optimal when an early pick blocks two good ones.
 */
import { assemble, prepare } from './prepare.ts'
import type { MatchInput, Solution } from './types.ts'

export function greedy(input: MatchInput): Solution {
  const prep = prepare(input)
  const { p, t, w } = prep.candidates
  const capLeft = prep.capLeft.slice()
  const demLeft = prep.demLeft.slice()
  const order = Array.from({ length: p.length }, (_, e) => e)
  // Fit descending, then provider id, then target id (indices follow id order).
  order.sort((a, b) => w[b]! - w[a]! || p[a]! - p[b]! || t[a]! - t[b]!)
  const chosen: number[] = []
  for (const e of order) {
    if (capLeft[p[e]!]! > 0 && demLeft[t[e]!]! > 0) {
      capLeft[p[e]!]!--
      demLeft[t[e]!]!--
      chosen.push(e)
    }
  }
  return assemble(prep, chosen, { phases: 0, augmentations: chosen.length })
}
