import type { Eligibility, Offering, OfferingInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, pageOf } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import { isValidPhone } from '../../lib/ids.ts'
import type { Locale } from '../../lib/messages.ts'
import { normaliseQuery, searchText } from '../../lib/pinyin.ts'
import { likePattern } from '../../lib/visibility.ts'
import { assertExists } from '../registry/refs.ts'
import { areaWithin, providerCapacity } from './needs.repository.ts'

function offeringQuery(db: Kysely<DB>) {
  return db
    .selectFrom('offering as o')
    .innerJoin('unit as u', 'u.id', 'o.provider_unit_id')
    .innerJoin('service_category as c', 'c.code', 'o.category_code')
    .select([
      'o.id',
      'o.version',
      'o.provider_unit_id',
      'u.name as provider_name',
      'o.alliance_id',
      'o.list',
      'o.category_code',
      'c.name_zh as category_zh',
      'c.name_en as category_en',
      'o.name',
      'o.description',
      'o.area_codes',
      'o.station_ids',
      'o.building_ids',
      'o.schedule',
      'o.schedule_note',
      'o.eligibility',
      'o.capacity_concurrent',
      'o.capacity_per_month',
      'o.contact_name',
      'o.contact_phone',
      'o.status',
      'o.last_verified_on',
      'o.bookable',
      'o.booking_needs_approval',
      sql<number>`(SELECT count(*) FROM need n WHERE n.provider_unit_id = o.provider_unit_id
                   AND n.category_code = o.category_code AND n.state IN ('accepted', 'in_progress'))`.as(
        'open_orders',
      ),
    ])
    .where('o.deleted_at', 'is', null)
}
type OfferingRow = Awaited<ReturnType<ReturnType<typeof offeringQuery>['executeTakeFirstOrThrow']>>

const toOffering = (r: OfferingRow, locale: Locale): Offering => ({
  id: r.id,
  version: r.version,
  providerUnitId: r.provider_unit_id,
  providerName: r.provider_name,
  allianceId: r.alliance_id,
  list: r.list as Offering['list'],
  categoryCode: r.category_code,
  categoryName: locale === 'zh-CN' ? r.category_zh : r.category_en,
  name: r.name,
  description: r.description,
  areaCodes: r.area_codes,
  stationIds: r.station_ids,
  buildingIds: r.building_ids,
  openingHours: r.schedule as Offering['openingHours'],
  scheduleNote: r.schedule_note,
  eligibility: r.eligibility as Eligibility,
  capacityConcurrent: r.capacity_concurrent,
  capacityPerMonth: r.capacity_per_month,
  openOrders: Number(r.open_orders),
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  status: r.status as Offering['status'],
  lastVerifiedOn: r.last_verified_on,
  bookable: r.bookable,
  bookingNeedsApproval: r.booking_needs_approval,
})

/** The three lists as a catalogue: text (Chinese, pinyin, initials), list, category, area served, availability. */
export async function listOfferings(
  ctx: AppContext,
  locale: Locale,
  q: {
    list?: string
    category?: string
    area?: string
    alliance?: number
    provider?: number
    q?: string
    available?: boolean
    bookable?: boolean
    cursor?: string
    limit?: number
  },
) {
  const limit = q.limit ?? 50
  let query = offeringQuery(ctx.db)
    .orderBy('o.id')
    .limit(limit + 1)
  if (q.list) query = query.where('o.list', '=', q.list)
  if (q.category)
    query = query.where((eb) =>
      eb.or([eb('o.category_code', '=', q.category!), eb('o.category_code', 'like', `${q.category}.%`)]),
    )
  if (q.alliance) query = query.where('o.alliance_id', '=', q.alliance)
  if (q.provider) query = query.where('o.provider_unit_id', '=', q.provider)
  if (q.bookable) query = query.where('o.bookable', '=', true)
  if (q.q) query = query.where('o.search_text', 'like', likePattern(normaliseQuery(q.q)))
  if (q.area) {
    const area = await ctx.db.selectFrom('area').select('path').where('code', '=', q.area).executeTakeFirst()
    if (!area) throw new AppError('unknown_area', { code: q.area })
    // Serves the area when it lists the area, an area above it, or no area at all (everywhere).
    query = query.where(
      sql<boolean>`(cardinality(o.area_codes) = 0 OR EXISTS (SELECT 1 FROM area oa WHERE oa.code = ANY(o.area_codes)
                     AND (${area.path} = oa.path OR ${area.path} LIKE oa.path || '/%')))`,
    )
  }
  if (q.available) {
    query = query.where('o.status', '=', 'active').where(
      sql<boolean>`(o.capacity_concurrent IS NULL OR o.capacity_concurrent > (SELECT count(*) FROM need n
                      WHERE n.provider_unit_id = o.provider_unit_id AND n.category_code = o.category_code
                        AND n.state IN ('accepted', 'in_progress')))`,
    )
  }
  if (q.cursor)
    query = query.where(
      'o.id',
      '>',
      decodeCursor(q.cursor, (v): v is number => Number.isInteger(v)),
    )
  const rows = await query.execute()
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.id)
  return {
    items: page.map((r) => toOffering(r, locale)),
    nextCursor,
  }
}

export async function getOffering(ctx: AppContext, id: number, locale: Locale) {
  const row = await offeringQuery(ctx.db).where('o.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return toOffering(row, locale)
}

async function offeringColumns(db: Kysely<DB>, input: OfferingInput) {
  const category = await db
    .selectFrom('service_category')
    .select('code')
    .where('code', '=', input.categoryCode)
    .executeTakeFirst()
  if (!category) throw new AppError('unknown_category', { code: input.categoryCode })
  await assertExists(db, 'unit', [input.providerUnitId])
  // An unknown alliance would otherwise reach the foreign key and come back as a server error.
  if (
    input.allianceId &&
    !(await db
      .selectFrom('alliance')
      .select('id')
      .where('id', '=', input.allianceId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst())
  )
    throw new AppError('unknown_ref', {
      what: { 'zh-CN': '联盟', 'en-US': 'alliance' },
      id: input.allianceId,
    })
  await assertExists(db, 'building', input.buildingIds ?? [])
  for (const code of input.areaCodes ?? []) {
    if (!(await db.selectFrom('area').select('code').where('code', '=', code).executeTakeFirst()))
      throw new AppError('unknown_area', { code })
  }
  if (input.contactPhone && !isValidPhone(input.contactPhone))
    throw new AppError('invalid_phone', { value: input.contactPhone })
  for (const h of input.openingHours ?? [])
    if (h.closes <= h.opens) throw new AppError('invalid_dates', { later: h.closes, earlier: h.opens })
  if (input.bookable && input.list !== 'resource') throw new AppError('offering_bookable_not_resource')
  return {
    // Left out of an input, booking settings stay as they are (forms written before them keep working).
    ...(input.list !== 'resource'
      ? { bookable: false }
      : input.bookable === undefined
        ? {}
        : { bookable: input.bookable }),
    ...(input.bookingNeedsApproval === undefined
      ? {}
      : { booking_needs_approval: input.bookingNeedsApproval }),
    provider_unit_id: input.providerUnitId,
    alliance_id: input.allianceId ?? null,
    list: input.list,
    category_code: input.categoryCode,
    name: input.name.trim(),
    description: input.description ?? null,
    area_codes: input.areaCodes ?? [],
    station_ids: input.stationIds ?? [],
    building_ids: input.buildingIds ?? [],
    schedule: JSON.stringify(input.openingHours ?? []),
    schedule_note: input.scheduleNote ?? null,
    eligibility: JSON.stringify(input.eligibility ?? {}),
    capacity_concurrent: input.capacityConcurrent ?? null,
    capacity_per_month: input.capacityPerMonth ?? null,
    contact_name: input.contactName ?? null,
    contact_phone: input.contactPhone ?? null,
    status: input.status ?? 'active',
    last_verified_on: input.lastVerifiedOn ?? null,
    search_text: searchText(input.name, input.description),
  }
}

export async function createOffering(ctx: AppContext, request: FastifyRequest, input: OfferingInput) {
  const values = await offeringColumns(ctx.db, input)
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('offering').values(values).returning('id').executeTakeFirstOrThrow()
    await writeAudit(trx, request, { action: 'offering.create', entity: 'offering', ids: [id] })
    return id
  })
}

export async function updateOffering(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: OfferingInput & { version: number },
) {
  const values = await offeringColumns(ctx.db, input)
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('offering')
      .select(['version'])
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    if (!current) throw new AppError('not_found')
    if (current.version !== input.version)
      throw new AppError('version_conflict', { current: current.version })
    await trx
      .updateTable('offering')
      .set({ ...values, version: current.version + 1, updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute()
    await writeAudit(trx, request, { action: 'offering.update', entity: 'offering', ids: [id] })
  })
}

/** Where an offering sits for access: its provider unit. */
export async function offeringProvider(db: Kysely<DB>, id: number) {
  return (await db.selectFrom('offering').select('provider_unit_id').where('id', '=', id).executeTakeFirst())
    ?.provider_unit_id
}

/**
 * Whether a provider unit may take needs of a category in an area: it holds an active offering of that
 * category serving the area (what the order desk checks before routing a need to it).
 */
export async function providerServes(db: Kysely<DB>, unitId: number, categoryCode: string, areaCode: string) {
  for (const o of await providerCapacity(db, unitId, categoryCode))
    if (await areaWithin(db, areaCode, o.area_codes)) return true
  return false
}
