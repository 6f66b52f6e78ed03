import type { Alliance } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError, fieldError } from '../../lib/errors.ts'
import { assertExists, assertPlaceableArea } from '../registry/refs.ts'

/** An alliance's figures from its rows: members, chief coverage of member buildings, the three lists, needs served. */
async function figuresOf(db: Kysely<DB>, allianceId: number): Promise<Alliance['figures']> {
  const r = await sql<{
    members: number
    building_members: number
    with_chief: number
    service: number
    resource: number
    activity: number
    served: number
  }>`
    SELECT
      (SELECT count(*) FROM alliance_member m WHERE m.alliance_id = ${allianceId} AND m.left_on IS NULL) AS members,
      (SELECT count(*) FROM alliance_member m WHERE m.alliance_id = ${allianceId} AND m.left_on IS NULL
                                                AND m.building_id IS NOT NULL) AS building_members,
      (SELECT count(*) FROM alliance_member m JOIN building_chief c ON c.building_id = m.building_id
        WHERE m.alliance_id = ${allianceId} AND m.left_on IS NULL) AS with_chief,
      (SELECT count(*) FROM offering o WHERE o.alliance_id = ${allianceId} AND o.deleted_at IS NULL AND o.list = 'service') AS service,
      (SELECT count(*) FROM offering o WHERE o.alliance_id = ${allianceId} AND o.deleted_at IS NULL AND o.list = 'resource') AS resource,
      (SELECT count(*) FROM offering o WHERE o.alliance_id = ${allianceId} AND o.deleted_at IS NULL AND o.list = 'activity') AS activity,
      (SELECT count(*) FROM need n JOIN offering o ON o.id = n.offering_id
        WHERE o.alliance_id = ${allianceId} AND n.state IN ('delivered', 'closed')) AS served`.execute(db)
  const row = r.rows[0]!
  return {
    members: Number(row.members),
    buildingMembers: Number(row.building_members),
    buildingsWithChief: Number(row.with_chief),
    offerings: {
      service: Number(row.service),
      resource: Number(row.resource),
      activity: Number(row.activity),
    },
    needsServed: Number(row.served),
  }
}

function allianceQuery(db: Kysely<DB>) {
  return db
    .selectFrom('alliance as al')
    .innerJoin('area as a', 'a.code', 'al.area_code')
    .select([
      'al.id',
      'al.version',
      'al.name',
      'al.area_code',
      'a.name as area_name',
      'al.founded_on',
      'al.description',
    ])
    .where('al.deleted_at', 'is', null)
}

export async function listAlliances(ctx: AppContext): Promise<Alliance[]> {
  const rows = await allianceQuery(ctx.db).orderBy('al.id').execute()
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      version: r.version,
      name: r.name,
      areaCode: r.area_code,
      areaName: r.area_name,
      foundedOn: r.founded_on,
      description: r.description,
      figures: await figuresOf(ctx.db, r.id),
    })),
  )
}

export async function getAlliance(ctx: AppContext, id: number): Promise<Alliance> {
  const r = await allianceQuery(ctx.db).where('al.id', '=', id).executeTakeFirst()
  if (!r) throw new AppError('not_found')
  const members = await ctx.db
    .selectFrom('alliance_member as m')
    .leftJoin('unit as u', 'u.id', 'm.unit_id')
    .leftJoin('building as b', 'b.id', 'm.building_id')
    .leftJoin('building_chief as c', 'c.building_id', 'm.building_id')
    .leftJoin('person as cp', 'cp.id', 'c.person_id')
    .leftJoin('unit as cu', 'cu.id', 'c.unit_id')
    .select([
      'm.id',
      'm.role',
      'm.unit_id',
      'm.building_id',
      'u.name as unit_name',
      'b.name as building_name',
      'm.joined_on',
      'cp.name as chief_person',
      'cu.name as chief_unit',
    ])
    .where('m.alliance_id', '=', id)
    .where('m.left_on', 'is', null)
    // Lead first, then coordinating, then members.
    .orderBy(sql`CASE m.role WHEN 'lead' THEN 0 WHEN 'coordinating' THEN 1 ELSE 2 END`)
    .orderBy('m.id')
    .execute()
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    areaCode: r.area_code,
    areaName: r.area_name,
    foundedOn: r.founded_on,
    description: r.description,
    figures: await figuresOf(ctx.db, id),
    members: members.map((m) => ({
      id: m.id,
      role: m.role as 'lead' | 'coordinating' | 'member',
      unitId: m.unit_id,
      buildingId: m.building_id,
      name: m.unit_name ?? m.building_name ?? '',
      joinedOn: m.joined_on,
      chief: m.building_id ? (m.chief_person ?? m.chief_unit ?? null) : null,
    })),
  }
}

export async function createAlliance(
  ctx: AppContext,
  request: FastifyRequest,
  input: { name: string; areaCode: string; foundedOn?: string | null; description?: string | null },
) {
  await assertPlaceableArea(ctx.db, input.areaCode).catch(async (err) => {
    // A district-wide alliance is normal (奉贤区商务楼宇党建联盟): districts are allowed here.
    const area = await ctx.db
      .selectFrom('area')
      .select('level')
      .where('code', '=', input.areaCode)
      .executeTakeFirst()
    if (area?.level !== 'district') throw err
  })
  if (
    await ctx.db.selectFrom('alliance').select('id').where('name', '=', input.name.trim()).executeTakeFirst()
  ) {
    throw new AppError('already_exists', { what: { 'zh-CN': '联盟', 'en-US': 'alliance' }, key: input.name })
  }
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('alliance')
      .values({
        name: input.name.trim(),
        area_code: input.areaCode,
        founded_on: input.foundedOn ?? null,
        description: input.description ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, request, { action: 'alliance.create', entity: 'alliance', ids: [id] })
    return id
  })
}

export async function addMember(
  ctx: AppContext,
  request: FastifyRequest,
  allianceId: number,
  input: { unitId?: number; buildingId?: number; role: string; joinedOn?: string | null },
) {
  if ((input.unitId === undefined) === (input.buildingId === undefined))
    throw fieldError('body', [input.unitId === undefined ? 'unitId' : 'buildingId'], 'one_of')
  await assertExists(ctx.db, 'unit', [input.unitId])
  await assertExists(ctx.db, 'building', [input.buildingId])
  const dup = await ctx.db
    .selectFrom('alliance_member')
    .select('id')
    .where('alliance_id', '=', allianceId)
    .where('left_on', 'is', null)
    .where((eb) =>
      input.unitId ? eb('unit_id', '=', input.unitId) : eb('building_id', '=', input.buildingId!),
    )
    .executeTakeFirst()
  if (dup)
    throw new AppError('already_exists', {
      what: { 'zh-CN': '联盟成员', 'en-US': 'alliance member' },
      key: String(input.unitId ?? input.buildingId),
    })
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('alliance_member')
      .values({
        alliance_id: allianceId,
        unit_id: input.unitId ?? null,
        building_id: input.buildingId ?? null,
        role: input.role,
        joined_on: input.joinedOn ?? null,
      })
      .execute()
    await writeAudit(trx, request, {
      action: 'alliance.member_added',
      entity: 'alliance',
      ids: [allianceId],
      detail: { ...input },
    })
  })
}
