import type { PartyOrg, PartyOrgInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { normaliseQuery, searchText } from '../../lib/pinyin.ts'
import { visibilityOf } from '../../lib/visibility.ts'
import { decodeAfter, encodeAfter, parseSort } from './list-order.ts'
import {
  countOrgs,
  coverageOf,
  listOrgs,
  type OrgRow,
  orgQuery,
  PARTY_ORG_SORT_KEYS,
} from './orgs.repository.ts'
import { assertExists, assertPlaceableArea, lookupOf, type Refs, WHAT } from './refs.ts'
import { recordHistory, softDelete, updateVersioned } from './versioned.ts'

type Coverage = Awaited<ReturnType<typeof coverageOf>>

function toOrg(r: OrgRow, coverage: Coverage): PartyOrg {
  const mine = coverage.filter((c) => c.party_org_id === r.id)
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    type: r.type as PartyOrg['type'],
    parentId: r.parent_id,
    parentName: r.parent_name,
    areaCode: r.area_code,
    areaName: r.area_name,
    establishedOn: r.established_on,
    secretary: r.secretary_person_id ? { id: r.secretary_person_id, name: r.secretary_name ?? '' } : null,
    hasCommittee: r.has_committee,
    covers: {
      units: mine.filter((c) => c.unit_id !== null).map((c) => ({ id: c.unit_id!, name: c.unit_name ?? '' })),
      buildings: mine
        .filter((c) => c.building_id !== null)
        .map((c) => ({ id: c.building_id!, name: c.building_name ?? '' })),
    },
    formalMembers: Number(r.formal),
    probationaryMembers: Number(r.probationary),
  }
}

export async function listOrgPage(
  ctx: AppContext,
  request: FastifyRequest,
  query: { area?: string; q?: string; cursor?: string; limit?: number; type?: string; sort?: string },
) {
  const limit = query.limit ?? 50
  const order = parseSort(query.sort, PARTY_ORG_SORT_KEYS)
  const after = decodeAfter(query.cursor, order)
  const v = await visibilityOf(ctx.db, request, 'registry.read', query.area)
  const filters = { q: query.q ? normaliseQuery(query.q) : undefined, type: query.type }
  const [rows, total] = await Promise.all([
    listOrgs(ctx.db, v, { ...filters, order, after, limit: limit + 1 }),
    countOrgs(ctx.db, v, filters),
  ])
  const page = rows.slice(0, limit)
  const coverage = await coverageOf(
    ctx.db,
    page.map((r) => r.id),
  )
  return {
    items: page.map((r) => toOrg(r, coverage)),
    nextCursor: rows.length > limit ? encodeAfter(order, page.at(-1)!) : null,
    total,
  }
}

export async function getOrg(ctx: AppContext, id: number): Promise<PartyOrg> {
  const row = await orgQuery(ctx.db).where('o.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  return toOrg(row, await coverageOf(ctx.db, [id]))
}

/** Rules shared with the import: references exist, no cycles, a joint branch covers units of others. */
export async function orgColumns(db: Refs, input: PartyOrgInput, id: number | null) {
  await assertPlaceableArea(db, input.areaCode)
  await assertExists(db, 'party_org', [input.parentId])
  await assertExists(db, 'person', [input.secretaryPersonId])
  await assertExists(db, 'unit', input.coversUnitIds ?? [])
  await assertExists(db, 'building', input.coversBuildingIds ?? [])
  if (id !== null && input.parentId) {
    if (input.parentId === id || (await lookupOf(db).ancestors(input.parentId)).includes(id))
      throw new AppError('cyclic_parent')
  }
  return {
    name: input.name.trim(),
    type: input.type,
    parent_id: input.parentId ?? null,
    area_code: input.areaCode,
    established_on: input.establishedOn ?? null,
    secretary_person_id: input.secretaryPersonId ?? null,
    has_committee: input.hasCommittee ?? false,
    search_text: searchText(input.name),
  }
}

/**
 * The area an organisation is placed in decides in which street it and its unit-less members are counted,
 * so it must be the caller's: through an area (or city) grant over it, or, for a secretary, inside the area
 * of an organisation they hold. Checked on create and whenever the area changes; the parent check alone
 * let a 南桥 branch be moved to 虹梅路 and counted there.
 */
async function assertAreaHeld(db: Kysely<DB>, request: FastifyRequest, areaCode: string) {
  if (await request.can('registry.write', { type: 'area', id: areaCode })) return
  const target = await db
    .selectFrom('area')
    .select(['path', 'name'])
    .where('code', '=', areaCode)
    .executeTakeFirstOrThrow()
  const orgIds = request
    .grantsFor('registry.write')
    .filter((g) => g.scope_type === 'party_org' && g.scope_id !== null)
    .map((g) => Number(g.scope_id))
  const homes = orgIds.length
    ? await db
        .selectFrom('party_org as o')
        .innerJoin('area as a', 'a.code', 'o.area_code')
        .select('a.path')
        .where('o.id', 'in', orgIds)
        .where('o.deleted_at', 'is', null)
        .execute()
    : []
  if (!homes.some((h) => target.path === h.path || target.path.startsWith(`${h.path}/`)))
    throw new AppError('org_area_out_of_scope', { area: target.name })
}

async function assertNameFree(db: Kysely<DB>, name: string, id: number | null) {
  const twin = await db
    .selectFrom('party_org')
    .select('id')
    .where('name', '=', name.trim())
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (twin && twin.id !== id) throw new AppError('already_exists', { what: WHAT.party_org, key: name })
}

export async function replaceCoverage(
  trx: Kysely<DB>,
  orgId: number,
  unitIds: number[],
  buildingIds: number[],
) {
  await trx.deleteFrom('party_org_coverage').where('party_org_id', '=', orgId).execute()
  const rows = [
    ...[...new Set(unitIds)].map((u) => ({ party_org_id: orgId, unit_id: u, building_id: null })),
    ...[...new Set(buildingIds)].map((b) => ({ party_org_id: orgId, unit_id: null, building_id: b })),
  ]
  if (rows.length > 0) await trx.insertInto('party_org_coverage').values(rows).execute()
}

export async function createOrg(ctx: AppContext, request: FastifyRequest, input: PartyOrgInput) {
  const values = await orgColumns(ctx.db, input, null)
  await assertAreaHeld(ctx.db, request, input.areaCode)
  await assertNameFree(ctx.db, input.name, null)
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('party_org').values(values).returning('id').executeTakeFirstOrThrow()
    await replaceCoverage(trx, id, input.coversUnitIds ?? [], input.coversBuildingIds ?? [])
    await recordHistory(trx, {
      entity: 'party_org',
      id,
      op: 'create',
      version: 1,
      before: null,
      accountId: request.principal!.accountId,
    })
    await writeAudit(trx, request, { action: 'party_org.create', entity: 'party_org', ids: [id] })
    return id
  })
  return getOrg(ctx, id)
}

export async function updateOrg(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: PartyOrgInput & { version: number },
) {
  const values = await orgColumns(ctx.db, input, id)
  const current = await ctx.db
    .selectFrom('party_org')
    .select('area_code')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (current && current.area_code !== input.areaCode) await assertAreaHeld(ctx.db, request, input.areaCode)
  await assertNameFree(ctx.db, input.name, id)
  await ctx.db.transaction().execute(async (trx) => {
    await updateVersioned(
      trx,
      'party_org',
      id,
      input.version,
      values,
      request.principal!.accountId,
      ctx.clock.now(),
    )
    if (input.coversUnitIds !== undefined || input.coversBuildingIds !== undefined) {
      const current = await coverageOf(trx, [id])
      await replaceCoverage(
        trx,
        id,
        input.coversUnitIds ?? current.filter((c) => c.unit_id).map((c) => c.unit_id!),
        input.coversBuildingIds ?? current.filter((c) => c.building_id).map((c) => c.building_id!),
      )
    }
    await writeAudit(trx, request, { action: 'party_org.update', entity: 'party_org', ids: [id] })
  })
  return getOrg(ctx, id)
}

export async function deleteOrg(ctx: AppContext, request: FastifyRequest, id: number, version: number) {
  await ctx.db.transaction().execute(async (trx) => {
    await softDelete(trx, 'party_org', id, version, request.principal!.accountId, ctx.clock.now())
    await writeAudit(trx, request, { action: 'party_org.delete', entity: 'party_org', ids: [id] })
  })
}
