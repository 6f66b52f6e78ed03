import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Permission } from '../../lib/permissions.ts'
import { visibilityOf } from '../../lib/visibility.ts'
import { BUILTIN_FIELDS, type Facts, type FieldDef } from './rules/types.ts'

/** The fields rules may use: the registry's and incubation status, plus the custom fields defined in the database. */
export async function loadFields(db: Kysely<DB>): Promise<Map<string, FieldDef>> {
  const custom = await db.selectFrom('unit_field').selectAll().orderBy('key').execute()
  const fields = new Map<string, FieldDef>(BUILTIN_FIELDS.map((f) => [f.key, f]))
  for (const c of custom) {
    fields.set(c.key, {
      key: c.key,
      type: c.type,
      label: { 'zh-CN': c.label_zh, 'en-US': c.label_en },
      options: c.options.map((o) => ({ value: o.value, label: { 'zh-CN': o.zh, 'en-US': o.en } })),
      unit: c.unit_zh || c.unit_en ? { 'zh-CN': c.unit_zh ?? '', 'en-US': c.unit_en ?? '' } : undefined,
      custom: true,
    })
  }
  return fields
}

export interface UnitFacts {
  id: number
  name: string
  areaCode: string
  areaName: string
  facts: Facts
}

/** Which units a query covers: all current units, narrowed by the caller's scope, an area path and/or ids. */
export interface UnitFilter {
  ids?: number[]
  /** Area paths the unit must lie in (any of them). */
  areaPaths?: string[]
  buildingIds?: number[]
  unitIds?: number[]
  all?: boolean
  /** An extra area path every unit must lie in (e.g. the policy's area). */
  within?: string
}

/** The caller's units for `permission` as a filter (city, areas, buildings, single units). */
export async function scopeFilter(
  db: Kysely<DB>,
  request: FastifyRequest,
  permission: Permission,
): Promise<UnitFilter> {
  const v = await visibilityOf(db, request, permission)
  return { all: v.all, areaPaths: v.areaPaths, buildingIds: v.buildingIds, unitIds: v.unitIds }
}

/** Units currently registered (not left, not deleted) with their facts, keyed the way rules name them. */
export async function loadFacts(db: Kysely<DB>, filter: UnitFilter): Promise<UnitFacts[]> {
  let q = db
    .selectFrom('unit as u')
    .innerJoin('area as a', 'a.code', 'u.area_code')
    .leftJoin('building as b', 'b.id', 'u.building_id')
    .select([
      'u.id',
      'u.name',
      'u.kind',
      'u.industry',
      'u.employees',
      'u.settled_on',
      'u.area_code',
      'a.path',
      'a.name as area_name',
      'b.park_id',
      sql<string | null>`(SELECT CASE WHEN bool_or(i.status = 'incubating') THEN 'incubating'
         ELSE (array_agg(i.status ORDER BY i.exited_on DESC))[1] END FROM incubatee i WHERE i.unit_id = u.id)`.as(
        'incubation',
      ),
    ])
    .where('u.deleted_at', 'is', null)
    .where('u.left_on', 'is', null)
  if (filter.ids) q = q.where('u.id', 'in', filter.ids.length ? filter.ids : [0])
  if (filter.within) {
    const w = filter.within
    q = q.where((eb) => eb.or([eb('a.path', '=', w), eb('a.path', 'like', `${w}/%`)]))
  }
  if (!filter.all && (filter.areaPaths || filter.buildingIds || filter.unitIds)) {
    const paths = filter.areaPaths ?? []
    const buildings = filter.buildingIds ?? []
    const units = filter.unitIds ?? []
    q = q.where((eb) =>
      eb.or([
        ...paths.flatMap((p) => [eb('a.path', '=', p), eb('a.path', 'like', `${p}/%`)]),
        ...(buildings.length ? [eb('u.building_id', 'in', buildings)] : []),
        ...(units.length ? [eb('u.id', 'in', units)] : []),
        sql<boolean>`false`,
      ]),
    )
  }
  const rows = await q.orderBy('u.id').execute()
  if (rows.length === 0) return []
  const attrs = await db
    .selectFrom('unit_attribute')
    .select(['unit_id', 'field_key', 'value'])
    .where('unit_id', '=', sql<number>`ANY(${rows.map((r) => r.id)}::bigint[])`)
    .execute()
  const byUnit = new Map<number, Facts>()
  for (const a of attrs) {
    const f = byUnit.get(a.unit_id) ?? {}
    f[a.field_key] = a.value as Facts[string]
    byUnit.set(a.unit_id, f)
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    areaCode: r.area_code,
    areaName: r.area_name,
    facts: {
      ...byUnit.get(r.id),
      industry: r.industry,
      kind: r.kind,
      employees: r.employees,
      settled_on: r.settled_on,
      area: r.path,
      park: r.park_id,
      incubation: r.incubation ?? 'none',
    },
  }))
}
