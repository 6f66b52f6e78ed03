import type { Unit, UnitInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { isValidUscc } from '../../lib/ids.ts'
import { normaliseQuery, searchText } from '../../lib/pinyin.ts'
import { visibilityOf } from '../../lib/visibility.ts'
import { decodeAfter, encodeAfter, parseSort } from './list-order.ts'
import { assertPlaceableArea, lookupOf, type Refs, WHAT } from './refs.ts'
import {
  countUnits,
  findUnitByUscc,
  listUnits,
  UNIT_SORT_KEYS,
  type UnitRow,
  unitQuery,
} from './units.repository.ts'
import { recordHistory, softDelete, updateVersioned } from './versioned.ts'

export function toUnit(r: UnitRow): Unit {
  return {
    id: r.id,
    version: r.version,
    uscc: r.uscc,
    name: r.name,
    kind: r.kind as Unit['kind'],
    industry: r.industry,
    employees: r.employees,
    buildingId: r.building_id,
    buildingName: r.building_name,
    areaCode: r.area_code,
    floorFrom: r.floor_from,
    floorTo: r.floor_to,
    settledOn: r.settled_on,
    leftOn: r.left_on,
    instructorSent: r.instructor_sent,
    formalMembers: r.formal ?? 0,
    probationaryMembers: r.probationary ?? 0,
    category: r.category ?? null,
  }
}

export async function listUnitPage(
  ctx: AppContext,
  request: FastifyRequest,
  query: {
    area?: string
    q?: string
    cursor?: string
    limit?: number
    building?: number
    category?: string
    kind?: string
    sort?: string
  },
) {
  const limit = query.limit ?? 50
  const order = parseSort(query.sort, UNIT_SORT_KEYS)
  const after = decodeAfter(query.cursor, order)
  const v = await visibilityOf(ctx.db, request, 'registry.read', query.area)
  const filters = {
    q: query.q ? normaliseQuery(query.q) : undefined,
    buildingId: query.building,
    category: query.category,
    kind: query.kind,
  }
  const [rows, total] = await Promise.all([
    listUnits(ctx.db, v, { ...filters, order, after, limit: limit + 1 }),
    countUnits(ctx.db, v, filters),
  ])
  const page = rows.slice(0, limit)
  return {
    items: page.map(toUnit),
    nextCursor: rows.length > limit ? encodeAfter(order, page.at(-1)!) : null,
    total,
  }
}

export async function getUnit(ctx: AppContext, id: number): Promise<Unit> {
  const row = await unitQuery(ctx.db).where('u.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return toUnit(row)
}

/**
 * Checks a unit against the rules and returns its columns. Shared by the API and the Excel import, so a
 * spreadsheet row is held to exactly what the form is.
 */
export async function unitColumns(db: Refs, input: UnitInput) {
  const uscc = input.uscc.trim().toUpperCase()
  if (!isValidUscc(uscc)) throw new AppError('invalid_uscc', { value: input.uscc })
  let areaCode = input.areaCode ?? null
  const buildingId = input.buildingId ?? null
  if (buildingId !== null) {
    const b = await lookupOf(db).building(buildingId)
    if (!b) throw new AppError('unknown_ref', { what: WHAT.building, id: buildingId })
    for (const floor of [input.floorFrom, input.floorTo]) {
      if (typeof floor === 'number' && floor > b.floors)
        throw new AppError('floor_above_building', { floor, floors: b.floors })
    }
    areaCode = b.area_code
  }
  if (areaCode === null) throw new AppError('unit_area_required')
  await assertPlaceableArea(db, areaCode)
  const floorFrom = input.floorFrom ?? null
  const floorTo = input.floorTo ?? (floorFrom !== null ? floorFrom : null)
  if (floorFrom !== null && floorTo !== null && floorTo < floorFrom) throw new AppError('invalid_floors')
  if (floorFrom === null && input.floorTo != null) throw new AppError('invalid_floors')
  if (input.settledOn && input.leftOn && input.leftOn < input.settledOn) {
    throw new AppError('invalid_dates', {
      later: { 'zh-CN': '迁出日期', 'en-US': 'The leaving date' },
      earlier: { 'zh-CN': '入驻日期', 'en-US': 'the settling date' },
    })
  }
  return {
    uscc,
    name: input.name.trim(),
    kind: input.kind,
    industry: input.industry ?? null,
    employees: input.employees ?? null,
    area_code: areaCode,
    building_id: buildingId,
    floor_from: floorFrom,
    floor_to: floorTo,
    settled_on: input.settledOn ?? null,
    left_on: input.leftOn ?? null,
    instructor_sent: input.instructorSent ?? false,
    search_text: searchText(input.name),
  }
}

export async function createUnit(ctx: AppContext, request: FastifyRequest, input: UnitInput) {
  const values = await unitColumns(ctx.db, input)
  if (await findUnitByUscc(ctx.db, values.uscc))
    throw new AppError('already_exists', { what: WHAT.unit, key: values.uscc })
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('unit').values(values).returning('id').executeTakeFirstOrThrow()
    await recordHistory(trx, {
      entity: 'unit',
      id,
      op: 'create',
      version: 1,
      before: null,
      accountId: request.principal!.accountId,
    })
    await writeAudit(trx, request, { action: 'unit.create', entity: 'unit', ids: [id] })
    return id
  })
  return getUnit(ctx, id)
}

export async function updateUnit(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: UnitInput & { version: number },
) {
  const values = await unitColumns(ctx.db, input)
  const twin = await findUnitByUscc(ctx.db, values.uscc)
  if (twin && twin.id !== id) throw new AppError('already_exists', { what: WHAT.unit, key: values.uscc })
  await ctx.db.transaction().execute(async (trx) => {
    await updateVersioned(
      trx,
      'unit',
      id,
      input.version,
      values,
      request.principal!.accountId,
      ctx.clock.now(),
    )
    await writeAudit(trx, request, { action: 'unit.update', entity: 'unit', ids: [id] })
  })
  return getUnit(ctx, id)
}

export async function deleteUnit(ctx: AppContext, request: FastifyRequest, id: number, version: number) {
  await ctx.db.transaction().execute(async (trx) => {
    await softDelete(trx, 'unit', id, version, request.principal!.accountId, ctx.clock.now())
    await writeAudit(trx, request, { action: 'unit.delete', entity: 'unit', ids: [id] })
  })
}
