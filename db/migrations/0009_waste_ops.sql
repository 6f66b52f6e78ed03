-- Waste sorting in office buildings beyond the lookup: floor patrols, the street's rules for floor stars and
-- demonstration buildings, the monthly dual assessment (property manager and tenants), and designations.

-- One row per street that set its own rules; streets without a row use the defaults in the code (stars.ts).
CREATE TABLE waste_street_rule (
  area_code        text PRIMARY KEY REFERENCES area (code),
  -- Stars come from the share of bags sorted right over a floor's last `star_window` patrols.
  star_window      integer NOT NULL DEFAULT 4 CHECK (star_window BETWEEN 1 AND 20),
  -- Lowest share (0..1) for 1, 2, 3, 4 and 5 stars, never decreasing.
  star_thresholds  numeric[] NOT NULL CHECK (cardinality(star_thresholds) = 5),
  -- Demonstration building: this many consecutive months with both assessments at or above `demo_min_score`
  -- and every patrolled floor at `demo_min_stars` or more.
  demo_months      integer NOT NULL DEFAULT 3 CHECK (demo_months BETWEEN 1 AND 12),
  demo_min_score   numeric NOT NULL DEFAULT 85 CHECK (demo_min_score BETWEEN 0 AND 100),
  demo_min_stars   integer NOT NULL DEFAULT 4 CHECK (demo_min_stars BETWEEN 1 AND 5),
  version          integer NOT NULL DEFAULT 1,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       bigint REFERENCES account (id) ON DELETE SET NULL
);

-- A patrol route: the floors of one building in the order volunteers walk them, and who leads it (the only
-- volunteer, besides staff, who may correct its records).
CREATE TABLE waste_patrol_route (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  building_id     bigint NOT NULL REFERENCES building (id),
  name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 60),
  floors          integer[] NOT NULL CHECK (cardinality(floors) BETWEEN 1 AND 200),
  lead_account_id bigint REFERENCES account (id) ON DELETE SET NULL,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  deleted_at      timestamptz
);
CREATE INDEX waste_patrol_route_building ON waste_patrol_route (building_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX waste_patrol_route_name_uq ON waste_patrol_route (building_id, name) WHERE deleted_at IS NULL;

-- What a volunteer saw on one floor on one day. `mistakes` counts wrongly sorted bags by the category of the
-- waste that was in the wrong place ({"wet": 2, "hazardous": 1}).
CREATE TABLE waste_patrol (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  route_id     bigint NOT NULL REFERENCES waste_patrol_route (id),
  building_id  bigint NOT NULL REFERENCES building (id),
  floor        integer NOT NULL,
  patrol_date  date NOT NULL,
  bags_checked integer NOT NULL CHECK (bags_checked BETWEEN 0 AND 1000),
  bags_right   integer NOT NULL CHECK (bags_right >= 0 AND bags_right <= bags_checked),
  mistakes     jsonb NOT NULL DEFAULT '{}',
  note         text CHECK (length(note) <= 500),
  recorded_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   bigint REFERENCES account (id) ON DELETE SET NULL,
  -- One record per floor per day on a route: a second one is a correction, not a new patrol.
  UNIQUE (route_id, floor, patrol_date)
);
CREATE INDEX waste_patrol_floor ON waste_patrol (building_id, floor, patrol_date DESC);

-- At most one photo per record, checked by its bytes' signature; kept apart so lists never load it.
CREATE TABLE waste_patrol_photo (
  patrol_id    bigint PRIMARY KEY REFERENCES waste_patrol (id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes   integer NOT NULL,
  sha256       text NOT NULL,
  data         bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Every correction keeps what the record said before.
CREATE TABLE waste_patrol_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  patrol_id   bigint NOT NULL REFERENCES waste_patrol (id) ON DELETE CASCADE,
  version     integer NOT NULL,
  before      jsonb NOT NULL,
  reason      text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 200),
  changed_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX waste_patrol_history_patrol ON waste_patrol_history (patrol_id, id);

-- The monthly dual assessment: the property manager and the tenants of a building, scored separately.
-- `scores` holds one entry per criterion: {"criterion": "bins", "score": 90, "evidence": "..."}.
CREATE TABLE waste_assessment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  building_id  bigint NOT NULL REFERENCES building (id),
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  party        text NOT NULL CHECK (party IN ('property', 'tenants')),
  scores       jsonb NOT NULL,
  total        numeric(5, 2) NOT NULL CHECK (total BETWEEN 0 AND 100),
  assessed_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  assessed_at  timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1,
  UNIQUE (building_id, month, party)
);

CREATE TABLE waste_assessment_history (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id bigint NOT NULL REFERENCES waste_assessment (id) ON DELETE CASCADE,
  version       integer NOT NULL,
  before        jsonb NOT NULL,
  changed_by    bigint REFERENCES account (id) ON DELETE SET NULL,
  changed_at    timestamptz NOT NULL DEFAULT now()
);

-- 垃圾分类示范楼: designated by street staff on a date; revoked (kept, with reason) when criteria lapse.
CREATE TABLE waste_demo_building (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  building_id    bigint NOT NULL REFERENCES building (id),
  designated_on  date NOT NULL,
  designated_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  note           text CHECK (length(note) <= 200),
  revoked_on     date,
  revoked_by     bigint REFERENCES account (id) ON DELETE SET NULL,
  revoke_reason  text CHECK (length(revoke_reason) <= 200),
  CHECK (revoked_on IS NULL OR revoked_on >= designated_on)
);
-- At most one standing designation per building.
CREATE UNIQUE INDEX waste_demo_building_current ON waste_demo_building (building_id) WHERE revoked_on IS NULL;
