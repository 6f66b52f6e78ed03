import type {
  Alliance,
  AllianceInput,
  AllianceKind,
  AllianceMemberInput,
  AllianceUpdate,
} from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError, fieldError } from '../../lib/errors.ts'
import type { ScopeRef } from '../../lib/scope.ts'
import { areasByCode } from '../../lib/scope.ts'
import { assertPlaceableArea, WHAT } from '../registry/refs.ts'
import { allianceRows, ancestorIds, figuresOf, lockParents, membersOf } from './alliances.repository.ts'

type Row = Awaited<ReturnType<typeof allianceRows>>[number]

/**
 * Alliances are read by anyone who may browse the three lists (`exchange.read`): they are the public bodies
 * that publish them, and their members are organisations (units, buildings, party organisations by name and
 * type), never people. Changing one is `alliance.manage` over its area, checked by the routes.
 */
async function assemble(db: Kysely<DB>, rows: Row[], withMembers: boolean): Promise<Alliance[]> {
  const ids = rows.map((r) => r.id)
  const [figures, members] = await Promise.all([
    figuresOf(db, ids),
    withMembers ? membersOf(db, ids) : Promise.resolve(null),
  ])
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    name: r.name,
    areaCode: r.area_code,
    areaName: r.area_name,
    kind: r.kind as AllianceKind,
    parentId: r.parent_name === null ? null : r.parent_id,
    parentName: r.parent_name,
    foundedOn: r.founded_on,
    description: r.description,
    figures: figures.get(r.id)!,
    ...(members ? { members: members.get(r.id)! } : {}),
  }))
}

/** Every alliance (or those in `area` and below it), each with its members, figures and parent. */
export async function listAlliances(ctx: AppContext, q: { area?: string } = {}): Promise<Alliance[]> {
  let areaPath: string | undefined
  if (q.area) {
    areaPath = (await areasByCode(ctx.db, [q.area])).get(q.area)?.path
    if (!areaPath) throw new AppError('unknown_area', { code: q.area })
  }
  return assemble(ctx.db, await allianceRows(ctx.db, { areaPath }), true)
}

export async function getAlliance(ctx: AppContext, id: number): Promise<Alliance> {
  const rows = await allianceRows(ctx.db, { id })
  if (rows.length === 0) throw new AppError('not_found')
  return (await assemble(ctx.db, rows, true))[0]!
}

/** Where an alliance stands, for the routes' access check; nothing for one that does not exist. */
export async function allianceScope(db: Kysely<DB>, id: number): Promise<ScopeRef[]> {
  const a = await db
    .selectFrom('alliance')
    .select('area_code')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return a ? [{ type: 'area', id: a.area_code }] : []
}

/** The place a new member stands in, so the caller must hold it as well as the alliance. */
export function memberScope(input: AllianceMemberInput): ScopeRef[] {
  if (input.unitId !== undefined) return [{ type: 'unit', id: String(input.unitId) }]
  if (input.buildingId !== undefined) return [{ type: 'building', id: String(input.buildingId) }]
  if (input.partyOrgId !== undefined) return [{ type: 'party_org', id: String(input.partyOrgId) }]
  return []
}

async function areaPathOf(db: Kysely<DB>, code: string) {
  return (await areasByCode(db, [code])).get(code)?.path ?? code
}

/**
 * The parent must be a live alliance, not the alliance itself or one below it, in the same area or one
 * containing it (a street's 分会 under the district's 促进会, never under another street's body). Runs in the
 * transaction after `lockParents`, so the tree read here is the one the change lands in.
 */
async function checkParent(trx: Kysely<DB>, selfId: number | null, areaCode: string, parentId: number) {
  const parent = await trx
    .selectFrom('alliance')
    .select(['id', 'name', 'area_code'])
    .where('id', '=', parentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!parent) throw new AppError('alliance_parent_unknown', { id: parentId })
  if (selfId !== null && (await ancestorIds(trx, parentId)).includes(selfId))
    throw new AppError('alliance_parent_cycle')
  const [own, theirs] = await Promise.all([areaPathOf(trx, areaCode), areaPathOf(trx, parent.area_code)])
  if (own !== theirs && !own.startsWith(`${theirs}/`))
    throw new AppError('alliance_parent_area', { parent: parent.name })
}

async function assertNameFree(db: Kysely<DB>, name: string, selfId: number | null) {
  let q = db.selectFrom('alliance').select('id').where('name', '=', name)
  if (selfId !== null) q = q.where('id', '<>', selfId)
  if (await q.executeTakeFirst())
    throw new AppError('already_exists', { what: { 'zh-CN': '联盟', 'en-US': 'alliance' }, key: name })
}

export async function createAlliance(ctx: AppContext, request: FastifyRequest, input: AllianceInput) {
  await assertPlaceableArea(ctx.db, input.areaCode).catch(async (err) => {
    // A district-wide alliance is normal (奉贤区商务楼宇党建联盟): districts are allowed here.
    const area = await ctx.db
      .selectFrom('area')
      .select('level')
      .where('code', '=', input.areaCode)
      .executeTakeFirst()
    if (area?.level !== 'district') throw err
  })
  const kind = input.kind ?? 'alliance'
  const parentId = input.parentId ?? null
  if (kind === 'branch_chapter' && parentId === null) throw new AppError('alliance_chapter_needs_parent')
  const name = input.name.trim()
  await assertNameFree(ctx.db, name, null)
  return ctx.db.transaction().execute(async (trx) => {
    if (parentId !== null) {
      await lockParents(trx)
      await checkParent(trx, null, input.areaCode, parentId)
    }
    const { id } = await trx
      .insertInto('alliance')
      .values({
        name,
        area_code: input.areaCode,
        kind,
        parent_id: parentId,
        founded_on: input.foundedOn ?? null,
        description: input.description ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, {
      action: 'alliance.create',
      entity: 'alliance',
      ids: [id],
      detail: { kind, parentId },
    })
    return id
  })
}

/** Name, kind, parent, founding date and description; the area stays (a new area is a new alliance). */
export async function updateAlliance(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: AllianceUpdate,
) {
  if (input.name !== undefined) await assertNameFree(ctx.db, input.name.trim(), id)
  await ctx.db.transaction().execute(async (trx) => {
    if (input.parentId !== undefined) await lockParents(trx)
    const row = await trx
      .selectFrom('alliance')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    if (!row) throw new AppError('not_found')
    if (row.version !== input.version) throw new AppError('version_conflict', { current: row.version })
    const kind = input.kind ?? (row.kind as AllianceKind)
    const parentId = input.parentId === undefined ? row.parent_id : input.parentId
    if (kind === 'branch_chapter' && parentId === null) throw new AppError('alliance_chapter_needs_parent')
    if (parentId !== null && parentId !== row.parent_id) await checkParent(trx, id, row.area_code, parentId)
    if (kind !== 'federation') {
      const orgs = await trx
        .selectFrom('alliance_member')
        .select('id')
        .where('alliance_id', '=', id)
        .where('left_on', 'is', null)
        .where('party_org_id', 'is not', null)
        .executeTakeFirst()
      if (orgs) throw new AppError('alliance_org_not_federation')
    }
    await trx
      .updateTable('alliance')
      .set({
        name: input.name?.trim() ?? row.name,
        kind,
        parent_id: parentId,
        founded_on: input.foundedOn === undefined ? row.founded_on : input.foundedOn,
        description: input.description === undefined ? row.description : input.description,
        version: row.version + 1,
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute()
    await writeAudit(trx, request, {
      action: 'alliance.update',
      entity: 'alliance',
      ids: [id],
      detail: { kind, parentId, before: { kind: row.kind, parentId: row.parent_id, name: row.name } },
    })
  })
}

/**
 * The routes have checked that the caller holds both the alliance's area and the member's place, before
 * this runs: a caller learns "already a member" only about places they manage, and an id that does not exist
 * is refused the same way as one out of their reach.
 */
export async function addMember(
  ctx: AppContext,
  request: FastifyRequest,
  allianceId: number,
  input: AllianceMemberInput,
) {
  const given = [input.unitId, input.buildingId, input.partyOrgId].filter((v) => v !== undefined)
  if (given.length !== 1) throw fieldError('body', ['unitId'], 'one_of')
  const alliance = await ctx.db
    .selectFrom('alliance')
    .select('kind')
    .where('id', '=', allianceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!alliance) throw new AppError('not_found')
  if (input.partyOrgId !== undefined && alliance.kind !== 'federation')
    throw new AppError('alliance_org_not_federation')
  const [column, value, what] =
    input.unitId !== undefined
      ? (['unit_id', input.unitId, WHAT.unit] as const)
      : input.buildingId !== undefined
        ? (['building_id', input.buildingId, WHAT.building] as const)
        : (['party_org_id', input.partyOrgId!, WHAT.party_org] as const)
  const dup = await ctx.db
    .selectFrom('alliance_member')
    .select('id')
    .where('alliance_id', '=', allianceId)
    .where('left_on', 'is', null)
    .where(column, '=', value)
    .executeTakeFirst()
  if (dup) throw new AppError('alliance_member_exists', { what })
  const exists = (err: unknown) =>
    // Two adds of the same place at once: the partial unique index lets one in; the other gets the same 409.
    (err as { code?: string }).code === '23505' ? new AppError('alliance_member_exists', { what }) : err
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('alliance_member')
      .values({
        alliance_id: allianceId,
        unit_id: input.unitId ?? null,
        building_id: input.buildingId ?? null,
        party_org_id: input.partyOrgId ?? null,
        role: input.role,
        joined_on: input.joinedOn ?? null,
      })
      .execute()
      .catch((err) => {
        throw exists(err)
      })
    await writeAudit(trx, request, {
      action: 'alliance.member_added',
      entity: 'alliance',
      ids: [allianceId],
      detail: { ...input },
    })
  })
}
