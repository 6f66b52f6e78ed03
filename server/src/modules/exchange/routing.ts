import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/*
 * Some needs are routed to a team: the enterprise module's 24-hour desk sends a newly settled firm's need to
 * its park's service team (desk_item → service_team). Only that team may then claim it; street staff may
 * still dispatch it to anyone. The tables belong to the enterprise module; the rule belongs to claiming.
 */

/** Whether the need is routed to a team that does not include this provider unit. */
export async function routedAwayFrom(db: Kysely<DB>, needId: number, unitId: number): Promise<boolean> {
  const row = await db
    .selectFrom('desk_item as d')
    .select('d.park_id')
    .where('d.need_id', '=', needId)
    .where('d.park_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('service_team as st')
            .select('st.id')
            .whereRef('st.park_id', '=', 'd.park_id')
            .where('st.provider_unit_id', '=', unitId),
        ),
      ),
    )
    .executeTakeFirst()
  return row !== undefined
}

/** SQL condition on a need aliased `n`: not routed, or routed to a team holding one of these units. */
export function openToUnits(unitIds: readonly number[]): Expression<SqlBool> {
  return sql<SqlBool>`NOT EXISTS (
    SELECT 1 FROM desk_item d WHERE d.need_id = n.id AND d.park_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM service_team st WHERE st.park_id = d.park_id AND st.provider_unit_id IN (${sql.join(unitIds)})))`
}
