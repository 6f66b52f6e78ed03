import type { Alliance } from '@tongxin/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { inAreas } from '../../lib/visibility.ts'

type Figures = Alliance['figures']
type Member = NonNullable<Alliance['members']>[number]

/** Each alliance's figures from its rows (members, 楼长 coverage of member buildings, the three lists, needs served). */
export async function figuresOf(db: Kysely<DB>, ids: number[]): Promise<Map<number, Figures>> {
  const out = new Map<number, Figures>()
  if (ids.length === 0) return out
  const r = await sql<{
    id: number
    members: number
    building_members: number
    with_chief: number
    service: number
    resource: number
    activity: number
    served: number
  }>`
    SELECT al.id,
      (SELECT count(*) FROM alliance_member m WHERE m.alliance_id = al.id AND m.left_on IS NULL) AS members,
      (SELECT count(*) FROM alliance_member m WHERE m.alliance_id = al.id AND m.left_on IS NULL
                                                AND m.building_id IS NOT NULL) AS building_members,
      (SELECT count(*) FROM alliance_member m JOIN building_chief c ON c.building_id = m.building_id
        WHERE m.alliance_id = al.id AND m.left_on IS NULL) AS with_chief,
      (SELECT count(*) FROM offering o WHERE o.alliance_id = al.id AND o.deleted_at IS NULL AND o.list = 'service') AS service,
      (SELECT count(*) FROM offering o WHERE o.alliance_id = al.id AND o.deleted_at IS NULL AND o.list = 'resource') AS resource,
      (SELECT count(*) FROM offering o WHERE o.alliance_id = al.id AND o.deleted_at IS NULL AND o.list = 'activity') AS activity,
      (SELECT count(*) FROM need n JOIN offering o ON o.id = n.offering_id
        WHERE o.alliance_id = al.id AND n.state IN ('delivered', 'closed')) AS served
    FROM alliance al WHERE al.id IN (${sql.join(ids)})`.execute(db)
  for (const row of r.rows)
    out.set(Number(row.id), {
      members: Number(row.members),
      buildingMembers: Number(row.building_members),
      buildingsWithChief: Number(row.with_chief),
      offerings: {
        service: Number(row.service),
        resource: Number(row.resource),
        activity: Number(row.activity),
      },
      needsServed: Number(row.served),
    })
  return out
}

/** Live alliances with their area and parent, in one area and below it when `areaPath` is given. */
export function allianceRows(db: Kysely<DB>, opts: { id?: number; areaPath?: string } = {}) {
  let q = db
    .selectFrom('alliance as al')
    .innerJoin('area as a', 'a.code', 'al.area_code')
    .leftJoin('alliance as p', (j) => j.onRef('p.id', '=', 'al.parent_id').on('p.deleted_at', 'is', null))
    .select([
      'al.id',
      'al.version',
      'al.name',
      'al.kind',
      'al.parent_id',
      'p.name as parent_name',
      'al.area_code',
      'a.name as area_name',
      'al.founded_on',
      'al.description',
    ])
    .where('al.deleted_at', 'is', null)
  if (opts.id !== undefined) q = q.where('al.id', '=', opts.id)
  if (opts.areaPath !== undefined) q = q.where(inAreas('al.area_code', [opts.areaPath]))
  return q.orderBy('al.id').execute()
}

/** The current members of the given alliances: lead first, then coordinating, then members. */
export async function membersOf(db: Kysely<DB>, ids: number[]): Promise<Map<number, Member[]>> {
  const out = new Map<number, Member[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return out
  const rows = await db
    .selectFrom('alliance_member as m')
    .leftJoin('unit as u', 'u.id', 'm.unit_id')
    .leftJoin('building as b', 'b.id', 'm.building_id')
    .leftJoin('party_org as o', 'o.id', 'm.party_org_id')
    .leftJoin('building_chief as c', 'c.building_id', 'm.building_id')
    .leftJoin('person as cp', 'cp.id', 'c.person_id')
    .leftJoin('unit as cu', 'cu.id', 'c.unit_id')
    .select([
      'm.id',
      'm.alliance_id',
      'm.role',
      'm.unit_id',
      'm.building_id',
      'm.party_org_id',
      'o.type as org_type',
      'u.name as unit_name',
      'b.name as building_name',
      'o.name as org_name',
      'm.joined_on',
      'cp.name as chief_person',
      'cu.name as chief_unit',
    ])
    .where('m.alliance_id', 'in', ids)
    .where('m.left_on', 'is', null)
    // Lead first, then coordinating; among members organisations before buildings and units, as on the page.
    .orderBy(sql`CASE m.role WHEN 'lead' THEN 0 WHEN 'coordinating' THEN 1 ELSE 2 END`)
    .orderBy(sql`CASE WHEN m.party_org_id IS NOT NULL THEN 0 ELSE 1 END`)
    .orderBy('m.id')
    .execute()
  for (const m of rows)
    out.get(m.alliance_id)!.push({
      id: m.id,
      role: m.role as Member['role'],
      unitId: m.unit_id,
      buildingId: m.building_id,
      partyOrgId: m.party_org_id,
      orgType: (m.org_type ?? null) as Member['orgType'],
      name: m.unit_name ?? m.building_name ?? m.org_name ?? '',
      joinedOn: m.joined_on,
      chief: m.building_id ? (m.chief_person ?? m.chief_unit ?? null) : null,
    })
  return out
}

/** `parentId` and every alliance above it, nearest first (bounded: a cycle already stored cannot loop). */
export async function ancestorIds(db: Kysely<DB>, parentId: number): Promise<number[]> {
  const r = await sql<{ id: number }>`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM alliance WHERE id = ${parentId}
      UNION ALL
      SELECT a.id, a.parent_id, up.depth + 1 FROM alliance a JOIN up ON a.id = up.parent_id WHERE up.depth < 50
    )
    SELECT id FROM up ORDER BY depth`.execute(db)
  return r.rows.map((x) => Number(x.id))
}

/** The one lock every change of a parent takes, so two changes at once cannot close a cycle between them. */
export async function lockParents(db: Kysely<DB>) {
  await sql`SELECT pg_advisory_xact_lock(${ALLIANCE_TREE_LOCK})`.execute(db)
}
const ALLIANCE_TREE_LOCK = 170_039
