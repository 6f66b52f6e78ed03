-- Two more per-area rollups, so that the city's compliance figures read only a few hundred per-area rows
-- (bench/orglife.ts: the absentee count looked 1,300 members up one by one, and the organisations founded
-- during the year came from a rollup by month with ~1,400 rows for the city's scope):
--   orglife_absentee          per member absent from their last three meetings or more (streak >= 3), in a live
--                             organisation, not deleted: the organisation's area. Kept by triggers on the
--                             streaks, member (a transfer moves the member), person (deleted) and party_org
--                             (moved, deleted).
--   orglife_absentee_rollup   per area: how many of those are in its subtree.
--   orglife_due_year_rollup   per area, year and rule: organisations due from a first of a month in that year,
--                             with the count for each month — replaces orglife_due_from_rollup (one row per
--                             month since the oldest founding), so a year's figures read the rows of that year
--                             and later only.
-- Same pattern as migration 0021: layer 2 → layer 3 by signed upserts to the area and every area above it,
-- skipped under tx_orglife_bulk() and recomputed by tx_orglife_rebuild().

CREATE TABLE orglife_absentee (
  person_id bigint PRIMARY KEY,
  area_key  text NOT NULL
);

CREATE TABLE orglife_absentee_rollup (
  area_key text PRIMARY KEY,
  members  bigint NOT NULL DEFAULT 0
);

CREATE TABLE orglife_due_year_rollup (
  area_key  text NOT NULL,
  due_year  integer NOT NULL,
  rule_code text NOT NULL,
  orgs      bigint NOT NULL DEFAULT 0,
  -- months[m]: of orgs, those due from the first of month m (1–12) of due_year
  months    bigint[] NOT NULL,
  PRIMARY KEY (area_key, due_year, rule_code)
);

-- ---------------------------------------------------------------------------------------------------------
-- Twelve counts, one per month, as a vector: n at the month of p_day.
CREATE FUNCTION tx_orglife_month_vector(p_day date, p_n bigint) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_agg(CASE WHEN i = extract(month FROM p_day)::integer THEN p_n ELSE 0 END ORDER BY i)
    FROM generate_series(1, 12) i
$$;

CREATE FUNCTION tx_orglife_add_vectors(a bigint[], b bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_agg(x + y ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS v(x, y, i)
$$;

CREATE AGGREGATE tx_orglife_sum_vectors(bigint[]) (
  SFUNC = tx_orglife_add_vectors,
  STYPE = bigint[],
  INITCOND = '{0,0,0,0,0,0,0,0,0,0,0,0}'
);

CREATE FUNCTION tx_orglife_roll_due_year(p_area text, p_from date, p_rule text, p_n integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO orglife_due_year_rollup AS t (area_key, due_year, rule_code, orgs, months)
  SELECT k, extract(year FROM p_from)::integer, p_rule, p_n, tx_orglife_month_vector(p_from, p_n)
    FROM unnest(tx_orglife_area_keys(p_area)) k
  ON CONFLICT (area_key, due_year, rule_code) DO UPDATE
    SET orgs = t.orgs + EXCLUDED.orgs, months = tx_orglife_add_vectors(t.months, EXCLUDED.months)
$$;

-- The due rollups follow orglife_org_due: the total per rule as before, and by the month it is due from.
CREATE OR REPLACE FUNCTION tx_orglife_roll_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO orglife_due_rollup AS t (area_key, rule_code, orgs)
    SELECT k, OLD.rule_code, -1 FROM unnest(tx_orglife_area_keys(OLD.area_key)) k
    ON CONFLICT (area_key, rule_code) DO UPDATE SET orgs = t.orgs + EXCLUDED.orgs;
    IF OLD.established_on IS NOT NULL THEN
      PERFORM tx_orglife_roll_due_year(OLD.area_key, tx_orglife_due_from(OLD.established_on), OLD.rule_code, -1);
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO orglife_due_rollup AS t (area_key, rule_code, orgs)
    SELECT k, NEW.rule_code, 1 FROM unnest(tx_orglife_area_keys(NEW.area_key)) k
    ON CONFLICT (area_key, rule_code) DO UPDATE SET orgs = t.orgs + EXCLUDED.orgs;
    IF NEW.established_on IS NOT NULL THEN
      PERFORM tx_orglife_roll_due_year(NEW.area_key, tx_orglife_due_from(NEW.established_on), NEW.rule_code, 1);
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- ---------------------------------------------------------------------------------------------------------
-- Absentees: whether a person counts, and where.

CREATE FUNCTION tx_orglife_refresh_absentee(p_person bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_area text;
BEGIN
  SELECT o.area_code INTO v_area
    FROM orglife_member_streak s
    JOIN member m ON m.person_id = s.person_id
    JOIN person p ON p.id = s.person_id AND p.deleted_at IS NULL
    JOIN party_org o ON o.id = m.party_org_id AND o.deleted_at IS NULL
   WHERE s.person_id = p_person AND s.streak >= 3;
  IF v_area IS NULL THEN
    DELETE FROM orglife_absentee WHERE person_id = p_person;
  ELSE
    INSERT INTO orglife_absentee (person_id, area_key) VALUES (p_person, v_area)
    ON CONFLICT (person_id) DO UPDATE SET area_key = EXCLUDED.area_key
      WHERE orglife_absentee.area_key IS DISTINCT FROM EXCLUDED.area_key;
  END IF;
END $$;

CREATE FUNCTION tx_orglife_streak_absentee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  -- Only crossing the threshold of three changes anything.
  IF (CASE WHEN TG_OP = 'INSERT' THEN false ELSE OLD.streak >= 3 END)
     IS DISTINCT FROM (CASE WHEN TG_OP = 'DELETE' THEN false ELSE NEW.streak >= 3 END) THEN
    PERFORM tx_orglife_refresh_absentee(CASE WHEN TG_OP = 'DELETE' THEN OLD.person_id ELSE NEW.person_id END);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_streak_absentee AFTER INSERT OR UPDATE OR DELETE ON orglife_member_streak
  FOR EACH ROW EXECUTE FUNCTION tx_orglife_streak_absentee();

CREATE FUNCTION tx_orglife_member_absentee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM tx_orglife_refresh_absentee(OLD.person_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.person_id <> OLD.person_id) THEN
    PERFORM tx_orglife_refresh_absentee(NEW.person_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_member_absentee AFTER INSERT OR DELETE OR UPDATE OF person_id, party_org_id ON member
  FOR EACH ROW EXECUTE FUNCTION tx_orglife_member_absentee();

CREATE FUNCTION tx_orglife_person_absentee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  PERFORM tx_orglife_refresh_absentee(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_person_absentee AFTER UPDATE OF deleted_at ON person
  FOR EACH ROW WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION tx_orglife_person_absentee();

-- An organisation moved to another area, deleted or restored: its members who count (streak >= 3) follow.
CREATE FUNCTION tx_orglife_org_absentee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  PERFORM tx_orglife_refresh_absentee(m.person_id)
     FROM member m JOIN orglife_member_streak s ON s.person_id = m.person_id AND s.streak >= 3
    WHERE m.party_org_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_org_absentee AFTER UPDATE OF area_code, deleted_at ON party_org
  FOR EACH ROW WHEN ((OLD.area_code, OLD.deleted_at) IS DISTINCT FROM (NEW.area_code, NEW.deleted_at))
  EXECUTE FUNCTION tx_orglife_org_absentee();

CREATE FUNCTION tx_orglife_roll_absentee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO orglife_absentee_rollup AS t (area_key, members)
    SELECT k, -1 FROM unnest(tx_orglife_area_keys(OLD.area_key)) k
    ON CONFLICT (area_key) DO UPDATE SET members = t.members + EXCLUDED.members;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO orglife_absentee_rollup AS t (area_key, members)
    SELECT k, 1 FROM unnest(tx_orglife_area_keys(NEW.area_key)) k
    ON CONFLICT (area_key) DO UPDATE SET members = t.members + EXCLUDED.members;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_absentee_rollup AFTER INSERT OR UPDATE OR DELETE ON orglife_absentee
  FOR EACH ROW EXECUTE FUNCTION tx_orglife_roll_absentee();

-- ---------------------------------------------------------------------------------------------------------
-- The full rebuild, now with the new tables (and without orglife_due_from_rollup).

CREATE OR REPLACE FUNCTION tx_orglife_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('tongxin.orglife_bulk', 'on', true);
  DELETE FROM orglife_org_due;
  DELETE FROM orglife_org_period;
  DELETE FROM orglife_org_month;
  DELETE FROM orglife_member_streak;
  DELETE FROM orglife_absentee;
  DELETE FROM orglife_due_rollup;
  DELETE FROM orglife_due_year_rollup;
  DELETE FROM orglife_period_rollup;
  DELETE FROM orglife_month_rollup;
  DELETE FROM orglife_absentee_rollup;
  PERFORM tx_orglife_build_orgs(NULL);
  INSERT INTO orglife_member_streak (person_id, streak, since)
  SELECT a.person_id, count(*), min(m.held_on)
    FROM orglife_attendance a
    JOIN orglife_meeting m ON m.id = a.meeting_id AND m.deleted_at IS NULL
    LEFT JOIN (SELECT x.person_id, max(mm.starts_at) AS at
                 FROM orglife_attendance x JOIN orglife_meeting mm ON mm.id = x.meeting_id AND mm.deleted_at IS NULL
                WHERE x.status = 'present' GROUP BY x.person_id) lp ON lp.person_id = a.person_id
   WHERE a.status = 'absent' AND (lp.at IS NULL OR m.starts_at > lp.at)
   GROUP BY a.person_id;
  INSERT INTO orglife_absentee (person_id, area_key)
  SELECT s.person_id, o.area_code
    FROM orglife_member_streak s
    JOIN member m ON m.person_id = s.person_id
    JOIN person p ON p.id = s.person_id AND p.deleted_at IS NULL
    JOIN party_org o ON o.id = m.party_org_id AND o.deleted_at IS NULL
   WHERE s.streak >= 3;
  INSERT INTO orglife_due_rollup (area_key, rule_code, orgs)
  SELECT k, d.rule_code, count(*)
    FROM orglife_org_due d JOIN area a ON a.code = d.area_key
    CROSS JOIN LATERAL unnest(string_to_array(a.path, '/')) k
   GROUP BY 1, 2;
  INSERT INTO orglife_due_year_rollup (area_key, due_year, rule_code, orgs, months)
  SELECT f.area_key, extract(year FROM f.due_from)::integer, f.rule_code, sum(f.n),
         tx_orglife_sum_vectors(tx_orglife_month_vector(f.due_from, f.n))
    FROM (SELECT k AS area_key, tx_orglife_due_from(d.established_on) AS due_from, d.rule_code, count(*) AS n
            FROM orglife_org_due d JOIN area a ON a.code = d.area_key
            CROSS JOIN LATERAL unnest(string_to_array(a.path, '/')) k
           WHERE d.established_on IS NOT NULL
           GROUP BY 1, 2, 3) f
   GROUP BY 1, 2, 3;
  INSERT INTO orglife_period_rollup (area_key, rule_code, period_start, met, held)
  SELECT k, p.rule_code, p.period_start, count(*) FILTER (WHERE p.met), sum(p.held)
    FROM orglife_org_period p JOIN area a ON a.code = p.area_key
    CROSS JOIN LATERAL unnest(string_to_array(a.path, '/')) k
   GROUP BY 1, 2, 3;
  INSERT INTO orglife_month_rollup (area_key, month, meetings, present, absent, excused)
  SELECT k, m.month, sum(m.meetings), sum(m.present), sum(m.absent), sum(m.excused)
    FROM orglife_org_month m JOIN area a ON a.code = m.area_key
    CROSS JOIN LATERAL unnest(string_to_array(a.path, '/')) k
   GROUP BY 1, 2;
  INSERT INTO orglife_absentee_rollup (area_key, members)
  SELECT k, count(*)
    FROM orglife_absentee x JOIN area a ON a.code = x.area_key
    CROSS JOIN LATERAL unnest(string_to_array(a.path, '/')) k
   GROUP BY 1;
  PERFORM set_config('tongxin.orglife_bulk', 'off', true);
END $$;

DROP TABLE orglife_due_from_rollup;

SELECT tx_orglife_rebuild();
