/**
 * Checks a round's input and indexes it once: providers and targets sorted by id (so the result does not
 * depend on input order), categories as small integers, area chains, adjacency, preferences and staff
 * decisions keyed by pair. Internal to the matching module.
 */
import {
  DEFAULT_CANDIDATES_PER_TARGET,
  DEFAULT_WEIGHTS,
  type FitWeights,
  type MatchInput,
  MatchingError,
  type Options,
  type Preference,
  type Provider,
  type Target,
} from './types.ts'

export interface PinEntry {
  p: number
  t: number
  override: boolean
}

export interface Context {
  providers: Provider[]
  targets: Target[]
  providerIndex: Map<string, number>
  targetIndex: Map<string, number>
  capacity: Int32Array
  demand: Int32Array
  weights: FitWeights
  maxDistanceKm: number | undefined
  areaReach: 'same' | 'adjacent' | 'any'
  candidatesPerTarget: number
  categoryNames: NonNullable<Options['categoryNames']>
  /** category id → code */
  categories: string[]
  /** per provider, sorted category ids */
  providerCats: Int32Array[]
  /** per target, wanted category ids (sorted), their weights and where each first appears in `wants` */
  wantCats: Int32Array[]
  wantWeights: Float64Array[]
  wantOrder: Int32Array[]
  providerArea: Array<string | undefined>
  /** the provider's area code and the codes of the areas containing it, most specific first */
  providerChain: string[][]
  targetArea: Array<string | undefined>
  targetChain: string[][]
  /** areas adjacent to the area (or to an area containing it), cached per code */
  near: (code: string) => ReadonlySet<string>
  /** the same as numbers (area codes numbered in order of appearance), for scoring without strings */
  providerChainId: Int32Array[]
  targetChainId: Int32Array[]
  /** the area's number, or -1 without an area code */
  providerAreaId: Int32Array
  targetAreaId: Int32Array
  /** the number of the street (9-digit code) a longer code lies in, or -1 */
  providerStreetId: Int32Array
  targetStreetId: Int32Array
  /** numbers of the areas adjacent to the target's area (`near`) */
  targetNearId: Array<ReadonlySet<number>>
  providerCoord: Array<readonly [number, number] | undefined>
  targetCoord: Array<readonly [number, number] | undefined>
  /** key = p * targets.length + t */
  preferences: Map<number, Preference[]>
  providerHasPreferences: Uint8Array
  forbidden: Set<number>
  /** deduplicated, sorted by target then provider */
  pins: PinEntry[]
  pinned: Map<number, PinEntry>
}

const EMPTY: ReadonlySet<number> = new Set()

/** Lengths of district, street and community codes: the levels an area code can be cut to. */
const LEVELS = [6, 9, 12]

/** The code itself, then the codes of the areas containing it (by the district/street/community lengths). */
export function areaChain(code: string): string[] {
  const chain = [code]
  for (let i = LEVELS.length - 1; i >= 0; i--) {
    const len = LEVELS[i]!
    if (len < code.length) chain.push(code.slice(0, len))
  }
  return chain
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function invalid(what: string, value: unknown): never {
  throw new MatchingError(
    'invalid_number',
    `${what} 不是有效的数值：${String(value)}`,
    `${what} is not a valid number: ${String(value)}`,
    { what, value: String(value) },
  )
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0

function coordOf(where: string, loc: Provider['location']): readonly [number, number] | undefined {
  if (loc?.lat === undefined || loc.lng === undefined) return undefined
  if (!Number.isFinite(loc.lat) || Math.abs(loc.lat) > 90) invalid(`${where}.lat`, loc.lat)
  if (!Number.isFinite(loc.lng) || Math.abs(loc.lng) > 180) invalid(`${where}.lng`, loc.lng)
  return [loc.lat, loc.lng]
}

function indexIds<T extends { id: string }>(items: readonly T[], side: string): [T[], Map<string, number>] {
  const sorted = [...items].sort(byId)
  const index = new Map<string, number>()
  sorted.forEach((item, i) => {
    if (index.has(item.id))
      throw new MatchingError(
        'duplicate_id',
        `${side === 'provider' ? '服务方' : '需求方'}编号重复：${item.id}`,
        `Duplicate ${side} id: ${item.id}`,
        { side, id: item.id },
      )
    index.set(item.id, i)
  })
  return [sorted, index]
}

function lookup(index: Map<string, number>, id: string, side: 'provider' | 'target'): number {
  const i = index.get(id)
  if (i !== undefined) return i
  throw side === 'provider'
    ? new MatchingError('unknown_provider', `未知的服务方：${id}`, `Unknown provider: ${id}`, { id })
    : new MatchingError('unknown_target', `未知的需求方：${id}`, `Unknown target: ${id}`, { id })
}

function adjacencyOf(options: Options): Map<string, Set<string>> {
  const adjacency = new Map<string, Set<string>>()
  const link = (a: string, b: string) => {
    if (a === b) return
    const set = adjacency.get(a)
    if (set) set.add(b)
    else adjacency.set(a, new Set([b]))
  }
  const source = options.adjacency
  if (!source) return adjacency
  const entries = source instanceof Map ? [...source.entries()] : Object.entries(source)
  for (const [a, list] of entries)
    for (const b of list) {
      link(a, b)
      link(b, a)
    }
  return adjacency
}

function weightsOf(options: Options): FitWeights {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights }
  for (const [key, value] of Object.entries(weights))
    if (!Number.isFinite(value)) invalid(`weights.${key}`, value)
  return weights
}

export function buildContext(input: MatchInput): Context {
  const options = input.options ?? {}
  const [providers, providerIndex] = indexIds(input.providers, 'provider')
  const [targets, targetIndex] = indexIds(input.targets, 'target')
  const nT = targets.length
  const k = options.candidatesPerTarget ?? DEFAULT_CANDIDATES_PER_TARGET
  if (!(k === Number.POSITIVE_INFINITY || (Number.isInteger(k) && k >= 1))) invalid('candidatesPerTarget', k)
  const maxDistanceKm = options.maxDistanceKm
  if (maxDistanceKm !== undefined && !(maxDistanceKm > 0 && Number.isFinite(maxDistanceKm)))
    invalid('maxDistanceKm', maxDistanceKm)

  const categories: string[] = []
  const categoryId = new Map<string, number>()
  const idOf = (code: string) => {
    let id = categoryId.get(code)
    if (id === undefined) {
      id = categories.length
      categories.push(code)
      categoryId.set(code, id)
    }
    return id
  }
  const capacity = new Int32Array(providers.length)
  const providerCats = providers.map((p, i) => {
    if (!isCount(p.capacity)) invalid(`provider ${p.id} capacity`, p.capacity)
    capacity[i] = p.capacity
    return Int32Array.from(new Set(p.categories.map(idOf))).sort()
  })
  const demand = new Int32Array(nT)
  const wantCats: Int32Array[] = []
  const wantWeights: Float64Array[] = []
  const wantOrder: Int32Array[] = []
  targets.forEach((t, i) => {
    const d = t.demand ?? 1
    if (!isCount(d)) invalid(`target ${t.id} demand`, d)
    demand[i] = d
    const merged = new Map<number, number>()
    const position = new Map<number, number>()
    t.wants.forEach((want, at) => {
      const [code, weight] = typeof want === 'string' ? [want, 1] : [want.category, want.weight]
      if (!(Number.isFinite(weight) && weight >= 0)) invalid(`target ${t.id} want ${code} weight`, weight)
      const id = idOf(code)
      merged.set(id, (merged.get(id) ?? 0) + weight)
      if (!position.has(id)) position.set(id, at)
    })
    const ids = [...merged.keys()].sort((a, b) => a - b)
    wantCats.push(Int32Array.from(ids))
    wantWeights.push(Float64Array.from(ids.map((id) => merged.get(id)!)))
    wantOrder.push(Int32Array.from(ids.map((id) => position.get(id)!)))
  })

  const adjacency = adjacencyOf(options)
  const nearCache = new Map<string, Set<string>>()
  const near = (code: string): ReadonlySet<string> => {
    let set = nearCache.get(code)
    if (!set) {
      set = new Set()
      for (const c of areaChain(code)) for (const b of adjacency.get(c) ?? []) set.add(b)
      nearCache.set(code, set)
    }
    return set
  }
  const areaOf = (loc: Provider['location']) => (loc?.areaCode ? loc.areaCode : undefined)
  const providerArea = providers.map((p) => areaOf(p.location))
  const targetArea = targets.map((t) => areaOf(t.location))
  const providerChain = providerArea.map((code) => (code ? areaChain(code) : []))
  const targetChain = targetArea.map((code) => (code ? areaChain(code) : []))
  const areaIds = new Map<string, number>()
  const areaId = (code: string) => {
    const known = areaIds.get(code)
    if (known !== undefined) return known
    const id = areaIds.size
    areaIds.set(code, id)
    return id
  }
  const chainIds = (chain: string[]) => Int32Array.from(chain, areaId)
  const idOrNone = (code: string | undefined) => (code === undefined ? -1 : areaId(code))
  const streetOf = (code: string | undefined) => (code && code.length > 9 ? areaId(code.slice(0, 9)) : -1)
  const nearIdCache = new Map<string, Set<number>>()
  const nearIds = (code: string | undefined): ReadonlySet<number> => {
    if (code === undefined) return EMPTY
    const known = nearIdCache.get(code)
    if (known) return known
    const set = new Set([...near(code)].map(areaId))
    nearIdCache.set(code, set)
    return set
  }

  const preferences = new Map<number, Preference[]>()
  const providerHasPreferences = new Uint8Array(providers.length)
  for (const pref of input.preferences ?? []) {
    const p = lookup(providerIndex, pref.providerId, 'provider')
    const t = lookup(targetIndex, pref.targetId, 'target')
    if (!Number.isFinite(pref.weight)) invalid(`preference ${pref.providerId}→${pref.targetId}`, pref.weight)
    const key = p * nT + t
    const list = preferences.get(key)
    if (list) list.push(pref)
    else preferences.set(key, [pref])
    providerHasPreferences[p] = 1
  }

  const forbidden = new Set<number>()
  const pinned = new Map<number, PinEntry>()
  for (const pin of input.pins ?? []) {
    const p = lookup(providerIndex, pin.providerId, 'provider')
    const t = lookup(targetIndex, pin.targetId, 'target')
    const key = p * nT + t
    if (pin.kind === 'forbid') forbidden.add(key)
    else {
      const entry = pinned.get(key)
      if (entry) entry.override ||= pin.override === true
      else pinned.set(key, { p, t, override: pin.override === true })
    }
    if (forbidden.has(key) && pinned.has(key))
      throw new MatchingError(
        'pin_forbidden',
        `${pin.providerId} 与 ${pin.targetId} 既被指定又被排除`,
        `${pin.providerId} and ${pin.targetId} are both pinned and forbidden`,
        { providerId: pin.providerId, targetId: pin.targetId },
      )
  }
  const pins = [...pinned.values()].sort((a, b) => a.t - b.t || a.p - b.p)
  // Reasons list a pair's preferences in a fixed order: the target's first, then by rank, then by weight.
  const sideOrder = (x: Preference) => (x.side === 'target' ? 0 : 1)
  for (const list of preferences.values())
    list.sort(
      (a, b) =>
        sideOrder(a) - sideOrder(b) ||
        (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
        b.weight - a.weight,
    )

  return {
    providers,
    targets,
    providerIndex,
    targetIndex,
    capacity,
    demand,
    weights: weightsOf(options),
    maxDistanceKm,
    areaReach: options.areaReach ?? 'any',
    candidatesPerTarget: k,
    categoryNames: options.categoryNames ?? {},
    categories,
    providerCats,
    wantCats,
    wantWeights,
    wantOrder,
    providerArea,
    providerChain,
    targetArea,
    targetChain,
    near,
    providerChainId: providerChain.map(chainIds),
    targetChainId: targetChain.map(chainIds),
    providerAreaId: Int32Array.from(providerArea, idOrNone),
    targetAreaId: Int32Array.from(targetArea, idOrNone),
    providerStreetId: Int32Array.from(providerArea, streetOf),
    targetStreetId: Int32Array.from(targetArea, streetOf),
    targetNearId: targetArea.map(nearIds),
    providerCoord: providers.map((p) => coordOf(`provider ${p.id}`, p.location)),
    targetCoord: targets.map((t) => coordOf(`target ${t.id}`, t.location)),
    preferences,
    providerHasPreferences,
    forbidden,
    pins,
    pinned,
  }
}
