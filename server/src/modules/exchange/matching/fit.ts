/**
 * How well a provider fits a target, as an integer score with the reasons staff read:
 *   category   — per shared category `weights.category` × the want's weight ("同类服务：养老、文体" +40)
 *   preference — per preference `weights.preference` × its weight ("社区首选" +15)
 *   distance   — the better of the area relation and the coordinates ("同街道" +10, "相距1.2公里" +9)
 *   pinned     — 0 points, marks a pair forced in by staff
 * Every component is rounded on its own, so the reasons' points always sum to the score.
 * A pair is not allowed when it is forbidden, shares no category, is out of reach (areaReach, maxDistanceKm),
 * or scores below 1 — unless pinned: a pin skips the score floor, a pin with `override` also skips the
 * category and reach rules.
 */
import { buildContext, type Context } from './context.ts'
import type { Fit, FitWeights, Options, Pin, Preference, Provider, Reason, Target } from './types.ts'

/** Why a pair is not allowed. */
export type Block = 'forbidden' | 'no_category' | 'out_of_reach' | 'too_far' | 'no_points'

/** 0 = not pinned, 1 = pinned, 2 = pinned with override */
export type PinMode = 0 | 1 | 2

const Area = { Unknown: 0, Same: 1, Adjacent: 2, SameStreet: 3, Far: 4 } as const

function levelName(len: number): { zh: string; en: string } {
  if (len <= 6) return { zh: '区', en: 'district' }
  if (len <= 9) return { zh: '街道', en: 'street' }
  if (len <= 12) return { zh: '村居', en: 'community' }
  return { zh: '区域', en: 'area' }
}

/**
 * The area relation of a pair, as `relation * 8 + i` where for adjacency i is the index in the provider's
 * chain of the code that matched (so the reason can name its level). Numbers only: it runs for every pair.
 */
function areaRelation(ctx: Context, p: number, t: number): number {
  const a = ctx.providerAreaId[p]!
  const b = ctx.targetAreaId[t]!
  if (a < 0 || b < 0) return Area.Unknown * 8
  const chain = ctx.providerChainId[p]!
  if (chain.includes(b) || ctx.targetChainId[t]!.includes(a)) return Area.Same * 8
  const near = ctx.targetNearId[t]!
  if (near.size > 0)
    for (let i = 0; i < chain.length; i++) if (near.has(chain[i]!)) return Area.Adjacent * 8 + i
  const street = ctx.providerStreetId[p]!
  if (street >= 0 && street === ctx.targetStreetId[t]) return Area.SameStreet * 8
  return Area.Far * 8
}

/** Great-circle distance in km. */
export function haversineKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (b[0] - a[0]) * rad
  const dLng = (b[1] - a[1]) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)))
}

function sideNoun(side: Preference['side'], target: Target): { zh: string; en: string } {
  if (side === 'provider') return { zh: '组织', en: 'Provider' }
  if (target.kind === 'building') return { zh: '楼宇', en: 'Building' }
  if (target.kind === 'need') return { zh: '需求方', en: 'Requester' }
  return { zh: '社区', en: 'Community' }
}

// `+ 0` turns -0 (from a weight of -0 or a small negative one rounded) into 0, so equal pairs print equally.
function preferencePointsOf(pref: Preference, w: FitWeights): number {
  return Math.round(w.preference * pref.weight) + 0
}

function preferenceReason(pref: Preference, target: Target, points: number): Reason {
  const noun = sideNoun(pref.side, target)
  let zh = `${noun.zh}意向`
  let en = `${noun.en}'s preference`
  if (pref.weight < 0) {
    zh = `${noun.zh}不倾向`
    en = `${noun.en} would rather not`
  } else if (pref.rank === 1) {
    zh = `${noun.zh}首选`
    en = `${noun.en}'s first choice`
  } else if (pref.rank !== undefined) {
    zh = `${noun.zh}第${pref.rank}志愿`
    en = `${noun.en}'s choice #${pref.rank}`
  }
  return { kind: 'preference', text_zh: zh, text_en: en, points }
}

/**
 * Scores pair (p, t) by the context's indices; pushes the reasons onto `reasons` when given (the score is
 * computed the same way either way). Returns the score, or why the pair is not allowed.
 */
export function evaluate(
  ctx: Context,
  p: number,
  t: number,
  reasons: Reason[] | null,
  pin: PinMode = 0,
): number | Block {
  const nT = ctx.targets.length
  if (ctx.forbidden.size > 0 && ctx.forbidden.has(p * nT + t)) return 'forbidden'
  const w = ctx.weights

  // Shared categories: a merge of two sorted id lists.
  const have = ctx.providerCats[p]!
  const wants = ctx.wantCats[t]!
  const wantWeights = ctx.wantWeights[t]!
  let shared = 0
  let sharedWeight = 0
  const shown: number[] | null = reasons ? [] : null // indices into wants, for the reason
  for (let i = 0, j = 0; i < wants.length && j < have.length; ) {
    const a = wants[i]!
    const b = have[j]!
    if (a < b) i++
    else if (a > b) j++
    else {
      shared++
      sharedWeight += wantWeights[i]!
      shown?.push(i)
      i++
      j++
    }
  }
  if (shared === 0 && pin < 2) return 'no_category'
  const categoryPoints = shared > 0 ? Math.round(w.category * sharedWeight) : 0

  // Distance: the area relation and, when both have them, the coordinates.
  const area = areaRelation(ctx, p, t)
  const relation = area >> 3
  if (pin < 2) {
    if (ctx.areaReach === 'same' && relation > Area.Same) return 'out_of_reach'
    if (ctx.areaReach === 'adjacent' && relation === Area.Far) return 'out_of_reach'
  }
  const areaPoints =
    relation === Area.Same
      ? Math.round(w.sameArea)
      : relation === Area.Adjacent
        ? Math.round(w.adjacentArea)
        : relation === Area.SameStreet
          ? Math.round(w.sameStreet)
          : 0
  let coordPoints = 0
  let km = -1
  const pc = ctx.providerCoord[p]
  const tc = ctx.targetCoord[t]
  if (pc && tc) {
    km = haversineKm(pc, tc)
    if (ctx.maxDistanceKm !== undefined && km > ctx.maxDistanceKm && pin < 2) return 'too_far'
    coordPoints = Math.round(w.nearby * Math.max(0, 1 - km / (ctx.maxDistanceKm ?? 10)))
  }
  const byCoords = coordPoints > areaPoints
  const distancePoints = byCoords ? coordPoints : areaPoints

  let preferencePoints = 0
  const prefs = ctx.providerHasPreferences[p] ? ctx.preferences.get(p * nT + t) : undefined
  if (prefs) for (const pref of prefs) preferencePoints += preferencePointsOf(pref, w)

  const score = categoryPoints + distancePoints + preferencePoints
  if (score < 1 && pin === 0) return 'no_points'
  if (!reasons) return score

  if (shared > 0) {
    // In the order the target listed its wants.
    const order = ctx.wantOrder[t]!
    const names = shown!.sort((a, b) => order[a]! - order[b]!).map((i) => ctx.categories[wants[i]!]!)
    const label = (c: string, lang: 'zh' | 'en') => ctx.categoryNames[c]?.[lang] ?? c
    reasons.push({
      kind: 'category',
      text_zh: `同类服务：${names.map((c) => label(c, 'zh')).join('、')}`,
      text_en: `Shared services: ${names.map((c) => label(c, 'en')).join(', ')}`,
      points: categoryPoints,
    })
  }
  if (prefs)
    for (const pref of prefs)
      reasons.push(preferenceReason(pref, ctx.targets[t]!, preferencePointsOf(pref, w)))
  if (distancePoints !== 0) {
    if (byCoords) {
      const d = km.toFixed(1)
      reasons.push({
        kind: 'distance',
        text_zh: `相距${d}公里`,
        text_en: `${d} km apart`,
        points: distancePoints,
      })
    } else if (relation === Area.SameStreet) {
      reasons.push({
        kind: 'distance',
        text_zh: '同街道不同村居',
        text_en: 'Same street, another community',
        points: distancePoints,
      })
    } else {
      const same = relation === Area.Same
      const a = ctx.providerArea[p]!
      const b = ctx.targetArea[t]!
      const level = levelName(same ? Math.min(a.length, b.length) : ctx.providerChain[p]![area & 7]!.length)
      reasons.push({
        kind: 'distance',
        text_zh: `${same ? '同' : '相邻'}${level.zh}`,
        text_en: `${same ? 'Same' : 'Neighbouring'} ${level.en}`,
        points: distancePoints,
      })
    }
  }
  if (pin > 0)
    reasons.push({
      kind: 'pinned',
      text_zh: pin === 2 ? '工作人员指定（规则之外）' : '工作人员指定',
      text_en: pin === 2 ? 'Pinned by staff (outside the rules)' : 'Pinned by staff',
      points: 0,
    })
  return score
}

/** Bilingual text of a block, for errors. */
export function blockText(block: Block): { zh: string; en: string } {
  switch (block) {
    case 'forbidden':
      return { zh: '已被排除', en: 'the pair is forbidden' }
    case 'no_category':
      return { zh: '没有共同的服务类别', en: 'they share no service category' }
    case 'out_of_reach':
      return { zh: '不在服务范围内（区域）', en: 'the areas are out of reach' }
    case 'too_far':
      return { zh: '距离超出上限', en: 'they are farther apart than the maximum distance' }
    case 'no_points':
      return { zh: '匹配分不足 1 分', en: 'the fit is below 1 point' }
  }
}

/**
 * The fit of one pair, or null when the pair is not allowed. `preferences` and `pins` may list other pairs
 * (they are ignored), so a caller can pass a round's whole lists.
 */
export function fit(
  provider: Provider,
  target: Target,
  extra: { preferences?: readonly Preference[]; pins?: readonly Pin[]; options?: Options } = {},
): Fit | null {
  const mine = <T extends { providerId: string; targetId: string }>(list: readonly T[] = []) =>
    list.filter((x) => x.providerId === provider.id && x.targetId === target.id)
  const pins = mine(extra.pins)
  if (pins.some((x) => x.kind === 'forbid')) return null
  const ctx = buildContext({
    providers: [provider],
    targets: [target],
    preferences: mine(extra.preferences),
    pins,
    options: extra.options,
  })
  const pin = ctx.pins[0]
  const reasons: Reason[] = []
  const score = evaluate(ctx, 0, 0, reasons, pin ? (pin.override ? 2 : 1) : 0)
  return typeof score === 'number' ? { score, reasons } : null
}

/** A reason as one line, e.g. "同类服务：养老、文体 +40". */
export function reasonLine(reason: Reason, lang: 'zh' | 'en'): string {
  const points = reason.points >= 0 ? `+${reason.points}` : `${reason.points}`
  return `${lang === 'zh' ? reason.text_zh : reason.text_en} ${points}`
}

/**
 * Ranked choices as preferences: `owner` (a target for side 'target', a provider for side 'provider') lists
 * the other side's ids best first; the first gets points[0], the second points[1], … and any later one `rest`.
 */
export function rankedPreferences(
  side: Preference['side'],
  owner: string,
  ranked: readonly string[],
  points: readonly number[] = [15, 10, 5],
  rest = 2,
): Preference[] {
  return ranked.map((other, i) => ({
    providerId: side === 'provider' ? owner : other,
    targetId: side === 'provider' ? other : owner,
    side,
    weight: points[i] ?? rest,
    rank: i + 1,
  }))
}
