import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** The area a policy was published for (its access scope), or undefined for an unknown id. */
export async function policyAreaCode(db: Kysely<DB>, id: number): Promise<string | undefined> {
  const p = await db.selectFrom('policy').select('area_code').where('id', '=', id).executeTakeFirst()
  return p?.area_code
}
