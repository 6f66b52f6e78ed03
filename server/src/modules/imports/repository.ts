import { type Kysely, sql, type Updateable } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { VersionedEntity } from '../registry/versioned.ts'
import type { AreaInfo } from './check.ts'

/** All areas (a few thousand): every code a file may name, with its path for the scope check. */
export async function loadAreas(db: Kysely<DB>): Promise<Map<string, AreaInfo>> {
  const rows = await db.selectFrom('area').select(['code', 'level', 'path', 'name']).execute()
  return new Map(rows.map((r) => [r.code, { level: r.level, path: r.path, name: r.name }]))
}

/** Live buildings (a city has thousands, not millions): found by name + address, by id, by park. */
export function loadBuildings(db: Kysely<DB>) {
  return db
    .selectFrom('building')
    .select([
      'id',
      'version',
      'name',
      'address',
      'area_code',
      'park_id',
      'floors',
      'in_use',
      'property_company',
      'owner',
      'lat',
      'lng',
    ])
    .where('deleted_at', 'is', null)
    .execute()
}
export type BuildingRecord = Awaited<ReturnType<typeof loadBuildings>>[number]

export function loadParks(db: Kysely<DB>) {
  return db.selectFrom('park').select(['id', 'area_code', 'name']).where('deleted_at', 'is', null).execute()
}

export function loadOrgs(db: Kysely<DB>) {
  return db
    .selectFrom('party_org')
    .select([
      'id',
      'version',
      'name',
      'type',
      'parent_id',
      'area_code',
      'established_on',
      'has_committee',
      'secretary_person_id',
    ])
    .where('deleted_at', 'is', null)
    .execute()
}
export type OrgRecord = Awaited<ReturnType<typeof loadOrgs>>[number]

const CHUNK = 5_000
const chunks = <T>(items: T[], size = CHUNK) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/** Live units by USCC, in chunks with one array parameter each (not one parameter per code). */
export async function loadUnitsByUscc(db: Kysely<DB>, usccs: string[]) {
  const out = []
  for (const part of chunks([...new Set(usccs)])) {
    out.push(
      ...(await db
        .selectFrom('unit')
        .select([
          'id',
          'version',
          'uscc',
          'name',
          'kind',
          'industry',
          'employees',
          'area_code',
          'building_id',
          'floor_from',
          'floor_to',
          'settled_on',
          'left_on',
          'instructor_sent',
        ])
        .where(sql<boolean>`uscc = ANY(${part}::text[])`)
        .where('deleted_at', 'is', null)
        .execute()),
    )
  }
  return out
}
export type UnitRecord = Awaited<ReturnType<typeof loadUnitsByUscc>>[number]

/** Live people by ID-number hash, with their membership and the areas of their unit and organisation. */
export async function loadPeopleByHash(db: Kysely<DB>, hashes: string[]) {
  const out = []
  for (const part of chunks([...new Set(hashes)])) {
    out.push(
      ...(await db
        .selectFrom('person as p')
        .leftJoin('member as m', 'm.person_id', 'p.id')
        .leftJoin('unit as u', 'u.id', 'p.unit_id')
        .leftJoin('party_org as o', 'o.id', 'm.party_org_id')
        .select([
          'p.id',
          'p.version',
          'p.name',
          'p.gender',
          'p.birth_date',
          'p.phone',
          'p.education',
          'p.unit_id',
          'p.id_number_hash',
          'u.area_code as unit_area',
          'm.party_org_id',
          'o.area_code as org_area',
          'm.status',
          'm.joined_on',
          'm.relation_transferred',
          'm.floating',
        ])
        .where(sql<boolean>`p.id_number_hash = ANY(${part}::text[])`)
        .where('p.deleted_at', 'is', null)
        .execute()),
    )
  }
  return out
}
export type PersonRecord = Awaited<ReturnType<typeof loadPeopleByHash>>[number]

export async function loadCoverage(db: Kysely<DB>, orgIds: number[]) {
  if (orgIds.length === 0) return []
  return db
    .selectFrom('party_org_coverage')
    .select(['party_org_id', 'unit_id', 'building_id'])
    .where(sql<boolean>`party_org_id = ANY(${orgIds}::bigint[])`)
    .execute()
}

/**
 * Which of these units a live organisation covers — 'own' (any type but a joint branch) wins over 'joint' —
 * and every building a live organisation covers whole; as tx_refresh_unit judges own and joint.
 */
export async function loadOrgCover(db: Kysely<DB>, unitIds: number[]) {
  const units = new Map<number, 'own' | 'joint'>()
  for (const part of chunks(unitIds)) {
    const rows = await db
      .selectFrom('party_org_coverage as c')
      .innerJoin('party_org as o', 'o.id', 'c.party_org_id')
      .select(['c.unit_id', 'o.type'])
      .where(sql<boolean>`c.unit_id = ANY(${part}::bigint[])`)
      .where('o.deleted_at', 'is', null)
      .execute()
    for (const r of rows) {
      const kind = r.type === 'joint_branch' ? 'joint' : 'own'
      if (units.get(r.unit_id!) !== 'own') units.set(r.unit_id!, kind)
    }
  }
  const covered = await db
    .selectFrom('party_org_coverage as c')
    .innerJoin('party_org as o', 'o.id', 'c.party_org_id')
    .select('c.building_id')
    .distinct()
    .where('c.building_id', 'is not', null)
    .where('o.deleted_at', 'is', null)
    .execute()
  return { units, buildings: new Set(covered.map((r) => r.building_id!)) }
}

export async function unitCodesById(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>()
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'uscc'])
    .where(sql<boolean>`id = ANY(${ids}::bigint[])`)
    .execute()
  return new Map(rows.map((r) => [r.id, r.uscc]))
}

export async function livePeople(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return new Set<number>()
  const rows = await db
    .selectFrom('person')
    .select('id')
    .where(sql<boolean>`id = ANY(${ids}::bigint[])`)
    .where('deleted_at', 'is', null)
    .execute()
  return new Set(rows.map((r) => r.id))
}

type BulkTable = 'building' | 'unit' | 'person' | 'party_org' | 'member' | 'party_org_coverage'

/**
 * Inserts many rows of one table, 5,000 per statement, each batch sent as one JSON parameter and spread
 * into the table's row type by jsonb_populate_recordset (one parameter instead of one per value: cheaper
 * to bind, and no 65,535-parameter limit). With `history`, the same statement records each new row's
 * 'create' in row_history, as the API does per create. Returns the `returning` columns of every row.
 */
export async function insertMany<R>(
  trx: Kysely<DB>,
  table: BulkTable,
  rows: Array<Record<string, unknown>>,
  opts: {
    returning?: string[]
    history?: { entity: VersionedEntity; accountId: number | null }
    onChunk?: (n: number) => void
  } = {},
): Promise<R[]> {
  const out: R[] = []
  if (rows.length === 0) return out
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)))
  const returning = [...new Set(['id', ...(opts.returning ?? [])])].map((c) => sql.ref(c))
  for (const part of chunks(rows)) {
    const insert = sql`INSERT INTO ${sql.table(table)} (${columns})
      SELECT ${columns} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(part)}::jsonb)`
    const history = opts.history
    const result = history
      ? await sql<R>`WITH ins AS (${insert} RETURNING ${sql.join(returning)}),
          hist AS (INSERT INTO row_history (entity, entity_id, op, version, account_id)
                   SELECT ${history.entity}, id, 'create', 1, ${history.accountId} FROM ins)
          SELECT * FROM ins`.execute(trx)
      : opts.returning
        ? await sql<R>`${insert} RETURNING ${sql.join(returning)}`.execute(trx)
        : await sql<R>`${insert}`.execute(trx)
    out.push(...result.rows)
    opts.onChunk?.(part.length)
  }
  return out
}

// ---- import_job

const JOB_COLUMNS = [
  'id',
  'kind',
  'file_name',
  'status',
  'total_rows',
  'diff_new',
  'diff_changed',
  'diff_unchanged',
  'errors',
  'error_count',
  'warnings',
  'warning_count',
  'changes',
  'account_id',
  'created_at',
  'committed_at',
  'file_sha256',
] as const

export function findJob(db: Kysely<DB>, id: number, forUpdate = false) {
  let q = db
    .selectFrom('import_job')
    .select([...JOB_COLUMNS])
    .where('id', '=', id)
  if (forUpdate) q = q.forUpdate()
  return q.executeTakeFirst()
}
export type JobRecord = NonNullable<Awaited<ReturnType<typeof findJob>>>

/** The rows a checked job keeps for its commit (stored-rows.ts), or null once committed or expired. */
export async function jobRows(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('import_job').select('stored_rows').where('id', '=', id).executeTakeFirst()
  return row?.stored_rows ? Buffer.from(row.stored_rows) : null
}

export interface NewJob {
  kind: string
  file_name: string
  stored_rows: Uint8Array | null
  file_sha256: string
  status: string
  total_rows: number
  diff_new: number
  diff_changed: number
  diff_unchanged: number
  /** JSON text */
  errors: string
  error_count: number
  /** JSON text */
  warnings: string
  warning_count: number
  /** JSON text */
  changes: string
  account_id: number | null
  created_at: Date
}

export async function insertJob(db: Kysely<DB>, values: NewJob) {
  const row = await db.insertInto('import_job').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function updateJob(db: Kysely<DB>, id: number, values: Updateable<DB['import_job']>) {
  await db.updateTable('import_job').set(values).where('id', '=', id).execute()
}

/**
 * Deletes jobs not committed within `uncommittedBefore` (checked, rejected or failed: their rows are of no more
 * use) and committed jobs older than `committedBefore` (the audit log keeps what each commit did). One
 * statement each: instances sweeping at once delete each job once; a job being committed is locked by its
 * commit, and once committed no longer matches the first condition.
 */
export async function purgeJobs(db: Kysely<DB>, uncommittedBefore: Date, committedBefore: Date) {
  const stale = await db
    .deleteFrom('import_job')
    .where('status', '<>', 'committed')
    .where('created_at', '<', uncommittedBefore)
    .executeTakeFirst()
  const old = await db
    .deleteFrom('import_job')
    .where('status', '=', 'committed')
    .where('committed_at', '<', committedBefore)
    .executeTakeFirst()
  return Number(stale.numDeletedRows) + Number(old.numDeletedRows)
}
