import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { floatingQuery, openOn } from './floating.service.ts'

/**
 * Who besides the members takes part in an organisation's life on a day (floating members registered here),
 * and which members are away on an outgoing registration (suggested as excused, with where they went).
 */
export async function rosterExtras(db: Kysely<DB>, orgId: number, onDay: string) {
  const open = await openOn(onDay)(floatingQuery(db))
    .where('f.party_org_id', '=', orgId)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.name')
    .execute()
  return {
    floatingIn: open
      .filter((f) => f.direction === 'in')
      .map((f) => ({ personId: f.person_id, name: f.name, note: f.home_name ?? f.home_org_name })),
    away: new Map(open.filter((f) => f.direction === 'out').map((f) => [f.person_id, f.destination ?? ''])),
  }
}
