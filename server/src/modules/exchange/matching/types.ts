/**
 * Types of the matchmaking round (相亲会): providers (social organisations, units) with capacities and service
 * categories are paired with targets (communities, buildings or single needs) that want some categories.
 * Pure data: the module never touches the database; the exchange module's service loads rows into these
 * shapes and stores what comes back.
 */

/**
 * Where a provider or target is. `areaCode` is a hierarchical administrative code as in the registry: 6 digits
 * for a district (310120), 9 for a street or town (310120003), 12 for a village or residential committee
 * (310120003201). One area contains another when its code is the other's cut to 6, 9 or 12 digits.
 * Coordinates (WGS-84 degrees) are optional and only used when both sides have them.
 */
export interface Location {
  areaCode?: string
  lat?: number
  lng?: number
}

export interface Provider {
  id: string
  /** How many targets it can serve in this round (a non-negative integer; 0 takes it out of the round). */
  capacity: number
  /** Service categories it offers, e.g. 养老, 文体, 教育. */
  categories: string[]
  location?: Location
}

/** A wanted category, plain (weight 1) or weighted (e.g. 2 for the community's main need). */
export type Want = string | { category: string; weight: number }

export interface Target {
  id: string
  /** How many providers it wants (a non-negative integer, default 1). */
  demand?: number
  wants: Want[]
  location?: Location
  /** Only changes how reasons name this side (社区 / 楼宇 / 需求方); default 'community'. */
  kind?: 'community' | 'building' | 'need'
}

/**
 * One side's wish for a pair; `weight` is added to the pair's fit (scaled by `weights.preference`, may be
 * negative for "rather not"). `rank` (1 = first choice) only changes the wording of the reason;
 * `rankedPreferences` turns ranked choices into weights.
 */
export interface Preference {
  providerId: string
  targetId: string
  side: 'provider' | 'target'
  weight: number
  rank?: number
}

/**
 * Staff decisions. A pin forces the pair into the assignment, a forbid keeps it out. A pin on a pair that the
 * rules do not allow (no shared category, out of reach) is rejected unless `override` is set.
 */
export interface Pin {
  providerId: string
  targetId: string
  kind: 'pin' | 'forbid'
  override?: boolean
}

/** Points per component of the fit; every component is rounded to an integer. */
export interface FitWeights {
  /** per shared category (times the want's weight) */
  category: number
  /** multiplier for preference weights */
  preference: number
  /** one area contains the other (same village/community, or a street-wide provider in that street) */
  sameArea: number
  /** the areas (or areas containing them) are listed as adjacent */
  adjacentArea: number
  /** two villages/communities of the same street that are not adjacent */
  sameStreet: number
  /** by coordinates: `nearby × (1 − km / maxDistanceKm)`, at least 0 (maxDistanceKm defaults to 10 here) */
  nearby: number
}

export const DEFAULT_WEIGHTS: Readonly<FitWeights> = {
  category: 20,
  preference: 1,
  sameArea: 10,
  adjacentArea: 5,
  sameStreet: 3,
  nearby: 10,
}

/** Default cap on candidate providers per target (see `Options.candidatesPerTarget`). */
export const DEFAULT_CANDIDATES_PER_TARGET = 30

export interface Options {
  /** Pairs whose coordinates are farther apart than this are not allowed (only when both have coordinates). */
  maxDistanceKm?: number
  /**
   * Which pairs are within reach by area (only when both have an area code): 'same' — one area contains the
   * other; 'adjacent' — also adjacent areas and other communities of the same street; 'any' (default).
   */
  areaReach?: 'same' | 'adjacent' | 'any'
  /** Areas next to each other; symmetric whether or not both directions are listed. */
  adjacency?: ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>
  weights?: Partial<FitWeights>
  /**
   * Keep only the best k allowed providers of each target (by fit, then provider id; at least as many as
   * its demand) as candidates; default 30, `Infinity` keeps all. The solver is exactly optimal over the candidates, so with a finite k it is
   * optimal over the pruned graph, not necessarily over all allowed pairs.
   */
  candidatesPerTarget?: number
  /** Names for category codes in reasons; categories without one are shown as they are. */
  categoryNames?: Readonly<Record<string, { zh: string; en: string }>>
}

export interface MatchInput {
  providers: readonly Provider[]
  targets: readonly Target[]
  preferences?: readonly Preference[]
  pins?: readonly Pin[]
  options?: Options
}

export interface Reason {
  kind: 'category' | 'preference' | 'distance' | 'pinned'
  /** without the points, e.g. "同类服务：养老、文体"; `reasonLine` adds them */
  text_zh: string
  text_en: string
  points: number
}

export interface Fit {
  /** integer; the sum of the reasons' points */
  score: number
  reasons: Reason[]
}

export interface Pair {
  providerId: string
  targetId: string
  score: number
  reasons: Reason[]
  /** forced in by a pin */
  pinned: boolean
}

export interface Solution {
  /** sorted by target id, then provider id */
  pairs: Pair[]
  /** sum of the pairs' scores, pinned pairs included */
  totalFit: number
  /** targets that got fewer providers than they wanted, by id */
  unassignedTargets: Array<{ targetId: string; demand: number; assigned: number }>
  /** every provider, by id */
  providerLoad: Array<{ providerId: string; load: number; capacity: number }>
  stats: {
    /** provider–target edges the solver chose from (pinned pairs not counted) */
    candidateEdges: number
    /** allowed pairs left out by `candidatesPerTarget` */
    prunedEdges: number
    /** shortest-path rounds of the flow solver (0 for greedy) */
    phases: number
    /** augmenting paths (for greedy: pairs taken) */
    augmentations: number
  }
}

export type MatchingErrorCode =
  | 'duplicate_id'
  | 'invalid_number'
  | 'unknown_provider'
  | 'unknown_target'
  | 'pin_forbidden'
  | 'pin_not_allowed'
  | 'pin_over_capacity'
  | 'pin_over_demand'

/** Bad input, with a stable code and bilingual text the API layer can pass on. */
export class MatchingError extends Error {
  override readonly name = 'MatchingError'
  constructor(
    readonly code: MatchingErrorCode,
    readonly text_zh: string,
    readonly text_en: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(`${code}: ${text_en}`)
  }
}
