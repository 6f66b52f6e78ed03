/**
 * Candidate generation: the sparse provider–target graph the solvers work on. Only allowed pairs are edges
 * (shared category, within reach, not forbidden, fit ≥ 1), and per target only the best
 * `candidatesPerTarget` of them (by fit, then provider id; never fewer than the target's demand). Pinned pairs are not edges (they are assigned
 * up front), nor are providers with no capacity left or targets with no demand left.
 *
 * To avoid scoring every pair, a target looks only at providers that can possibly be allowed: with an area
 * reach, those in the areas within reach (indexed by every level of their area code) plus those without an
 * area code; otherwise those offering one of its wanted categories. Each is then scored by `evaluate`, so
 * the edges are exactly the allowed pairs (tests check this against scoring every pair).
 */
import { areaChain, type Context } from './context.ts'
import { evaluate } from './fit.ts'

export interface Candidates {
  /** edge e joins provider p[e] and target t[e] with fit w[e]; edges are grouped by target, best first */
  p: Int32Array
  t: Int32Array
  w: Int32Array
  /** allowed pairs left out by the per-target cap */
  pruned: number
}

function push(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export function buildCandidates(ctx: Context, capLeft: Int32Array, demLeft: Int32Array): Candidates {
  const nP = ctx.providers.length
  const nT = ctx.targets.length
  const k = ctx.candidatesPerTarget
  const live: number[] = []
  for (let p = 0; p < nP; p++) if (capLeft[p]! > 0) live.push(p)

  // Indexes over live providers.
  const byCategory: number[][] = ctx.categories.map(() => [])
  const underArea = new Map<string, number[]>() // every level of the provider's code → providers
  const atArea = new Map<string, number[]>() // exact code → providers
  const noArea: number[] = []
  for (const p of live) {
    for (const c of ctx.providerCats[p]!) byCategory[c]!.push(p)
    const code = ctx.providerArea[p]
    if (code === undefined) noArea.push(p)
    else {
      push(atArea, code, p)
      for (const c of ctx.providerChain[p]!) push(underArea, c, p)
    }
  }

  const stamp = new Int32Array(nP).fill(-1)
  const edgeP: number[] = []
  const edgeT: number[] = []
  const edgeW: number[] = []
  let pruned = 0
  const found: number[] = []
  const scores: number[] = []
  const order: number[] = []

  for (let t = 0; t < nT; t++) {
    if (demLeft[t]! <= 0) continue
    found.length = 0
    scores.length = 0
    const consider = (list: readonly number[] | undefined) => {
      if (!list) return
      for (const p of list) {
        if (stamp[p] === t) continue
        stamp[p] = t
        if (ctx.pinned.size > 0 && ctx.pinned.has(p * nT + t)) continue
        const score = evaluate(ctx, p, t, null)
        if (typeof score === 'number') {
          found.push(p)
          scores.push(score)
        }
      }
    }
    const code = ctx.targetArea[t]
    if (ctx.areaReach !== 'any' && code !== undefined) {
      // Areas containing the target's area hold providers serving all of it.
      for (const outer of areaChain(code).slice(1)) consider(atArea.get(outer))
      const street = ctx.areaReach === 'adjacent' && code.length > 9 ? code.slice(0, 9) : code
      consider(underArea.get(street))
      if (ctx.areaReach === 'adjacent') for (const b of ctx.near(code)) consider(underArea.get(b))
      consider(noArea)
    } else {
      for (const c of ctx.wantCats[t]!) consider(byCategory[c])
    }

    order.length = 0
    for (let i = 0; i < found.length; i++) order.push(i)
    order.sort((a, b) => scores[b]! - scores[a]! || found[a]! - found[b]!)
    const keep = Math.min(order.length, Math.max(k, demLeft[t]!))
    pruned += order.length - keep
    for (let i = 0; i < keep; i++) {
      const j = order[i]!
      edgeP.push(found[j]!)
      edgeT.push(t)
      edgeW.push(scores[j]!)
    }
  }
  return { p: Int32Array.from(edgeP), t: Int32Array.from(edgeT), w: Int32Array.from(edgeW), pruned }
}
