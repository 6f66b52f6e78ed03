import type { Kysely } from 'kysely'
import type { DB } from '../../server/src/db/schema.ts'
import { countAccounts, insertAccount } from '../../server/src/modules/accounts/bootstrap.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts'

export { DEMO_PASSWORD }

/**
 * Loads the deterministic demo built from the seed page. Runs only on an empty database (no accounts),
 * so a restart never duplicates it.
 */
export async function loadDemo(db: Kysely<DB>): Promise<{ loaded: boolean }> {
  if ((await countAccounts(db)) > 0) return { loaded: false }
  for (const a of DEMO_ACCOUNTS) await insertAccount(db, { ...a, password: DEMO_PASSWORD })
  return { loaded: true }
}
