/**
 * Matchmaking rounds (相亲会): pair providers with communities, buildings or needs for the maximum total fit.
 *
 *   const solution = solve({ providers, targets, preferences, pins, options })
 *   solution.pairs         — who serves whom, each with its score and reasons (text_zh / text_en / points)
 *   solution.totalFit      — the objective; greedy(input) gives the hand-made baseline for comparison
 *   fit(provider, target)  — one pair's score and reasons, or null when the rules do not allow it
 *
 * Pure and synchronous; throws `MatchingError` (code, text_zh, text_en, details) on bad input.
 */
export { fit, haversineKm, rankedPreferences, reasonLine } from './fit.ts'
export { greedy } from './greedy.ts'
export { type AgreementDraft, agreementsFrom, DEFAULT_FOLLOW_UP_DAYS, diffPairs, pinsFor } from './rounds.ts'
export { solve } from './solver.ts'
export * from './types.ts'
