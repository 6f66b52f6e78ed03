-- Matchmaking rounds (相亲会): staff pair providers (units, e.g. social organisations) with targets
-- (communities, buildings or open needs) for the best total fit; confirmed pairs become agreements with
-- follow-up dates. The solver is pure code (server/src/modules/exchange/matching); these tables keep a
-- round's input, its current proposal, and what the confirmation produced.

CREATE TABLE matching_round (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_code          text NOT NULL REFERENCES area (code),
  name               text NOT NULL,
  state              text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'proposed', 'confirmed', 'closed')),
  -- Solver options staff chose: {areaReach: 'same' | 'adjacent' | 'any'}.
  options            jsonb NOT NULL DEFAULT '{}',
  -- The latest solution ({pairs, totalFit, greedyFit, unassignedTargets, providerLoad, stats}); kept while
  -- the input is edited again so the screen can show it as stale.
  proposal           jsonb,
  -- The pairs of the solution before the latest one: what a re-solve changed.
  previous_pairs     jsonb,
  -- The round's version the proposal was computed from; a proposal is current only while they match.
  proposal_version   integer,
  solved_at          timestamptz,
  -- Large rounds are solved by a background job: queued → running (claimed by one instance) → idle.
  solve_status       text NOT NULL DEFAULT 'idle' CHECK (solve_status IN ('idle', 'queued', 'running', 'failed')),
  solve_claimed_at   timestamptz,
  solve_error        jsonb,
  confirmed_on       date,
  confirmed_by       bigint REFERENCES account (id),
  created_by         bigint REFERENCES account (id),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX matching_round_area_idx ON matching_round (area_code, id);
CREATE INDEX matching_round_solve_idx ON matching_round (solve_status) WHERE solve_status IN ('queued', 'running');

CREATE TABLE matching_provider (
  round_id   bigint NOT NULL REFERENCES matching_round (id) ON DELETE CASCADE,
  unit_id    bigint NOT NULL REFERENCES unit (id),
  capacity   integer NOT NULL CHECK (capacity >= 0),
  categories text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (round_id, unit_id)
);

-- A target's key names what it is: 'area:310120003201', 'building:7' or 'need:42'.
CREATE TABLE matching_target (
  round_id    bigint NOT NULL REFERENCES matching_round (id) ON DELETE CASCADE,
  target_key  text NOT NULL CHECK (target_key ~ '^(area|building|need):[0-9]+$'),
  kind        text NOT NULL CHECK (kind IN ('community', 'building', 'need')),
  area_code   text NOT NULL REFERENCES area (code),
  building_id bigint REFERENCES building (id),
  need_id     bigint REFERENCES need (id),
  name        text NOT NULL,
  demand      integer NOT NULL DEFAULT 1 CHECK (demand >= 0),
  -- [{category, weight}]
  wants       jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (round_id, target_key)
);

-- Ranked choices from either side (rank 1 = first choice).
CREATE TABLE matching_preference (
  round_id   bigint NOT NULL,
  side       text NOT NULL CHECK (side IN ('provider', 'target')),
  unit_id    bigint NOT NULL,
  target_key text NOT NULL,
  rank       integer NOT NULL CHECK (rank BETWEEN 1 AND 20),
  PRIMARY KEY (round_id, side, unit_id, target_key),
  FOREIGN KEY (round_id, unit_id) REFERENCES matching_provider (round_id, unit_id) ON DELETE CASCADE,
  FOREIGN KEY (round_id, target_key) REFERENCES matching_target (round_id, target_key) ON DELETE CASCADE
);

CREATE TABLE matching_pin (
  round_id   bigint NOT NULL,
  unit_id    bigint NOT NULL,
  target_key text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('pin', 'forbid')),
  override   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (round_id, unit_id, target_key),
  FOREIGN KEY (round_id, unit_id) REFERENCES matching_provider (round_id, unit_id) ON DELETE CASCADE,
  FOREIGN KEY (round_id, target_key) REFERENCES matching_target (round_id, target_key) ON DELETE CASCADE
);

-- A confirmed pair: this provider serves this target from confirmed_on, with follow-ups.
CREATE TABLE matching_agreement (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  round_id     bigint NOT NULL REFERENCES matching_round (id),
  unit_id      bigint NOT NULL REFERENCES unit (id),
  target_key   text NOT NULL,
  target_name  text NOT NULL,
  area_code    text NOT NULL REFERENCES area (code),
  score        integer NOT NULL,
  reasons      jsonb NOT NULL DEFAULT '[]',
  confirmed_on date NOT NULL,
  UNIQUE (round_id, unit_id, target_key)
);
CREATE INDEX matching_agreement_unit_idx ON matching_agreement (unit_id);

CREATE TABLE matching_follow_up (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agreement_id bigint NOT NULL REFERENCES matching_agreement (id),
  due_on       date NOT NULL,
  done_at      timestamptz,
  done_by      bigint REFERENCES account (id),
  note         text,
  version      integer NOT NULL DEFAULT 1,
  UNIQUE (agreement_id, due_on)
);
