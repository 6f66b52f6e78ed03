/**
 * What the solver and the greedy baseline share: checking the input, assigning pinned pairs up front,
 * building the candidate graph for what is left, and turning chosen edges into a `Solution`.
 */
import { buildCandidates, type Candidates } from './candidates.ts'
import { buildContext, type Context } from './context.ts'
import { blockText, evaluate } from './fit.ts'
import { type MatchInput, MatchingError, type Pair, type Reason, type Solution } from './types.ts'

export interface Prepared {
  ctx: Context
  pinned: Array<{ p: number; t: number; score: number; reasons: Reason[] }>
  /** capacity and demand left after the pinned pairs */
  capLeft: Int32Array
  demLeft: Int32Array
  candidates: Candidates
}

export function prepare(input: MatchInput): Prepared {
  const ctx = buildContext(input)
  const capLeft = ctx.capacity.slice()
  const demLeft = ctx.demand.slice()
  const pinned: Prepared['pinned'] = []
  for (const pin of ctx.pins) {
    const provider = ctx.providers[pin.p]!
    const target = ctx.targets[pin.t]!
    const ids = { providerId: provider.id, targetId: target.id }
    const reasons: Reason[] = []
    const score = evaluate(ctx, pin.p, pin.t, reasons, pin.override ? 2 : 1)
    if (typeof score !== 'number') {
      const why = blockText(score)
      throw new MatchingError(
        'pin_not_allowed',
        `不能指定 ${provider.id} 服务 ${target.id}：${why.zh}（确需指定请标明“规则之外”）`,
        `Cannot pin ${provider.id} to ${target.id}: ${why.en} (set override to pin it anyway)`,
        { ...ids, reason: score },
      )
    }
    if (--capLeft[pin.p]! < 0) {
      const count = ctx.pins.filter((x) => x.p === pin.p).length
      throw new MatchingError(
        'pin_over_capacity',
        `服务方 ${provider.id} 被指定了 ${count} 个对象，超过其容量 ${provider.capacity}`,
        `Provider ${provider.id} is pinned to ${count} targets, more than its capacity ${provider.capacity}`,
        { ...ids, pins: count, capacity: provider.capacity },
      )
    }
    if (--demLeft[pin.t]! < 0) {
      const count = ctx.pins.filter((x) => x.t === pin.t).length
      const demand = ctx.demand[pin.t]!
      throw new MatchingError(
        'pin_over_demand',
        `需求方 ${target.id} 被指定了 ${count} 个服务方，超过其需求 ${demand}`,
        `Target ${target.id} is pinned to ${count} providers, more than its demand ${demand}`,
        { ...ids, pins: count, demand },
      )
    }
    pinned.push({ p: pin.p, t: pin.t, score, reasons })
  }
  return { ctx, pinned, capLeft, demLeft, candidates: buildCandidates(ctx, capLeft, demLeft) }
}

/** The solution made of the pinned pairs and the chosen candidate edges. */
export function assemble(
  prep: Prepared,
  chosen: readonly number[],
  stats: Pick<Solution['stats'], 'phases' | 'augmentations'>,
): Solution {
  const { ctx, candidates } = prep
  const rows: Array<{ p: number; t: number; pair: Pair }> = []
  for (const x of prep.pinned)
    rows.push({
      p: x.p,
      t: x.t,
      pair: {
        providerId: ctx.providers[x.p]!.id,
        targetId: ctx.targets[x.t]!.id,
        score: x.score,
        reasons: x.reasons,
        pinned: true,
      },
    })
  for (const e of chosen) {
    const p = candidates.p[e]!
    const t = candidates.t[e]!
    const reasons: Reason[] = []
    const score = evaluate(ctx, p, t, reasons)
    if (score !== candidates.w[e]) throw new Error(`matching: edge ${p}→${t} rescored differently`)
    rows.push({
      p,
      t,
      pair: { providerId: ctx.providers[p]!.id, targetId: ctx.targets[t]!.id, score, reasons, pinned: false },
    })
  }
  rows.sort((a, b) => a.t - b.t || a.p - b.p)

  const load = new Int32Array(ctx.providers.length)
  const assigned = new Int32Array(ctx.targets.length)
  let totalFit = 0
  for (const row of rows) {
    load[row.p]!++
    assigned[row.t]!++
    totalFit += row.pair.score
  }
  const unassignedTargets: Solution['unassignedTargets'] = []
  ctx.targets.forEach((target, t) => {
    if (assigned[t]! < ctx.demand[t]!)
      unassignedTargets.push({ targetId: target.id, demand: ctx.demand[t]!, assigned: assigned[t]! })
  })
  return {
    pairs: rows.map((row) => row.pair),
    totalFit,
    unassignedTargets,
    providerLoad: ctx.providers.map((provider, p) => ({
      providerId: provider.id,
      load: load[p]!,
      capacity: provider.capacity,
    })),
    stats: { candidateEdges: candidates.p.length, prunedEdges: candidates.pruned, ...stats },
  }
}
