import type { CoverageFigures, WorkbenchFigure } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { shanghaiDate, shanghaiMidnight } from '../../lib/dates.ts'
import { coverageFigures } from '../coverage/service.ts'
import { providerUnits } from '../exchange/needs.service.ts'
import { myProfile } from '../volunteers/profiles.service.ts'
import {
  latestSnapshot,
  needsDelivered,
  ordersDelivered,
  ordersRating,
  patrolRate,
  verifiedMinutes,
} from './repository.ts'
import { heldAreas, heldBuildings } from './scope.ts'

/**
 * The few figures of the caller's scope, each with what it was before: an area's coverage against its latest
 * census snapshot, activity against the period before. `better` says which way is good, so the web colours a
 * change, never a level (a coverage of 100 % is not an alarm, and 40 % is not red by itself).
 */

type Figure = WorkbenchFigure
const PERIOD_DAYS = 30
const RATING_DAYS = 90

const AREA_FIGURES = ['orgCoverageRate', 'chiefCoverageRate', 'members', 'operatingUnits'] as const
const BUILDING_FIGURES = ['operatingUnits', 'members', 'orgCoverageRate'] as const
const RATES = new Set<string>(['orgCoverageRate', 'chiefCoverageRate'])

function coverageFigure(
  key: (typeof AREA_FIGURES)[number],
  now: CoverageFigures,
  before: { taken_on: string; figures: unknown } | undefined,
  link: string,
): Figure {
  const previous = before ? ((before.figures as CoverageFigures)[key] ?? null) : null
  return {
    key,
    value: now[key],
    format: RATES.has(key) ? 'rate' : 'count',
    previous,
    sinceSnapshot: before && previous !== null ? before.taken_on : null,
    better: 'up',
    scope: now.scope.name,
    link,
  }
}

/** Area staff: their (first, outermost) area's coverage against its latest census snapshot. */
async function areaFigures(ctx: AppContext, request: FastifyRequest): Promise<Figure[]> {
  const [area] = await heldAreas(ctx.db, request, 'coverage.read')
  if (!area) return []
  const figures = await coverageFigures(ctx, { area: area.code })
  const snapshot = await latestSnapshot(ctx.db, area.code)
  return AREA_FIGURES.map((k) => coverageFigure(k, figures, snapshot, `/coverage?area=${area.code}`))
}

/** Needs staff: needs delivered in their areas in the last 30 days, against the 30 before. */
async function needFigures(ctx: AppContext, request: FastifyRequest): Promise<Figure[]> {
  const areas = await heldAreas(ctx.db, request, 'need.manage')
  if (areas.length === 0) return []
  const paths = areas.some((a) => a.path === null) ? null : areas.map((a) => a.path!)
  const n = await needsDelivered(ctx.db, paths, ctx.clock.now(), PERIOD_DAYS)
  return [
    {
      key: 'needsResolved30d',
      value: n.current,
      format: 'count',
      previous: n.previous,
      sinceSnapshot: null,
      // Deliveries follow what was asked for: more or fewer is no verdict.
      better: null,
      scope: areas.map((a) => a.name).join('、'),
      link: '/needs',
    },
  ]
}

/** A building chief: their building's figures, and its patrols' sorting rate against the 30 days before. */
async function buildingFigures(ctx: AppContext, request: FastifyRequest): Promise<Figure[]> {
  const [id] = heldBuildings(request, 'coverage.read')
  if (!id) return []
  const figures = await coverageFigures(ctx, { building: id })
  const out = BUILDING_FIGURES.map((k) => coverageFigure(k, figures, undefined, `/coverage?building=${id}`))
  const rate = await patrolRate(ctx.db, id, shanghaiDate(ctx.clock.now()), PERIOD_DAYS)
  if (rate.current !== null || rate.previous !== null)
    out.push({
      key: 'patrolRate30d',
      value: rate.current,
      format: 'rate',
      previous: rate.previous,
      sinceSnapshot: null,
      better: 'up',
      scope: figures.scope.name,
      link: `/waste-stars?building=${id}`,
    })
  return out
}

/** A volunteer: their verified minutes this month against last month (Shanghai months). */
async function volunteerFigures(ctx: AppContext, request: FastifyRequest): Promise<Figure[]> {
  if (request.grantsFor('volunteer.self').length === 0) return []
  const me = await myProfile(ctx, request)
  if (!me) return []
  const today = shanghaiDate(ctx.clock.now())
  const monthStart = (y: number, m: number) =>
    shanghaiMidnight(`${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`)
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1]
  const thisMonth = monthStart(y, m)
  const lastMonth = monthStart(m === 0 ? y - 1 : y, m === 0 ? 11 : m - 1)
  const nextMonth = monthStart(y, m + 1)
  return [
    {
      key: 'myVerifiedMinutesMonth',
      value: await verifiedMinutes(ctx.db, me.id, thisMonth, nextMonth),
      format: 'minutes',
      previous: await verifiedMinutes(ctx.db, me.id, lastMonth, thisMonth),
      sinceSnapshot: null,
      // Volunteering is thanked, never assessed: a quieter month is not shown as a decline.
      better: null,
      scope: null,
      link: '/my-volunteering',
    },
  ]
}

/** A provider: orders delivered in 30 days and the rating of those closed in 90, each against the period before. */
async function providerFigures(ctx: AppContext, request: FastifyRequest): Promise<Figure[]> {
  const units = providerUnits(request)
  if (units.length === 0) return []
  const now = ctx.clock.now()
  const delivered = await ordersDelivered(ctx.db, units, now, PERIOD_DAYS)
  const rating = await ordersRating(ctx.db, units, now, RATING_DAYS)
  const base = { sinceSnapshot: null, scope: null, link: '/orders' } as const
  return [
    // Orders follow demand: no verdict. A falling rating is bad news for the provider: that one is coloured.
    {
      ...base,
      key: 'ordersDelivered30d',
      value: delivered.current,
      format: 'count',
      previous: delivered.previous,
      better: null,
    },
    {
      ...base,
      key: 'ordersRating90d',
      value: rating.current,
      format: 'score',
      previous: rating.previous,
      better: 'up',
    },
  ]
}

export async function figureCards(ctx: AppContext, request: FastifyRequest): Promise<Figure[]> {
  return [
    ...(await areaFigures(ctx, request)),
    ...(await needFigures(ctx, request)),
    ...(await buildingFigures(ctx, request)),
    ...(await volunteerFigures(ctx, request)),
    ...(await providerFigures(ctx, request)),
  ]
}
