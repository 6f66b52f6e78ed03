import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/**
 * Who besides the members takes part in an organisation's life on a day, and which members are away: filled
 * by the floating-member registrations (流动党员).
 */
export async function rosterExtras(
  _db: Kysely<DB>,
  _orgId: number,
  _onDay: string,
): Promise<{
  floatingIn: Array<{ personId: number; name: string; note: string | null }>
  away: Map<number, string>
}> {
  return { floatingIn: [], away: new Map() }
}
