-- Each member's place for the coverage figures, kept on the member row by triggers: the area and building
-- of their live unit (or their organisation's area when they have none), their birth date, and whether
-- they count (alive, and their unit has not left). Member figures then read one indexed table instead of
-- joining a million people on every request.

ALTER TABLE member
  ADD COLUMN area_code   text,
  ADD COLUMN building_id bigint,
  ADD COLUMN birth_date  date,
  ADD COLUMN counted     boolean NOT NULL DEFAULT false;

CREATE FUNCTION tx_place_member() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_person_unit bigint;
  v_birth date;
  v_person_deleted timestamptz;
  v_unit_area text;
  v_unit_building bigint;
  v_unit_left date;
  v_unit_found boolean := false;
  v_org_area text;
BEGIN
  SELECT unit_id, birth_date, deleted_at INTO v_person_unit, v_birth, v_person_deleted
    FROM person WHERE id = NEW.person_id;
  IF v_person_unit IS NOT NULL THEN
    SELECT area_code, building_id, left_on INTO v_unit_area, v_unit_building, v_unit_left
      FROM unit WHERE id = v_person_unit AND deleted_at IS NULL;
    v_unit_found := FOUND;
  END IF;
  SELECT area_code INTO v_org_area FROM party_org WHERE id = NEW.party_org_id;
  NEW.birth_date := v_birth;
  IF v_unit_found THEN
    NEW.area_code := v_unit_area;
    NEW.building_id := v_unit_building;
    NEW.counted := v_person_deleted IS NULL AND v_unit_left IS NULL;
  ELSE
    NEW.area_code := v_org_area;
    NEW.building_id := NULL;
    NEW.counted := v_person_deleted IS NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER member_place BEFORE INSERT OR UPDATE ON member
  FOR EACH ROW EXECUTE FUNCTION tx_place_member();

-- When a person, unit or organisation changes, re-place the members it affects (a no-op update fires the
-- BEFORE trigger above).
CREATE FUNCTION tx_replace_members_of_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE member SET version = version WHERE person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER member_place_on_person AFTER UPDATE OF unit_id, birth_date, deleted_at ON person
  FOR EACH ROW EXECUTE FUNCTION tx_replace_members_of_person();

CREATE FUNCTION tx_replace_members_of_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE member SET version = version WHERE person_id IN (SELECT id FROM person WHERE unit_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER member_place_on_unit AFTER UPDATE OF area_code, building_id, left_on, deleted_at ON unit
  FOR EACH ROW EXECUTE FUNCTION tx_replace_members_of_unit();

CREATE FUNCTION tx_replace_members_of_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE member SET version = version WHERE party_org_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER member_place_on_org AFTER UPDATE OF area_code ON party_org
  FOR EACH ROW EXECUTE FUNCTION tx_replace_members_of_org();

UPDATE member SET version = version;

CREATE INDEX member_place_idx ON member (area_code, birth_date) WHERE counted;
CREATE INDEX member_place_building_idx ON member (building_id) WHERE counted;
