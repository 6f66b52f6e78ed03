import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** How many photos a need holds. */
export async function countAttachments(db: Kysely<DB>, needId: number): Promise<number> {
  const count = await db
    .selectFrom('need_attachment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('need_id', '=', needId)
    .executeTakeFirstOrThrow()
  return Number(count.n)
}

/** Stores a photo (already sniffed as `contentType`) on a need, with its SHA-256. */
export async function insertAttachment(db: Kysely<DB>, needId: number, contentType: string, data: Buffer) {
  return db
    .insertInto('need_attachment')
    .values({
      need_id: needId,
      content_type: contentType,
      size_bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
    })
    .returning(['id', 'content_type', 'size_bytes'])
    .executeTakeFirstOrThrow()
}

/** A photo of a need, only when it belongs to that need. */
export async function attachmentOf(db: Kysely<DB>, needId: number, attachmentId: number) {
  return db
    .selectFrom('need_attachment')
    .select(['content_type', 'data'])
    .where('id', '=', attachmentId)
    .where('need_id', '=', needId)
    .executeTakeFirst()
}
