/**
 * 微心愿: a wish is a need of the category 'wish' and goes through the need workflow (post → claim →
 * deliver → confirm). What differs is who may take it — a party member in person or a firm through its
 * provider account, with no offering needed — and that it has a public wall.
 */
import { type Need, WISH_CATEGORY, type WishWall } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { inAreas } from '../../lib/visibility.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { needQuery } from './needs.repository.ts'
import { providerUnits, toNeed } from './needs.service.ts'
import { maskNumbers } from './wishes.rules.ts'

const WALL_STATE = {
  submitted: 'open',
  reopened: 'open',
  accepted: 'claimed',
  in_progress: 'claimed',
  delivered: 'delivered',
  closed: 'confirmed',
} as const

/** The wishes of one building or one area (and below it); rejected and duplicate wishes stay off. */
function wallQuery(db: Kysely<DB>, place: { building: number } | { path: string }) {
  return db
    .selectFrom('need as n')
    .innerJoin('area as a', 'a.code', 'n.area_code')
    .leftJoin('building as b', 'b.id', 'n.building_id')
    .leftJoin('unit as pu', 'pu.id', 'n.provider_unit_id')
    .where('n.category_code', '=', WISH_CATEGORY)
    .where('n.state', 'in', Object.keys(WALL_STATE))
    .where((eb) =>
      'building' in place ? eb('n.building_id', '=', place.building) : inAreas('n.area_code', [place.path]),
    )
}

export async function wishWall(
  ctx: AppContext,
  q: { building?: number; area?: string; limit?: number },
): Promise<WishWall> {
  let place: { building: number } | { path: string }
  let placeName: string
  if (q.building !== undefined) {
    const b = await ctx.db
      .selectFrom('building')
      .select('name')
      .where('id', '=', q.building)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!b) throw new AppError('not_found')
    place = { building: q.building }
    placeName = b.name
  } else if (q.area !== undefined) {
    const a = await ctx.db
      .selectFrom('area')
      .select(['path', 'name'])
      .where('code', '=', q.area)
      .executeTakeFirst()
    if (!a) throw new AppError('not_found')
    place = { path: a.path }
    placeName = a.name
  } else throw new AppError('wish_wall_place')
  const rows = await wallQuery(ctx.db, place)
    .select([
      'n.id',
      'n.description',
      'n.state',
      'n.submitted_at',
      'a.name as area_name',
      'b.name as building_name',
      'pu.name as unit_name',
    ])
    .orderBy('n.id', 'desc')
    .limit(q.limit ?? 60)
    .execute()
  const counted = await wallQuery(ctx.db, place)
    .select(['n.state', sql<number>`count(*)`.as('n')])
    .groupBy('n.state')
    .execute()
  const counts = { open: 0, claimed: 0, delivered: 0, confirmed: 0 }
  for (const c of counted) counts[WALL_STATE[c.state as keyof typeof WALL_STATE]] += Number(c.n)
  return {
    place: placeName,
    counts,
    items: rows.map((r) => ({
      id: r.id,
      description: maskNumbers(r.description),
      areaName: r.area_name,
      buildingName: r.building_name,
      state: WALL_STATE[r.state as keyof typeof WALL_STATE],
      claimedBy: r.unit_name,
      postedOn: shanghaiDate(r.submitted_at),
    })),
  }
}

/**
 * The wish desk of a member or a firm: open wishes in the areas of their grants (contact masked, as on
 * the order desk), and the wishes they hold, in person or through their units.
 */
export async function wishDesk(
  ctx: AppContext,
  request: FastifyRequest,
  locale: Locale,
): Promise<{ open: Need[]; mine: Need[] }> {
  const principal = requirePrincipal(request)
  const now = ctx.clock.now()
  const codes = [...new Set(request.grantsFor('wish.claim').map((g) => g.area_code))].filter(
    (c): c is string => c !== null,
  )
  const paths = codes.length
    ? (await ctx.db.selectFrom('area').select('path').where('code', 'in', codes).execute()).map((r) => r.path)
    : []
  const open = paths.length
    ? await needQuery(ctx.db)
        .where('n.category_code', '=', WISH_CATEGORY)
        .where('n.state', 'in', ['submitted', 'reopened'])
        .where('n.requester_account_id', 'is distinct from', principal.accountId)
        .where(() => inAreas('n.area_code', paths))
        .orderBy('n.id', 'desc')
        .limit(100)
        .execute()
    : []
  const units = providerUnits(request)
  const mine = await needQuery(ctx.db)
    .where('n.category_code', '=', WISH_CATEGORY)
    .where('n.state', 'in', ['accepted', 'in_progress', 'delivered', 'closed'])
    .where((eb) =>
      eb.or([
        eb('n.provider_account_id', '=', principal.accountId),
        ...(units.length ? [eb('n.provider_unit_id', 'in', units)] : []),
      ]),
    )
    .orderBy('n.id', 'desc')
    .limit(100)
    .execute()
  return {
    open: open.map((r) => toNeed(r, locale, now, false)),
    mine: mine.map((r) => toNeed(r, locale, now, true)),
  }
}
