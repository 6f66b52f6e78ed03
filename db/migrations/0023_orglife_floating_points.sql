-- Organisational life: floating members (流动党员) registered where they take part, and the participation
-- ledger's rules (党员积分).

-- in (流入): someone whose relation is elsewhere (another organisation here, or one outside the platform) takes
-- part in this organisation's life; out (流出): a member of this organisation away for long, registered here
-- with where they went. The statistics keep counting a member where their relation is.
CREATE TABLE orglife_floating (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id      bigint NOT NULL REFERENCES person (id),
  direction      text NOT NULL CHECK (direction IN ('in', 'out')),
  party_org_id   bigint NOT NULL REFERENCES party_org (id),
  home_org_id    bigint REFERENCES party_org (id),
  home_org_name  text,
  destination    text,
  contact        text,
  reason         text,
  since          date NOT NULL,
  until          date,
  ended_on       date,
  created_by     bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK (until IS NULL OR until >= since),
  CHECK (ended_on IS NULL OR ended_on >= since),
  CHECK (direction <> 'in' OR home_org_id IS NOT NULL OR home_org_name IS NOT NULL),
  CHECK (direction <> 'out' OR destination IS NOT NULL)
);
CREATE UNIQUE INDEX orglife_floating_open_uq ON orglife_floating (person_id, direction) WHERE ended_on IS NULL;
CREATE INDEX orglife_floating_org_idx ON orglife_floating (party_org_id) WHERE ended_on IS NULL;

-- How many points each kind of participation earns (an administrator sets them). Points are computed from the
-- rows they count (attendance, lectures checked in, verified volunteer hours, patrols) when read, so a rule
-- change applies to the whole ledger at once. Encouragement only: no ranking across organisations.
CREATE TABLE orglife_points_rule (
  source     text PRIMARY KEY CHECK (source IN ('meeting', 'lecture', 'volunteer', 'patrol')),
  points     integer NOT NULL CHECK (points BETWEEN 0 AND 100),
  -- each: per meeting, lecture or patrol day; hour: per verified volunteer hour
  unit       text NOT NULL CHECK (unit IN ('each', 'hour')),
  active     boolean NOT NULL DEFAULT true,
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'volunteer') = (unit = 'hour'))
);
INSERT INTO orglife_points_rule (source, points, unit) VALUES
  ('meeting', 2, 'each'), ('lecture', 3, 'each'), ('volunteer', 2, 'hour'), ('patrol', 2, 'each');
