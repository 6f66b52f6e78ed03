import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import type { Locale } from '../../lib/messages.ts'
import { inAreas } from '../../lib/visibility.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { noticeEscalated } from '../notifications/flows.ts'
import { countNeeds, escalateOverdue, listNeeds, type NeedRow, needQuery } from './needs.repository.ts'
import { providerUnits, toNeed } from './needs.service.ts'
import { openToUnits } from './routing.ts'

/** A page of needs as the caller sees them. */
const needPage = (
  ctx: AppContext,
  rows: NeedRow[],
  limit: number,
  locale: Locale,
  showContact: (r: NeedRow) => boolean,
  total: number,
) => {
  const now = ctx.clock.now()
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
  return {
    items: page.map((r) => toNeed(r, locale, now, showContact(r))),
    nextCursor,
    total,
  }
}
const cursorId = (cursor?: string) =>
  cursor ? decodeCursor(cursor, (v): v is number => Number.isInteger(v)) : undefined

/** "My needs": what the caller posted, newest first. */
export async function myNeeds(
  ctx: AppContext,
  request: FastifyRequest,
  locale: Locale,
  q: { cursor?: string; limit?: number },
) {
  const limit = q.limit ?? 50
  const filters = { requester: requirePrincipal(request).accountId }
  const [rows, total] = await Promise.all([
    listNeeds(ctx.db, { ...filters, beforeId: cursorId(q.cursor), limit: limit + 1 }),
    countNeeds(ctx.db, filters),
  ])
  return needPage(ctx, rows, limit, locale, () => true, total)
}

/** The area paths a staff caller's overview covers: the asked area, or all of the caller's own. */
async function overviewPaths(ctx: AppContext, request: FastifyRequest, area?: string): Promise<string[]> {
  const grants = request.grantsFor('need.manage')
  const codes = area
    ? [area]
    : grants.some((g) => g.scope_type === 'city')
      ? []
      : grants.map((g) => g.area_code!).filter(Boolean)
  return codes.length
    ? (await ctx.db.selectFrom('area').select('path').where('code', 'in', codes).execute()).map((r) => r.path)
    : []
}

/** Counts for the overview's charts, computed in the database (by state, by category, overdue, escalated). */
export async function needSummary(ctx: AppContext, request: FastifyRequest, locale: Locale, area?: string) {
  const paths = await overviewPaths(ctx, request, area)
  const now = ctx.clock.now()
  const where = paths.length ? inAreas('n.area_code', paths) : sql<boolean>`true`
  const overdue = sql<boolean>`((n.state IN ('submitted', 'reopened') AND n.first_response_due_at < ${now})
                               OR (n.state IN ('accepted', 'in_progress') AND n.resolution_due_at < ${now}))`
  const rows = await sql<{
    state: string
    code: string
    name_zh: string
    name_en: string
    total: number
    overdue: number
    escalated: number
  }>`
    SELECT n.state, c.code, c.name_zh, c.name_en, count(*) AS total,
           count(*) FILTER (WHERE ${overdue}) AS overdue, count(*) FILTER (WHERE n.escalated_at IS NOT NULL) AS escalated
      FROM need n JOIN service_category c ON c.code = n.category_code
     WHERE ${where}
     GROUP BY n.state, c.code, c.name_zh, c.name_en`.execute(ctx.db)
  const byState: Record<string, number> = {}
  const byCategory = new Map<string, { code: string; name: string; total: number; overdue: number }>()
  let total = 0
  let overdueCount = 0
  let escalated = 0
  for (const r of rows.rows) {
    const n = Number(r.total)
    total += n
    overdueCount += Number(r.overdue)
    escalated += Number(r.escalated)
    byState[r.state] = (byState[r.state] ?? 0) + n
    const c = byCategory.get(r.code) ?? {
      code: r.code,
      name: locale === 'zh-CN' ? r.name_zh : r.name_en,
      total: 0,
      overdue: 0,
    }
    c.total += n
    c.overdue += Number(r.overdue)
    byCategory.set(r.code, c)
  }
  return {
    total,
    overdue: overdueCount,
    escalated,
    byState,
    byCategory: [...byCategory.values()].sort((a, b) => b.total - a.total),
  }
}

/** Staff overview of an area: filter by state, category, overdue. */
export async function areaNeeds(
  ctx: AppContext,
  request: FastifyRequest,
  locale: Locale,
  q: { area?: string; state?: string; category?: string; overdue?: boolean; cursor?: string; limit?: number },
) {
  const limit = q.limit ?? 50
  const grants = request.grantsFor('need.manage')
  const codes = q.area
    ? [q.area]
    : grants.some((g) => g.scope_type === 'city')
      ? []
      : grants.map((g) => g.area_code!).filter(Boolean)
  // Everywhere only for the city's staff; a non-city caller whose areas resolve to nothing sees nothing.
  const everywhere = !q.area && grants.some((g) => g.scope_type === 'city')
  const paths = everywhere
    ? null
    : codes.length
      ? (await ctx.db.selectFrom('area').select('path').where('code', 'in', codes).execute()).map(
          (r) => r.path,
        )
      : []
  const filters = {
    paths,
    state: q.state,
    category: q.category,
    overdueAt: q.overdue ? ctx.clock.now() : undefined,
  }
  const [rows, total] = await Promise.all([
    listNeeds(ctx.db, { ...filters, beforeId: cursorId(q.cursor), limit: limit + 1 }),
    countNeeds(ctx.db, filters),
  ])
  return needPage(ctx, rows, limit, locale, () => true, total)
}

/**
 * A provider's order desk: the open needs its units may take (category offered, place served) with the
 * contact masked, and the orders it holds.
 */
export async function orderDesk(ctx: AppContext, request: FastifyRequest, locale: Locale) {
  const units = providerUnits(request)
  if (units.length === 0) return { open: [], mine: [] }
  const now = ctx.clock.now()
  const open = await needQuery(ctx.db)
    .where('n.state', 'in', ['submitted', 'reopened'])
    .where(openToUnits(units))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('offering as o')
          .select(sql.lit(1).as('one'))
          .where('o.provider_unit_id', 'in', units)
          .where('o.status', '=', 'active')
          .where('o.deleted_at', 'is', null)
          .whereRef('o.category_code', '=', 'n.category_code')
          .where(
            sql<boolean>`(cardinality(o.area_codes) = 0 OR EXISTS (
              SELECT 1 FROM area na, area oa WHERE na.code = n.area_code AND oa.code = ANY(o.area_codes)
                AND (na.path = oa.path OR na.path LIKE oa.path || '/%')))`,
          ),
      ),
    )
    .orderBy('n.first_response_due_at')
    .limit(200)
    .execute()
  const mine = await needQuery(ctx.db)
    .where('n.provider_unit_id', 'in', units)
    .where('n.state', 'in', ['accepted', 'in_progress', 'delivered', 'reopened'])
    .orderBy('n.resolution_due_at')
    .limit(200)
    .execute()
  return {
    open: open.map((r) => toNeed(r, locale, now, false)),
    mine: mine.map((r) => toNeed(r, locale, now, true)),
  }
}

/**
 * Escalates every overdue need to its street's staff: marks it (once, whichever instance gets there first)
 * and leaves notices (street staff, the provider holding it) and a timeline entry in the same transaction.
 */
export async function runEscalation(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  return ctx.db.transaction().execute(async (trx) => {
    const escalated = await escalateOverdue(trx, now)
    for (const n of escalated) {
      await noticeEscalated(ctx, trx, n, now)
      await trx
        .insertInto('need_event')
        .values({ need_id: n.id, from_state: n.state, to_state: n.state, note: 'escalated', at: now })
        .execute()
    }
    return escalated.length
  })
}
