import type { Person, PersonInput } from '@tongxin/contracts'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { writeAudit } from '../../lib/audit.ts'
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts'
import { AppError } from '../../lib/errors.ts'
import { idNumberFacts, isValidIdNumber, isValidPhone, maskIdNumber } from '../../lib/ids.ts'
import { maskPhone } from '../../lib/mask.ts'
import { decryptPii, encryptPii, piiLookupHash } from '../../lib/pii.ts'
import { normaliseQuery, searchText } from '../../lib/pinyin.ts'
import { findPersonByIdHash, listPeople, type PersonRow, personQuery } from './people.repository.ts'
import { assertExists, type Refs, WHAT } from './refs.ts'
import { personScopeRefs } from './scope.ts'
import { recordHistory, softDelete, updateVersioned } from './versioned.ts'
import { visibilityOf } from './visibility.ts'

function toPerson(secret: string, r: PersonRow, unmasked: boolean): Person {
  const idNumber = r.id_number_enc ? decryptPii(secret, r.id_number_enc) : null
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    phone: unmasked ? r.phone : maskPhone(r.phone),
    idNumber: unmasked ? idNumber : maskIdNumber(idNumber),
    education: r.education,
    unitId: r.unit_id,
    unitName: r.unit_name,
    membership:
      r.party_org_id !== null
        ? {
            partyOrgId: r.party_org_id,
            partyOrgName: r.party_org_name ?? '',
            status: r.status as 'formal' | 'probationary',
            joinedOn: r.joined_on,
            relationTransferred: r.relation_transferred ?? true,
            floating: r.floating ?? false,
          }
        : null,
  }
}

/** Lists always mask; full personal data is shown one person at a time, to a role allowed it, and audited. */
export async function listPeoplePage(
  ctx: AppContext,
  request: FastifyRequest,
  query: {
    area?: string
    q?: string
    cursor?: string
    limit?: number
    unit?: number
    org?: number
    members?: boolean
  },
) {
  const limit = query.limit ?? 50
  const v = await visibilityOf(ctx.db, request, 'registry.read', query.area)
  const rows = await listPeople(ctx.db, v, {
    q: query.q ? normaliseQuery(query.q) : undefined,
    afterId: query.cursor ? decodeCursor(query.cursor, (x): x is number => Number.isInteger(x)) : undefined,
    limit: limit + 1,
    unitId: query.unit,
    orgId: query.org,
    membersOnly: query.members,
  })
  const page = rows.slice(0, limit)
  // Masked or not, a list of people is personal data: who saw which rows, from where.
  await writeAudit(ctx.db, request, {
    action: 'person.list',
    entity: 'person',
    ids: page.map((r) => r.id),
    detail: { ...query, limit },
  })
  return {
    items: page.map((r) => toPerson(ctx.secret, r, false)),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null,
  }
}

/**
 * One person as the caller may see them. Unmasked phone or ID numbers are audited as `pii.read`; with
 * `audit: 'read'` (a read through the API, not the echo of a write) a masked read is audited as
 * `person.read`, so every read of a person leaves exactly one row.
 */
export async function getPerson(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  opts: { audit?: 'read' } = {},
): Promise<Person> {
  const row = await personQuery(ctx.db).where('p.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not_found')
  let unmasked = false
  for (const ref of await personScopeRefs(ctx.db, id))
    if (await request.can('person.pii', ref)) unmasked = true
  if (unmasked && (row.phone || row.id_number_enc)) {
    await writeAudit(ctx.db, request, {
      action: 'pii.read',
      entity: 'person',
      ids: [id],
      detail: { fields: ['phone', 'idNumber'] },
    })
  } else if (opts.audit === 'read') {
    await writeAudit(ctx.db, request, { action: 'person.read', entity: 'person', ids: [id] })
  }
  return toPerson(ctx.secret, row, unmasked)
}

/** Checks a person (and membership) and returns the columns; shared with the Excel import. */
export async function personColumns(db: Refs, secret: string, input: PersonInput) {
  const idNumber = input.idNumber?.trim().toUpperCase() || null
  let birthDate = input.birthDate ?? null
  let gender = input.gender ?? null
  if (idNumber !== null) {
    if (!isValidIdNumber(idNumber)) throw new AppError('invalid_id_number')
    const facts = idNumberFacts(idNumber)
    if (birthDate !== null && birthDate !== facts.birthDate) throw new AppError('id_birth_mismatch')
    birthDate = facts.birthDate
    gender ??= facts.gender
  }
  const phone = input.phone?.trim() || null
  if (phone !== null && !isValidPhone(phone)) throw new AppError('invalid_phone', { value: phone })
  await assertExists(db, 'unit', [input.unitId])
  if (input.membership) await assertExists(db, 'party_org', [input.membership.partyOrgId])
  return {
    person: {
      name: input.name.trim(),
      gender,
      birth_date: birthDate,
      phone,
      id_number_enc: idNumber ? encryptPii(secret, idNumber) : null,
      id_number_hash: idNumber ? piiLookupHash(secret, idNumber) : null,
      education: input.education ?? null,
      unit_id: input.unitId ?? null,
      search_text: searchText(input.name),
    },
    member: input.membership
      ? {
          party_org_id: input.membership.partyOrgId,
          status: input.membership.status,
          joined_on: input.membership.joinedOn ?? null,
          relation_transferred: input.membership.relationTransferred ?? true,
          floating: input.membership.floating ?? false,
        }
      : null,
  }
}

export async function saveMembership(
  trx: Kysely<DB>,
  personId: number,
  member: Awaited<ReturnType<typeof personColumns>>['member'],
  now: Date,
) {
  if (member === null) {
    await trx.deleteFrom('member').where('person_id', '=', personId).execute()
    return
  }
  await trx
    .insertInto('member')
    .values({ person_id: personId, ...member })
    .onConflict((oc) =>
      oc
        .column('person_id')
        .doUpdateSet((eb) => ({ ...member, updated_at: now, version: eb('member.version', '+', 1) })),
    )
    .execute()
}

export async function createPerson(ctx: AppContext, request: FastifyRequest, input: PersonInput) {
  const { person, member } = await personColumns(ctx.db, ctx.secret, input)
  if (person.id_number_hash && (await findPersonByIdHash(ctx.db, person.id_number_hash))) {
    throw new AppError('already_exists', {
      what: WHAT.person,
      key: maskIdNumber(input.idNumber!.toUpperCase())!,
    })
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('person').values(person).returning('id').executeTakeFirstOrThrow()
    await saveMembership(trx, id, member, ctx.clock.now())
    await recordHistory(trx, {
      entity: 'person',
      id,
      op: 'create',
      version: 1,
      before: null,
      accountId: request.principal!.accountId,
    })
    await writeAudit(trx, request, { action: 'person.create', entity: 'person', ids: [id] })
    return id
  })
  return getPerson(ctx, request, id)
}

export async function updatePerson(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: PersonInput & { version: number },
) {
  const { person, member } = await personColumns(ctx.db, ctx.secret, input)
  if (person.id_number_hash) {
    const twin = await findPersonByIdHash(ctx.db, person.id_number_hash)
    if (twin && twin.id !== id)
      throw new AppError('already_exists', {
        what: WHAT.person,
        key: maskIdNumber(input.idNumber!.toUpperCase())!,
      })
  }
  await ctx.db.transaction().execute(async (trx) => {
    await updateVersioned(
      trx,
      'person',
      id,
      input.version,
      person,
      request.principal!.accountId,
      ctx.clock.now(),
    )
    if (input.membership !== undefined) await saveMembership(trx, id, member, ctx.clock.now())
    await writeAudit(trx, request, { action: 'person.update', entity: 'person', ids: [id] })
  })
  return getPerson(ctx, request, id)
}

export async function deletePerson(ctx: AppContext, request: FastifyRequest, id: number, version: number) {
  await ctx.db.transaction().execute(async (trx) => {
    await softDelete(trx, 'person', id, version, request.principal!.accountId, ctx.clock.now())
    await writeAudit(trx, request, { action: 'person.delete', entity: 'person', ids: [id] })
  })
}
