-- New units get their unit_stat rows from one set-based statement per INSERT statement instead of one
-- tx_refresh_unit call (five statements) per row: a 100,000-row import spent most of its commit there. The
-- facts are exactly tx_refresh_unit's — member counts over the unit's live people, own = covered by a live
-- organisation that is not a joint branch, joint = covered by a live joint branch or standing in a building a
-- live organisation covers — computed for all the statement's new units at once. Updates keep the row trigger.
CREATE FUNCTION tx_units_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Correlated lookups, not joins: each probes the same index tx_refresh_unit uses, however many people or
  -- coverage rows the registry holds (a hash join would scan them all once per statement).
  INSERT INTO unit_stat (unit_id, area_code, building_id, kind, employees, operating, formal, probationary,
                         not_transferred, own_org, joint_org, instructor_sent, category)
  WITH facts AS (
    SELECT n.id, n.area_code, n.building_id, n.kind, n.employees, n.left_on, n.instructor_sent,
           mem.formal, mem.probationary, mem.not_transferred,
           EXISTS (SELECT 1 FROM party_org_coverage c JOIN party_org o ON o.id = c.party_org_id
                    WHERE c.unit_id = n.id AND o.deleted_at IS NULL AND o.type <> 'joint_branch') AS own_org,
           -- Two lookups rather than one with OR across two columns, which no index serves: as one, the planner
           -- compared every new unit with every coverage row.
           (EXISTS (SELECT 1 FROM party_org_coverage c JOIN party_org o ON o.id = c.party_org_id
                     WHERE c.unit_id = n.id AND o.deleted_at IS NULL AND o.type = 'joint_branch')
            OR EXISTS (SELECT 1 FROM party_org_coverage c JOIN party_org o ON o.id = c.party_org_id
                        WHERE c.building_id = n.building_id AND o.deleted_at IS NULL)) AS joint_org
      FROM new_units n
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE m.status = 'formal')::int AS formal,
               count(*) FILTER (WHERE m.status = 'probationary')::int AS probationary,
               count(*) FILTER (WHERE NOT m.relation_transferred)::int AS not_transferred
          FROM person p JOIN member m ON m.person_id = p.id
         WHERE p.unit_id = n.id AND p.deleted_at IS NULL) mem
     WHERE n.deleted_at IS NULL)
  SELECT id, area_code, building_id, kind, employees, left_on IS NULL, formal, probationary, not_transferred,
         own_org, joint_org, instructor_sent,
         CASE WHEN left_on IS NOT NULL THEN NULL
              WHEN own_org THEN 'own'
              WHEN joint_org THEN 'joint'
              WHEN formal >= 3 THEN 'should_have'
              WHEN formal + probationary > 0 THEN 'only_members'
              ELSE 'no_members' END
    FROM facts;
  RETURN NULL;
END $$;

DROP TRIGGER unit_stat_on_unit ON unit;
CREATE TRIGGER unit_stat_on_unit AFTER UPDATE OF building_id, area_code, kind, employees, left_on, deleted_at,
  instructor_sent ON unit
  FOR EACH ROW EXECUTE FUNCTION tx_unit_changed();
CREATE TRIGGER unit_stat_on_unit_insert AFTER INSERT ON unit
  REFERENCING NEW TABLE AS new_units
  FOR EACH STATEMENT EXECUTE FUNCTION tx_units_inserted();
