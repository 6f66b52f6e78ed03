import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** Per in-scope building, the counts the five "清" are judged on; keyset by id. */
export async function censusRows(db: Kysely<DB>, path: string | null, afterId: number, limit: number) {
  const inArea =
    path === null
      ? sql`true`
      : sql`b.area_code IN (SELECT code FROM area WHERE path = ${path} OR path LIKE ${`${path}/%`})`
  const r = await sql<{
    id: number
    name: string
    property_company: string | null
    owner: string | null
    lat: number | null
    lng: number | null
    operating: number
    unplaced: number
    members: number
    orgs: number
    stations: number
  }>`
    SELECT b.id, b.name, b.property_company, b.owner, b.lat, b.lng,
      (SELECT count(*) FROM unit u WHERE u.building_id = b.id AND u.deleted_at IS NULL AND u.left_on IS NULL) AS operating,
      (SELECT count(*) FROM unit u WHERE u.building_id = b.id AND u.deleted_at IS NULL AND u.left_on IS NULL
                                     AND u.floor_from IS NULL) AS unplaced,
      (SELECT coalesce(sum(s.formal + s.probationary), 0) FROM unit_stat s WHERE s.building_id = b.id AND s.operating) AS members,
      (SELECT count(DISTINCT c.party_org_id) FROM party_org_coverage c
         JOIN party_org o ON o.id = c.party_org_id AND o.deleted_at IS NULL
         LEFT JOIN unit u ON u.id = c.unit_id
        WHERE c.building_id = b.id OR u.building_id = b.id) AS orgs,
      (SELECT count(*) FROM station st WHERE st.building_id = b.id AND st.deleted_at IS NULL) AS stations
    FROM building b
    WHERE b.deleted_at IS NULL AND b.in_census_scope AND ${inArea} AND b.id > ${afterId}
    ORDER BY b.id LIMIT ${limit}`.execute(db)
  return r.rows.map((row) => ({
    ...row,
    id: Number(row.id),
    operating: Number(row.operating),
    unplaced: Number(row.unplaced),
    members: Number(row.members),
    orgs: Number(row.orgs),
    stations: Number(row.stations),
  }))
}

/** The area a census snapshot was taken of, or undefined when there is no such snapshot. */
export async function snapshotAreaCode(db: Kysely<DB>, id: number) {
  const s = await db.selectFrom('census_snapshot').select('area_code').where('id', '=', id).executeTakeFirst()
  return s?.area_code
}
