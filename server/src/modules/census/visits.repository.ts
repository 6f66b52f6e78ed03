import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

export async function insertVisit(
  trx: Kysely<DB>,
  v: {
    buildingId: number
    visitedOn: string
    kind: 'wechat' | 'joint' | 'onsite'
    department: string | null
    visitors: string | null
    note: string | null
    recordedBy: number
    findings: { part: string; verified: boolean; note: string | null }[]
    followUps: { text: string; dueOn: string }[]
  },
) {
  const { id } = await trx
    .insertInto('census_visit')
    .values({
      building_id: v.buildingId,
      visited_on: v.visitedOn,
      kind: v.kind,
      department: v.department,
      visitors: v.visitors,
      note: v.note,
      recorded_by: v.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (v.findings.length > 0)
    await trx
      .insertInto('census_visit_finding')
      .values(v.findings.map((f) => ({ visit_id: id, part: f.part, verified: f.verified, note: f.note })))
      .execute()
  if (v.followUps.length > 0)
    await trx
      .insertInto('census_followup')
      .values(
        v.followUps.map((f) => ({ visit_id: id, building_id: v.buildingId, text: f.text, due_on: f.dueOn })),
      )
      .execute()
  // Each verified part moves forward to this visit, unless a later visit already verified it.
  for (const f of v.findings.filter((x) => x.verified)) {
    await trx
      .insertInto('census_part_check')
      .values({
        building_id: v.buildingId,
        part: f.part,
        verified_on: v.visitedOn,
        verified_by: v.recordedBy,
        visit_id: id,
      })
      .onConflict((oc) =>
        oc
          .columns(['building_id', 'part'])
          .doUpdateSet((eb) => ({
            verified_on: eb.ref('excluded.verified_on'),
            verified_by: eb.ref('excluded.verified_by'),
            visit_id: eb.ref('excluded.visit_id'),
          }))
          .whereRef('census_part_check.verified_on', '<=', 'excluded.verified_on'),
      )
      .execute()
  }
  return Number(id)
}

export function visitRows(db: Kysely<DB>) {
  return db
    .selectFrom('census_visit as v')
    .innerJoin('building as b', 'b.id', 'v.building_id')
    .leftJoin('account as a', 'a.id', 'v.recorded_by')
    .select([
      'v.id',
      'v.building_id',
      'b.name as building_name',
      'b.area_code',
      'v.visited_on',
      'v.kind',
      'v.department',
      'v.visitors',
      'v.note',
      'a.display_name as recorded_by',
    ])
}

export async function visitParts(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return { findings: [], photos: [], followUps: [] }
  const findings = await db
    .selectFrom('census_visit_finding')
    .select(['visit_id', 'part', 'verified', 'note'])
    .where('visit_id', 'in', ids)
    .execute()
  const photos = await db
    .selectFrom('census_visit_photo')
    .select(['id', 'visit_id', 'content_type', 'size_bytes'])
    .where('visit_id', 'in', ids)
    .orderBy('id')
    .execute()
  const followUps = await followUpRows(db).where('f.visit_id', 'in', ids).orderBy('f.id').execute()
  return { findings, photos, followUps }
}

export function followUpRows(db: Kysely<DB>) {
  return db
    .selectFrom('census_followup as f')
    .innerJoin('building as b', 'b.id', 'f.building_id')
    .select([
      'f.id',
      'f.visit_id',
      'f.building_id',
      'b.name as building_name',
      'f.text',
      'f.due_on',
      'f.done_on',
      'f.version',
    ])
}
