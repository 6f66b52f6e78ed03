import type { OrgRoster, PartyGroup, RosterEntry } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { AppError } from '../../lib/errors.ts'
import { loadOrg } from './access.ts'
import { rosterExtras } from './roster.extras.ts'

/** The organisation's live party groups with their members. */
export async function orgGroups(db: Kysely<DB>, orgId: number): Promise<PartyGroup[]> {
  const groups = await db
    .selectFrom('orglife_party_group as g')
    .leftJoin('person as p', 'p.id', 'g.leader_person_id')
    .select(['g.id', 'g.party_org_id', 'g.name', 'g.leader_person_id', 'p.name as leader_name', 'g.version'])
    .where('g.party_org_id', '=', orgId)
    .where('g.deleted_at', 'is', null)
    .orderBy('g.name')
    .execute()
  const members =
    groups.length === 0
      ? []
      : await db
          .selectFrom('orglife_party_group_member')
          .select(['group_id', 'person_id'])
          .where(
            'group_id',
            'in',
            groups.map((g) => g.id),
          )
          .orderBy('person_id')
          .execute()
  return groups.map((g) => ({
    id: g.id,
    partyOrgId: g.party_org_id,
    name: g.name,
    leaderPersonId: g.leader_person_id,
    leaderName: g.leader_name,
    memberIds: members.filter((m) => m.group_id === g.id).map((m) => m.person_id),
    version: g.version,
  }))
}

/** Members of the organisation whose person is live, by name. */
export async function orgMembers(db: Kysely<DB>, orgId: number) {
  return db
    .selectFrom('member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('orglife_party_group_member as gm', 'gm.person_id', 'm.person_id')
    .select(['p.id', 'p.name', 'm.status', 'gm.group_id'])
    .where('m.party_org_id', '=', orgId)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute()
}

/**
 * Who is expected at the organisation's meetings: its members (a joint branch's members of every unit it
 * covers) and the floating members registered with it. What the record form pre-fills.
 */
export async function rosterOf(db: Kysely<DB>, orgId: number, onDay: string): Promise<RosterEntry[]> {
  const members = await orgMembers(db, orgId)
  const extras = await rosterExtras(db, orgId, onDay)
  const people: RosterEntry[] = members.map((m) => {
    const away = extras.away.get(m.id)
    return {
      personId: m.id,
      name: m.name,
      kind: 'member',
      status: m.status as 'formal' | 'probationary',
      groupId: m.group_id ?? null,
      suggested: away ? 'excused' : 'present',
      note: away ?? null,
    }
  })
  for (const f of extras.floatingIn)
    people.push({
      personId: f.personId,
      name: f.name,
      kind: 'floating_in',
      status: null,
      groupId: null,
      suggested: 'present',
      note: f.note,
    })
  return people
}

export async function orgRoster(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  onDay: string,
): Promise<OrgRoster> {
  const org = await loadOrg(ctx.db, orgId)
  const people = await rosterOf(ctx.db, orgId, onDay)
  // A list of people by name is personal data, masked or not: who saw it, as the registry's lists are.
  await writeAudit(ctx.db, request, {
    action: 'person.list',
    entity: 'person',
    ids: people.map((p) => p.personId),
    detail: { via: 'orglife.roster', partyOrgId: orgId },
  })
  return {
    partyOrgId: org.id,
    name: org.name,
    type: org.type,
    hasCommittee: org.has_committee,
    secretaryPersonId: org.secretary_person_id,
    groups: await orgGroups(ctx.db, orgId),
    people,
  }
}

async function checkGroupInput(
  db: Kysely<DB>,
  orgId: number,
  input: { leaderPersonId?: number | null; memberIds: number[] },
) {
  const members = new Set((await orgMembers(db, orgId)).map((m) => m.id))
  for (const id of [...input.memberIds, ...(input.leaderPersonId ? [input.leaderPersonId] : [])])
    if (!members.has(id)) throw new AppError('orglife_group_member_unknown', { id })
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505'

async function saveGroupMembers(trx: Kysely<DB>, groupId: number, memberIds: number[]) {
  await trx.deleteFrom('orglife_party_group_member').where('group_id', '=', groupId).execute()
  if (memberIds.length === 0) return
  // A member moves from their previous group of the organisation to this one.
  await trx.deleteFrom('orglife_party_group_member').where('person_id', 'in', memberIds).execute()
  await trx
    .insertInto('orglife_party_group_member')
    .values(memberIds.map((person_id) => ({ person_id, group_id: groupId })))
    .execute()
}

export async function createGroup(
  ctx: AppContext,
  request: FastifyRequest,
  orgId: number,
  input: { name: string; leaderPersonId?: number | null; memberIds: number[] },
) {
  await loadOrg(ctx.db, orgId)
  await checkGroupInput(ctx.db, orgId, input)
  const name = input.name.trim()
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('orglife_party_group')
        .values({ party_org_id: orgId, name, leader_person_id: input.leaderPersonId ?? null })
        .returning('id')
        .executeTakeFirstOrThrow()
      await saveGroupMembers(trx, id, input.memberIds)
      await writeAudit(trx, request, {
        action: 'orglife.group.create',
        entity: 'orglife_party_group',
        ids: [id],
      })
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('orglife_group_name_taken', { name })
    throw e
  }
  return orgGroups(ctx.db, orgId)
}

export async function updateGroup(
  ctx: AppContext,
  request: FastifyRequest,
  groupId: number,
  input: { version: number; name: string; leaderPersonId?: number | null; memberIds: number[] },
) {
  const g = await groupRow(ctx.db, groupId)
  await checkGroupInput(ctx.db, g.party_org_id, input)
  const name = input.name.trim()
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('orglife_party_group')
        .set((eb) => ({
          name,
          leader_person_id: input.leaderPersonId ?? null,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', groupId)
        .where('version', '=', input.version)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict', { current: g.version })
      await saveGroupMembers(trx, groupId, input.memberIds)
      await writeAudit(trx, request, {
        action: 'orglife.group.update',
        entity: 'orglife_party_group',
        ids: [groupId],
      })
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('orglife_group_name_taken', { name })
    throw e
  }
  return orgGroups(ctx.db, g.party_org_id)
}

export async function deleteGroup(
  ctx: AppContext,
  request: FastifyRequest,
  groupId: number,
  version: number,
) {
  const g = await groupRow(ctx.db, groupId)
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('orglife_party_group')
      .set((eb) => ({ deleted_at: ctx.clock.now(), version: eb('version', '+', 1) }))
      .where('id', '=', groupId)
      .where('version', '=', version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('version_conflict', { current: g.version })
    await trx.deleteFrom('orglife_party_group_member').where('group_id', '=', groupId).execute()
    await writeAudit(trx, request, {
      action: 'orglife.group.delete',
      entity: 'orglife_party_group',
      ids: [groupId],
    })
  })
  return orgGroups(ctx.db, g.party_org_id)
}

export async function groupRow(db: Kysely<DB>, groupId: number) {
  const g = await db
    .selectFrom('orglife_party_group')
    .select(['id', 'party_org_id', 'version'])
    .where('id', '=', groupId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!g) throw new AppError('not_found')
  return g
}
