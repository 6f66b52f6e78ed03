import {
  type Building,
  type BuildingDetail,
  type BuildingInput,
  type CensusPart,
  type ChiefInput,
  insideShanghai,
} from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import type { Locale } from '../../lib/messages.ts'
import { normaliseQuery, searchText } from '../../lib/pinyin.ts'
import { visibilityOf } from '../../lib/visibility.ts'
import { withCensusFreshness } from '../census/freshness.service.ts'
import {
  BUILDING_SORT_KEYS,
  type BuildingRow,
  buildingQuery,
  countBuildings,
  findBuildingByNaturalKey,
  listBuildings,
  unitsOfBuilding,
} from './buildings.repository.ts'
import { decodeAfter, encodeAfter, parseSort } from './list-order.ts'
import { assertExists, assertPlaceableArea, type Refs, WHAT } from './refs.ts'
import { recordHistory, softDelete, updateVersioned } from './versioned.ts'

export function toBuilding(r: BuildingRow): Building {
  const chief =
    r.chief_person_id !== null
      ? {
          kind: 'person' as const,
          id: r.chief_person_id,
          name: r.chief_person_name ?? '',
          since: r.chief_since,
          version: r.chief_version ?? 1,
        }
      : r.chief_unit_id !== null
        ? {
            kind: 'unit' as const,
            id: r.chief_unit_id,
            name: r.chief_unit_name ?? '',
            since: r.chief_since,
            version: r.chief_version ?? 1,
          }
        : null
  return {
    id: r.id,
    version: r.version,
    areaCode: r.area_code,
    areaName: r.area_name,
    parkId: r.park_id,
    parkName: r.park_name,
    name: r.name,
    address: r.address,
    floors: r.floors,
    inUse: r.in_use,
    inCensusScope: r.in_census_scope,
    propertyCompany: r.property_company,
    owner: r.owner,
    lat: r.lat,
    lng: r.lng,
    chief,
    unitCount: Number(r.unit_count),
  }
}

export async function listBuildingPage(
  ctx: AppContext,
  request: FastifyRequest,
  query: {
    area?: string
    q?: string
    cursor?: string
    limit?: number
    park?: number
    inScope?: boolean
    sort?: string
  },
) {
  const limit = query.limit ?? 50
  const order = parseSort(query.sort, BUILDING_SORT_KEYS)
  const after = decodeAfter(query.cursor, order)
  const v = await visibilityOf(ctx.db, request, 'registry.read', query.area)
  const filters = {
    q: query.q ? normaliseQuery(query.q) : undefined,
    parkId: query.park,
    inScope: query.inScope,
  }
  const [rows, total] = await Promise.all([
    listBuildings(ctx.db, v, { ...filters, order, after, limit: limit + 1 }),
    countBuildings(ctx.db, v, filters),
  ])
  const page = rows.slice(0, limit)
  return {
    items: page.map(toBuilding),
    nextCursor: rows.length > limit ? encodeAfter(order, page.at(-1)!) : null,
    total,
  }
}

export async function getBuilding(ctx: AppContext, id: number): Promise<Building> {
  const row = await buildingQuery(ctx.db).where('b.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return toBuilding(row)
}

/** Checks a building and returns its columns; shared with the Excel import. */
export async function buildingColumns(db: Refs, input: BuildingInput) {
  const lat = input.lat ?? null
  const lng = input.lng ?? null
  if ((lat === null) !== (lng === null)) throw new AppError('building_location_incomplete')
  if (lat !== null && lng !== null && !insideShanghai(lat, lng))
    throw new AppError('building_location_outside_shanghai', { lat: String(lat), lng: String(lng) })
  await assertPlaceableArea(db, input.areaCode)
  await assertExists(db, 'park', [input.parkId])
  return {
    area_code: input.areaCode,
    park_id: input.parkId ?? null,
    name: input.name.trim(),
    address: input.address.trim(),
    floors: input.floors,
    in_use: input.inUse ?? true,
    property_company: input.propertyCompany ?? null,
    owner: input.owner ?? null,
    lat,
    lng,
    search_text: searchText(input.name, input.address),
  }
}

export async function createBuilding(ctx: AppContext, request: FastifyRequest, input: BuildingInput) {
  const values = await buildingColumns(ctx.db, input)
  if (await findBuildingByNaturalKey(ctx.db, input.name.trim(), input.address.trim())) {
    throw new AppError('already_exists', { what: WHAT.building, key: `${input.name} / ${input.address}` })
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('building').values(values).returning('id').executeTakeFirstOrThrow()
    await recordHistory(trx, {
      entity: 'building',
      id,
      op: 'create',
      version: 1,
      before: null,
      accountId: request.principal!.accountId,
    })
    await writeAudit(trx, request, { action: 'building.create', entity: 'building', ids: [id] })
    return id
  })
  return getBuilding(ctx, id)
}

export async function updateBuilding(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: BuildingInput & { version: number },
) {
  const values = await buildingColumns(ctx.db, input)
  const twin = await findBuildingByNaturalKey(ctx.db, input.name.trim(), input.address.trim())
  if (twin && twin.id !== id)
    throw new AppError('already_exists', { what: WHAT.building, key: `${input.name} / ${input.address}` })
  await ctx.db.transaction().execute(async (trx) => {
    await updateVersioned(
      trx,
      'building',
      id,
      input.version,
      values,
      request.principal!.accountId,
      ctx.clock.now(),
    )
    // Units take their building's area, so moving a building moves its units in every report.
    await trx.updateTable('unit').set({ area_code: values.area_code }).where('building_id', '=', id).execute()
    await writeAudit(trx, request, { action: 'building.update', entity: 'building', ids: [id] })
  })
  return getBuilding(ctx, id)
}

export async function deleteBuilding(ctx: AppContext, request: FastifyRequest, id: number, version: number) {
  await ctx.db.transaction().execute(async (trx) => {
    await softDelete(trx, 'building', id, version, request.principal!.accountId, ctx.clock.now())
    await writeAudit(trx, request, { action: 'building.delete', entity: 'building', ids: [id] })
  })
}

export async function setChief(
  ctx: AppContext,
  request: FastifyRequest,
  buildingId: number,
  input: ChiefInput,
) {
  const personId = input.personId ?? null
  const unitId = input.unitId ?? null
  if ((personId === null) === (unitId === null)) throw new AppError('chief_one_of')
  await assertExists(ctx.db, 'building', [buildingId])
  await assertExists(ctx.db, 'person', [personId])
  await assertExists(ctx.db, 'unit', [unitId])
  await ctx.db.transaction().execute(async (trx) => {
    const values = { person_id: personId, unit_id: unitId, since: input.since ?? null }
    // Insert only when the caller saw no chief, update only the version it saw: anything else is someone
    // else's change since, and 409 instead of overwriting it.
    const written =
      input.version === null
        ? await trx
            .insertInto('building_chief')
            .values({ building_id: buildingId, ...values })
            .onConflict((oc) => oc.column('building_id').doNothing())
            .executeTakeFirst()
        : await trx
            .updateTable('building_chief')
            .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
            .where('building_id', '=', buildingId)
            .where('version', '=', input.version)
            .executeTakeFirst()
    const count =
      'numInsertedOrUpdatedRows' in written ? written.numInsertedOrUpdatedRows : written.numUpdatedRows
    if (Number(count ?? 0) !== 1) throw await chiefConflict(trx, buildingId)
    await writeAudit(trx, request, {
      action: 'building.chief',
      entity: 'building',
      ids: [buildingId],
      detail: { personId, unitId },
    })
  })
  return getBuilding(ctx, buildingId)
}

async function chiefConflict(db: Kysely<DB>, buildingId: number) {
  const row = await db
    .selectFrom('building_chief')
    .select('version')
    .where('building_id', '=', buildingId)
    .executeTakeFirst()
  return new AppError('version_conflict', { current: row ? Number(row.version) : 0 })
}

export async function removeChief(
  ctx: AppContext,
  request: FastifyRequest,
  buildingId: number,
  version: number,
) {
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('building_chief')
      .where('building_id', '=', buildingId)
      .where('version', '=', version)
      .executeTakeFirst()
    if (Number(removed.numDeletedRows) !== 1) throw await chiefConflict(trx, buildingId)
    await writeAudit(trx, request, {
      action: 'building.chief_removed',
      entity: 'building',
      ids: [buildingId],
    })
  })
  return getBuilding(ctx, buildingId)
}

/** The building page: floors → units → organisations, stations, and the five "清" of the census. */
export async function buildingDetail(
  ctx: AppContext,
  id: number,
  locale: Locale = 'zh-CN',
): Promise<BuildingDetail> {
  const building = await getBuilding(ctx, id)
  const units = await unitsOfBuilding(ctx.db, id)
  const orgs = await ctx.db
    .selectFrom('party_org_coverage as c')
    .innerJoin('party_org as o', 'o.id', 'c.party_org_id')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .select(['o.id', 'o.name', 'o.type', 'c.building_id'])
    .where('o.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('c.building_id', '=', id), eb('u.building_id', '=', id)]))
    .execute()
  const stations = await ctx.db
    .selectFrom('station')
    .select(['id', 'name', 'kind'])
    .where('building_id', '=', id)
    .where('deleted_at', 'is', null)
    .execute()
  const seen = new Set<number>()
  const orgList = orgs
    .filter((o) => !seen.has(o.id) && seen.add(o.id))
    .map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      via: o.building_id ? ('building' as const) : ('unit' as const),
    }))
  return {
    building,
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      floorFrom: u.floor_from,
      floorTo: u.floor_to,
      operating: u.left_on === null,
      formalMembers: u.formal ?? 0,
      probationaryMembers: u.probationary ?? 0,
      category: u.category,
    })),
    orgs: orgList,
    stations,
    completeness: await withCensusFreshness(
      ctx,
      id,
      completenessOf(
        building,
        {
          operating: units.filter((u) => u.left_on === null).length,
          unplaced: units.filter((u) => u.left_on === null && u.floor_from === null).length,
          members: units
            .filter((u) => u.left_on === null)
            .reduce((n, u) => n + (u.formal ?? 0) + (u.probationary ?? 0), 0),
          orgs: orgList.length,
          stations: stations.length,
        },
        locale,
      ),
      locale,
    ),
  }
}

export interface CensusCounts {
  operating: number
  unplaced: number
  members: number
  orgs: number
  stations: number
}

/**
 * 五个清: what the census still lacks for a building. A part is recorded when something is registered
 * (whether it is still clear depends on when a visit last verified it: census/freshness.service.ts): organisations are clear when one covers the building or its units, or when its units have no members
 * (so none is expected); members are clear when some are recorded, or when no organisation expects them.
 */
const CENSUS_TEXT = {
  'zh-CN': {
    propertyCompany: '物业公司',
    location: '位置',
    owner: '产权单位',
    noUnits: '尚无入驻单位',
    unplaced: (n: number) => `${n} 家单位未填楼层`,
    orgs: '有党员但未登记覆盖的党组织',
    members: '有党组织但未登记党员',
    stations: '尚无党建工作站',
    join: '、',
  },
  'en-US': {
    propertyCompany: 'property company',
    location: 'location',
    owner: 'owner',
    noUnits: 'no units registered yet',
    unplaced: (n: number) => `${n} units without a floor`,
    orgs: 'members but no covering party organisation registered',
    members: 'a party organisation but no members registered',
    stations: 'no party-building station yet',
    join: ', ',
  },
} as const

export function completenessOf(
  b: { propertyCompany: string | null; owner: string | null; lat: number | null; lng: number | null },
  c: CensusCounts,
  locale: Locale = 'zh-CN',
): RecordedParts {
  const t = CENSUS_TEXT[locale]
  const missingFacts = [
    !b.propertyCompany && t.propertyCompany,
    (b.lat === null || b.lng === null) && t.location,
    !b.owner && t.owner,
  ]
    .filter(Boolean)
    .join(t.join)
  const orgsClear = c.orgs > 0 || (c.operating > 0 && c.members === 0)
  const membersClear = c.members > 0 || c.orgs === 0
  const items = [
    { key: 'building' as const, ok: missingFacts === '', missing: missingFacts },
    {
      key: 'units' as const,
      ok: c.operating > 0 && c.unplaced === 0,
      missing: c.operating === 0 ? t.noUnits : c.unplaced > 0 ? t.unplaced(c.unplaced) : '',
    },
    { key: 'orgs' as const, ok: orgsClear, missing: orgsClear ? '' : t.orgs },
    { key: 'members' as const, ok: membersClear, missing: membersClear ? '' : t.members },
    { key: 'stations' as const, ok: c.stations > 0, missing: c.stations > 0 ? '' : t.stations },
  ]
  return items
}

export type RecordedParts = { key: CensusPart; ok: boolean; missing: string }[]
