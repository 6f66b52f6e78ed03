-- Census visits (微信扫楼, joint visits with the economic departments) and the freshness of 五个清.
-- A visit records what was found for each of the five parts; a part a visit verified moves that building's
-- census_part_check row forward, in the same transaction as the visit. The freshness figures read that table
-- (at most five rows per building) instead of the visits, so their cost does not grow with the visit history.

CREATE TABLE census_visit (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  building_id  bigint NOT NULL REFERENCES building (id),
  visited_on   date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('wechat', 'joint', 'onsite')),
  department   text,          -- the economic department of a joint visit (经济条线), free text
  visitors     text,          -- who went along besides the recorder, as written
  note         text,
  recorded_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX census_visit_building_idx ON census_visit (building_id, visited_on DESC, id DESC);

-- One row per part the visit looked at; verified = the part was checked against what is on site.
CREATE TABLE census_visit_finding (
  visit_id  bigint NOT NULL REFERENCES census_visit (id) ON DELETE CASCADE,
  part      text NOT NULL CHECK (part IN ('building', 'units', 'orgs', 'members', 'stations')),
  verified  boolean NOT NULL,
  note      text,
  PRIMARY KEY (visit_id, part)
);

CREATE TABLE census_visit_photo (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  visit_id     bigint NOT NULL REFERENCES census_visit (id) ON DELETE CASCADE,
  content_type text NOT NULL,
  size_bytes   integer NOT NULL,
  sha256       text NOT NULL,
  data         bytea NOT NULL,
  uploaded_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX census_visit_photo_visit_idx ON census_visit_photo (visit_id);

CREATE TABLE census_followup (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  visit_id     bigint NOT NULL REFERENCES census_visit (id) ON DELETE CASCADE,
  building_id  bigint NOT NULL REFERENCES building (id),
  text         text NOT NULL,
  due_on       date NOT NULL,
  done_on      date,
  done_by      bigint REFERENCES account (id) ON DELETE SET NULL,
  version      integer NOT NULL DEFAULT 1
);
CREATE INDEX census_followup_open_idx ON census_followup (building_id, due_on) WHERE done_on IS NULL;

-- The last verification of each part of each building. A later visit moves it forward; an earlier one
-- (recorded late) leaves it as it is.
CREATE TABLE census_part_check (
  building_id  bigint NOT NULL REFERENCES building (id),
  part         text NOT NULL CHECK (part IN ('building', 'units', 'orgs', 'members', 'stations')),
  verified_on  date NOT NULL,
  verified_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  visit_id     bigint NOT NULL REFERENCES census_visit (id),
  PRIMARY KEY (building_id, part)
);
CREATE INDEX census_part_check_on_idx ON census_part_check (verified_on);
