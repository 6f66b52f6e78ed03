import type { Ledger, LedgerEntry, OrgPoints, PointsRule } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { loadOrg, thisYear } from './access.ts'
import { orgMembers } from './roster.service.ts'

const SOURCES = ['meeting', 'lecture', 'volunteer', 'patrol', 'wish'] as const

export async function pointsRules(db: Kysely<DB>): Promise<PointsRule[]> {
  const rows = await db.selectFrom('orglife_points_rule').selectAll().execute()
  return SOURCES.map((s) => rows.find((r) => r.source === s)!).map((r) => ({
    source: r.source,
    points: r.points,
    unit: r.unit,
    active: r.active,
    version: r.version,
  }))
}

export async function updatePointsRule(
  ctx: AppContext,
  request: FastifyRequest,
  source: string,
  body: { points: number; active: boolean; version: number },
) {
  const current = await ctx.db
    .selectFrom('orglife_points_rule')
    .selectAll()
    .where('source', '=', source as 'meeting')
    .executeTakeFirst()
  if (!current) throw new AppError('not_found')
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('orglife_points_rule')
      .set((eb) => ({
        points: body.points,
        active: body.active,
        version: eb('version', '+', 1),
        updated_at: ctx.clock.now(),
      }))
      .where('source', '=', current.source)
      .where('version', '=', body.version)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict', { current: current.version })
    await writeAudit(trx, request, {
      action: 'orglife.points.rule',
      entity: 'orglife_points_rule',
      ids: [source],
      detail: { before: { points: current.points, active: current.active }, after: body },
    })
  })
  return pointsRules(ctx.db)
}

interface LedgerRow {
  person_id: number
  source: (typeof SOURCES)[number]
  day: string
  title: string
  minutes: number | null
  points: number
}

/**
 * Every point of some people in a year, with where it came from, computed from the rows it counts: meetings
 * recorded by their organisation that they attended (campaign lectures count as lectures, once), lectures
 * they were checked in at, verified volunteer hours, days they patrolled (the account that recorded the
 * patrol, linked to the person), and wishes they took in person that the wisher confirmed (微心愿).
 */
export async function ledgerRows(db: Kysely<DB>, personIds: number[], year: number): Promise<LedgerRow[]> {
  if (personIds.length === 0) return []
  const from = `${year}-01-01`
  const to = `${year + 1}-01-01`
  const ids = sql.join(personIds)
  const result = await sql<LedgerRow>`
    WITH r AS (SELECT source, points FROM orglife_points_rule WHERE active)
    SELECT * FROM (
      SELECT a.person_id, 'meeting' AS source, m.held_on::text AS day,
             k.name || '：' || m.topic AS title, NULL::int AS minutes,
             (SELECT points FROM r WHERE source = 'meeting') AS points
        FROM orglife_attendance a
        JOIN orglife_meeting m ON m.id = a.meeting_id AND m.deleted_at IS NULL AND m.source = 'record'
        JOIN orglife_meeting_kind k ON k.code = m.kind_code
       WHERE a.person_id IN (${ids}) AND a.status = 'present' AND m.held_on >= ${from}::date AND m.held_on < ${to}::date
      UNION ALL
      SELECT er.person_id, 'lecture', (e.starts_at + interval '8 hours')::date::text, e.title, NULL,
             (SELECT points FROM r WHERE source = 'lecture')
        FROM event_registration er JOIN event e ON e.id = er.event_id AND e.kind = 'lecture'
       WHERE er.person_id IN (${ids}) AND er.status = 'attended'
         AND e.starts_at >= ${from}::date - interval '8 hours' AND e.starts_at < ${to}::date - interval '8 hours'
      UNION ALL
      SELECT v.person_id, 'volunteer', (su.starts_at + interval '8 hours')::date::text, dp.name, su.verified_minutes,
             (su.verified_minutes * (SELECT points FROM r WHERE source = 'volunteer')) / 60
        FROM volunteer_signup su
        JOIN volunteer v ON v.id = su.volunteer_id
        JOIN duty_point dp ON dp.id = su.point_id
       WHERE v.person_id IN (${ids}) AND su.status = 'active' AND su.verified_minutes > 0
         AND su.starts_at >= ${from}::date - interval '8 hours' AND su.starts_at < ${to}::date - interval '8 hours'
      UNION ALL
      SELECT l.person_id, 'patrol', wp.patrol_date::text, min(b.name), NULL,
             (SELECT points FROM r WHERE source = 'patrol')
        FROM waste_patrol wp
        JOIN account_person_link l ON l.account_id = wp.recorded_by
        JOIN building b ON b.id = wp.building_id
       WHERE l.person_id IN (${ids}) AND wp.patrol_date >= ${from}::date AND wp.patrol_date < ${to}::date
       GROUP BY l.person_id, wp.patrol_date, wp.building_id
      UNION ALL
      SELECT l.person_id, 'wish', (n.closed_at + interval '8 hours')::date::text, left(n.description, 40), NULL,
             (SELECT points FROM r WHERE source = 'wish')
        FROM need n
        JOIN account_person_link l ON l.account_id = n.provider_account_id
       WHERE l.person_id IN (${ids}) AND n.category_code = 'wish' AND n.state = 'closed'
         AND n.closed_at >= ${from}::date - interval '8 hours' AND n.closed_at < ${to}::date - interval '8 hours'
    ) x
    WHERE x.points IS NOT NULL
    ORDER BY x.day DESC, x.source`.execute(db)
  return result.rows.map((r) => ({ ...r, person_id: Number(r.person_id), points: Number(r.points) }))
}

const bySource = (rows: LedgerRow[]) =>
  SOURCES.map((source) => {
    const of = rows.filter((r) => r.source === source)
    return { source, count: of.length, points: of.reduce((n, r) => n + r.points, 0) }
  })

export async function personLedger(ctx: AppContext, personId: number, year?: number): Promise<Ledger> {
  const y = year ?? thisYear(ctx)
  const person = await ctx.db
    .selectFrom('person')
    .select(['id', 'name'])
    .where('id', '=', personId)
    .executeTakeFirst()
  if (!person) throw new AppError('not_found')
  const rows = await ledgerRows(ctx.db, [personId], y)
  const entries: LedgerEntry[] = rows.map((r) => ({
    source: r.source,
    day: r.day,
    title: r.title,
    minutes: r.minutes,
    points: r.points,
  }))
  return {
    personId,
    name: person.name,
    year: y,
    total: rows.reduce((n, r) => n + r.points, 0),
    bySource: bySource(rows),
    entries,
  }
}

/** The organisation's members with their totals, by name — encouragement, not a ranking. */
export async function orgPoints(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  year?: number,
): Promise<OrgPoints> {
  await loadOrg(ctx.db, orgId)
  const y = year ?? thisYear(ctx)
  const members = await orgMembers(ctx.db, orgId)
  const rows = await ledgerRows(
    ctx.db,
    members.map((m) => m.id),
    y,
  )
  await writeAudit(ctx.db, request, {
    action: 'person.list',
    entity: 'person',
    ids: members.map((m) => m.id),
    detail: { via: 'orglife.points', partyOrgId: orgId, year: y },
  })
  return {
    partyOrgId: orgId,
    year: y,
    members: members.map((m) => {
      const own = rows.filter((r) => r.person_id === m.id)
      return {
        personId: m.id,
        name: m.name,
        total: own.reduce((n, r) => n + r.points, 0),
        bySource: bySource(own),
      }
    }),
  }
}
