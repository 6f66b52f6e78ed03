import type { Meeting, MeetingSummary } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { loadOrg } from './access.ts'

/* Reading meetings: an organisation's list, one meeting with its roster and photos. */

export async function meetingRow(db: Kysely<DB>, id: number) {
  const m = await db
    .selectFrom('orglife_meeting')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!m) throw new AppError('not_found')
  return m
}

function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('orglife_meeting as m')
    .innerJoin('party_org as o', 'o.id', 'm.party_org_id')
    .leftJoin('orglife_party_group as g', 'g.id', 'm.group_id')
    .select([
      'm.id',
      'm.party_org_id',
      'o.name as org_name',
      'm.kind_code',
      'm.group_id',
      'g.name as group_name',
      'm.starts_at',
      'm.held_on',
      'm.topic',
      'm.place',
      'm.presenter_name',
      'm.source',
      'm.event_id',
      sql<number>`(SELECT count(*) FROM orglife_attendance a WHERE a.meeting_id = m.id AND a.status = 'present')::int`.as(
        'present',
      ),
      sql<number>`(SELECT count(*) FROM orglife_attendance a WHERE a.meeting_id = m.id AND a.status = 'absent')::int`.as(
        'absent',
      ),
      sql<number>`(SELECT count(*) FROM orglife_attendance a WHERE a.meeting_id = m.id AND a.status = 'excused')::int`.as(
        'excused',
      ),
      sql<number>`(SELECT count(*) FROM orglife_meeting_photo ph WHERE ph.meeting_id = m.id)::int`.as(
        'photos',
      ),
    ])
    .where('m.deleted_at', 'is', null)
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>

const toSummary = (r: SummaryRow): MeetingSummary => ({
  id: r.id,
  partyOrgId: r.party_org_id,
  partyOrgName: r.org_name,
  kindCode: r.kind_code,
  groupId: r.group_id,
  groupName: r.group_name,
  startsAt: r.starts_at.toISOString(),
  heldOn: r.held_on,
  topic: r.topic,
  place: r.place,
  presenterName: r.presenter_name,
  source: r.source,
  eventId: r.event_id,
  present: r.present,
  absent: r.absent,
  excused: r.excused,
  photos: r.photos,
})

export async function listMeetings(ctx: AppContext, orgId: number, q: { year?: number; kind?: string }) {
  await loadOrg(ctx.db, orgId)
  const rows = await summaryQuery(ctx.db)
    .where('m.party_org_id', '=', orgId)
    .$if(q.year !== undefined, (x) =>
      x.where('m.held_on', '>=', `${q.year}-01-01`).where('m.held_on', '<=', `${q.year}-12-31`),
    )
    .$if(q.kind !== undefined, (x) => x.where('m.kind_code', '=', q.kind!))
    .orderBy('m.starts_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(1000)
    .execute()
  return rows.map(toSummary)
}

/** One meeting with its roster (names: a personal-data read, audited unless it is the echo of a save). */
export async function getMeeting(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  opts: { audit: boolean } = { audit: true },
): Promise<Meeting> {
  const row = await summaryQuery(ctx.db).where('m.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  const full = await ctx.db
    .selectFrom('orglife_meeting as m')
    .leftJoin('account as a', 'a.id', 'm.recorded_by')
    .select([
      'm.ends_at',
      'm.booking_id',
      'm.presenter_person_id',
      'm.minutes',
      'm.decisions',
      'm.version',
      'a.display_name',
    ])
    .where('m.id', '=', id)
    .executeTakeFirstOrThrow()
  const roster = await ctx.db
    .selectFrom('orglife_attendance as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'p.name', 'a.status', 'a.reason', 'a.note'])
    .where('a.meeting_id', '=', id)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute()
  const photos = await ctx.db
    .selectFrom('orglife_meeting_photo')
    .select('id')
    .where('meeting_id', '=', id)
    .orderBy('id')
    .execute()
  if (opts.audit)
    await writeAudit(ctx.db, request, {
      action: 'person.list',
      entity: 'person',
      ids: roster.map((r) => r.person_id),
      detail: { via: 'orglife.meeting', meetingId: id },
    })
  return {
    ...toSummary(row),
    endsAt: full.ends_at ? full.ends_at.toISOString() : null,
    bookingId: full.booking_id,
    presenterPersonId: full.presenter_person_id,
    minutes: full.minutes,
    decisions: full.decisions,
    roster: roster.map((r) => ({
      personId: r.person_id,
      name: r.name,
      status: r.status,
      reason: r.reason,
      note: r.note,
    })),
    photoIds: photos.map((p) => p.id),
    recordedBy: full.display_name,
    version: full.version,
  }
}
