-- Registry: parks, buildings, units, party organisations and what they cover, people and members,
-- building chiefs, stations; per-unit coverage facts kept exact by triggers; census snapshots; row history.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE park (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_code   text NOT NULL REFERENCES area (code),
  name        text NOT NULL,
  search_text text NOT NULL DEFAULT '',
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);
CREATE UNIQUE INDEX park_name_uq ON park (area_code, name) WHERE deleted_at IS NULL;

CREATE TABLE building (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_code        text NOT NULL REFERENCES area (code),
  park_id          bigint REFERENCES park (id),
  name             text NOT NULL,
  address          text NOT NULL,
  floors           integer NOT NULL CHECK (floors BETWEEN 1 AND 200),
  in_use           boolean NOT NULL DEFAULT true,
  -- The census covers commercial buildings of 6+ floors that are in use.
  in_census_scope  boolean GENERATED ALWAYS AS (floors >= 6 AND in_use) STORED,
  property_company text,
  owner            text,
  lat              double precision CHECK (lat BETWEEN -90 AND 90),
  lng              double precision CHECK (lng BETWEEN -180 AND 180),
  search_text      text NOT NULL DEFAULT '',
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz
);
CREATE UNIQUE INDEX building_natural_uq ON building (name, address) WHERE deleted_at IS NULL;
CREATE INDEX building_area_idx ON building (area_code, id) WHERE deleted_at IS NULL;
CREATE INDEX building_park_idx ON building (park_id);
CREATE INDEX building_search_idx ON building USING gin (search_text gin_trgm_ops);

CREATE TABLE unit (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uscc            text NOT NULL CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('private', 'foreign', 'state', 'social_org', 'agency')),
  industry        text,
  -- The unit's area: its building's, or its own registered area for units outside commercial buildings.
  area_code       text NOT NULL REFERENCES area (code),
  employees       integer CHECK (employees >= 0),
  building_id     bigint REFERENCES building (id),
  floor_from      integer,
  floor_to        integer,
  settled_on      date,
  left_on         date,
  -- 工作覆盖: a party-building instructor has been sent to a unit without its own organisation.
  instructor_sent boolean NOT NULL DEFAULT false,
  search_text     text NOT NULL DEFAULT '',
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  deleted_at      timestamptz,
  CHECK (floor_from IS NULL OR floor_from >= -5),
  CHECK (floor_to IS NULL OR floor_from IS NOT NULL AND floor_to >= floor_from),
  CHECK (left_on IS NULL OR settled_on IS NULL OR left_on >= settled_on)
);
CREATE UNIQUE INDEX unit_uscc_uq ON unit (uscc) WHERE deleted_at IS NULL;
CREATE INDEX unit_building_idx ON unit (building_id, id) WHERE deleted_at IS NULL;
CREATE INDEX unit_area_idx ON unit (area_code, id) WHERE deleted_at IS NULL;
CREATE INDEX unit_search_idx ON unit USING gin (search_text gin_trgm_ops);

CREATE TABLE person (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL,
  gender         text CHECK (gender IN ('male', 'female')),
  birth_date     date,
  phone          text,
  -- The ID number is stored encrypted (AES-256-GCM); its keyed hash finds duplicates without decrypting.
  id_number_enc  text,
  id_number_hash text,
  education      text,
  unit_id        bigint REFERENCES unit (id),
  search_text    text NOT NULL DEFAULT '',
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  deleted_at     timestamptz
);
CREATE UNIQUE INDEX person_id_number_uq ON person (id_number_hash) WHERE deleted_at IS NULL AND id_number_hash IS NOT NULL;
CREATE INDEX person_unit_idx ON person (unit_id) WHERE deleted_at IS NULL;
CREATE INDEX person_search_idx ON person USING gin (search_text gin_trgm_ops);

CREATE TABLE party_org (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                text NOT NULL,
  type                text NOT NULL CHECK (type IN ('committee', 'general_branch', 'branch', 'joint_branch')),
  parent_id           bigint REFERENCES party_org (id),
  area_code           text NOT NULL REFERENCES area (code),
  established_on      date,
  secretary_person_id bigint REFERENCES person (id),
  -- A branch of 7+ formal members should elect a branch committee (支委会).
  has_committee       boolean NOT NULL DEFAULT false,
  search_text         text NOT NULL DEFAULT '',
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  deleted_at          timestamptz,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX party_org_name_uq ON party_org (name) WHERE deleted_at IS NULL;
CREATE INDEX party_org_area_idx ON party_org (area_code) WHERE deleted_at IS NULL;
CREATE INDEX party_org_parent_idx ON party_org (parent_id);

-- What an organisation covers: single units, or whole buildings (a building or multi-building joint org).
CREATE TABLE party_org_coverage (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  party_org_id bigint NOT NULL REFERENCES party_org (id) ON DELETE CASCADE,
  unit_id      bigint REFERENCES unit (id),
  building_id  bigint REFERENCES building (id),
  CHECK ((unit_id IS NULL) <> (building_id IS NULL))
);
CREATE UNIQUE INDEX coverage_unit_uq ON party_org_coverage (party_org_id, unit_id) WHERE unit_id IS NOT NULL;
CREATE UNIQUE INDEX coverage_building_uq ON party_org_coverage (party_org_id, building_id) WHERE building_id IS NOT NULL;
CREATE INDEX coverage_unit_idx ON party_org_coverage (unit_id);
CREATE INDEX coverage_building_idx ON party_org_coverage (building_id);

-- One row per party member: a person belongs to exactly one organisation.
CREATE TABLE member (
  person_id            bigint PRIMARY KEY REFERENCES person (id),
  party_org_id         bigint NOT NULL REFERENCES party_org (id),
  status               text NOT NULL CHECK (status IN ('formal', 'probationary')),
  joined_on            date,
  relation_transferred boolean NOT NULL DEFAULT true,
  floating             boolean NOT NULL DEFAULT false,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_org_idx ON member (party_org_id);

CREATE TABLE building_chief (
  building_id bigint PRIMARY KEY REFERENCES building (id),
  person_id   bigint REFERENCES person (id),
  unit_id     bigint REFERENCES unit (id),
  since       date,
  version     integer NOT NULL DEFAULT 1,
  CHECK ((person_id IS NULL) <> (unit_id IS NULL))
);

CREATE TABLE station (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('service_station', 'micro_home', 'center', 'life_station')),
  name         text NOT NULL,
  area_code    text NOT NULL REFERENCES area (code),
  building_id  bigint REFERENCES building (id),
  park_id      bigint REFERENCES park (id),
  address      text,
  description  text,
  search_text  text NOT NULL DEFAULT '',
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  deleted_at   timestamptz
);
CREATE INDEX station_building_idx ON station (building_id) WHERE deleted_at IS NULL;
CREATE INDEX station_area_idx ON station (area_code) WHERE deleted_at IS NULL;

-- Every change to a registry row: the row as it was before, so deletes and edits can be traced and undone.
CREATE TABLE row_history (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity     text NOT NULL,
  entity_id  bigint NOT NULL,
  op         text NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore')),
  version    integer NOT NULL,
  before     jsonb,
  account_id bigint REFERENCES account (id) ON DELETE SET NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX row_history_entity_idx ON row_history (entity, entity_id, id);

CREATE TABLE census_snapshot (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_code  text NOT NULL REFERENCES area (code),
  taken_on   date NOT NULL,
  label      text,
  figures    jsonb NOT NULL,
  account_id bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX census_snapshot_area_idx ON census_snapshot (area_code, taken_on);

-- ---------------------------------------------------------------------------------------------------------
-- unit_stat: each unit's party-coverage facts (member counts, own/joint organisation, 党统 category),
-- recomputed by triggers in the same transaction as any change that can move them, so coverage figures are
-- exact and read from one narrow indexed table instead of joins over people.
CREATE TABLE unit_stat (
  unit_id         bigint PRIMARY KEY REFERENCES unit (id),
  area_code       text REFERENCES area (code),
  building_id     bigint,
  kind            text NOT NULL,
  employees       integer,
  operating       boolean NOT NULL,
  formal          integer NOT NULL,
  probationary    integer NOT NULL,
  not_transferred integer NOT NULL,
  own_org         boolean NOT NULL,
  joint_org       boolean NOT NULL,
  instructor_sent boolean NOT NULL,
  -- own | joint | should_have | only_members | no_members   (null when the unit no longer operates)
  category        text
);
CREATE INDEX unit_stat_area_idx ON unit_stat (area_code, category);
CREATE INDEX unit_stat_building_idx ON unit_stat (building_id);

CREATE FUNCTION tx_refresh_unit(p_unit bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  u record;
  v_formal integer;
  v_prob integer;
  v_not_transferred integer;
  v_own boolean;
  v_joint boolean;
  v_category text;
BEGIN
  IF p_unit IS NULL THEN RETURN; END IF;
  SELECT un.id, un.building_id, un.left_on, un.deleted_at, un.instructor_sent, un.area_code, un.kind, un.employees
    INTO u
    FROM unit un
   WHERE un.id = p_unit;
  IF NOT FOUND OR u.deleted_at IS NOT NULL THEN
    DELETE FROM unit_stat WHERE unit_id = p_unit;
    RETURN;
  END IF;
  SELECT count(*) FILTER (WHERE m.status = 'formal'),
         count(*) FILTER (WHERE m.status = 'probationary'),
         count(*) FILTER (WHERE NOT m.relation_transferred)
    INTO v_formal, v_prob, v_not_transferred
    FROM person p JOIN member m ON m.person_id = p.id
   WHERE p.unit_id = p_unit AND p.deleted_at IS NULL;
  SELECT EXISTS (SELECT 1 FROM party_org_coverage c JOIN party_org o ON o.id = c.party_org_id
                  WHERE c.unit_id = p_unit AND o.deleted_at IS NULL AND o.type <> 'joint_branch')
    INTO v_own;
  SELECT EXISTS (SELECT 1 FROM party_org_coverage c JOIN party_org o ON o.id = c.party_org_id
                  WHERE o.deleted_at IS NULL
                    AND ((c.unit_id = p_unit AND o.type = 'joint_branch')
                      OR (u.building_id IS NOT NULL AND c.building_id = u.building_id)))
    INTO v_joint;
  v_category := CASE
    WHEN u.left_on IS NOT NULL THEN NULL
    WHEN v_own THEN 'own'
    WHEN v_joint THEN 'joint'
    WHEN v_formal >= 3 THEN 'should_have'
    WHEN v_formal + v_prob > 0 THEN 'only_members'
    ELSE 'no_members' END;
  INSERT INTO unit_stat (unit_id, area_code, building_id, kind, employees, operating, formal, probationary,
                         not_transferred, own_org, joint_org, instructor_sent, category)
  VALUES (p_unit, u.area_code, u.building_id, u.kind, u.employees, u.left_on IS NULL, v_formal, v_prob,
          v_not_transferred, v_own, v_joint, u.instructor_sent, v_category)
  ON CONFLICT (unit_id) DO UPDATE SET
    area_code = EXCLUDED.area_code, building_id = EXCLUDED.building_id, kind = EXCLUDED.kind,
    employees = EXCLUDED.employees, operating = EXCLUDED.operating,
    formal = EXCLUDED.formal, probationary = EXCLUDED.probationary, not_transferred = EXCLUDED.not_transferred,
    own_org = EXCLUDED.own_org, joint_org = EXCLUDED.joint_org, instructor_sent = EXCLUDED.instructor_sent,
    category = EXCLUDED.category;
END $$;

CREATE FUNCTION tx_refresh_building_units(p_building bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT id FROM unit WHERE building_id = p_building LOOP
    PERFORM tx_refresh_unit(r.id);
  END LOOP;
END $$;

CREATE FUNCTION tx_unit_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tx_refresh_unit(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER unit_stat_on_unit AFTER INSERT OR UPDATE OF building_id, area_code, kind, employees, left_on, deleted_at, instructor_sent ON unit
  FOR EACH ROW EXECUTE FUNCTION tx_unit_changed();


CREATE FUNCTION tx_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM tx_refresh_unit(OLD.unit_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.unit_id IS DISTINCT FROM OLD.unit_id) THEN
    PERFORM tx_refresh_unit(NEW.unit_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER unit_stat_on_person AFTER UPDATE OF unit_id, deleted_at OR DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION tx_person_changed();

CREATE FUNCTION tx_member_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM tx_refresh_unit((SELECT unit_id FROM person WHERE id = OLD.person_id));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM tx_refresh_unit((SELECT unit_id FROM person WHERE id = NEW.person_id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER unit_stat_on_member AFTER INSERT OR UPDATE OR DELETE ON member
  FOR EACH ROW EXECUTE FUNCTION tx_member_changed();

CREATE FUNCTION tx_coverage_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM (SELECT OLD.unit_id AS unit_id, OLD.building_id AS building_id WHERE TG_OP <> 'INSERT'
                          UNION ALL
                          SELECT NEW.unit_id, NEW.building_id WHERE TG_OP <> 'DELETE') x LOOP
    IF r.unit_id IS NOT NULL THEN PERFORM tx_refresh_unit(r.unit_id); END IF;
    IF r.building_id IS NOT NULL THEN PERFORM tx_refresh_building_units(r.building_id); END IF;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER unit_stat_on_coverage AFTER INSERT OR UPDATE OR DELETE ON party_org_coverage
  FOR EACH ROW EXECUTE FUNCTION tx_coverage_changed();

CREATE FUNCTION tx_party_org_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT unit_id, building_id FROM party_org_coverage WHERE party_org_id = NEW.id LOOP
    IF r.unit_id IS NOT NULL THEN PERFORM tx_refresh_unit(r.unit_id); END IF;
    IF r.building_id IS NOT NULL THEN PERFORM tx_refresh_building_units(r.building_id); END IF;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER unit_stat_on_party_org AFTER UPDATE OF type, deleted_at ON party_org
  FOR EACH ROW EXECUTE FUNCTION tx_party_org_changed();
