import type { FastifyRequest } from 'fastify'
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { DB } from '../db/schema.ts'
import { AppError } from './errors.ts'
import type { Permission } from './permissions.ts'
import { areasByCode } from './scope.ts'

/** What part of the registry a caller may list, from their grants for one permission. */
export interface Visibility {
  all: boolean
  areaPaths: string[]
  buildingIds: number[]
  unitIds: number[]
  orgIds: number[]
  /** Set when an area filter applies on top of narrower grants. */
  filterPath?: string
}

export async function visibilityOf(
  db: Kysely<DB>,
  request: FastifyRequest,
  permission: Permission,
  areaFilter?: string,
): Promise<Visibility> {
  const grants = request.grantsFor(permission)
  const v: Visibility = { all: false, areaPaths: [], buildingIds: [], unitIds: [], orgIds: [] }
  const areaCodes: string[] = []
  for (const g of grants) {
    if (g.scope_type === 'city') v.all = true
    else if (g.scope_type === 'area') areaCodes.push(g.scope_id!)
    else if (g.scope_type === 'building') v.buildingIds.push(Number(g.scope_id))
    else if (g.scope_type === 'unit') v.unitIds.push(Number(g.scope_id))
    else if (g.scope_type === 'party_org') v.orgIds.push(Number(g.scope_id))
  }
  if (areaCodes.length > 0) v.areaPaths = [...(await areasByCode(db, areaCodes)).values()].map((a) => a.path)
  // A secretary's grant reaches every organisation below theirs, as the access check for a single row does.
  if (v.orgIds.length > 0) v.orgIds = await withDescendants(db, v.orgIds)
  if (areaFilter) {
    const area = (await areasByCode(db, [areaFilter])).get(areaFilter)
    if (!area) throw new AppError('unknown_area', { code: areaFilter })
    // The filter narrows to one area; the caller must see all of it or see only their own part of it.
    const inside = (p: string) => area.path === p || area.path.startsWith(`${p}/`)
    if (v.all || v.areaPaths.some(inside))
      return { all: false, areaPaths: [area.path], buildingIds: [], unitIds: [], orgIds: [] }
    v.areaPaths = v.areaPaths.filter((p) => p.startsWith(`${area.path}/`))
    v.filterPath = area.path
  }
  return v
}

async function withDescendants(db: Kysely<DB>, orgIds: number[]): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    WITH RECURSIVE below(id) AS (
      SELECT id FROM party_org WHERE id IN (${sql.join(orgIds)})
      UNION
      SELECT o.id FROM party_org o JOIN below ON o.parent_id = below.id
    )
    SELECT id FROM below`.execute(db)
  return rows.rows.map((r) => Number(r.id))
}

/** `column` (an area code) inside any of the given area paths. */
export function inAreas(column: string, paths: string[]): RawBuilder<SqlBool> {
  const alternatives = paths.map((p) => sql`path = ${p} OR path LIKE ${`${p}/%`}`)
  return sql<SqlBool>`${sql.ref(column)} IN (SELECT code FROM area WHERE ${sql.join(alternatives, sql` OR `)})`
}

export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
