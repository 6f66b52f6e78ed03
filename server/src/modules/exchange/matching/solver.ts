/**
 * The matchmaking solver: an assignment of providers to targets with the maximum total fit, subject to each
 * provider's capacity and each target's demand, with staff pins forced in and forbidden pairs left out.
 *
 * Objective (decided): maximise the total fit. Every allowed pair scores ≥ 1, so more pairs usually means
 * more fit, but a pair is never added at the cost of fit elsewhere; among assignments of equal total fit the
 * solver returns one with the most pairs. Ties beyond that are broken deterministically: providers and
 * targets are processed in id order, so the same input (in any order) gives the same output.
 *
 * Exactness: optimal over the candidate graph (see `candidates.ts`). With `candidatesPerTarget: Infinity`
 * that is every allowed pair; with the default cap of 30 per target it is the pruned graph. Pinned pairs
 * are assigned first and the rest is solved optimally for the capacity and demand they leave, which is
 * optimal among all assignments containing the pins.
 */
import { maxWeightBMatching } from './flow.ts'
import { assemble, prepare } from './prepare.ts'
import type { MatchInput, Solution } from './types.ts'

/** Solves a round. Throws `MatchingError` for bad input or pins that cannot hold. */
export function solve(input: MatchInput): Solution {
  const prep = prepare(input)
  const { p, t, w } = prep.candidates
  const flow = maxWeightBMatching(prep.capLeft, prep.demLeft, p, t, w)
  const chosen: number[] = []
  for (let e = 0; e < flow.used.length; e++) if (flow.used[e]) chosen.push(e)
  return assemble(prep, chosen, { phases: flow.phases, augmentations: flow.augmentations })
}
