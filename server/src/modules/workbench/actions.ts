import { GAP_RULES, type WorkbenchAction, type WorkbenchPart } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { gapsInArea } from '../coverage/gaps.service.ts'
import { providerUnits } from '../exchange/needs.service.ts'
import { orderDesk } from '../exchange/orders.service.ts'
import { unreadCount } from '../notifications/inbox.service.ts'
import { buildingDetail } from '../registry/buildings.service.ts'
import { coordinatedPoints, coordinatesAny } from '../volunteers/access.ts'
import { hoursToVerify, importsUnfinished, needsPastDue, needsToConfirm } from './repository.ts'
import { heldAreas, heldBuildings } from './scope.ts'

/*
 * "What needs action now": one card per thing the caller can act on, each only for the roles that can act on
 * it and counted over the caller's own grants. A card with nothing waiting still shows (calmly) for the roles
 * it belongs to, so "nothing overdue" is an answer too; personal leftovers (needs to confirm) show only when
 * there are some.
 */

type Action = WorkbenchAction
const part = (p: Partial<WorkbenchPart> & Pick<WorkbenchPart, 'key' | 'count' | 'tone'>): WorkbenchPart => ({
  text: null,
  link: null,
  ...p,
})
const names = (areas: { name: string }[]) => areas.map((a) => a.name).join('、') || null

/** Staff: open needs in their areas past the SLA or escalated. */
async function needsCard(ctx: AppContext, request: FastifyRequest): Promise<Action | null> {
  const areas = await heldAreas(ctx.db, request, 'need.manage')
  if (areas.length === 0) return null
  const paths = areas.some((a) => a.path === null) ? null : areas.map((a) => a.path!)
  const n = await needsPastDue(ctx.db, paths, ctx.clock.now())
  return {
    key: 'needs_overdue',
    count: n.any,
    tone: 'bad',
    scope: names(areas),
    link: '/needs?overdue=true',
    parts: [
      part({ key: 'overdue', count: n.overdue, tone: 'bad', link: '/needs?overdue=true' }),
      part({ key: 'escalated', count: n.escalated, tone: 'bad', link: '/needs' }),
    ],
  }
}

/** Providers: needs their units may take now (the order desk's own list), and their orders past due. */
async function ordersCard(ctx: AppContext, request: FastifyRequest, locale: Locale): Promise<Action | null> {
  if (providerUnits(request).length === 0) return null
  const desk = await orderDesk(ctx, request, locale)
  const late = desk.open.filter((n) => n.overdue).length
  const pastDue = desk.mine.filter((n) => n.overdue).length
  return {
    key: 'orders',
    count: desk.open.length + pastDue,
    tone: late + pastDue > 0 ? 'bad' : 'todo',
    scope: null,
    link: '/orders',
    parts: [
      part({ key: 'to_take', count: desk.open.length, tone: 'todo', link: '/orders' }),
      part({ key: 'first_response_overdue', count: late, tone: 'bad', link: '/orders' }),
      part({ key: 'past_due', count: pastDue, tone: 'bad', link: '/orders' }),
    ],
  }
}

/** Coordinators (named on a point, or staff and chiefs over points): hours waiting for verification. */
async function hoursCard(ctx: AppContext, request: FastifyRequest): Promise<Action | null> {
  if (!(await coordinatesAny(ctx, request))) return null
  const count = await hoursToVerify(ctx.db, coordinatedPoints(request))
  return {
    key: 'hours_to_verify',
    count,
    tone: 'todo',
    scope: null,
    link: '/volunteer-coordination',
    parts: [],
  }
}

async function confirmCard(ctx: AppContext, request: FastifyRequest): Promise<Action | null> {
  if (request.grantsFor('need.post').length === 0) return null
  const count = await needsToConfirm(ctx.db, requirePrincipal(request).accountId)
  if (count === 0) return null
  return { key: 'needs_to_confirm', count, tone: 'todo', scope: null, link: '/my-needs', parts: [] }
}

/** Importers: their checked files not committed yet (they are purged after a day). */
async function importsCard(ctx: AppContext, request: FastifyRequest): Promise<Action | null> {
  if (request.grantsFor('registry.import').length === 0) return null
  const jobs = await importsUnfinished(ctx.db, requirePrincipal(request).accountId)
  return {
    key: 'imports_unfinished',
    count: jobs.length,
    tone: 'todo',
    scope: null,
    link: jobs[0] ? `/imports?job=${jobs[0].id}` : '/imports',
    parts: jobs
      .slice(0, 3)
      .map((j) =>
        part({ key: j.kind, count: 1, tone: 'todo', text: j.file_name, link: `/imports?job=${j.id}` }),
      ),
  }
}

/** Area staff: departures from the organisation rules, rule by rule (a chief's grant is not an area). */
async function gapsCard(ctx: AppContext, request: FastifyRequest): Promise<Action | null> {
  const areas = await heldAreas(ctx.db, request, 'coverage.read')
  if (areas.length === 0) return null
  const parts: WorkbenchPart[] = []
  let total = 0
  for (const rule of GAP_RULES) {
    let count = 0
    for (const a of areas) count += await gapsInArea(ctx.db, rule, a.path, shanghaiDate(ctx.clock.now()))
    total += count
    if (count > 0)
      parts.push(part({ key: rule, count, tone: 'todo', link: `/gaps?area=${areas[0]!.code}&rule=${rule}` }))
  }
  return {
    key: 'gaps',
    count: total,
    tone: 'todo',
    scope: names(areas),
    link: `/gaps?area=${areas[0]!.code}`,
    parts,
  }
}

/** Building chiefs: the parts of their building's five "清" still missing. */
async function censusCards(ctx: AppContext, request: FastifyRequest, locale: Locale): Promise<Action[]> {
  const cards: Action[] = []
  for (const id of heldBuildings(request, 'registry.write')) {
    // A building deleted since the grant was given has nothing to complete.
    const detail = await buildingDetail(ctx, id, locale).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'not_found') return null
      throw e
    })
    if (!detail) continue
    const missing = detail.completeness.items.filter((i) => !i.ok)
    cards.push({
      key: 'census_incomplete',
      count: missing.length,
      tone: 'todo',
      scope: detail.building.name,
      link: `/buildings/${id}`,
      parts: missing.map((i) => part({ key: i.key, count: 1, tone: 'todo', text: i.missing || null })),
    })
  }
  return cards
}

async function noticesCard(ctx: AppContext, request: FastifyRequest): Promise<Action> {
  const { count } = await unreadCount(ctx, request)
  return { key: 'notices_unread', count, tone: 'info', scope: null, link: '/notifications', parts: [] }
}

/** In a fixed order (the web puts what is waiting first); one query at a time on the embedded database. */
export async function actionCards(
  ctx: AppContext,
  request: FastifyRequest,
  locale: Locale,
): Promise<Action[]> {
  const cards: Array<Action | null> = [
    await needsCard(ctx, request),
    await ordersCard(ctx, request, locale),
    await hoursCard(ctx, request),
    await confirmCard(ctx, request),
    await importsCard(ctx, request),
    await gapsCard(ctx, request),
    ...(await censusCards(ctx, request, locale)),
    await noticesCard(ctx, request),
  ]
  return cards.filter((c): c is Action => c !== null)
}
