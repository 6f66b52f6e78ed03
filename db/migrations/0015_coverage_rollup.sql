-- Coverage figures per area, so a district or the whole city adds up a few hundred rows instead of scanning
-- every unit and member. Keyed by the area code the rows carry ('' for none, which only the whole city
-- counts). Triggers never update a rollup row: they append signed changes to a delta table in the same
-- transaction as the change, and readers sum rollup + deltas in one statement, so figures stay exact. Updating
-- the rollup row itself would make every writer in a street queue on it, and a 100,000-row import would
-- rewrite one row 100,000 times in one transaction (each new version found by walking the previous ones).
-- tx_fold_coverage_deltas() moves the deltas into the rollups (a background job, every few seconds).
CREATE TABLE coverage_unit_rollup (
  area_key     text PRIMARY KEY,
  units        bigint NOT NULL DEFAULT 0,
  operating    bigint NOT NULL DEFAULT 0,
  employees    bigint NOT NULL DEFAULT 0,
  private      bigint NOT NULL DEFAULT 0,
  foreign_firm bigint NOT NULL DEFAULT 0,
  state        bigint NOT NULL DEFAULT 0,
  social_org   bigint NOT NULL DEFAULT 0,
  agency       bigint NOT NULL DEFAULT 0,
  formal       bigint NOT NULL DEFAULT 0,
  probationary bigint NOT NULL DEFAULT 0,
  own          bigint NOT NULL DEFAULT 0,
  joint        bigint NOT NULL DEFAULT 0,
  should_have  bigint NOT NULL DEFAULT 0,
  only_members bigint NOT NULL DEFAULT 0,
  no_members   bigint NOT NULL DEFAULT 0,
  instructor   bigint NOT NULL DEFAULT 0
);

-- Members by birth year as well: "under 35" moves with the date, so the figure sums whole years after the
-- cut-off year from here and counts only the cut-off year's members row by row (member_birth_idx).
CREATE TABLE coverage_member_rollup (
  area_key        text NOT NULL,
  birth_year      integer NOT NULL, -- 0 when the birth date is unknown
  members         bigint NOT NULL DEFAULT 0,
  formal          bigint NOT NULL DEFAULT 0,
  probationary    bigint NOT NULL DEFAULT 0,
  not_transferred bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (area_key, birth_year)
);

-- Same columns, no key: appended to, never updated.
CREATE TABLE coverage_unit_delta (LIKE coverage_unit_rollup INCLUDING DEFAULTS);
CREATE TABLE coverage_member_delta (LIKE coverage_member_rollup INCLUDING DEFAULTS);

CREATE INDEX member_birth_idx ON member (birth_date) WHERE counted;

-- One unit_stat row's share of its area's figures, recorded as added (p_sign 1) or taken away (-1). The FILTERs of the
-- former full-scan query, written per row: a unit that left counts as a unit but in no other figure.
CREATE FUNCTION tx_roll_unit(r unit_stat, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE op integer := CASE WHEN r.operating THEN p_sign ELSE 0 END;
BEGIN
  INSERT INTO coverage_unit_delta (area_key, units, operating, employees, private, foreign_firm, state,
                                   social_org, agency, formal, probationary, own, joint, should_have,
                                   only_members, no_members, instructor)
  VALUES (coalesce(r.area_code, ''), p_sign, op, op * coalesce(r.employees, 0),
          CASE WHEN r.kind = 'private' THEN op ELSE 0 END,
          CASE WHEN r.kind = 'foreign' THEN op ELSE 0 END,
          CASE WHEN r.kind = 'state' THEN op ELSE 0 END,
          CASE WHEN r.kind = 'social_org' THEN op ELSE 0 END,
          CASE WHEN r.kind = 'agency' THEN op ELSE 0 END,
          op * r.formal, op * r.probationary,
          CASE WHEN r.category = 'own' THEN p_sign ELSE 0 END,
          CASE WHEN r.category = 'joint' THEN p_sign ELSE 0 END,
          CASE WHEN r.category = 'should_have' THEN p_sign ELSE 0 END,
          CASE WHEN r.category = 'only_members' THEN p_sign ELSE 0 END,
          CASE WHEN r.category = 'no_members' THEN p_sign ELSE 0 END,
          CASE WHEN r.instructor_sent AND r.category NOT IN ('own', 'joint') THEN p_sign ELSE 0 END);
END $$;

CREATE FUNCTION tx_unit_stat_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- tx_refresh_unit rewrites its row on every refresh; most rewrites change nothing.
  IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM tx_roll_unit(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM tx_roll_unit(NEW, 1); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER unit_stat_rollup AFTER INSERT OR UPDATE OR DELETE ON unit_stat
  FOR EACH ROW EXECUTE FUNCTION tx_unit_stat_rollup();

CREATE FUNCTION tx_roll_member(r member, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT r.counted THEN RETURN; END IF;
  INSERT INTO coverage_member_delta (area_key, birth_year, members, formal, probationary, not_transferred)
  VALUES (coalesce(r.area_code, ''), coalesce(extract(year FROM r.birth_date)::integer, 0), p_sign,
          CASE WHEN r.status = 'formal' THEN p_sign ELSE 0 END,
          CASE WHEN r.status = 'probationary' THEN p_sign ELSE 0 END,
          CASE WHEN NOT r.relation_transferred THEN p_sign ELSE 0 END);
END $$;

CREATE FUNCTION tx_member_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The member_place re-placement touches every member of a changed unit or person with a no-op update.
  IF TG_OP = 'UPDATE' AND (OLD.counted, OLD.area_code, OLD.birth_date, OLD.status, OLD.relation_transferred)
                          IS NOT DISTINCT FROM
                          (NEW.counted, NEW.area_code, NEW.birth_date, NEW.status, NEW.relation_transferred)
  THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM tx_roll_member(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM tx_roll_member(NEW, 1); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER member_rollup AFTER INSERT OR UPDATE OR DELETE ON member
  FOR EACH ROW EXECUTE FUNCTION tx_member_rollup();

-- Both rollups recomputed from scratch: after a bulk load with triggers off, and as the check that the
-- triggers kept them true (the tests compare the two).
CREATE FUNCTION tx_rebuild_coverage_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM coverage_unit_rollup;
  DELETE FROM coverage_member_rollup;
  DELETE FROM coverage_unit_delta;
  DELETE FROM coverage_member_delta;
  INSERT INTO coverage_unit_rollup (area_key, units, operating, employees, private, foreign_firm, state, social_org,
                                    agency, formal, probationary, own, joint, should_have, only_members, no_members,
                                    instructor)
  SELECT coalesce(area_code, ''), count(*),
         count(*) FILTER (WHERE operating),
         coalesce(sum(employees) FILTER (WHERE operating), 0),
         count(*) FILTER (WHERE operating AND kind = 'private'),
         count(*) FILTER (WHERE operating AND kind = 'foreign'),
         count(*) FILTER (WHERE operating AND kind = 'state'),
         count(*) FILTER (WHERE operating AND kind = 'social_org'),
         count(*) FILTER (WHERE operating AND kind = 'agency'),
         coalesce(sum(formal) FILTER (WHERE operating), 0),
         coalesce(sum(probationary) FILTER (WHERE operating), 0),
         count(*) FILTER (WHERE category = 'own'),
         count(*) FILTER (WHERE category = 'joint'),
         count(*) FILTER (WHERE category = 'should_have'),
         count(*) FILTER (WHERE category = 'only_members'),
         count(*) FILTER (WHERE category = 'no_members'),
         count(*) FILTER (WHERE instructor_sent AND category NOT IN ('own', 'joint'))
    FROM unit_stat
   GROUP BY 1;

  INSERT INTO coverage_member_rollup (area_key, birth_year, members, formal, probationary, not_transferred)
  SELECT coalesce(area_code, ''), coalesce(extract(year FROM birth_date)::integer, 0), count(*),
         count(*) FILTER (WHERE status = 'formal'),
         count(*) FILTER (WHERE status = 'probationary'),
         count(*) FILTER (WHERE NOT relation_transferred)
    FROM member
   WHERE counted
   GROUP BY 1, 2;
END $$;

-- Moves the deltas into the rollups. One fold at a time (the advisory lock; another instance's fold just
-- returns), rows taken in key order. A reader sees the deltas before or the rollups after, never both.
CREATE FUNCTION tx_fold_coverage_deltas() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('tx_fold_coverage_deltas')) THEN RETURN; END IF;
  WITH d AS (DELETE FROM coverage_unit_delta RETURNING *)
  INSERT INTO coverage_unit_rollup AS t (area_key, units, operating, employees, private, foreign_firm, state,
                                         social_org, agency, formal, probationary, own, joint, should_have,
                                         only_members, no_members, instructor)
  SELECT area_key, sum(units), sum(operating), sum(employees), sum(private), sum(foreign_firm), sum(state),
         sum(social_org), sum(agency), sum(formal), sum(probationary), sum(own), sum(joint), sum(should_have),
         sum(only_members), sum(no_members), sum(instructor)
    FROM d GROUP BY area_key ORDER BY area_key
  ON CONFLICT (area_key) DO UPDATE SET
    units = t.units + EXCLUDED.units, operating = t.operating + EXCLUDED.operating,
    employees = t.employees + EXCLUDED.employees, private = t.private + EXCLUDED.private,
    foreign_firm = t.foreign_firm + EXCLUDED.foreign_firm, state = t.state + EXCLUDED.state,
    social_org = t.social_org + EXCLUDED.social_org, agency = t.agency + EXCLUDED.agency,
    formal = t.formal + EXCLUDED.formal, probationary = t.probationary + EXCLUDED.probationary,
    own = t.own + EXCLUDED.own, joint = t.joint + EXCLUDED.joint,
    should_have = t.should_have + EXCLUDED.should_have, only_members = t.only_members + EXCLUDED.only_members,
    no_members = t.no_members + EXCLUDED.no_members, instructor = t.instructor + EXCLUDED.instructor;
  WITH d AS (DELETE FROM coverage_member_delta RETURNING *)
  INSERT INTO coverage_member_rollup AS t (area_key, birth_year, members, formal, probationary, not_transferred)
  SELECT area_key, birth_year, sum(members), sum(formal), sum(probationary), sum(not_transferred)
    FROM d GROUP BY area_key, birth_year ORDER BY area_key, birth_year
  ON CONFLICT (area_key, birth_year) DO UPDATE SET
    members = t.members + EXCLUDED.members, formal = t.formal + EXCLUDED.formal,
    probationary = t.probationary + EXCLUDED.probationary,
    not_transferred = t.not_transferred + EXCLUDED.not_transferred;
END $$;

SELECT tx_rebuild_coverage_rollups();
