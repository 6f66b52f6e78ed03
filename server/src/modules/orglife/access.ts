import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { AppError } from '../../lib/errors.ts'
import type { ScopeRef } from '../../lib/scope.ts'

/** An organisation's place for the access check: its area and every organisation above it. */
export const orgRef = (id: number | string): ScopeRef => ({ type: 'party_org', id: String(id) })

/** Route scope for `/…/orgs/:id/…`: the organisation named in the path. */
export const orgParamScope = (r: { params: { id: number } }) => orgRef(r.params.id)

/** Route scope for `/meetings/:id…`: the meeting's organisation; a meeting that does not exist places nowhere (404). */
export function meetingScope(ctx: AppContext) {
  return async (r: { params: { id: number } }): Promise<ScopeRef[]> => {
    const m = await ctx.db
      .selectFrom('orglife_meeting')
      .select('party_org_id')
      .where('id', '=', r.params.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    return m ? [orgRef(m.party_org_id)] : []
  }
}

/** The organisation a row of `table` belongs to, as a route scope; an unknown row places nowhere (404). */
async function ownerScope(
  db: Kysely<DB>,
  table: 'orglife_floating' | 'orglife_dues_payment' | 'orglife_party_group',
  id: number,
  live = false,
): Promise<ScopeRef[]> {
  let q = db.selectFrom(table).select('party_org_id').where('id', '=', id)
  if (live) q = q.where('deleted_at', 'is', null)
  const row = await q.executeTakeFirst()
  return row ? [orgRef(row.party_org_id)] : []
}

/** Route scope for `/floating/:id…`: the organisation that registered the floating member. */
export const floatingScope = (ctx: AppContext) => (r: { params: { id: number } }) =>
  ownerScope(ctx.db, 'orglife_floating', r.params.id)

/** Route scope for `/dues/payments/:id…`: the organisation the payment was recorded for. */
export const duesPaymentScope = (ctx: AppContext) => (r: { params: { id: number } }) =>
  ownerScope(ctx.db, 'orglife_dues_payment', r.params.id)

/** Route scope for `/groups/:id…`: the live group's organisation. */
export const groupScope = (ctx: AppContext) => (r: { params: { id: number } }) =>
  ownerScope(ctx.db, 'orglife_party_group', r.params.id, true)

/** Route scope for `/members/:personId…`: the member's organisation. */
export function memberScope(ctx: AppContext) {
  return async (r: { params: { personId: number } }): Promise<ScopeRef[]> => {
    const m = await ctx.db
      .selectFrom('member')
      .select('party_org_id')
      .where('person_id', '=', r.params.personId)
      .executeTakeFirst()
    return m ? [orgRef(m.party_org_id)] : []
  }
}

export interface OrgRow {
  id: number
  name: string
  type: 'committee' | 'general_branch' | 'branch' | 'joint_branch'
  area_code: string
  has_committee: boolean
  established_on: string | null
  secretary_person_id: number | null
}

export async function loadOrg(db: Kysely<DB>, id: number): Promise<OrgRow> {
  const o = await db
    .selectFrom('party_org')
    .select(['id', 'name', 'type', 'area_code', 'has_committee', 'established_on', 'secretary_person_id'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!o) throw new AppError('not_found')
  return o as OrgRow
}

export const today = (ctx: AppContext) => shanghaiDate(ctx.clock.now())
export const thisYear = (ctx: AppContext) => Number(today(ctx).slice(0, 4))

/** The person behind the caller's account (account_person_link), if any. */
export async function myPersonId(ctx: AppContext, request: FastifyRequest): Promise<number | null> {
  const accountId = request.principal?.accountId
  if (!accountId) return null
  const row = await ctx.db
    .selectFrom('account_person_link as l')
    .innerJoin('person as p', 'p.id', 'l.person_id')
    .select('p.id')
    .where('l.account_id', '=', accountId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  return row?.id ?? null
}
