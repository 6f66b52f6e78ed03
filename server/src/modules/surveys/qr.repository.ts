import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** The columns of a QR content item that its pages and lists show (never the audio bytes). */
const COLUMNS = [
  'id',
  'slug',
  'area_code',
  'project_id',
  'kind',
  'title',
  'body',
  'audio_type',
  'audio_bytes',
  'plays',
] as const

/** The area of an item (its access scope), or undefined for an unknown id. */
export async function qrContentArea(db: Kysely<DB>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('qr_content').select('area_code').where('id', '=', id).executeTakeFirst()
  return row?.area_code
}

export async function qrContentBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('qr_content').select(COLUMNS).where('slug', '=', slug).executeTakeFirst()
}

/** Items by id; `areas` keeps those in these areas and below (null: every item). */
export async function listQrContents(db: Kysely<DB>, areas: string[] | null) {
  let q = db
    .selectFrom('qr_content as c')
    .innerJoin('area as a', 'a.code', 'c.area_code')
    .select(COLUMNS.map((c) => `c.${c}` as const))
    .orderBy('c.id')
  if (areas) {
    const paths = await db.selectFrom('area').select('path').where('code', 'in', areas).execute()
    q = q.where((eb) =>
      eb.or(paths.flatMap((p) => [eb('a.path', '=', p.path), eb('a.path', 'like', `${p.path}/%`)])),
    )
  }
  return q.execute()
}

export async function projectExists(db: Kysely<DB>, projectId: number): Promise<boolean> {
  const p = await db.selectFrom('service_project').select('id').where('id', '=', projectId).executeTakeFirst()
  return p !== undefined
}

export async function insertQrContent(
  db: Kysely<DB>,
  c: {
    slug: string
    areaCode: string
    projectId: number | null
    kind: string
    title: string
    body: string
    now: Date
  },
) {
  return db
    .insertInto('qr_content')
    .values({
      slug: c.slug,
      area_code: c.areaCode,
      project_id: c.projectId,
      kind: c.kind,
      title: c.title,
      body: c.body,
      created_at: c.now,
      updated_at: c.now,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
}

/** Stores the audio of an audio item; undefined when the id is not an audio item. */
export async function setQrAudio(db: Kysely<DB>, id: number, data: Buffer, type: string, now: Date) {
  return db
    .updateTable('qr_content')
    .set({ audio: data, audio_type: type, audio_bytes: data.length, updated_at: now })
    .where('id', '=', id)
    .where('kind', '=', 'audio')
    .returning(COLUMNS)
    .executeTakeFirst()
}

/** The slug of an item the caller's scope check has already found. */
export async function qrContentSlug(db: Kysely<DB>, id: number): Promise<string> {
  const row = await db.selectFrom('qr_content').select('slug').where('id', '=', id).executeTakeFirstOrThrow()
  return row.slug
}

export async function qrAudio(db: Kysely<DB>, slug: string) {
  return db
    .selectFrom('qr_content')
    .select(['audio', 'audio_type'])
    .where('slug', '=', slug)
    .executeTakeFirst()
}
