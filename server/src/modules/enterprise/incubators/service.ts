import type { Incubatee, Incubator, IncubatorSeries } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { AppContext } from '../../../context.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { shanghaiDate } from '../../../lib/dates.ts'
import { AppError } from '../../../lib/errors.ts'
import { visibilityOf } from '../../../lib/visibility.ts'
import { figuresOn, type Stay, series } from './figures.ts'

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505'

async function stays(ctx: AppContext, incubatorIds: number[]) {
  if (incubatorIds.length === 0) return new Map<number, Stay[]>()
  const rows = await ctx.db
    .selectFrom('incubatee')
    .select(['incubator_id', 'entered_on', 'exited_on', 'status'])
    .where('incubator_id', 'in', incubatorIds)
    .execute()
  const by = new Map<number, Stay[]>()
  for (const r of rows) by.set(r.incubator_id, [...(by.get(r.incubator_id) ?? []), r])
  return by
}

function incubatorQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('incubator as i')
    .innerJoin('area as a', 'a.code', 'i.area_code')
    .leftJoin('park as p', 'p.id', 'i.park_id')
    .select([
      'i.id',
      'i.name',
      'i.area_code',
      'a.path',
      'p.name as park_name',
      'i.opened_on',
      'i.capacity',
      'i.description',
    ])
}

/** The incubators in the caller's areas, with today's figures. */
export async function listIncubators(ctx: AppContext, request: FastifyRequest): Promise<Incubator[]> {
  const v = await visibilityOf(ctx.db, request, 'incubator.read')
  const rows = (await incubatorQuery(ctx).orderBy('i.id').execute()).filter(
    (r) => v.all || v.areaPaths.some((p) => r.path === p || r.path.startsWith(`${p}/`)),
  )
  const today = shanghaiDate(ctx.clock.now())
  const by = await stays(
    ctx,
    rows.map((r) => r.id),
  )
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    areaCode: r.area_code,
    parkName: r.park_name,
    openedOn: r.opened_on,
    capacity: r.capacity,
    description: r.description,
    figures: figuresOn(by.get(r.id) ?? [], today),
  }))
}

export async function incubatees(ctx: AppContext, incubatorId: number): Promise<Incubatee[]> {
  const rows = await ctx.db
    .selectFrom('incubatee as t')
    .innerJoin('unit as u', 'u.id', 't.unit_id')
    .select([
      't.id',
      't.version',
      't.unit_id',
      'u.name',
      't.entered_on',
      't.exited_on',
      't.status',
      sql<number>`(SELECT count(*) FROM incubator_service s WHERE s.incubatee_id = t.id)`.as('services'),
    ])
    .where('t.incubator_id', '=', incubatorId)
    .orderBy('t.entered_on', 'desc')
    .orderBy('t.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    unitId: r.unit_id,
    unitName: r.name,
    enteredOn: r.entered_on,
    exitedOn: r.exited_on,
    status: r.status,
    services: Number(r.services),
  }))
}

export async function createIncubator(
  ctx: AppContext,
  request: FastifyRequest,
  input: {
    name: string
    areaCode: string
    parkId?: number | null
    operatorUnitId?: number | null
    openedOn?: string | null
    capacity?: number | null
    description?: string | null
  },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('incubator')
      .values({
        name: input.name.trim(),
        area_code: input.areaCode,
        park_id: input.parkId ?? null,
        operator_unit_id: input.operatorUnitId ?? null,
        opened_on: input.openedOn ?? null,
        capacity: input.capacity ?? null,
        description: input.description ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, { action: 'incubator.create', entity: 'incubator', ids: [id] })
    return id
  })
}

/** A firm enters an incubator; the partial unique index keeps it in one incubator at a time, even under races. */
export async function admit(
  ctx: AppContext,
  request: FastifyRequest,
  incubatorId: number,
  input: { unitId: number; enteredOn: string; note?: string | null },
) {
  const today = shanghaiDate(ctx.clock.now())
  if (input.enteredOn > today)
    throw new AppError('incubatee_dates_invalid', { reason: `${input.enteredOn} > ${today}` })
  const unit = await ctx.db
    .selectFrom('unit')
    .select('id')
    .where('id', '=', input.unitId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!unit)
    throw new AppError('unknown_ref', { what: { 'zh-CN': '单位', 'en-US': 'unit' }, id: input.unitId })
  const current = () =>
    ctx.db
      .selectFrom('incubatee as t')
      .innerJoin('incubator as i', 'i.id', 't.incubator_id')
      .select('i.name')
      .where('t.unit_id', '=', input.unitId)
      .where('t.status', '=', 'incubating')
      .executeTakeFirst()
  const already = await current()
  if (already) throw new AppError('incubatee_already_incubating', { incubator: already.name })
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('incubatee')
        .values({
          incubator_id: incubatorId,
          unit_id: input.unitId,
          entered_on: input.enteredOn,
          note: input.note ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeAudit(trx, request, { action: 'incubatee.admit', entity: 'incubatee', ids: [id] })
      return id
    })
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    const winner = await current()
    throw new AppError('incubatee_already_incubating', { incubator: winner?.name ?? '' })
  }
}

/** Graduation or leaving: once, from "incubating", at the version the caller saw. */
export async function exit(
  ctx: AppContext,
  request: FastifyRequest,
  incubateeId: number,
  input: { status: 'graduated' | 'left'; exitedOn: string; version: number },
) {
  const row = await ctx.db
    .selectFrom('incubatee')
    .selectAll()
    .where('id', '=', incubateeId)
    .executeTakeFirst()
  if (!row) throw new AppError('not_found')
  if (row.status !== 'incubating') throw new AppError('incubatee_already_exited')
  if (input.exitedOn < row.entered_on)
    throw new AppError('incubatee_dates_invalid', { reason: `${input.exitedOn} < ${row.entered_on}` })
  const today = shanghaiDate(ctx.clock.now())
  if (input.exitedOn > today)
    throw new AppError('incubatee_dates_invalid', { reason: `${input.exitedOn} > ${today}` })
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('incubatee')
      .set((eb) => ({ status: input.status, exited_on: input.exitedOn, version: eb('version', '+', 1) }))
      .where('id', '=', incubateeId)
      .where('status', '=', 'incubating')
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst()
    if (!done) {
      const now = await trx
        .selectFrom('incubatee')
        .select(['status', 'version'])
        .where('id', '=', incubateeId)
        .executeTakeFirstOrThrow()
      if (now.status !== 'incubating') throw new AppError('incubatee_already_exited')
      throw new AppError('version_conflict', { current: now.version })
    }
    await writeAudit(trx, request, {
      action: `incubatee.${input.status}`,
      entity: 'incubatee',
      ids: [incubateeId],
    })
  })
}

export async function addService(
  ctx: AppContext,
  incubateeId: number,
  input: { servedOn: string; kind: string; description: string; providerUnitId?: number | null },
) {
  if (input.providerUnitId != null) {
    const provider = await ctx.db
      .selectFrom('unit')
      .select('id')
      .where('id', '=', input.providerUnitId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!provider)
      throw new AppError('unknown_ref', {
        what: { 'zh-CN': '服务单位', 'en-US': 'provider unit' },
        id: input.providerUnitId,
      })
  }
  const { id } = await ctx.db
    .insertInto('incubator_service')
    .values({
      incubatee_id: incubateeId,
      served_on: input.servedOn,
      kind: input.kind,
      description: input.description.trim(),
      provider_unit_id: input.providerUnitId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Month-end figures of one incubator (or of all the caller's when `incubatorIds` is every visible one). */
export async function incubatorSeries(
  ctx: AppContext,
  incubatorIds: number[],
  from: string,
  to?: string,
): Promise<IncubatorSeries> {
  const end = to ?? shanghaiDate(ctx.clock.now())
  if (from > end) throw new AppError('incubatee_dates_invalid', { reason: `${from} > ${end}` })
  const by = await stays(ctx, incubatorIds)
  return { points: series([...by.values()].flat(), from, end) }
}

/** The area an incubator lies in (the scope of its routes), or undefined when there is no such incubator. */
export async function incubatorAreaCode(ctx: AppContext, id: number) {
  const i = await ctx.db.selectFrom('incubator').select('area_code').where('id', '=', id).executeTakeFirst()
  return i?.area_code
}

/** The area of the incubator an incubatee sits in, or undefined when there is no such incubatee. */
export async function incubateeAreaCode(ctx: AppContext, id: number) {
  const i = await ctx.db
    .selectFrom('incubatee as t')
    .innerJoin('incubator as i', 'i.id', 't.incubator_id')
    .select('i.area_code')
    .where('t.id', '=', id)
    .executeTakeFirst()
  return i?.area_code
}
