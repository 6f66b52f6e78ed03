import type { Park, Station, StationInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { searchText } from '../../lib/pinyin.ts'
import { inAreas, type Visibility, visibilityOf } from '../../lib/visibility.ts'
import { assertExists, assertPlaceableArea, WHAT } from './refs.ts'
import { recordHistory, softDelete, updateVersioned } from './versioned.ts'

/** Parks and stations are placed by area only. */
const areaClause = (v: Visibility, column: string) => {
  const visible = v.all
    ? sql<boolean>`true`
    : v.areaPaths.length
      ? inAreas(column, v.areaPaths)
      : sql<boolean>`false`
  return v.filterPath ? sql<boolean>`(${visible} AND ${inAreas(column, [v.filterPath])})` : visible
}

function parkQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('park as p')
    .innerJoin('area as a', 'a.code', 'p.area_code')
    .select([
      'p.id',
      'p.version',
      'p.area_code',
      'a.name as area_name',
      'p.name',
      sql<number>`(SELECT count(*) FROM building b WHERE b.park_id = p.id AND b.deleted_at IS NULL)`.as(
        'building_count',
      ),
    ])
    .where('p.deleted_at', 'is', null)
}

type ParkRow = Awaited<ReturnType<ReturnType<typeof parkQuery>['executeTakeFirstOrThrow']>>

const toPark = (r: ParkRow): Park => ({
  id: r.id,
  version: r.version,
  areaCode: r.area_code,
  areaName: r.area_name,
  name: r.name,
  buildingCount: Number(r.building_count),
})

export async function listParks(ctx: AppContext, request: FastifyRequest, area?: string): Promise<Park[]> {
  const v = await visibilityOf(ctx.db, request, 'registry.read', area)
  const rows = await parkQuery(ctx)
    .where(() => areaClause(v, 'p.area_code'))
    .orderBy('p.id')
    .limit(1000)
    .execute()
  return rows.map(toPark)
}

export async function getPark(ctx: AppContext, id: number): Promise<Park> {
  const row = await parkQuery(ctx).where('p.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return toPark(row)
}

/** Another live park of the same name in the area (the unique index would refuse it less clearly). */
async function assertNoTwinPark(ctx: AppContext, input: { areaCode: string; name: string }, self?: number) {
  let query = ctx.db
    .selectFrom('park')
    .select('id')
    .where('area_code', '=', input.areaCode)
    .where('name', '=', input.name.trim())
    .where('deleted_at', 'is', null)
  if (self) query = query.where('id', '<>', self)
  if (await query.executeTakeFirst())
    throw new AppError('already_exists', { what: WHAT.park, key: input.name })
}

export async function updatePark(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: { areaCode: string; name: string; version: number },
) {
  await assertPlaceableArea(ctx.db, input.areaCode)
  await assertNoTwinPark(ctx, input, id)
  await ctx.db.transaction().execute(async (trx) => {
    const values = { area_code: input.areaCode, name: input.name.trim(), search_text: searchText(input.name) }
    await updateVersioned(
      trx,
      'park',
      id,
      input.version,
      values,
      request.principal!.accountId,
      ctx.clock.now(),
    )
    await writeAudit(trx, request, { action: 'park.update', entity: 'park', ids: [id] })
  })
  return getPark(ctx, id)
}

/** A park is only a grouping of buildings: it goes once it is empty, so no building points at a deleted one. */
export async function deletePark(ctx: AppContext, request: FastifyRequest, id: number, version: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const { n } = await trx
      .selectFrom('building')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('park_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow()
    if (Number(n) > 0) throw new AppError('park_not_empty', { count: Number(n) })
    await softDelete(trx, 'park', id, version, request.principal!.accountId, ctx.clock.now())
    await writeAudit(trx, request, { action: 'park.delete', entity: 'park', ids: [id] })
  })
}

export async function createPark(
  ctx: AppContext,
  request: FastifyRequest,
  input: { areaCode: string; name: string },
) {
  await assertPlaceableArea(ctx.db, input.areaCode)
  await assertNoTwinPark(ctx, input)
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('park')
      .values({ area_code: input.areaCode, name: input.name.trim(), search_text: searchText(input.name) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordHistory(trx, {
      entity: 'park',
      id,
      op: 'create',
      version: 1,
      before: null,
      accountId: request.principal!.accountId,
    })
    await writeAudit(trx, request, { action: 'park.create', entity: 'park', ids: [id] })
    return id
  })
}

function stationQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('station as s')
    .leftJoin('building as b', 'b.id', 's.building_id')
    .select([
      's.id',
      's.version',
      's.kind',
      's.name',
      's.area_code',
      's.building_id',
      'b.name as building_name',
      's.park_id',
      's.address',
      's.description',
    ])
    .where('s.deleted_at', 'is', null)
}

type StationRow = Awaited<ReturnType<ReturnType<typeof stationQuery>['executeTakeFirstOrThrow']>>

const toStation = (r: StationRow): Station => ({
  id: r.id,
  version: r.version,
  kind: r.kind as Station['kind'],
  name: r.name,
  areaCode: r.area_code,
  buildingId: r.building_id,
  buildingName: r.building_name,
  parkId: r.park_id,
  address: r.address,
  description: r.description,
})

export async function listStations(
  ctx: AppContext,
  request: FastifyRequest,
  opts: { area?: string; kind?: string },
) {
  const v = await visibilityOf(ctx.db, request, 'registry.read', opts.area)
  let query = stationQuery(ctx)
    .where((eb) =>
      eb.or([
        areaClause(v, 's.area_code'),
        ...(v.buildingIds.length ? [eb('s.building_id', 'in', v.buildingIds)] : []),
      ]),
    )
    .orderBy('s.id')
    .limit(1000)
  if (opts.kind) query = query.where('s.kind', '=', opts.kind)
  return (await query.execute()).map(toStation)
}

export async function getStation(ctx: AppContext, id: number) {
  const row = await stationQuery(ctx).where('s.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return toStation(row)
}

async function stationColumns(ctx: AppContext, input: StationInput) {
  await assertPlaceableArea(ctx.db, input.areaCode)
  await assertExists(ctx.db, 'building', [input.buildingId])
  await assertExists(ctx.db, 'park', [input.parkId])
  return {
    kind: input.kind,
    name: input.name.trim(),
    area_code: input.areaCode,
    building_id: input.buildingId ?? null,
    park_id: input.parkId ?? null,
    address: input.address ?? null,
    description: input.description ?? null,
    search_text: searchText(input.name),
  }
}

export async function createStation(ctx: AppContext, request: FastifyRequest, input: StationInput) {
  const values = await stationColumns(ctx, input)
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('station').values(values).returning('id').executeTakeFirstOrThrow()
    await recordHistory(trx, {
      entity: 'station',
      id,
      op: 'create',
      version: 1,
      before: null,
      accountId: request.principal!.accountId,
    })
    await writeAudit(trx, request, { action: 'station.create', entity: 'station', ids: [id] })
    return id
  })
  return getStation(ctx, id)
}

export async function updateStation(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: StationInput & { version: number },
) {
  const values = await stationColumns(ctx, input)
  await ctx.db.transaction().execute(async (trx) => {
    await updateVersioned(
      trx,
      'station',
      id,
      input.version,
      values,
      request.principal!.accountId,
      ctx.clock.now(),
    )
    await writeAudit(trx, request, { action: 'station.update', entity: 'station', ids: [id] })
  })
  return getStation(ctx, id)
}

export async function deleteStation(ctx: AppContext, request: FastifyRequest, id: number, version: number) {
  await ctx.db.transaction().execute(async (trx) => {
    await softDelete(trx, 'station', id, version, request.principal!.accountId, ctx.clock.now())
    await writeAudit(trx, request, { action: 'station.delete', entity: 'station', ids: [id] })
  })
}
