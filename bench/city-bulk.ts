/**
 * The bulk-load steps around the city data set's COPYs (city-load.ts): triggers and secondary indexes off,
 * then indexes rebuilt, unit_stat and member places filled set-wise, and the result checked.
 */
import type { ScriptClient } from '../server/src/db/connection.ts'

export const BULK_TABLES = [
  'park',
  'building',
  'unit',
  'person',
  'party_org',
  'party_org_coverage',
  'member',
  'building_chief',
  'station',
] as const
const TRIGGER_TABLES = ['unit', 'person', 'member', 'party_org_coverage', 'party_org', 'unit_stat']
const ROLLUP_TABLES = [
  'coverage_unit_rollup',
  'coverage_member_rollup',
  'coverage_unit_delta',
  'coverage_member_delta',
]
const IDENTITY_TABLES = ['park', 'building', 'unit', 'person', 'party_org', 'party_org_coverage', 'station']
// The derived-fact triggers (unit_stat, each member's place, the coverage rollups, organisational life's
// facts of an organisation), sorted by name as pg_trigger lists them.
const UNIT_STAT_TRIGGERS = [
  'member_place',
  'member_place_on_org',
  'member_place_on_person',
  'member_place_on_unit',
  'member_rollup',
  'orglife_org_insert',
  'orglife_org_update',
  'unit_stat_on_coverage',
  'unit_stat_on_member',
  'unit_stat_on_party_org',
  'unit_stat_on_person',
  'unit_stat_on_unit',
  'unit_stat_on_unit_insert',
  'unit_stat_rollup',
]
/** The columns FILL_UNIT_STAT writes, in table order. */
const UNIT_STAT_COLUMNS = [
  'unit_id',
  'area_code',
  'building_id',
  'kind',
  'employees',
  'operating',
  'formal',
  'probationary',
  'not_transferred',
  'own_org',
  'joint_org',
  'instructor_sent',
  'category',
]

/**
 * Row triggers would recompute unit_stat once per inserted member; secondary indexes are cheaper to build
 * once than to maintain row by row. Primary keys stay: the foreign-key checks during COPY look them up.
 * Returns the index definitions to recreate.
 */
export async function beginBulk(client: ScriptClient): Promise<string[]> {
  const columns = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
      WHERE attrelid = 'unit_stat'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
  )
  // A column added to unit_stat (and to tx_refresh_unit) must be added to the fill too, or the two part;
  // better to stop here than after a minute of loading.
  if (columns.map((c) => c.name).join() !== UNIT_STAT_COLUMNS.join()) {
    throw new Error(`unit_stat has columns ${columns.map((c) => c.name).join(', ')}: update FILL_UNIT_STAT`)
  }
  const triggers = await client.query<{ name: string }>(
    `SELECT tgname AS name FROM pg_trigger
      WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relname = ANY($1)) ORDER BY 1`,
    [[...BULK_TABLES, 'unit_stat']],
  )
  // Only the unit_stat triggers may be switched off: the fill below redoes their work, and nothing else's.
  if (triggers.map((t) => t.name).join() !== UNIT_STAT_TRIGGERS.join()) {
    throw new Error(`registry triggers are now ${triggers.map((t) => t.name).join(', ')}: review beginBulk`)
  }
  for (const t of TRIGGER_TABLES) await client.exec(`ALTER TABLE ${t} DISABLE TRIGGER USER`)
  const rows = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [[...BULK_TABLES, 'unit_stat']],
  )
  for (const r of rows) await client.exec(`DROP INDEX ${r.name}`)
  return rows.map((r) => r.def)
}

/**
 * Exactly what tx_refresh_unit(id) stores, for every unit at once: member counts over the unit's live
 * people, own = covered by a live organisation that is not a joint branch, joint = covered by a live joint
 * branch or sitting in a building that a live organisation covers; soft-deleted units get no row.
 */
export const FILL_UNIT_STAT = `
INSERT INTO unit_stat (unit_id, area_code, building_id, kind, employees, operating, formal, probationary,
                       not_transferred, own_org, joint_org, instructor_sent, category)
WITH mem AS (
  SELECT p.unit_id,
         count(*) FILTER (WHERE m.status = 'formal') AS formal,
         count(*) FILTER (WHERE m.status = 'probationary') AS probationary,
         count(*) FILTER (WHERE NOT m.relation_transferred) AS not_transferred
    FROM person p JOIN member m ON m.person_id = p.id
   WHERE p.deleted_at IS NULL AND p.unit_id IS NOT NULL
   GROUP BY p.unit_id),
cov AS (
  SELECT c.unit_id, c.building_id, o.type
    FROM party_org_coverage c JOIN party_org o ON o.id = c.party_org_id
   WHERE o.deleted_at IS NULL),
own AS (SELECT DISTINCT unit_id FROM cov WHERE unit_id IS NOT NULL AND type <> 'joint_branch'),
joint_unit AS (SELECT DISTINCT unit_id FROM cov WHERE unit_id IS NOT NULL AND type = 'joint_branch'),
covered_building AS (SELECT DISTINCT building_id FROM cov WHERE building_id IS NOT NULL),
facts AS (
  SELECT u.id, u.area_code, u.building_id, u.kind, u.employees, u.left_on, u.instructor_sent,
         coalesce(mem.formal, 0)::int AS formal,
         coalesce(mem.probationary, 0)::int AS probationary,
         coalesce(mem.not_transferred, 0)::int AS not_transferred,
         own.unit_id IS NOT NULL AS own_org,
         (ju.unit_id IS NOT NULL OR cb.building_id IS NOT NULL) AS joint_org
    FROM unit u
    LEFT JOIN mem ON mem.unit_id = u.id
    LEFT JOIN own ON own.unit_id = u.id
    LEFT JOIN joint_unit ju ON ju.unit_id = u.id
    LEFT JOIN covered_building cb ON cb.building_id = u.building_id
   WHERE u.deleted_at IS NULL)
SELECT id, area_code, building_id, kind, employees, left_on IS NULL, formal, probationary, not_transferred, own_org, joint_org,
       instructor_sent,
       CASE WHEN left_on IS NOT NULL THEN NULL
            WHEN own_org THEN 'own'
            WHEN joint_org THEN 'joint'
            WHEN formal >= 3 THEN 'should_have'
            WHEN formal + probationary > 0 THEN 'only_members'
            ELSE 'no_members' END
  FROM facts`

/** Exactly what the member_place trigger stores, for every member at once. */
export const FILL_MEMBER_PLACE = `
UPDATE member m
   SET birth_date = p.birth_date,
       area_code = coalesce(u.area_code, (SELECT o.area_code FROM party_org o WHERE o.id = m.party_org_id)),
       building_id = u.building_id,
       counted = p.deleted_at IS NULL AND (u.id IS NULL OR u.left_on IS NULL)
  FROM person p LEFT JOIN unit u ON u.id = p.unit_id AND u.deleted_at IS NULL
 WHERE p.id = m.person_id`

/** Rebuilds indexes, moves identity sequences past the loaded ids, fills unit_stat, re-enables triggers. */
export async function endBulk(
  client: ScriptClient,
  indexDefs: string[],
  time: (label: string, fn: () => Promise<void>) => Promise<void>,
): Promise<void> {
  await time('member_place', () => client.exec(FILL_MEMBER_PLACE))
  await time('indexes', async () => {
    await client.exec("SET maintenance_work_mem = '256MB'")
    for (const def of indexDefs) await client.exec(def)
  })
  for (const t of IDENTITY_TABLES) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence('${t}', 'id'), greatest((SELECT max(id) FROM ${t}), 1))`,
    )
  }
  await time('unit_stat', async () => {
    await client.exec('DELETE FROM unit_stat')
    await client.exec(FILL_UNIT_STAT)
  })
  await time('rollups', () => client.exec('SELECT tx_rebuild_coverage_rollups()'))
  for (const t of TRIGGER_TABLES) await client.exec(`ALTER TABLE ${t} ENABLE TRIGGER USER`)
  // PGlite has no autovacuum: without this its planner would see empty tables and no visibility map.
  await time('vacuum_analyze', () =>
    client.exec(`VACUUM ANALYZE ${[...BULK_TABLES, 'unit_stat', ...ROLLUP_TABLES].join(', ')}`),
  )
  // Which rules each organisation is due (its party_org triggers were off); set-based, after the statistics.
  await time('orglife', () => client.exec('SELECT tx_orglife_rebuild()'))
}

/**
 * Recomputes every unit through the trigger function and compares with the set-based fill, then puts the
 * fill's rows back, so the table is as compact as after a plain load. The rollup triggers stay on during the
 * recomputation, so it also checks that they leave the rollups equal to a rebuild (rows that differ).
 */
export async function verifyUnitStat(
  client: ScriptClient,
): Promise<{ rows: number; onlyBulk: number; onlyFunction: number; rollupsDiffering: number }> {
  await client.exec(
    'DROP TABLE IF EXISTS unit_stat_bulk; CREATE TEMP TABLE unit_stat_bulk AS TABLE unit_stat',
  )
  await client.exec('DO $$ BEGIN PERFORM tx_refresh_unit(id) FROM unit; END $$')
  const [r] = await client.query<{ rows: number; only_bulk: number; only_fn: number }>(
    `SELECT (SELECT count(*) FROM unit_stat)::int AS rows,
            (SELECT count(*) FROM (TABLE unit_stat_bulk EXCEPT ALL TABLE unit_stat) x)::int AS only_bulk,
            (SELECT count(*) FROM (TABLE unit_stat EXCEPT ALL TABLE unit_stat_bulk) x)::int AS only_fn`,
  )
  await client.exec(`DROP TABLE IF EXISTS unit_rollup_kept, member_rollup_kept;
    CREATE TEMP TABLE unit_rollup_kept AS
      SELECT area_key, sum(units) units, sum(operating) operating, sum(employees) employees,
             sum(private) private, sum(foreign_firm) foreign_firm, sum(state) state, sum(social_org) social_org,
             sum(agency) agency, sum(formal) formal, sum(probationary) probationary, sum(own) own,
             sum(joint) joint, sum(should_have) should_have, sum(only_members) only_members,
             sum(no_members) no_members, sum(instructor) instructor
        FROM (TABLE coverage_unit_rollup UNION ALL TABLE coverage_unit_delta) r
       GROUP BY area_key HAVING sum(units) <> 0;
    CREATE TEMP TABLE member_rollup_kept AS
      SELECT area_key, birth_year, sum(members) members, sum(formal) formal, sum(probationary) probationary,
             sum(not_transferred) not_transferred
        FROM (TABLE coverage_member_rollup UNION ALL TABLE coverage_member_delta) r
       GROUP BY area_key, birth_year HAVING sum(members) <> 0;
    SELECT tx_rebuild_coverage_rollups()`)
  const [rollups] = await client.query<{ n: number }>(
    `WITH u AS (SELECT * FROM coverage_unit_rollup WHERE units <> 0),
          m AS (SELECT * FROM coverage_member_rollup WHERE members <> 0)
     SELECT ((SELECT count(*) FROM (TABLE unit_rollup_kept EXCEPT ALL TABLE u) a)
           + (SELECT count(*) FROM (TABLE u EXCEPT ALL TABLE unit_rollup_kept) b)
           + (SELECT count(*) FROM (TABLE member_rollup_kept EXCEPT ALL TABLE m) c)
           + (SELECT count(*) FROM (TABLE m EXCEPT ALL TABLE member_rollup_kept) d))::int AS n`,
  )
  // The function rewrote every row; TRUNCATE drops those copies at once, where VACUUM would leave the
  // table at twice its size. The rows put back are the same facts, so the rollups must not count them again.
  await client.exec(`ALTER TABLE unit_stat DISABLE TRIGGER USER;
    TRUNCATE unit_stat; INSERT INTO unit_stat SELECT * FROM unit_stat_bulk; DROP TABLE unit_stat_bulk;
    ALTER TABLE unit_stat ENABLE TRIGGER USER`)
  await client.exec(`VACUUM ANALYZE unit_stat, ${ROLLUP_TABLES.join(', ')}`)
  return { rows: r!.rows, onlyBulk: r!.only_bulk, onlyFunction: r!.only_fn, rollupsDiffering: rollups!.n }
}

export async function countRows(client: ScriptClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const t of ['area', ...BULK_TABLES, 'unit_stat']) {
    const [r] = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)
    counts[t] = r!.n
  }
  return counts
}
