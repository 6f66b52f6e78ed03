import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** How many photos a meeting holds. */
export async function countMeetingPhotos(db: Kysely<DB>, meetingId: number): Promise<number> {
  const count = await db
    .selectFrom('orglife_meeting_photo')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow()
  return Number(count.n)
}

/** Stores a photo (already sniffed as `contentType`) of a meeting, with its SHA-256 and uploader. */
export async function insertMeetingPhoto(
  db: Kysely<DB>,
  p: { meetingId: number; contentType: string; data: Buffer; uploadedBy: number },
) {
  return db
    .insertInto('orglife_meeting_photo')
    .values({
      meeting_id: p.meetingId,
      content_type: p.contentType,
      size_bytes: p.data.length,
      sha256: createHash('sha256').update(p.data).digest('hex'),
      data: p.data,
      uploaded_by: p.uploadedBy,
    })
    .returning(['id', 'content_type', 'size_bytes'])
    .executeTakeFirstOrThrow()
}

/** A photo of a meeting, only when it belongs to that meeting. */
export async function meetingPhoto(db: Kysely<DB>, meetingId: number, photoId: number) {
  return db
    .selectFrom('orglife_meeting_photo')
    .select(['content_type', 'data'])
    .where('id', '=', photoId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst()
}
