-- Enterprise services: custom unit fields, the policy library with eligibility rules, incubators and their
-- incubatees, the 24-hour desk (per-street period, park service teams, desk items that are exchange needs),
-- and 一企一品 party-building brands with the street's assessments.

-- Facts about units the registry does not keep (营收规模, 高新技术企业 ...): defined once, set per unit.
CREATE TABLE unit_field (
  key       text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{1,40}$'),
  label_zh  text NOT NULL,
  label_en  text NOT NULL,
  type      text NOT NULL CHECK (type IN ('string', 'enum', 'number', 'date', 'boolean')),
  -- Enum options: [{value, zh, en}]
  options   jsonb NOT NULL DEFAULT '[]',
  unit_zh   text,
  unit_en   text
);

CREATE TABLE unit_attribute (
  unit_id    bigint NOT NULL REFERENCES unit (id),
  field_key  text NOT NULL REFERENCES unit_field (key),
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, field_key)
);
CREATE INDEX unit_attribute_field_idx ON unit_attribute (field_key);

CREATE TABLE policy (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The issuing level's area: the policy applies to units inside it, and its staff keep it.
  area_code   text NOT NULL REFERENCES area (code),
  title       text NOT NULL,
  issuer      text NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date,
  benefit     text NOT NULL,
  documents   text[] NOT NULL DEFAULT '{}',
  -- The eligibility rule (and/or/not over unit fields); validated by the service before it is stored.
  rule        jsonb NOT NULL,
  status      text NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'archived')),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX policy_area_idx ON policy (area_code) WHERE deleted_at IS NULL;

-- Units told about a policy they qualify for, so "notify them" twice does not notify twice.
CREATE TABLE policy_notice (
  policy_id   bigint NOT NULL REFERENCES policy (id),
  unit_id     bigint NOT NULL REFERENCES unit (id),
  notified_at timestamptz NOT NULL,
  PRIMARY KEY (policy_id, unit_id)
);

CREATE TABLE incubator (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  area_code   text NOT NULL REFERENCES area (code),
  park_id     bigint REFERENCES park (id),
  -- The unit that runs the platform, if it is registered.
  operator_unit_id bigint REFERENCES unit (id),
  opened_on   date,
  capacity    integer CHECK (capacity > 0),
  description text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE incubatee (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incubator_id bigint NOT NULL REFERENCES incubator (id),
  unit_id      bigint NOT NULL REFERENCES unit (id),
  entered_on   date NOT NULL,
  exited_on    date,
  status       text NOT NULL DEFAULT 'incubating' CHECK (status IN ('incubating', 'graduated', 'left')),
  note         text,
  version      integer NOT NULL DEFAULT 1,
  CHECK ((status = 'incubating') = (exited_on IS NULL)),
  CHECK (exited_on IS NULL OR exited_on >= entered_on)
);
-- A firm is in at most one incubator at a time.
CREATE UNIQUE INDEX incubatee_current_uq ON incubatee (unit_id) WHERE status = 'incubating';
CREATE INDEX incubatee_incubator_idx ON incubatee (incubator_id, entered_on);

CREATE TABLE incubator_service (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incubatee_id bigint NOT NULL REFERENCES incubatee (id),
  served_on    date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('policy', 'finance', 'legal', 'training', 'space', 'market', 'other')),
  description  text NOT NULL,
  provider_unit_id bigint REFERENCES unit (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incubator_service_incubatee_idx ON incubator_service (incubatee_id);

-- The 24-hour desk: how recently a unit must have settled to count as new, per street (the exchange's
-- own cut-off is the upper bound).
CREATE TABLE desk_setting (
  area_code           text PRIMARY KEY REFERENCES area (code),
  newly_settled_days  integer NOT NULL CHECK (newly_settled_days BETWEEN 1 AND 180),
  version             integer NOT NULL DEFAULT 1,
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- A park's service team: the provider units that answer its new firms.
CREATE TABLE service_team (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  park_id          bigint NOT NULL REFERENCES park (id),
  provider_unit_id bigint NOT NULL REFERENCES unit (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (park_id, provider_unit_id)
);

-- A desk item is an exchange need (the workflow and SLA are the exchange's) plus where the desk routed it.
CREATE TABLE desk_item (
  need_id    bigint PRIMARY KEY REFERENCES need (id),
  unit_id    bigint NOT NULL REFERENCES unit (id),
  park_id    bigint REFERENCES park (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX desk_item_park_idx ON desk_item (park_id);

-- 一企一品: one brand per party organisation.
CREATE TABLE brand (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  party_org_id    bigint NOT NULL REFERENCES party_org (id),
  name            text NOT NULL,
  slogan          text,
  story           text NOT NULL,
  -- [{title, on, description}]
  activities      jsonb NOT NULL DEFAULT '[]',
  volunteer_team  text,
  volunteer_count integer CHECK (volunteer_count >= 0),
  published       boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX brand_org_uq ON brand (party_org_id);

CREATE TABLE brand_assessment (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  brand_id    bigint NOT NULL REFERENCES brand (id),
  assessed_on date NOT NULL,
  -- [{criterion, score, max}]
  scores      jsonb NOT NULL,
  total       integer NOT NULL,
  max_total   integer NOT NULL,
  comment     text,
  account_id  bigint REFERENCES account (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX brand_assessment_brand_idx ON brand_assessment (brand_id, assessed_on);

INSERT INTO unit_field (key, label_zh, label_en, type, options, unit_zh, unit_en) VALUES
  ('revenue_band', '上年营业收入', 'last year''s revenue', 'enum',
   '[{"value":"lt_5m","zh":"500万元以下","en":"under ¥5m"},{"value":"5m_20m","zh":"500万–2000万元","en":"¥5m–20m"},{"value":"20m_100m","zh":"2000万–1亿元","en":"¥20m–100m"},{"value":"gte_100m","zh":"1亿元及以上","en":"¥100m and more"}]',
   NULL, NULL),
  ('high_tech', '高新技术企业', 'certified high-tech firm', 'boolean', '[]', NULL, NULL),
  ('rd_ratio', '研发投入占比', 'R&D share of revenue', 'number', '[]', '%', '%'),
  ('social_insured', '缴纳社保人数', 'staff with social insurance', 'number', '[]', '人', '');
