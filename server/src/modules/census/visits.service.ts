import { createHash } from 'node:crypto'
import type { Visit, VisitFollowUp, VisitInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import { sniffImage } from '../../lib/images.ts'
import { missingRecord, requirePrincipal } from '../../plugins/auth.ts'
import { placeSql } from './freshness.repository.ts'
import { placeOf, todayOf } from './freshness.service.ts'
import { isCensusPart } from './freshness.ts'
import { followUpRows, insertVisit, visitParts, visitRows } from './visits.repository.ts'

export const MAX_PHOTOS_PER_VISIT = 6

/**
 * A visit's building must exist (404, as the registry answers) and be the caller's for `census.visit` (403
 * census_visit_out_of_scope) — checked before anything is read or written, so an outsider learns only what
 * the registry's own 403/404 tells them: that the id is a building.
 */
async function visitableBuilding(ctx: AppContext, request: FastifyRequest, buildingId: number) {
  const b = await ctx.db
    .selectFrom('building')
    .select(['id', 'name'])
    .where('id', '=', buildingId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!b) throw missingRecord(request, 'census.visit', 'census_visit_out_of_scope')
  if (!(await request.can('census.visit', { type: 'building', id: String(b.id) })))
    throw new AppError('census_visit_out_of_scope')
  return b
}

function checkInput(input: VisitInput, today: string) {
  if (input.visitedOn > today) throw new AppError('census_visit_in_future', { date: input.visitedOn })
  if (input.findings.length === 0) throw new AppError('census_visit_no_findings')
  const seen = new Set<string>()
  for (const f of input.findings) {
    if (!isCensusPart(f.part)) throw new AppError('census_part_unknown', { part: f.part })
    if (seen.has(f.part)) throw new AppError('census_part_twice', { part: f.part })
    seen.add(f.part)
  }
  for (const f of input.followUps ?? [])
    if (f.dueOn < input.visitedOn)
      throw new AppError('census_followup_due_before_visit', { dueOn: f.dueOn, visitedOn: input.visitedOn })
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null)

export async function recordVisit(
  ctx: AppContext,
  request: FastifyRequest,
  input: VisitInput,
): Promise<Visit> {
  const principal = requirePrincipal(request)
  await visitableBuilding(ctx, request, input.buildingId)
  checkInput(input, todayOf(ctx))
  const id = await ctx.db.transaction().execute(async (trx) => {
    const visitId = await insertVisit(trx, {
      buildingId: input.buildingId,
      visitedOn: input.visitedOn,
      kind: input.kind,
      department: blank(input.department),
      visitors: blank(input.visitors),
      note: blank(input.note),
      recordedBy: principal.accountId,
      findings: input.findings.map((f) => ({ part: f.part, verified: f.verified, note: blank(f.note) })),
      followUps: input.followUps ?? [],
    })
    await writeAudit(trx, request, {
      action: 'census.visit',
      entity: 'census_visit',
      ids: [visitId],
      detail: { buildingId: input.buildingId, visitedOn: input.visitedOn },
    })
    return visitId
  })
  return getVisit(ctx, request, id)
}

function toFollowUp(
  r: {
    id: number
    visit_id: number
    building_id: number
    building_name: string
    text: string
    due_on: string
    done_on: string | null
    version: number
  },
  today: string,
): VisitFollowUp {
  return {
    id: Number(r.id),
    visitId: Number(r.visit_id),
    buildingId: Number(r.building_id),
    buildingName: r.building_name,
    text: r.text,
    dueOn: r.due_on,
    doneOn: r.done_on,
    overdue: r.done_on === null && r.due_on < today,
    version: r.version,
  }
}

async function toVisits(ctx: AppContext, rows: Awaited<ReturnType<ReturnType<typeof visitRows>['execute']>>) {
  const ids = rows.map((r) => Number(r.id))
  const parts = await visitParts(ctx.db, ids)
  const today = todayOf(ctx)
  return rows.map(
    (r): Visit => ({
      id: Number(r.id),
      buildingId: Number(r.building_id),
      buildingName: r.building_name,
      visitedOn: r.visited_on,
      kind: r.kind,
      department: r.department,
      visitors: r.visitors,
      note: r.note,
      recordedBy: r.recorded_by,
      findings: parts.findings
        .filter((f) => Number(f.visit_id) === Number(r.id))
        .map((f) => ({
          part: f.part as Visit['findings'][number]['part'],
          verified: f.verified,
          note: f.note,
        })),
      photos: parts.photos
        .filter((p) => Number(p.visit_id) === Number(r.id))
        .map((p) => ({ id: Number(p.id), contentType: p.content_type, sizeBytes: p.size_bytes })),
      followUps: parts.followUps
        .filter((f) => Number(f.visit_id) === Number(r.id))
        .map((f) => toFollowUp(f, today)),
    }),
  )
}

/** A visit is read by whoever may read its building's census (`coverage.read`). */
async function visitBuilding(ctx: AppContext, request: FastifyRequest, id: number) {
  const v = await ctx.db
    .selectFrom('census_visit')
    .select('building_id')
    .where('id', '=', id)
    .executeTakeFirst()
  if (!v) throw missingRecord(request, 'coverage.read')
  if (!(await request.can('coverage.read', { type: 'building', id: String(v.building_id) })))
    throw new AppError('forbidden_scope')
  return Number(v.building_id)
}

export async function getVisit(ctx: AppContext, request: FastifyRequest, id: number): Promise<Visit> {
  await visitBuilding(ctx, request, id)
  const rows = await visitRows(ctx.db).where('v.id', '=', id).execute()
  const [visit] = await toVisits(ctx, rows)
  if (!visit) throw new AppError('not_found')
  return visit
}

/** Both census lists page by (a date, an id): the cursor is that pair. */
const dateIdCursor = (cursor?: string) =>
  cursor
    ? decodeCursor(
        cursor,
        (v): v is [string, number] => Array.isArray(v) && typeof v[0] === 'string' && Number.isInteger(v[1]),
      )
    : null

export async function listVisits(
  ctx: AppContext,
  request: FastifyRequest,
  query: { area?: string; building?: number; cursor?: string; limit?: number },
) {
  const place = await placeOf(ctx, request, query)
  const limit = query.limit ?? 50
  const after = dateIdCursor(query.cursor)
  let q = visitRows(ctx.db).where(placeSql(place))
  if (after) q = q.where(sql<boolean>`(v.visited_on, v.id) < (${after[0]}::date, ${after[1]})`)
  const rows = await q
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.id', 'desc')
    .limit(limit + 1)
    .execute()
  const { page, nextCursor } = pageOf(rows, limit, (r) => [r.visited_on, Number(r.id)])
  return { items: await toVisits(ctx, page), nextCursor }
}

export async function addPhoto(
  ctx: AppContext,
  request: FastifyRequest,
  visitId: number,
  data: unknown,
  declared: string | undefined,
) {
  const principal = requirePrincipal(request)
  const v = await ctx.db
    .selectFrom('census_visit')
    .select('building_id')
    .where('id', '=', visitId)
    .executeTakeFirst()
  if (!v) throw new AppError('not_found')
  await visitableBuilding(ctx, request, Number(v.building_id))
  if (!Buffer.isBuffer(data) || data.length === 0) throw new AppError('attachment_not_image')
  const kind = sniffImage(data)
  if (!kind || kind !== declared) throw new AppError('attachment_not_image')
  const count = await ctx.db
    .selectFrom('census_visit_photo')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('visit_id', '=', visitId)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= MAX_PHOTOS_PER_VISIT)
    throw new AppError('attachment_limit', { max: MAX_PHOTOS_PER_VISIT })
  const row = await ctx.db
    .insertInto('census_visit_photo')
    .values({
      visit_id: visitId,
      content_type: kind,
      size_bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
      uploaded_by: principal.accountId,
    })
    .returning(['id', 'content_type', 'size_bytes'])
    .executeTakeFirstOrThrow()
  return { id: Number(row.id), contentType: row.content_type, sizeBytes: row.size_bytes }
}

export async function photo(ctx: AppContext, request: FastifyRequest, visitId: number, photoId: number) {
  await visitBuilding(ctx, request, visitId)
  const row = await ctx.db
    .selectFrom('census_visit_photo')
    .select(['content_type', 'data'])
    .where('id', '=', photoId)
    .where('visit_id', '=', visitId)
    .executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return row
}

export async function listFollowUps(
  ctx: AppContext,
  request: FastifyRequest,
  query: { area?: string; building?: number; cursor?: string; limit?: number },
) {
  const place = await placeOf(ctx, request, query)
  const limit = query.limit ?? 50
  const after = dateIdCursor(query.cursor)
  let q = followUpRows(ctx.db).where('f.done_on', 'is', null).where(placeSql(place))
  if (after) q = q.where(sql<boolean>`(f.due_on, f.id) > (${after[0]}::date, ${after[1]})`)
  const rows = await q
    .orderBy('f.due_on')
    .orderBy('f.id')
    .limit(limit + 1)
    .execute()
  const today = todayOf(ctx)
  const { page, nextCursor } = pageOf(rows, limit, (r) => [r.due_on, Number(r.id)])
  return { items: page.map((r) => toFollowUp(r, today)), nextCursor }
}

/** Closes a follow-up once: the version read must still be current (409 otherwise). */
export async function completeFollowUp(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  version: number,
) {
  const principal = requirePrincipal(request)
  const f = await ctx.db
    .selectFrom('census_followup')
    .select('building_id')
    .where('id', '=', id)
    .executeTakeFirst()
  if (!f) throw new AppError('not_found')
  await visitableBuilding(ctx, request, Number(f.building_id))
  const today = todayOf(ctx)
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('census_followup')
      .set({ done_on: today, done_by: principal.accountId, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('done_on', 'is', null)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) === 0) throw new AppError('version_conflict')
    await writeAudit(trx, request, { action: 'census.followup_done', entity: 'census_followup', ids: [id] })
  })
  const row = await followUpRows(ctx.db).where('f.id', '=', id).executeTakeFirstOrThrow()
  return toFollowUp(row, today)
}
