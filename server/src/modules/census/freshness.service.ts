import {
  CENSUS_PARTS,
  type CensusPart,
  type CompletenessItem,
  type Freshness,
  type PlanRow,
} from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { visibilityOf } from '../../lib/visibility.ts'
import { missingRecord } from '../../plugins/auth.ts'
import {
  buildingTotals,
  checksOf,
  figuresByPart,
  followUpTotals,
  type Place,
  planFacts,
  planPage,
} from './freshness.repository.ts'
import { cutoffOf, freshUntil, staleText } from './freshness.ts'

const SOON_DAYS = 30

export const todayOf = (ctx: AppContext) => shanghaiDate(ctx.clock.now())

/**
 * The place a census read covers: one building or one area the caller may read (403 otherwise, 404 for a
 * building that does not exist, like the registry's), or — neither given — everything the caller's
 * `coverage.read` grants reach.
 */
export async function placeOf(
  ctx: AppContext,
  request: FastifyRequest,
  query: { area?: string; building?: number },
): Promise<Place> {
  if (query.building !== undefined) {
    const b = await ctx.db
      .selectFrom('building')
      .select('id')
      .where('id', '=', query.building)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!b) throw missingRecord(request, 'coverage.read')
    if (!(await request.can('coverage.read', { type: 'building', id: String(b.id) })))
      throw new AppError('forbidden_scope')
    return { all: false, areaPaths: [], buildingIds: [b.id] }
  }
  if (query.area !== undefined) {
    const area = await ctx.db
      .selectFrom('area')
      .select('path')
      .where('code', '=', query.area)
      .executeTakeFirst()
    if (!area) throw new AppError('unknown_area', { code: query.area })
    if (!(await request.can('coverage.read', { type: 'area', id: query.area })))
      throw new AppError('forbidden_scope')
    return area.path.includes('/') ? { all: false, areaPaths: [area.path], buildingIds: [] } : { all: true }
  }
  const v = await visibilityOf(ctx.db, request, 'coverage.read')
  return v.all ? { all: true } : { all: false, areaPaths: v.areaPaths, buildingIds: v.buildingIds }
}

export async function freshnessFigures(ctx: AppContext, place: Place): Promise<Freshness> {
  const months = ctx.config.censusFreshMonths
  const today = todayOf(ctx)
  const cutoff = cutoffOf(today, months)
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + SOON_DAYS * 86_400_000).toISOString().slice(0, 10)
  const byPart = await figuresByPart(ctx.db, place, cutoff, cutoffOf(soon, months))
  const totals = await buildingTotals(ctx.db, place, cutoff)
  const followUps = await followUpTotals(ctx.db, place, today)
  const row = (part: CensusPart) => byPart.find((p) => p.part === part)
  return {
    asOf: today,
    periodMonths: months,
    cutoff,
    buildings: totals.buildings,
    allFresh: totals.allFresh,
    staleParts: byPart.reduce((n, p) => n + p.stale, 0),
    dueSoon: byPart.reduce((n, p) => n + p.soon, 0),
    openFollowUps: followUps.open,
    overdueFollowUps: followUps.overdue,
    byPart: CENSUS_PARTS.map((part) => ({
      part,
      stale: row(part)?.stale ?? 0,
      neverVerified: row(part)?.never ?? 0,
    })),
  }
}

type Check = { verifiedOn: string | null; verifiedBy: string | null; since: string }

/** The five checks of each building, keyed by building id then part. */
export async function checksByBuilding(ctx: AppContext, ids: number[]) {
  const map = new Map<number, Map<CensusPart, Check>>()
  for (const r of await checksOf(ctx.db, ids)) {
    const parts = map.get(r.building_id) ?? new Map<CensusPart, Check>()
    parts.set(r.part as CensusPart, { verifiedOn: r.verified_on, verifiedBy: r.verified_by, since: r.since })
    map.set(r.building_id, parts)
  }
  return map
}

/**
 * One of the five 清 with its freshness: missing when not recorded; recorded but counted from before the
 * cutoff: stale, worded with when and by whom it was last verified; otherwise clear.
 */
export function withFreshness(
  ctx: AppContext,
  item: { key: CensusPart; ok: boolean; missing: string },
  check: Check | undefined,
  locale: Locale,
): CompletenessItem {
  const months = ctx.config.censusFreshMonths
  const today = todayOf(ctx)
  const c = check ?? { verifiedOn: null, verifiedBy: null, since: today }
  const stale = c.since < cutoffOf(today, months)
  const state = !item.ok ? 'missing' : stale ? 'stale' : 'clear'
  return {
    key: item.key,
    ok: state === 'clear',
    missing: state === 'stale' ? staleText(c, locale) : item.missing,
    state,
    verifiedOn: c.verifiedOn,
    verifiedBy: c.verifiedBy,
    freshUntil: freshUntil(c.since, months),
  }
}

/** A building's five 清 as recorded, each with its freshness; the score counts the clear ones. */
export async function withCensusFreshness(
  ctx: AppContext,
  buildingId: number,
  recorded: { key: CensusPart; ok: boolean; missing: string }[],
  locale: Locale,
) {
  const checks = (await checksByBuilding(ctx, [buildingId])).get(buildingId)
  const items = recorded.map((i) => withFreshness(ctx, i, checks?.get(i.key), locale))
  return { score: items.filter((i) => i.ok).length, items }
}

export async function visitPlan(
  ctx: AppContext,
  place: Place,
  query: { part?: CensusPart; stale?: boolean; cursor?: string; limit?: number },
): Promise<{ items: PlanRow[]; nextCursor: string | null }> {
  const months = ctx.config.censusFreshMonths
  const cutoff = cutoffOf(todayOf(ctx), months)
  const limit = query.limit ?? 50
  const after = query.cursor
    ? decodeCursor(
        query.cursor,
        (v): v is [string, number] =>
          Array.isArray(v) &&
          typeof v[0] === 'string' &&
          /^\d{4}-\d{2}-\d{2}$/.test(v[0]) &&
          Number.isInteger(v[1]),
      )
    : null
  const read = await planPage(ctx.db, place, {
    part: query.part ?? null,
    staleOnly: query.stale === true,
    cutoff,
    after,
    limit: limit + 1,
  })
  const { page: rows, nextCursor } = pageOf(read, limit, (r) => [r.key, r.buildingId])
  const ids = rows.map((r) => r.buildingId)
  const checks = await checksByBuilding(ctx, ids)
  const facts = new Map((await planFacts(ctx.db, ids)).map((f) => [f.id, f]))
  const items = rows.map((r): PlanRow => {
    // checksOf returns all five parts of every building it is given.
    const own = checks.get(r.buildingId)!
    const parts = CENSUS_PARTS.map((part) => {
      const c = own.get(part)!
      return {
        part,
        verifiedOn: c.verifiedOn,
        verifiedBy: c.verifiedBy,
        since: c.since,
        stale: c.since < cutoff,
      }
    })
    const f = facts.get(r.buildingId)!
    return {
      buildingId: r.buildingId,
      name: f.name,
      areaName: f.area_name,
      dueOn: freshUntil(r.key, months),
      staleParts: parts.filter((p) => p.stale).map((p) => p.part),
      parts,
      openFollowUps: f.open,
      lastVisitOn: f.last_visit,
    }
  })
  return { items, nextCursor }
}
