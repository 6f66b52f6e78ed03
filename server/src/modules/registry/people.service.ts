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
import type { ScopeRef } from '../../lib/scope.ts'
import { visibilityOf } from '../../lib/visibility.ts'
import { assertIdChecksOpen, recordIdConflicts } from './id-conflicts.ts'
import {
  countPeople,
  findPersonByIdHash,
  listPeople,
  type PersonRow,
  personQuery,
} from './people.repository.ts'
import { assertExists, type Refs, WHAT } from './refs.ts'
import { personPlacement, personScopeRefs } from './scope.ts'
import { recordHistory, softDelete, updateVersioned } from './versioned.ts'

/**
 * Masked, a person shows the last characters of the ID number and phone and only the birth year: with the
 * full date, a masked ID number was narrowed to about three numbers (district, date, check character).
 */
function toPerson(secret: string, r: PersonRow, unmasked: boolean): Person {
  const idNumber = r.id_number_enc ? decryptPii(secret, r.id_number_enc) : null
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    gender: r.gender,
    masked: !unmasked,
    birthDate: unmasked ? r.birth_date : null,
    birthYear: r.birth_date ? Number(r.birth_date.slice(0, 4)) : null,
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
  const filters = {
    q: query.q ? normaliseQuery(query.q) : undefined,
    unitId: query.unit,
    orgId: query.org,
    membersOnly: query.members,
  }
  const afterId = query.cursor
    ? decodeCursor(query.cursor, (x): x is number => Number.isInteger(x))
    : undefined
  const [rows, total] = await Promise.all([
    listPeople(ctx.db, v, { ...filters, afterId, limit: limit + 1 }),
    countPeople(ctx.db, v, filters),
  ])
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
    total,
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
  const unmasked = await holdsPii(request, await personScopeRefs(ctx.db, id))
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

const FIELD = {
  idNumber: { 'zh-CN': '身份证号码', 'en-US': 'ID number' },
  birthDate: { 'zh-CN': '出生日期', 'en-US': 'birth date' },
} as const

/** Personal data of someone placed at any of `refs` is the caller's to see (and so to enter). */
async function holdsPii(request: FastifyRequest, refs: ScopeRef[]): Promise<boolean> {
  for (const ref of refs) if (await request.can('person.pii', ref)) return true
  return false
}

/**
 * An ID number may be registered once. Held by someone the caller may see in full, the answer names the
 * number as today; held by someone outside, it is a conflict: answered without naming them, audited, and
 * limited per account (id-conflicts.ts), so the answer cannot be used to test guessed numbers at will.
 */
async function assertIdNumberFree(
  ctx: AppContext,
  request: FastifyRequest,
  idNumber: string,
  hash: string,
  self: number | null,
  via: string,
) {
  await assertIdChecksOpen(ctx.db, request)
  const twin = await findPersonByIdHash(ctx.db, hash)
  if (!twin || twin.id === self) return
  if (await holdsPii(request, await personScopeRefs(ctx.db, twin.id)))
    throw new AppError('already_exists', { what: WHAT.person, key: maskIdNumber(idNumber)! })
  await recordIdConflicts(ctx.db, request, [twin.id], via)
  throw new AppError('id_number_registered_elsewhere')
}

export async function createPerson(ctx: AppContext, request: FastifyRequest, input: PersonInput) {
  if (input.idNumber?.trim() && !(await holdsPii(request, personPlacement(input))))
    throw new AppError('person_pii_required', { field: FIELD.idNumber })
  const { person, member } = await personColumns(ctx.db, ctx.secret, input)
  if (person.id_number_hash)
    await assertIdNumberFree(
      ctx,
      request,
      input.idNumber!.trim().toUpperCase(),
      person.id_number_hash,
      null,
      'create',
    )
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

/**
 * Phone, ID number and birth date left out keep what is stored. A caller shown this person masked may not
 * send an ID number at all, nor a birth date once one is stored: each refusal or acceptance would tell them
 * whether their guess was the stored value (the birth date is checked against the ID number).
 */
export async function updatePerson(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: PersonInput & { version: number },
) {
  const stored = await personQuery(ctx.db).where('p.id', '=', id).executeTakeFirst()
  if (!stored) throw new AppError('not_found')
  if (!(await holdsPii(request, await personScopeRefs(ctx.db, id)))) {
    if (input.idNumber !== undefined) throw new AppError('person_pii_required', { field: FIELD.idNumber })
    if (input.birthDate !== undefined && stored.birth_date !== null)
      throw new AppError('person_pii_required', { field: FIELD.birthDate })
  }
  const storedId = stored.id_number_enc ? decryptPii(ctx.secret, stored.id_number_enc) : null
  const newId = input.idNumber?.trim().toUpperCase() || null
  const { person, member } = await personColumns(ctx.db, ctx.secret, {
    ...input,
    idNumber: input.idNumber === undefined ? storedId : input.idNumber,
    // A new ID number brings its own birth date; otherwise the stored one stays unless given.
    birthDate: input.birthDate !== undefined ? input.birthDate : newId ? null : stored.birth_date,
    phone: input.phone === undefined ? stored.phone : input.phone,
  })
  if (newId && newId !== storedId && person.id_number_hash)
    await assertIdNumberFree(ctx, request, newId, person.id_number_hash, id, 'update')
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
