import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/*
 * Notices are addressed to people; these turn "a unit", "a provider", "the street" into the accounts that act
 * for them. Disabled accounts get nothing. Every function takes the caller's transaction handle.
 */

/** Accounts holding any role on these units (a provider's staff, a firm's members with a unit grant). */
export async function unitAccounts(
  db: Kysely<DB>,
  unitIds: readonly number[],
  roles?: readonly string[],
): Promise<Array<{ accountId: number; unitId: number }>> {
  if (unitIds.length === 0) return []
  let q = db
    .selectFrom('role_grant as g')
    .innerJoin('account as a', 'a.id', 'g.account_id')
    .select(['g.account_id', 'g.scope_id'])
    .distinct()
    .where('g.scope_type', '=', 'unit')
    .where('g.scope_id', 'in', [...new Set(unitIds)].map(String))
    .where('a.disabled', '=', false)
  if (roles) q = q.where('g.role', 'in', [...roles])
  const rows = await q.execute()
  return rows.map((r) => ({ accountId: r.account_id, unitId: Number(r.scope_id) }))
}

/** The provider accounts of a unit (who take its orders). */
export async function providerAccounts(db: Kysely<DB>, unitId: number | null): Promise<number[]> {
  if (unitId === null) return []
  return (await unitAccounts(db, [unitId], ['provider'])).map((r) => r.accountId)
}

/**
 * "The street": the staff closest to the place — street staff of its street, else district staff, else the
 * city's admins — so a street without its own account still has someone who hears about it.
 */
export async function areaStaff(db: Kysely<DB>, areaCode: string | null): Promise<number[]> {
  if (!areaCode) return []
  const area = await db.selectFrom('area').select('path').where('code', '=', areaCode).executeTakeFirst()
  if (!area) return []
  const codes = area.path.split('/')
  const grants = await db
    .selectFrom('role_grant as g')
    .innerJoin('account as a', 'a.id', 'g.account_id')
    .select(['g.account_id', 'g.scope_id', 'g.role'])
    .where('a.disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('g.role', 'in', ['street_admin', 'district_admin']),
          eb('g.scope_type', '=', 'area'),
          eb('g.scope_id', 'in', codes),
        ]),
        eb('g.role', '=', 'admin'),
      ]),
    )
    .execute()
  // The deepest level that has anyone: path index of the grant's area (the city's admins count as level 0).
  const depth = (g: { role: string; scope_id: string | null }) =>
    g.role === 'admin' ? -1 : codes.indexOf(g.scope_id ?? '')
  const deepest = Math.max(-1, ...grants.map(depth))
  return [...new Set(grants.filter((g) => depth(g) === deepest).map((g) => g.account_id))]
}

/** The accounts linked to registry people (a member signed up by an organiser, who has an account). */
export async function personAccounts(db: Kysely<DB>, personIds: readonly number[]): Promise<number[]> {
  if (personIds.length === 0) return []
  const rows = await db
    .selectFrom('account_person_link as l')
    .innerJoin('account as a', 'a.id', 'l.account_id')
    .select('l.account_id')
    .where('l.person_id', 'in', [...new Set(personIds)])
    .where('a.disabled', '=', false)
    .execute()
  return rows.map((r) => r.account_id)
}
