import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { shanghaiDate } from '../../lib/dates.ts'

/**
 * 百场党课 lectures a branch attended become its 党课, so the secretary does not record them again: a lecture
 * of a campaign that is over counts for every live organisation that organised it, was named in its audience,
 * or had at least the set share of its members checked in (campaign_lecture_share_pct, a third by default).
 * The record's roster marks who came; the secretary may add reasons for the others.
 *
 * Safe on several instances and after restarts: a (organisation, lecture) pair is inserted once by a unique
 * index (even after the secretary deleted the record), and an organisation that already recorded a lecture
 * that day keeps its own record.
 */
export async function importCampaignLectures(db: Kysely<DB>, now: Date): Promise<number> {
  const share =
    (
      await db
        .selectFrom('orglife_setting')
        .select('value')
        .where('key', '=', 'campaign_lecture_share_pct')
        .executeTakeFirst()
    )?.value ?? 33
  const since = new Date(now.getTime() - 400 * 86_400_000)
  const candidates = await sql<{
    event_id: number
    party_org_id: number
    title: string
    starts_at: Date
    ends_at: Date
    place: string | null
    lecturers: string | null
  }>`
    WITH ev AS (
      SELECT e.id, e.title, e.starts_at, e.ends_at, e.organiser_org_id, e.audience, e.audience_ids,
             coalesce(e.location, (SELECT s.name || ' ' || r.name FROM station_room r JOIN station s ON s.id = r.station_id
                                    WHERE r.id = e.station_room_id)) AS place
        FROM event e
       WHERE e.kind = 'lecture' AND e.campaign_id IS NOT NULL AND e.status = 'scheduled'
         AND e.ends_at <= ${now} AND e.ends_at > ${since}),
    came AS (
      SELECT r.event_id, m.party_org_id, count(*) AS n
        FROM ev JOIN event_registration r ON r.event_id = ev.id AND r.status = 'attended'
        JOIN member m ON m.person_id = r.person_id
       GROUP BY 1, 2),
    pairs AS (
      SELECT ev.id AS event_id, ev.organiser_org_id AS party_org_id FROM ev WHERE ev.organiser_org_id IS NOT NULL
      UNION
      SELECT ev.id, unnest(ev.audience_ids) FROM ev WHERE ev.audience = 'orgs'
      UNION
      SELECT c.event_id, c.party_org_id FROM came c
       WHERE c.n * 100 >= ${share} * (SELECT count(*) FROM member m JOIN person p ON p.id = m.person_id
                                        WHERE m.party_org_id = c.party_org_id AND p.deleted_at IS NULL))
    SELECT ev.id AS event_id, o.id AS party_org_id, ev.title, ev.starts_at, ev.ends_at, ev.place,
           (SELECT string_agg(l.name, '、' ORDER BY l.name) FROM event_lecturer el JOIN lecturer l ON l.id = el.lecturer_id
             WHERE el.event_id = ev.id) AS lecturers
      FROM pairs JOIN ev ON ev.id = pairs.event_id
      JOIN party_org o ON o.id = pairs.party_org_id AND o.deleted_at IS NULL
     WHERE NOT EXISTS (SELECT 1 FROM orglife_meeting x WHERE x.party_org_id = o.id AND x.event_id = ev.id)
       AND NOT EXISTS (SELECT 1 FROM orglife_meeting x
                        WHERE x.party_org_id = o.id AND x.kind_code = 'lecture' AND x.deleted_at IS NULL
                          AND x.held_on = (ev.starts_at + interval '8 hours')::date AND x.group_id IS NULL)
     ORDER BY ev.id, o.id
     LIMIT 2000`.execute(db)
  let made = 0
  for (const c of candidates.rows) {
    // The demo loads inside its own transaction; the job runs outside one.
    const inTransaction = <T>(fn: (trx: Kysely<DB>) => Promise<T>) =>
      db.isTransaction ? fn(db) : db.transaction().execute(fn)
    const created = await inTransaction(async (trx) => {
      const row = await trx
        .insertInto('orglife_meeting')
        .values({
          party_org_id: c.party_org_id,
          kind_code: 'lecture',
          starts_at: c.starts_at,
          ends_at: c.ends_at,
          held_on: shanghaiDate(c.starts_at),
          place: c.place,
          topic: c.title,
          presenter_name: c.lecturers,
          source: 'campaign',
          event_id: c.event_id,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!row) return false
      await sql`
        INSERT INTO orglife_attendance (meeting_id, person_id, status)
        SELECT ${row.id}, m.person_id,
               CASE WHEN EXISTS (SELECT 1 FROM event_registration r
                                  WHERE r.event_id = ${c.event_id} AND r.person_id = m.person_id
                                    AND r.status = 'attended') THEN 'present' ELSE 'absent' END
          FROM member m JOIN person p ON p.id = m.person_id AND p.deleted_at IS NULL
         WHERE m.party_org_id = ${c.party_org_id}`.execute(trx)
      return true
    })
    if (created) made++
  }
  return made
}
