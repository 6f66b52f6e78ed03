import type { CampaignInput, CampaignProgress } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'

const DAY = 86_400_000
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY

/**
 * Linear pace: events held so far, spread over the days elapsed, carried to the period's end. Before the
 * period starts (or with nothing held yet) the forecast is what is already scheduled.
 */
export function forecast(p: {
  startsOn: string
  endsOn: string
  today: string
  held: number
  planned: number
}): { forecast: number; elapsedShare: number } {
  const total = dayNumber(p.endsOn) - dayNumber(p.startsOn) + 1
  const elapsed = Math.min(total, Math.max(0, dayNumber(p.today) - dayNumber(p.startsOn) + 1))
  const elapsedShare = Math.round((elapsed / total) * 10_000) / 10_000
  if (elapsed >= total) return { forecast: p.held, elapsedShare }
  if (elapsed === 0 || p.held === 0) return { forecast: p.held + p.planned, elapsedShare }
  const paced = Math.round((p.held * total) / elapsed)
  // What is already on the calendar will happen unless cancelled, so the forecast is at least that.
  return { forecast: Math.max(paced, p.held + p.planned), elapsedShare }
}

export async function createCampaign(ctx: AppContext, request: FastifyRequest, input: CampaignInput) {
  const principal = requirePrincipal(request)
  if (input.endsOn < input.startsOn) throw new AppError('campaign_dates')
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('campaign')
      .values({
        name: input.name,
        area_code: input.areaCode,
        event_kind: input.eventKind ?? null,
        target_count: input.targetCount,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        description: input.description ?? null,
        created_by: principal.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, { action: 'campaign.create', entity: 'campaign', ids: [row.id] })
    return row.id
  })
}

export async function campaignProgress(ctx: AppContext, id: number): Promise<CampaignProgress> {
  const c = await ctx.db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst()
  if (!c) throw new AppError('not_found')
  const now = ctx.clock.now()
  const counting = sql`e.campaign_id = ${id} AND e.status = 'scheduled' AND (${c.event_kind}::text IS NULL OR e.kind = ${c.event_kind})`
  const months = await sql<{ month: string; held: number; planned: number }>`
    SELECT to_char(e.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
           count(*) FILTER (WHERE e.starts_at <= ${now})::int AS held,
           count(*) FILTER (WHERE e.starts_at > ${now})::int AS planned
      FROM event e WHERE ${counting} GROUP BY 1 ORDER BY 1`.execute(ctx.db)
  const lecturerKinds = await sql<{ kind: string; events: number }>`
    SELECT l.kind, count(DISTINCT e.id)::int AS events
      FROM event e JOIN event_lecturer el ON el.event_id = e.id JOIN lecturer l ON l.id = el.lecturer_id
     WHERE ${counting} GROUP BY l.kind ORDER BY l.kind`.execute(ctx.db)
  const themes = await sql<{ theme: string; events: number }>`
    SELECT e.theme, count(*)::int AS events FROM event e WHERE ${counting} GROUP BY e.theme ORDER BY 2 DESC`.execute(
    ctx.db,
  )
  const attendees = await sql<{ n: number }>`
    SELECT count(DISTINCT coalesce(r.person_id::text, 'a' || r.account_id))::int AS n
      FROM event_registration r JOIN event e ON e.id = r.event_id
     WHERE ${counting} AND r.status = 'attended'`.execute(ctx.db)
  const held = months.rows.reduce((s, m) => s + m.held, 0)
  const planned = months.rows.reduce((s, m) => s + m.planned, 0)
  const f = forecast({ startsOn: c.starts_on, endsOn: c.ends_on, today: shanghaiDate(now), held, planned })
  return {
    id: c.id,
    name: c.name,
    areaCode: c.area_code,
    eventKind: c.event_kind as CampaignProgress['eventKind'],
    targetCount: c.target_count,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    description: c.description,
    held,
    planned,
    forecast: f.forecast,
    onTrack: f.forecast >= c.target_count,
    elapsedShare: f.elapsedShare,
    attendees: attendees.rows[0]?.n ?? 0,
    byMonth: months.rows,
    byLecturerKind: lecturerKinds.rows,
    byTheme: themes.rows,
  }
}

export async function listCampaigns(ctx: AppContext, area?: string) {
  let q = ctx.db.selectFrom('campaign as c').innerJoin('area as a', 'a.code', 'c.area_code').select('c.id')
  if (area) {
    const path = await ctx.db.selectFrom('area').select('path').where('code', '=', area).executeTakeFirst()
    if (!path) throw new AppError('unknown_area', { code: area })
    q = q.where((eb) => eb.or([eb('a.path', '=', path.path), eb('a.path', 'like', `${path.path}/%`)]))
  }
  const rows = await q.orderBy('c.starts_on', 'desc').orderBy('c.id').limit(100).execute()
  const out: CampaignProgress[] = []
  for (const r of rows) out.push(await campaignProgress(ctx, r.id))
  return out
}
