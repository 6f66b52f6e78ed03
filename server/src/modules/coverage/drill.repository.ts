import type { FigureKey } from '@tongxin/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import {
  type CoverageScope,
  countedMembers,
  coveredWhole,
  notTransferred,
  scopeFilter,
  stationFilter,
} from './figures.repository.ts'

export interface DrillRowRaw {
  entity: 'building' | 'unit' | 'person' | 'station'
  id: number
  name: string
  /** Facts for the detail line, worded per language by the service. */
  facts: {
    address?: string
    floors?: number
    building?: string | null
    formal?: number
    probationary?: number
    unit?: string | null
    org?: string
    kind?: string
  }
}

/**
 * The rows behind one figure, in id order after `afterId`. Each figure's WHERE clause is the same
 * condition its count uses in figures.repository.ts, so a drill-down always lists exactly the counted rows.
 */
export async function drillRows(
  db: Kysely<DB>,
  scope: CoverageScope,
  figure: FigureKey,
  under35Cutoff: string,
  afterId: number,
  limit: number,
): Promise<DrillRowRaw[]> {
  if (figure === 'stations') {
    const r = await sql<DrillRowRaw>`
      SELECT 'station' AS entity, st.id, st.name, jsonb_build_object('kind', st.kind, 'building', b.name) AS facts
        FROM station st LEFT JOIN building b ON b.id = st.building_id
       WHERE st.deleted_at IS NULL AND ${stationFilter(scope)} AND st.id > ${afterId}
       ORDER BY st.id LIMIT ${limit}`.execute(db)
    return r.rows
  }
  if (figure.startsWith('building')) {
    const where = scopeFilter(scope, sql`b.area_code`, sql`b.id`)
    const extra =
      figure === 'buildingsInScope'
        ? sql`AND b.in_census_scope`
        : figure === 'buildingsWithChief'
          ? sql`AND b.in_census_scope AND c.building_id IS NOT NULL`
          : figure === 'buildingsWholeCovered'
            ? sql`AND ${coveredWhole(sql`b.id`)}`
            : sql``
    const r = await sql<DrillRowRaw>`
      SELECT 'building' AS entity, b.id, b.name, jsonb_build_object('address', b.address, 'floors', b.floors) AS facts
        FROM building b LEFT JOIN building_chief c ON c.building_id = b.id
       WHERE b.deleted_at IS NULL AND ${where} ${extra} AND b.id > ${afterId}
       ORDER BY b.id LIMIT ${limit}`.execute(db)
    return r.rows
  }
  if (['units', 'operatingUnits', 'instructorSent'].includes(figure) || figure.startsWith('category.')) {
    const where = scopeFilter(scope, sql`s.area_code`, sql`s.building_id`)
    const extra =
      figure === 'operatingUnits'
        ? sql`AND s.operating`
        : figure === 'instructorSent'
          ? sql`AND s.instructor_sent AND s.category NOT IN ('own', 'joint')`
          : figure.startsWith('category.')
            ? sql`AND s.category = ${figure.slice('category.'.length)}`
            : sql``
    const r = await sql<DrillRowRaw>`
      SELECT 'unit' AS entity, u.id, u.name,
             jsonb_build_object('building', b.name, 'formal', s.formal, 'probationary', s.probationary) AS facts
        FROM unit_stat s JOIN unit u ON u.id = s.unit_id LEFT JOIN building b ON b.id = u.building_id
       WHERE ${where} ${extra} AND s.unit_id > ${afterId}
       ORDER BY s.unit_id LIMIT ${limit}`.execute(db)
    return r.rows
  }
  const where = countedMembers(scope)
  const extra =
    figure === 'formalMembers'
      ? sql`AND m.status = 'formal'`
      : figure === 'probationaryMembers'
        ? sql`AND m.status = 'probationary'`
        : figure === 'membersUnder35'
          ? sql`AND m.birth_date > ${under35Cutoff}::date`
          : figure === 'notTransferred'
            ? sql`AND ${notTransferred}`
            : sql``
  const r = await sql<DrillRowRaw>`
    SELECT 'person' AS entity, p.id, p.name, jsonb_build_object('unit', u.name, 'org', o.name) AS facts
      FROM member m
      JOIN person p ON p.id = m.person_id
      JOIN party_org o ON o.id = m.party_org_id
      LEFT JOIN unit u ON u.id = p.unit_id AND u.deleted_at IS NULL
     WHERE ${where} ${extra} AND m.person_id > ${afterId}
     ORDER BY m.person_id LIMIT ${limit}`.execute(db)
  return r.rows
}
