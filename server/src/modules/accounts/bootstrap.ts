import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { randomToken } from '../../lib/crypto.ts'
import { hashPassword } from '../auth/password.ts'

export async function countAccounts(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('account')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Inserts an account with its grants; for start-up and demo data, where no request or caller exists. */
export async function insertAccount(
  db: Kysely<DB>,
  a: {
    username: string
    displayName: string
    password: string
    phone?: string
    /** The password was made up for someone (the first admin's printed one): change it at first login. */
    mustChangePassword?: boolean
    grants: Array<{ role: string; scopeType: string; scopeId: string | null; areaCode: string | null }>
  },
): Promise<number> {
  const passwordHash = await hashPassword(a.password)
  const inTransaction = <T>(fn: (trx: Kysely<DB>) => Promise<T>) =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn)
  return inTransaction(async (trx) => {
    const { id } = await trx
      .insertInto('account')
      .values({
        username: a.username,
        display_name: a.displayName,
        password_hash: passwordHash,
        phone: a.phone ?? null,
        must_change_password: a.mustChangePassword ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('role_grant')
      .values(
        a.grants.map((g) => ({
          account_id: id,
          role: g.role,
          scope_type: g.scopeType,
          scope_id: g.scopeId,
          area_code: g.areaCode,
        })),
      )
      .execute()
    return id
  })
}

/**
 * Outside demo mode the first start creates `admin` with TONGXIN_ADMIN_PASSWORD, or with a generated
 * password that is returned so main.ts prints it once; no account with a known password ever exists.
 */
export async function ensureFirstAdmin(db: Kysely<DB>, configured: string | null): Promise<string | null> {
  if ((await countAccounts(db)) > 0) return null
  const password = configured ?? randomToken(12)
  await insertAccount(db, {
    username: 'admin',
    displayName: '系统管理员',
    password,
    // A printed password has been seen by whoever read the log; one set in the environment is the operator's.
    mustChangePassword: !configured,
    grants: [{ role: 'admin', scopeType: 'city', scopeId: null, areaCode: null }],
  })
  return configured ? null : password
}
