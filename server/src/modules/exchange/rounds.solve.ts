/**
 * Solving a round: rows → the solver's input → a stored proposal. Small rounds are solved inside the
 * request; large ones are queued and solved by the background job below, which claims a round with a
 * conditional update so exactly one instance solves it, and re-claims a round whose solver died (restart).
 */
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { AppError } from '../../lib/errors.ts'
import {
  greedy,
  type MatchInput,
  MatchingError,
  type Options,
  type Pair,
  rankedPreferences,
  type Solution,
  solve,
} from './matching/index.ts'
import type { InputRows } from './rounds.input.ts'
import { loadRows } from './rounds.repository.ts'

/** Rounds with more provider × target pairs than this are solved in the background. */
export const INLINE_PAIR_LIMIT = 5000
/** A claimed solve not finished after this long is taken to have died with its instance. */
export const SOLVE_LEASE_MS = 10 * 60_000

export interface StoredPair {
  p: number
  t: string
  score: number
  reasons: Pair['reasons']
  pinned: boolean
}
export interface StoredProposal {
  pairs: StoredPair[]
  totalFit: number
  greedyFit: number
  unassigned: Solution['unassignedTargets']
  providerLoad: Solution['providerLoad']
  stats: Solution['stats']
}
export interface RoundOptionsJson {
  areaReach?: 'same' | 'adjacent' | 'any'
}

export async function categoryNames(db: Kysely<DB>) {
  const rows = await db.selectFrom('service_category').select(['code', 'name_zh', 'name_en']).execute()
  return Object.fromEntries(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]))
}

export async function matchInput(
  db: Kysely<DB>,
  rows: InputRows,
  options: RoundOptionsJson,
): Promise<MatchInput> {
  const units = new Map<number, string>()
  const ids = rows.providers.map((p) => p.unit_id)
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await db
      .selectFrom('unit')
      .select(['id', 'area_code'])
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute()
    for (const u of found) units.set(Number(u.id), u.area_code)
  }
  const owners = new Map<string, { side: 'provider' | 'target'; owner: string; ranked: string[] }>()
  for (const r of [...rows.preferences].sort((a, b) => a.rank - b.rank)) {
    const owner = r.side === 'provider' ? String(r.unit_id) : r.target_key
    const key = `${r.side}:${owner}`
    const entry = owners.get(key) ?? { side: r.side, owner, ranked: [] }
    entry.ranked.push(r.side === 'provider' ? r.target_key : String(r.unit_id))
    owners.set(key, entry)
  }
  const solverOptions: Options = {
    areaReach: options.areaReach ?? 'any',
    categoryNames: await categoryNames(db),
  }
  return {
    providers: rows.providers.map((p) => ({
      id: String(p.unit_id),
      capacity: p.capacity,
      categories: p.categories,
      location: { areaCode: units.get(p.unit_id)! },
    })),
    targets: rows.targets.map((t) => ({
      id: t.target_key,
      demand: t.demand,
      wants: t.wants,
      kind: t.kind,
      location: { areaCode: t.area_code },
    })),
    preferences: [...owners.values()].flatMap((o) => rankedPreferences(o.side, o.owner, o.ranked)),
    pins: rows.pins.map((p) => ({
      providerId: String(p.unit_id),
      targetId: p.target_key,
      kind: p.kind,
      override: p.override,
    })),
    options: solverOptions,
  }
}

/** Runs the solver (and the greedy baseline for comparison); solver input errors become a 422. */
export function propose(input: MatchInput): StoredProposal {
  try {
    const solution = solve(input)
    const baseline = greedy(input)
    return {
      pairs: solution.pairs.map((pair) => ({
        p: Number(pair.providerId),
        t: pair.targetId,
        score: pair.score,
        reasons: pair.reasons,
        pinned: pair.pinned,
      })),
      totalFit: solution.totalFit,
      greedyFit: baseline.totalFit,
      unassigned: solution.unassignedTargets,
      providerLoad: solution.providerLoad,
      stats: solution.stats,
    }
  } catch (error) {
    if (error instanceof MatchingError)
      throw new AppError(
        'matching_solver_rejected',
        { detail: { 'zh-CN': error.text_zh, 'en-US': error.text_en } },
        { solverCode: error.code, ...error.details },
      )
    throw error
  }
}

/**
 * Stores a proposal solved from the round at `version`, only if the round is still at that version:
 * the round becomes proposed at version + 1 and the old pairs are kept to show what changed.
 */
export async function storeProposal(
  db: Kysely<DB>,
  roundId: number,
  version: number,
  proposal: StoredProposal,
  now: Date,
  fromStatus: 'idle' | 'running',
): Promise<boolean> {
  const result = await db
    .updateTable('matching_round')
    .set({
      previous_pairs: sql`CASE WHEN proposal IS NULL THEN NULL ELSE proposal -> 'pairs' END`,
      proposal: JSON.stringify(proposal),
      proposal_version: version + 1,
      state: 'proposed',
      solved_at: now,
      solve_status: 'idle',
      solve_claimed_at: null,
      solve_error: null,
      version: version + 1,
      updated_at: now,
    })
    .where('id', '=', roundId)
    .where('version', '=', version)
    .where('state', 'in', ['draft', 'proposed'])
    .where(
      'solve_status',
      fromStatus === 'idle' ? 'in' : '=',
      fromStatus === 'idle' ? ['idle', 'failed'] : 'running',
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The background job: claims one queued round (or one whose solver died), solves it and stores the result.
 * Returns the ids it solved, so tests can run it step by step.
 */
export async function runQueuedSolves(ctx: AppContext, limit = 5): Promise<number[]> {
  const solved: number[] = []
  for (let i = 0; i < limit; i++) {
    const now = ctx.clock.now()
    const leaseExpired = new Date(now.getTime() - SOLVE_LEASE_MS)
    const next = await ctx.db
      .selectFrom('matching_round')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('solve_status', '=', 'queued'),
          eb.and([eb('solve_status', '=', 'running'), eb('solve_claimed_at', '<', leaseExpired)]),
        ]),
      )
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()
    if (!next) break
    const id = Number(next.id)
    // The claim: only one instance turns this row to running (or renews a dead lease).
    const claimed = await ctx.db
      .updateTable('matching_round')
      .set({ solve_status: 'running', solve_claimed_at: now })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('solve_status', '=', 'queued'),
          eb.and([eb('solve_status', '=', 'running'), eb('solve_claimed_at', '<', leaseExpired)]),
        ]),
      )
      .returning(['version', 'options'])
      .executeTakeFirst()
    if (!claimed) continue
    const rows = await loadRows(ctx.db, id)
    try {
      const proposal = propose(await matchInput(ctx.db, rows, claimed.options as RoundOptionsJson))
      if (await storeProposal(ctx.db, id, claimed.version, proposal, ctx.clock.now(), 'running'))
        solved.push(id)
    } catch (error) {
      const detail =
        error instanceof AppError
          ? { code: error.code, zh: error.localized('zh-CN'), en: error.localized('en-US') }
          : { code: 'internal', zh: '求解时出现内部错误', en: 'The solver failed unexpectedly' }
      await ctx.db
        .updateTable('matching_round')
        .set({ solve_status: 'failed', solve_claimed_at: null, solve_error: JSON.stringify(detail) })
        .where('id', '=', id)
        .where('solve_status', '=', 'running')
        .execute()
    }
  }
  return solved
}
