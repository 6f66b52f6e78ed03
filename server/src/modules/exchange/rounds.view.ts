/** What the screens read about rounds: the list, one round whole, and the candidates for a new round. */
import type { Round, RoundSummary } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import type { Reason } from './matching/index.ts'
import type { TargetRow } from './rounds.input.ts'
import { loadRows, unitNames } from './rounds.repository.ts'
import { roundRow } from './rounds.service.ts'
import type { StoredPair, StoredProposal } from './rounds.solve.ts'

const reasonsOut = (reasons: Reason[]) =>
  reasons.map((r) => ({ kind: r.kind, zh: r.text_zh, en: r.text_en, points: r.points }))
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

type Row = Awaited<ReturnType<typeof roundRow>>

async function summaries(ctx: AppContext, rows: Row[]): Promise<RoundSummary[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [areas, providers, targets, agreements] = await Promise.all([
    ctx.db
      .selectFrom('area')
      .select(['code', 'name'])
      .where(
        'code',
        'in',
        rows.map((r) => r.area_code),
      )
      .execute(),
    ctx.db
      .selectFrom('matching_provider')
      .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', 'in', ids)
      .groupBy('round_id')
      .execute(),
    ctx.db
      .selectFrom('matching_target')
      .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', 'in', ids)
      .groupBy('round_id')
      .execute(),
    ctx.db
      .selectFrom('matching_agreement')
      .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', 'in', ids)
      .groupBy('round_id')
      .execute(),
  ])
  const count = (list: Array<{ round_id: number; n: number | string | bigint }>, id: number) =>
    Number(list.find((x) => Number(x.round_id) === Number(id))?.n ?? 0)
  return rows.map((r) => {
    const proposal = r.proposal as StoredProposal | null
    return {
      id: Number(r.id),
      version: r.version,
      name: r.name,
      areaCode: r.area_code,
      areaName: areas.find((a) => a.code === r.area_code)?.name ?? r.area_code,
      state: r.state as RoundSummary['state'],
      solveStatus: r.solve_status as RoundSummary['solveStatus'],
      providers: count(providers, r.id),
      targets: count(targets, r.id),
      pairs: proposal?.pairs.length ?? 0,
      totalFit: proposal?.totalFit ?? null,
      agreements: count(agreements, r.id),
      confirmedOn: r.confirmed_on,
      updatedAt: iso(r.updated_at)!,
    }
  })
}

/** Rounds in the caller's areas (or in the one asked for), newest first. */
export async function listRounds(ctx: AppContext, request: FastifyRequest, area?: string) {
  const grants = request.grantsFor('matching.manage')
  const city = grants.some((g) => g.scope_type === 'city')
  const prefixes = area ? [area] : city ? [] : grants.map((g) => g.area_code).filter((c): c is string => !!c)
  if (!city && !area && prefixes.length === 0) return []
  let query = ctx.db.selectFrom('matching_round').selectAll().orderBy('id', 'desc').limit(200)
  if (prefixes.length)
    query = query.where((eb) => eb.or(prefixes.map((p) => eb('area_code', 'like', `${p}%`))))
  return summaries(ctx, await query.execute())
}

export async function roundDetail(ctx: AppContext, id: number): Promise<Round> {
  const row = await roundRow(ctx, id)
  const [summary] = await summaries(ctx, [row])
  const rows = await loadRows(ctx.db, id)
  const names = await unitNames(
    ctx.db,
    rows.providers.map((p) => p.unit_id),
  )
  const proposal = row.proposal as StoredProposal | null
  const previous = (row.previous_pairs as StoredPair[] | null) ?? null
  const key = (p: { p: number; t: string }) => `${p.p}|${p.t}`
  const before = new Set((previous ?? []).map(key))
  const now = new Set((proposal?.pairs ?? []).map(key))
  const load = new Map<number, number>()
  const assigned = new Map<string, number>()
  for (const pair of proposal?.pairs ?? []) {
    load.set(pair.p, (load.get(pair.p) ?? 0) + 1)
    assigned.set(pair.t, (assigned.get(pair.t) ?? 0) + 1)
  }
  const agreements = await ctx.db
    .selectFrom('matching_agreement')
    .selectAll()
    .where('round_id', '=', id)
    .orderBy('target_key')
    .orderBy('unit_id')
    .execute()
  const followUps = agreements.length
    ? await ctx.db
        .selectFrom('matching_follow_up')
        .selectAll()
        .where(
          'agreement_id',
          'in',
          agreements.map((a) => a.id),
        )
        .orderBy('due_on')
        .execute()
    : []
  return {
    ...summary!,
    options: row.options as Round['options'],
    solveError: (row.solve_error as Round['solveError']) ?? null,
    providerList: rows.providers.map((p) => ({
      unitId: p.unit_id,
      name: names.get(p.unit_id)?.name ?? String(p.unit_id),
      areaCode: names.get(p.unit_id)?.areaCode ?? '',
      capacity: p.capacity,
      categories: p.categories,
      load: load.get(p.unit_id) ?? 0,
    })),
    targetList: rows.targets.map((t: TargetRow) => ({
      key: t.target_key,
      kind: t.kind,
      name: t.name,
      areaCode: t.area_code,
      demand: t.demand,
      wants: t.wants,
      assigned: assigned.get(t.target_key) ?? 0,
    })),
    preferences: rows.preferences.map((p) => ({
      side: p.side,
      unitId: p.unit_id,
      targetKey: p.target_key,
      rank: p.rank,
    })),
    pins: rows.pins.map((p) => ({
      unitId: p.unit_id,
      targetKey: p.target_key,
      kind: p.kind,
      override: p.override,
    })),
    proposal: proposal
      ? {
          pairs: proposal.pairs.map((pair) => ({
            unitId: pair.p,
            targetKey: pair.t,
            score: pair.score,
            reasons: reasonsOut(pair.reasons),
            pinned: pair.pinned,
            change: previous && !before.has(key(pair)) ? 'added' : 'kept',
          })),
          removed: (previous ?? [])
            .filter((pair) => !now.has(key(pair)))
            .map((pair) => ({ unitId: pair.p, targetKey: pair.t, score: pair.score })),
          totalFit: proposal.totalFit,
          greedyFit: proposal.greedyFit,
          unassigned: proposal.unassigned.map((u) => ({
            targetKey: u.targetId,
            demand: u.demand,
            assigned: u.assigned,
          })),
          stale: row.proposal_version !== row.version,
          solvedAt: iso(row.solved_at)!,
        }
      : null,
    agreementList: agreements.map((a) => ({
      id: Number(a.id),
      unitId: Number(a.unit_id),
      providerName: names.get(Number(a.unit_id))?.name ?? String(a.unit_id),
      targetKey: a.target_key,
      targetName: a.target_name,
      score: a.score,
      reasons: reasonsOut(a.reasons as Reason[]),
      confirmedOn: a.confirmed_on,
      followUps: followUps
        .filter((f) => Number(f.agreement_id) === Number(a.id))
        .map((f) => ({
          id: Number(f.id),
          version: f.version,
          dueOn: f.due_on,
          doneAt: iso(f.done_at),
          note: f.note,
        })),
    })),
  }
}

/**
 * Candidates for a round in an area: units in it (or an alliance's member units) with the categories of
 * their active offerings (and of their last round), and its communities, buildings and open needs with the
 * categories they asked for (open needs, and what the place wanted in its last round).
 */
export async function roundCandidates(ctx: AppContext, area: string, allianceId?: number) {
  let units = ctx.db
    .selectFrom('unit as u')
    .select(['u.id', 'u.name', 'u.kind', 'u.area_code'])
    .where('u.deleted_at', 'is', null)
    .orderBy('u.id')
  units = allianceId
    ? units.where('u.id', 'in', (eb) =>
        eb
          .selectFrom('alliance_member')
          .select('unit_id')
          .where('alliance_id', '=', allianceId)
          .where('left_on', 'is', null)
          .where('unit_id', 'is not', null)
          .$narrowType<{ unit_id: number }>(),
      )
    : units.where('u.area_code', 'like', `${area}%`).where('u.kind', 'in', ['social_org', 'agency'])
  const unitRows = await units.limit(2000).execute()
  const offered = unitRows.length
    ? await ctx.db
        .selectFrom('offering')
        .select(['provider_unit_id', 'category_code'])
        .where(
          'provider_unit_id',
          'in',
          unitRows.map((u) => u.id),
        )
        .where('status', '=', 'active')
        .where('deleted_at', 'is', null)
        .execute()
    : []
  const communities = await ctx.db
    .selectFrom('area')
    .select(['code', 'name'])
    .where('code', 'like', `${area}%`)
    .where('level', '=', 'community')
    .orderBy('code')
    .execute()
  const buildings = await ctx.db
    .selectFrom('building')
    .select(['id', 'name', 'area_code'])
    .where('area_code', 'like', `${area}%`)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(1000)
    .execute()
  const needs = await ctx.db
    .selectFrom('need')
    .select(['id', 'description', 'area_code', 'building_id', 'category_code'])
    .where('area_code', 'like', `${area}%`)
    .where('state', 'in', ['submitted', 'reopened'])
    .orderBy('id')
    .limit(1000)
    .execute()
  // What the last round said about a unit or a place is the best first guess for the next one.
  const lastProvided = new Map<number, string[]>()
  const lastWanted = new Map<string, string[]>()
  if (unitRows.length) {
    const rows = await ctx.db
      .selectFrom('matching_provider')
      .select(['unit_id', 'categories'])
      .where(
        'unit_id',
        'in',
        unitRows.map((u) => u.id),
      )
      .orderBy('round_id', 'desc')
      .execute()
    for (const r of rows)
      if (!lastProvided.has(Number(r.unit_id))) lastProvided.set(Number(r.unit_id), r.categories)
  }
  const earlier = await ctx.db
    .selectFrom('matching_target')
    .select(['target_key', 'wants'])
    .where('area_code', 'like', `${area}%`)
    .orderBy('round_id', 'desc')
    .limit(5000)
    .execute()
  for (const r of earlier)
    if (!lastWanted.has(r.target_key))
      lastWanted.set(
        r.target_key,
        [...(r.wants as Array<{ category: string; weight: number }>)]
          .sort((a, b) => b.weight - a.weight)
          .map((w) => w.category),
      )
  const wantsOf = (match: (n: (typeof needs)[number]) => boolean) => [
    ...new Set(needs.filter(match).map((n) => n.category_code)),
  ]
  return {
    providers: unitRows.map((u) => ({
      unitId: Number(u.id),
      name: u.name,
      kind: u.kind,
      areaCode: u.area_code,
      categories: [
        ...new Set([
          ...offered.filter((o) => Number(o.provider_unit_id) === Number(u.id)).map((o) => o.category_code),
          ...(lastProvided.get(Number(u.id)) ?? []),
        ]),
      ].sort(),
    })),
    targets: [
      ...communities.map((c) => ({
        key: `area:${c.code}`,
        kind: 'community' as const,
        name: c.name,
        areaCode: c.code,
        wants: [
          ...new Set([
            ...wantsOf((n) => n.area_code === c.code),
            ...(lastWanted.get(`area:${c.code}`) ?? []),
          ]),
        ],
      })),
      ...buildings.map((b) => ({
        key: `building:${b.id}`,
        kind: 'building' as const,
        name: b.name,
        areaCode: b.area_code,
        wants: [
          ...new Set([
            ...wantsOf((n) => Number(n.building_id) === Number(b.id)),
            ...(lastWanted.get(`building:${b.id}`) ?? []),
          ]),
        ],
      })),
      ...needs.map((n) => ({
        key: `need:${n.id}`,
        kind: 'need' as const,
        name: `#${n.id} ${n.description.slice(0, 40)}`,
        areaCode: n.area_code,
        wants: [n.category_code],
      })),
    ],
  }
}
