import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

export interface GrantRow {
  account_id: number
  role: string
  scope_type: string
  scope_id: string | null
  area_code: string | null
}

export interface AccountRow {
  id: number
  username: string
  display_name: string
  phone: string | null
  disabled: boolean
  must_change_password: boolean
  version: number
}

const ACCOUNT_COLUMNS = [
  'id',
  'username',
  'display_name',
  'phone',
  'disabled',
  'must_change_password',
  'version',
] as const

export async function findAccount(db: Kysely<DB>, id: number): Promise<AccountRow | undefined> {
  return db.selectFrom('account').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst()
}

export async function grantsOf(db: Kysely<DB>, accountIds: number[]): Promise<GrantRow[]> {
  if (accountIds.length === 0) return []
  return db
    .selectFrom('role_grant')
    .select(['account_id', 'role', 'scope_type', 'scope_id', 'area_code'])
    .where('account_id', 'in', accountIds)
    .orderBy('id')
    .execute()
}

export interface AccountFilters {
  /** Accounts holding a grant inside any of these area paths; null: no area filter (the city's admins). */
  areaPaths: string[] | null
  q?: string
}

/** The accounts a caller may see under the filters: one WHERE for the page and its total. */
function visibleAccounts(db: Kysely<DB>, opts: AccountFilters) {
  let query = db.selectFrom('account').select(ACCOUNT_COLUMNS)
  if (opts.q) {
    const pattern = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) =>
      eb.or([eb('username', 'ilike', pattern), eb('display_name', 'ilike', pattern)]),
    )
  }
  const paths = opts.areaPaths
  if (paths !== null) {
    if (paths.length === 0) return query.where(sql<boolean>`false`)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('role_grant as g')
          .innerJoin('area as a', 'a.code', 'g.area_code')
          .select(sql.lit(1).as('one'))
          .whereRef('g.account_id', '=', 'account.id')
          .where((eb) => eb.or(paths.flatMap((p) => [eb('a.path', '=', p), eb('a.path', 'like', `${p}/%`)]))),
      ),
    )
  }
  return query
}

/** An area path matches itself and everything below it; by id, after `afterId`. */
export async function listAccounts(
  db: Kysely<DB>,
  opts: AccountFilters & { afterId?: number; limit: number },
): Promise<AccountRow[]> {
  let query = visibleAccounts(db, opts).orderBy('id').limit(opts.limit)
  if (opts.afterId) query = query.where('id', '>', opts.afterId)
  return query.execute()
}

export async function countAccounts(db: Kysely<DB>, opts: AccountFilters): Promise<number> {
  const row = await visibleAccounts(db, opts)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function areaPath(db: Kysely<DB>, code: string): Promise<string | undefined> {
  return (await db.selectFrom('area').select('path').where('code', '=', code).executeTakeFirst())?.path
}

/** The throttle keys that lock an account's logins whatever the device (see auth/throttle.ts). */
export const accountLockKeys = (username: string, id: number) => ({
  exact: [`user:${username}`, `password:${id}`],
  // One per address the account was tried from: 'pair:<address>|<username>'.
  pattern: `pair:%|${username.replace(/[\\%_]/g, (c) => `\\${c}`)}`,
})

/** Until when each account's logins are locked (only accounts that are locked now appear). */
export async function lockedUntil(
  db: Kysely<DB>,
  accounts: Array<{ id: number; username: string }>,
  now: Date,
): Promise<Map<number, Date>> {
  const out = new Map<number, Date>()
  if (accounts.length === 0) return out
  const keys = accounts.map((a) => accountLockKeys(a.username, a.id))
  const rows = await db
    .selectFrom('login_throttle')
    .select(['key', 'locked_until'])
    .where('locked_until', '>', now)
    .where((eb) =>
      eb.or([
        eb(
          'key',
          'in',
          keys.flatMap((k) => k.exact),
        ),
        ...keys.map((k) => eb('key', 'like', k.pattern)),
      ]),
    )
    .execute()
  for (const r of rows) {
    const owner = accounts.find(
      (a) =>
        r.key === `user:${a.username}` || r.key === `password:${a.id}` || r.key.endsWith(`|${a.username}`),
    )
    if (!owner || !r.locked_until) continue
    const prev = out.get(owner.id)
    if (!prev || prev < r.locked_until) out.set(owner.id, r.locked_until)
  }
  return out
}

/** Lifts every lock on the account's logins (not a single device's: those are the device's own). */
export async function clearLocks(db: Kysely<DB>, username: string, id: number): Promise<number> {
  const k = accountLockKeys(username, id)
  const res = await db
    .deleteFrom('login_throttle')
    .where((eb) => eb.or([eb('key', 'in', k.exact), eb('key', 'like', k.pattern)]))
    .executeTakeFirst()
  return Number(res.numDeletedRows)
}
