import type { MeetingInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import { requirePrincipal } from '../../plugins/auth.ts'
import { loadOrg } from './access.ts'
import { getMeeting, meetingRow } from './meetings.query.ts'
import { rosterOf } from './roster.service.ts'

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505'

async function kindRow(db: Kysely<DB>, code: string) {
  const k = await db
    .selectFrom('orglife_meeting_kind')
    .select(['code', 'name', 'active'])
    .where('code', '=', code)
    .executeTakeFirst()
  if (!k?.active) throw new AppError('orglife_kind_unknown', { code })
  return k
}

/**
 * Everything a record must satisfy, checked before anything is written: a held meeting (not in the future), a
 * known kind, the group for a group meeting, a known presenter, a booking at that time, and a roster of this
 * organisation's members and floating members, each once.
 */
async function checkMeeting(ctx: AppContext, orgId: number, input: MeetingInput, campaign: boolean) {
  const kind = await kindRow(ctx.db, input.kindCode)
  const startsAt = new Date(input.startsAt)
  const endsAt = input.endsAt ? new Date(input.endsAt) : null
  if (startsAt.getTime() > ctx.clock.now().getTime())
    throw new AppError('orglife_meeting_in_future', { at: input.startsAt })
  if (endsAt && endsAt <= startsAt) throw new AppError('orglife_meeting_ends_before_start')
  const heldOn = shanghaiDate(startsAt)

  const groupId = input.groupId ?? null
  const groups = await ctx.db
    .selectFrom('orglife_party_group')
    .select('id')
    .where('party_org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .execute()
  if (groupId !== null && !groups.some((g) => g.id === groupId))
    throw new AppError('orglife_group_unknown', { id: groupId })
  const perGroup = await ctx.db
    .selectFrom('orglife_rule')
    .select('code')
    .where('kind_code', '=', input.kindCode)
    .where('applies_to', '=', 'groups')
    .where('active', '=', true)
    .executeTakeFirst()
  if (perGroup && groups.length > 0 && groupId === null && !campaign)
    throw new AppError('orglife_group_required')

  let presenterName = input.presenterName?.trim() || null
  if (input.presenterPersonId) {
    const p = await ctx.db
      .selectFrom('person')
      .select('name')
      .where('id', '=', input.presenterPersonId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!p) throw new AppError('orglife_presenter_unknown', { id: input.presenterPersonId })
    presenterName = p.name
  }

  let place = input.place?.trim() || null
  if (input.bookingId) {
    const b = await ctx.db
      .selectFrom('booking as b')
      .innerJoin('station_room as r', 'r.id', 'b.station_room_id')
      .innerJoin('station as s', 's.id', 'r.station_id')
      .select(['b.starts_at', 'b.ends_at', 'r.name as room', 's.name as station'])
      .where('b.id', '=', input.bookingId)
      .where('b.status', '=', 'active')
      .executeTakeFirst()
    if (!b || startsAt < b.starts_at || startsAt >= b.ends_at)
      throw new AppError('orglife_booking_mismatch', { id: input.bookingId })
    place = `${b.station} ${b.room}`
  }

  const expected = new Set((await rosterOf(ctx.db, orgId, heldOn)).map((p) => p.personId))
  const seen = new Set<number>()
  for (const a of input.roster) {
    if (seen.has(a.personId)) throw new AppError('orglife_roster_repeated', { id: a.personId })
    seen.add(a.personId)
    if (!expected.has(a.personId)) throw new AppError('orglife_roster_not_member', { id: a.personId })
    if (a.status === 'present' && a.reason) throw new AppError('orglife_reason_only_when_away')
  }
  return { kind, startsAt, endsAt, heldOn, groupId, presenterName, place }
}

async function assertNotDuplicate(
  db: Kysely<DB>,
  orgId: number,
  kind: { code: string; name: string },
  heldOn: string,
  groupId: number | null,
  except: number | null,
) {
  const twin = await db
    .selectFrom('orglife_meeting')
    .select('id')
    .where('party_org_id', '=', orgId)
    .where('kind_code', '=', kind.code)
    .where('held_on', '=', heldOn)
    .where(sql<boolean>`coalesce(group_id, 0) = ${groupId ?? 0}`)
    .where('deleted_at', 'is', null)
    .$if(except !== null, (q) => q.where('id', '<>', except!))
    .executeTakeFirst()
  if (twin) throw new AppError('orglife_meeting_duplicate', { kind: kind.name, date: heldOn })
}

async function writeRoster(trx: Kysely<DB>, meetingId: number, roster: MeetingInput['roster']) {
  await trx.deleteFrom('orglife_attendance').where('meeting_id', '=', meetingId).execute()
  if (roster.length === 0) return
  await trx
    .insertInto('orglife_attendance')
    .values(
      roster.map((a) => ({
        meeting_id: meetingId,
        person_id: a.personId,
        status: a.status,
        reason: a.status === 'present' ? null : (a.reason ?? null),
        note: a.note?.trim() || null,
      })),
    )
    .execute()
}

export async function createMeeting(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  input: MeetingInput,
) {
  await loadOrg(ctx.db, orgId)
  const c = await checkMeeting(ctx, orgId, input, false)
  await assertNotDuplicate(ctx.db, orgId, c.kind, c.heldOn, c.groupId, null)
  const principal = requirePrincipal(request)
  let id: number
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('orglife_meeting')
        .values({
          party_org_id: orgId,
          kind_code: input.kindCode,
          group_id: c.groupId,
          starts_at: c.startsAt,
          ends_at: c.endsAt,
          held_on: c.heldOn,
          place: c.place,
          booking_id: input.bookingId ?? null,
          topic: input.topic.trim(),
          presenter_person_id: input.presenterPersonId ?? null,
          presenter_name: c.presenterName,
          minutes: input.minutes?.trim() || null,
          decisions: input.decisions?.trim() || null,
          recorded_by: principal.accountId,
          created_at: ctx.clock.now(),
          updated_at: ctx.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeRoster(trx, row.id, input.roster)
      await writeAudit(trx, request, {
        action: 'orglife.meeting.create',
        entity: 'orglife_meeting',
        ids: [row.id],
        detail: { partyOrgId: orgId, kind: input.kindCode, heldOn: c.heldOn },
      })
      return row.id
    })
  } catch (e) {
    // Two saves of the same meeting at once: the unique index lets one through.
    if (isUniqueViolation(e))
      throw new AppError('orglife_meeting_duplicate', { kind: c.kind.name, date: c.heldOn })
    throw e
  }
  return getMeeting(ctx, request, id, { audit: false })
}

export async function updateMeeting(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: MeetingInput & { version: number },
) {
  const current = await meetingRow(ctx.db, id)
  const campaign = current.source === 'campaign'
  if (
    campaign &&
    (input.kindCode !== current.kind_code ||
      new Date(input.startsAt).getTime() !== current.starts_at.getTime() ||
      (input.groupId ?? null) !== current.group_id)
  )
    throw new AppError('orglife_not_editable')
  const c = await checkMeeting(ctx, current.party_org_id, input, campaign)
  await assertNotDuplicate(ctx.db, current.party_org_id, c.kind, c.heldOn, c.groupId, id)
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('orglife_meeting')
        .set((eb) => ({
          kind_code: input.kindCode,
          group_id: c.groupId,
          starts_at: c.startsAt,
          ends_at: c.endsAt,
          held_on: c.heldOn,
          place: c.place,
          booking_id: input.bookingId ?? null,
          topic: input.topic.trim(),
          presenter_person_id: input.presenterPersonId ?? null,
          presenter_name: c.presenterName,
          minutes: input.minutes?.trim() || null,
          decisions: input.decisions?.trim() || null,
          updated_at: ctx.clock.now(),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .where('version', '=', input.version)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) === 0)
        throw new AppError('version_conflict', { current: current.version })
      await writeRoster(trx, id, input.roster)
      await writeAudit(trx, request, {
        action: 'orglife.meeting.update',
        entity: 'orglife_meeting',
        ids: [id],
      })
    })
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError('orglife_meeting_duplicate', { kind: c.kind.name, date: c.heldOn })
    throw e
  }
  return getMeeting(ctx, request, id, { audit: false })
}

export async function deleteMeeting(ctx: AppContext, request: FastifyRequest, id: number, version: number) {
  const current = await meetingRow(ctx.db, id)
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('orglife_meeting')
      .set((eb) => ({ deleted_at: ctx.clock.now(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict', { current: current.version })
    await writeAudit(trx, request, { action: 'orglife.meeting.delete', entity: 'orglife_meeting', ids: [id] })
  })
}
