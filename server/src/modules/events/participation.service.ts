import type { Participation, ParticipationQuery, UnreachedMember } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type RawBuilder, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { shanghaiDate, shanghaiDays } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPhone } from '../../lib/mask.ts'
import type { ScopeRef } from '../../lib/scope.ts'

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000)

/**
 * One participation question: which counted members form the target group (`target`, over `member m`), and
 * which events count (`events`, over `event e`) in the period. Figures, breakdown and the drill-down of who
 * was not reached all use this one definition, so they cannot disagree.
 */
interface Question {
  scope: { kind: string; id: string; name: string }
  from: string
  to: string
  kind: string
  target: RawBuilder<unknown>
  events: RawBuilder<unknown>
  /** Group the breakdown by building (area-like scopes) or by organisation. */
  by: 'building' | 'org'
}

function orgTree(id: number) {
  return sql`(WITH RECURSIVE t(id) AS (SELECT ${id}::bigint UNION SELECT o.id FROM party_org o JOIN t ON o.parent_id = t.id WHERE o.deleted_at IS NULL) SELECT id FROM t)`
}

const areaMembers = (path: string) =>
  sql`m.area_code IN (SELECT code FROM area WHERE path = ${path} OR path LIKE ${`${path}/%`})`

/** Access for a participation query: the one scope it names, or a 400 when it names none or several. */
export async function participationRefs(ctx: AppContext, q: ParticipationQuery): Promise<ScopeRef[]> {
  const given = [q.area, q.building, q.org, q.campaign].filter((x) => x !== undefined)
  if (given.length !== 1) throw new AppError('participation_scope_required')
  if (q.building) return [{ type: 'building', id: String(q.building) }]
  if (q.org) return [{ type: 'party_org', id: String(q.org) }]
  if (q.campaign) {
    const c = await ctx.db
      .selectFrom('campaign')
      .select('area_code')
      .where('id', '=', q.campaign)
      .executeTakeFirst()
    return c ? [{ type: 'area', id: c.area_code }] : []
  }
  return [{ type: 'area', id: q.area! }]
}

async function question(ctx: AppContext, q: ParticipationQuery): Promise<Question> {
  const today = shanghaiDate(ctx.clock.now())
  let from = q.from ?? `${today.slice(0, 4)}-01-01`
  let to = q.to ?? today
  let kind: string = q.kind ?? 'lecture'
  let scope: Question['scope']
  let target: RawBuilder<unknown>
  let by: Question['by'] = 'building'
  let campaignFilter = sql`true`
  if (q.campaign) {
    const c = await ctx.db
      .selectFrom('campaign as c')
      .innerJoin('area as a', 'a.code', 'c.area_code')
      .select(['c.id', 'c.name', 'c.starts_on', 'c.ends_on', 'c.event_kind', 'a.path'])
      .where('c.id', '=', q.campaign)
      .executeTakeFirst()
    if (!c) throw new AppError('not_found')
    scope = { kind: 'campaign', id: String(c.id), name: c.name }
    target = areaMembers(c.path)
    from = q.from ?? c.starts_on
    to = q.to ?? c.ends_on
    kind = q.kind ?? c.event_kind ?? 'lecture'
    campaignFilter = sql`e.campaign_id = ${c.id}`
  } else if (q.building) {
    const b = await ctx.db
      .selectFrom('building')
      .select(['id', 'name'])
      .where('id', '=', q.building)
      .executeTakeFirst()
    if (!b) throw new AppError('not_found')
    scope = { kind: 'building', id: String(b.id), name: b.name }
    target = sql`m.building_id = ${b.id}`
    by = 'org'
  } else if (q.org) {
    const o = await ctx.db
      .selectFrom('party_org')
      .select(['id', 'name'])
      .where('id', '=', q.org)
      .executeTakeFirst()
    if (!o) throw new AppError('not_found')
    scope = { kind: 'org', id: String(o.id), name: o.name }
    target = sql`m.party_org_id IN ${orgTree(o.id)}`
    by = 'org'
  } else {
    const a = await ctx.db
      .selectFrom('area')
      .select(['code', 'name', 'path'])
      .where('code', '=', q.area!)
      .executeTakeFirst()
    if (!a) throw new AppError('unknown_area', { code: q.area! })
    scope = { kind: 'area', id: a.code, name: a.name }
    target = areaMembers(a.path)
  }
  if (to < from) throw new AppError('invalid_dates', { later: to, earlier: from })
  const { start, end } = shanghaiDays(from, to)
  const kindFilter = kind === 'any' ? sql`true` : sql`e.kind = ${kind}`
  const events = sql`e.status = 'scheduled' AND e.starts_at >= ${start} AND e.starts_at < ${end} AND ${kindFilter} AND ${campaignFilter}`
  return { scope, from, to, kind, target, events, by }
}

/** `reached`: the member attended at least one counting event (checked in). */
const reachedSql = (q: Question) =>
  sql`EXISTS (SELECT 1 FROM event_registration r JOIN event e ON e.id = r.event_id WHERE r.person_id = m.person_id AND r.status = 'attended' AND ${q.events})`

export async function participation(ctx: AppContext, query: ParticipationQuery): Promise<Participation> {
  const q = await question(ctx, query)
  const total = await sql<{ target: number; reached: number }>`
    SELECT count(*)::int AS target, count(*) FILTER (WHERE ${reachedSql(q)})::int AS reached
      FROM member m WHERE m.counted AND ${q.target}`.execute(ctx.db)
  const group =
    q.by === 'building'
      ? sql`m.building_id AS id, (SELECT name FROM building WHERE id = m.building_id) AS name`
      : sql`m.party_org_id AS id, (SELECT name FROM party_org WHERE id = m.party_org_id) AS name`
  const groupKey = q.by === 'building' ? sql`m.building_id` : sql`m.party_org_id`
  const rows = await sql<{ id: number; name: string; target: number; reached: number }>`
    SELECT ${group}, count(*)::int AS target, count(*) FILTER (WHERE ${reachedSql(q)})::int AS reached
      FROM member m WHERE m.counted AND ${q.target} AND ${groupKey} IS NOT NULL
     GROUP BY ${groupKey} ORDER BY count(*) DESC, ${groupKey} LIMIT 200`.execute(ctx.db)
  const t = total.rows[0] ?? { target: 0, reached: 0 }
  return {
    scope: q.scope,
    from: q.from,
    to: q.to,
    kind: q.kind,
    targetMembers: t.target,
    reached: t.reached,
    share: rate(t.reached, t.target),
    breakdown: rows.rows.map((r) => ({
      kind: q.by,
      id: Number(r.id),
      name: r.name,
      targetMembers: r.target,
      reached: r.reached,
      share: rate(r.reached, r.target),
    })),
  }
}

const isCursor = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

/**
 * Who in the target group has not been reached. The route already checked participation.read over the
 * scope (the same roles that may see these people in the registry); phones stay masked unless the caller
 * holds person.pii there, and an unmasked page leaves an audit row.
 */
export async function unreached(
  ctx: AppContext,
  request: FastifyRequest,
  query: ParticipationQuery & { cursor?: string; limit?: number },
): Promise<{ items: UnreachedMember[]; nextCursor: string | null }> {
  const q = await question(ctx, query)
  const after = query.cursor ? decodeCursor(query.cursor, isCursor) : 0
  const limit = query.limit ?? 50
  let pii = false
  for (const ref of await participationRefs(ctx, query)) pii ||= await request.can('person.pii', ref)
  const rows = await sql<{
    person_id: number
    name: string
    phone: string | null
    org_name: string
    unit_name: string | null
    building_name: string | null
  }>`
    SELECT m.person_id, p.name, p.phone, o.name AS org_name, u.name AS unit_name, b.name AS building_name
      FROM member m
      JOIN person p ON p.id = m.person_id
      JOIN party_org o ON o.id = m.party_org_id
      LEFT JOIN unit u ON u.id = p.unit_id
      LEFT JOIN building b ON b.id = m.building_id
     WHERE m.counted AND ${q.target} AND NOT ${reachedSql(q)} AND m.person_id > ${after}
     ORDER BY m.person_id LIMIT ${limit + 1}`.execute(ctx.db)
  const { page, nextCursor } = pageOf(rows.rows, limit, (r) => Number(r.person_id))
  if (pii && page.length > 0) {
    await writeAudit(ctx.db, request, {
      action: 'participation.unreached_pii',
      entity: 'person',
      ids: page.map((r) => r.person_id),
    })
  }
  return {
    items: page.map((r) => ({
      personId: Number(r.person_id),
      name: r.name,
      phone: pii ? r.phone : maskPhone(r.phone),
      orgName: r.org_name,
      unitName: r.unit_name,
      buildingName: r.building_name,
    })),
    nextCursor,
  }
}
