import type { GapRule } from '@tongxin/contracts'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { shanghaiDate } from '../../lib/dates.ts'
import { overdueMeetingGapsSql } from '../orglife/gaps.ts'
import { type CoverageScope, countedMembers, notTransferred } from './figures.repository.ts'

export interface GapRowRaw {
  id: number
  name: string
  area_code: string | null
  facts: Record<string, string | number | boolean | null>
}

/** The thresholds of DESIGN §5 (组织设置规定). */
export const LIMITS = { ownBranchMinFormal: 3, jointMaxUnits: 5, branchMaxMembers: 50, committeeMinFormal: 7 }

const inArea = (column: string | RawBuilder<unknown>, path: string | null) =>
  path === null
    ? sql`true`
    : sql`${typeof column === 'string' ? sql.ref(column) : column} IN (SELECT code FROM area WHERE path = ${path} OR path LIKE ${`${path}/%`})`

const shanghaiToday = () => shanghaiDate(new Date())

/** One rule's departures inside an area (null = the whole city), id order, after `afterId`. */
export async function gapRows(
  db: Kysely<DB>,
  rule: GapRule,
  path: string | null,
  afterId: number,
  limit: number,
  /** Shanghai date, for rules that depend on it (meeting_overdue). */
  today = shanghaiToday(),
) {
  return (await gapQuery(rule, path, afterId, limit, today).execute(db)).rows
}

/** How many departures from one rule an area has: the list's own query, counted. */
export async function gapCount(
  db: Kysely<DB>,
  rule: GapRule,
  path: string | null,
  today = shanghaiToday(),
): Promise<number> {
  const r = await sql<{
    n: number
  }>`SELECT count(*) AS n FROM (${gapQuery(rule, path, 0, null, today)}) g`.execute(db)
  return Number(r.rows[0]?.n ?? 0)
}

/** The SQL of one rule's departures; `limit` null for all of them (LIMIT NULL is no limit). */
function gapQuery(rule: GapRule, path: string | null, afterId: number, limit: number | null, today: string) {
  switch (rule) {
    case 'unit_should_have_branch':
      return sql<GapRowRaw>`
        SELECT u.id, u.name, s.area_code,
               jsonb_build_object('formal', s.formal, 'inJointBranch', s.joint_org, 'building', b.name) AS facts
          FROM unit_stat s JOIN unit u ON u.id = s.unit_id LEFT JOIN building b ON b.id = u.building_id
         WHERE s.operating AND s.formal >= ${LIMITS.ownBranchMinFormal} AND NOT s.own_org
           AND ${inArea('s.area_code', path)} AND s.unit_id > ${afterId}
         ORDER BY s.unit_id LIMIT ${limit}`
    case 'unit_needs_joint_branch':
      return sql<GapRowRaw>`
        SELECT u.id, u.name, s.area_code,
               jsonb_build_object('formal', s.formal, 'probationary', s.probationary, 'building', b.name) AS facts
          FROM unit_stat s JOIN unit u ON u.id = s.unit_id LEFT JOIN building b ON b.id = u.building_id
         WHERE s.category = 'only_members' AND ${inArea('s.area_code', path)} AND s.unit_id > ${afterId}
         ORDER BY s.unit_id LIMIT ${limit}`
    case 'joint_branch_too_many_units':
      return sql<GapRowRaw>`
        SELECT o.id, o.name, o.area_code, jsonb_build_object('units', n.units) AS facts
          FROM party_org o
          CROSS JOIN LATERAL (
            SELECT count(DISTINCT u.id) AS units
              FROM party_org_coverage c
              JOIN unit u ON (u.id = c.unit_id OR u.building_id = c.building_id) AND u.deleted_at IS NULL AND u.left_on IS NULL
             WHERE c.party_org_id = o.id) n
         WHERE o.deleted_at IS NULL AND o.type = 'joint_branch' AND n.units > ${LIMITS.jointMaxUnits}
           AND ${inArea('o.area_code', path)} AND o.id > ${afterId}
         ORDER BY o.id LIMIT ${limit}`
    case 'branch_too_many_members':
    case 'branch_needs_committee': {
      const condition =
        rule === 'branch_too_many_members'
          ? sql`n.members > ${LIMITS.branchMaxMembers}`
          : sql`n.formal >= ${LIMITS.committeeMinFormal} AND NOT o.has_committee`
      return sql<GapRowRaw>`
        SELECT o.id, o.name, o.area_code, jsonb_build_object('members', n.members, 'formal', n.formal) AS facts
          FROM party_org o
          CROSS JOIN LATERAL (
            SELECT count(*) AS members, count(*) FILTER (WHERE m.status = 'formal') AS formal
              FROM member m JOIN person p ON p.id = m.person_id AND p.deleted_at IS NULL
             WHERE m.party_org_id = o.id) n
         WHERE o.deleted_at IS NULL AND o.type IN ('branch', 'joint_branch') AND ${condition}
           AND ${inArea('o.area_code', path)} AND o.id > ${afterId}
         ORDER BY o.id LIMIT ${limit}`
    }
    case 'building_without_chief':
      return sql<GapRowRaw>`
        SELECT b.id, b.name, b.area_code, jsonb_build_object('floors', b.floors, 'address', b.address) AS facts
          FROM building b
         WHERE b.deleted_at IS NULL AND b.in_census_scope
           AND NOT EXISTS (SELECT 1 FROM building_chief c WHERE c.building_id = b.id)
           AND ${inArea('b.area_code', path)} AND b.id > ${afterId}
         ORDER BY b.id LIMIT ${limit}`
    case 'building_without_org':
      return sql<GapRowRaw>`
        SELECT b.id, b.name, b.area_code,
               jsonb_build_object('units', (SELECT count(*) FROM unit u WHERE u.building_id = b.id
                                             AND u.deleted_at IS NULL AND u.left_on IS NULL)) AS facts
          FROM building b
         WHERE b.deleted_at IS NULL AND b.in_census_scope
           AND NOT EXISTS (SELECT 1 FROM unit_stat s WHERE s.building_id = b.id AND (s.own_org OR s.joint_org))
           AND NOT EXISTS (SELECT 1 FROM party_org_coverage c JOIN party_org o ON o.id = c.party_org_id
                            WHERE c.building_id = b.id AND o.deleted_at IS NULL)
           AND ${inArea('b.area_code', path)} AND b.id > ${afterId}
         ORDER BY b.id LIMIT ${limit}`
    case 'member_not_transferred': {
      // Exactly the members of the notTransferred figure and its drill-down: the same WHERE clause.
      const scope: CoverageScope | null =
        path === null ? null : { kind: 'area', path, code: path.slice(path.lastIndexOf('/') + 1) }
      return sql<GapRowRaw>`
        SELECT p.id, p.name, m.area_code,
               jsonb_build_object('partyOrg', o.name, 'unit', u.name, 'floating', m.floating) AS facts
          FROM member m
          JOIN person p ON p.id = m.person_id
          JOIN party_org o ON o.id = m.party_org_id
          LEFT JOIN unit u ON u.id = p.unit_id AND u.deleted_at IS NULL
         WHERE ${countedMembers(scope)} AND ${notTransferred} AND m.person_id > ${afterId}
         ORDER BY m.person_id LIMIT ${limit}`
    }
    case 'meeting_overdue':
      return overdueMeetingGapsSql(path, afterId, limit, today)
  }
}

/** Units of 1–2 members with no organisation, with what grouping needs: building, street, trade. */
export async function smallUnits(db: Kysely<DB>, path: string | null) {
  const r = await sql<{
    id: number
    name: string
    building_id: number | null
    building_name: string | null
    area_code: string
    industry: string | null
    members: number
  }>`
    SELECT u.id, u.name, u.building_id, b.name AS building_name, s.area_code, u.industry,
           s.formal + s.probationary AS members
      FROM unit_stat s JOIN unit u ON u.id = s.unit_id LEFT JOIN building b ON b.id = u.building_id
     WHERE s.category = 'only_members' AND ${inArea('s.area_code', path)}
     ORDER BY s.area_code, u.building_id NULLS LAST, u.id
     LIMIT 5000`.execute(db)
  return r.rows.map((row) => ({ ...row, members: Number(row.members) }))
}
