-- Exchange: the building party-building alliance, its three lists (offerings, modelled on Open Referral
-- HSDS), needs taken as orders (modelled on Open311 GeoReport v2) with an SLA clock, and notifications.

-- A managed taxonomy shared by offerings and needs; each need category carries its SLA.
CREATE TABLE service_category (
  code                 text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_.]{1,40}$'),
  name_zh              text NOT NULL,
  name_en              text NOT NULL,
  parent_code          text REFERENCES service_category (code),
  -- Hours from submission to the first response (accepted) and to delivery.
  first_response_hours integer NOT NULL CHECK (first_response_hours > 0),
  resolution_hours     integer NOT NULL CHECK (resolution_hours > 0),
  -- Only newly settled units may post needs of this category (the 24-hour desk).
  new_enterprise_only  boolean NOT NULL DEFAULT false,
  active               boolean NOT NULL DEFAULT true
);

CREATE TABLE alliance (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  area_code   text NOT NULL REFERENCES area (code),
  founded_on  date,
  description text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);

-- Members are units (firms, social organisations, agencies) or whole buildings.
CREATE TABLE alliance_member (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alliance_id bigint NOT NULL REFERENCES alliance (id),
  unit_id     bigint REFERENCES unit (id),
  building_id bigint REFERENCES building (id),
  role        text NOT NULL CHECK (role IN ('lead', 'coordinating', 'member')),
  joined_on   date,
  left_on     date,
  CHECK ((unit_id IS NULL) <> (building_id IS NULL))
);
CREATE UNIQUE INDEX alliance_member_unit_uq ON alliance_member (alliance_id, unit_id) WHERE unit_id IS NOT NULL AND left_on IS NULL;
CREATE UNIQUE INDEX alliance_member_building_uq ON alliance_member (alliance_id, building_id) WHERE building_id IS NOT NULL AND left_on IS NULL;

CREATE TABLE offering (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider_unit_id   bigint NOT NULL REFERENCES unit (id),
  alliance_id        bigint REFERENCES alliance (id),
  list               text NOT NULL CHECK (list IN ('service', 'resource', 'activity')),
  category_code      text NOT NULL REFERENCES service_category (code),
  name               text NOT NULL,
  description        text,
  -- Where: areas served (area codes), and optionally stations and buildings it is delivered at.
  area_codes         text[] NOT NULL DEFAULT '{}',
  -- integer[] rather than bigint[]: both drivers hand these back as numbers, and ids stay far below 2^31.
  station_ids        integer[] NOT NULL DEFAULT '{}',
  building_ids       integer[] NOT NULL DEFAULT '{}',
  -- When: opening hours as [{day: 1-7, opens: 'HH:MM', closes: 'HH:MM'}] or a free-text schedule.
  schedule           jsonb NOT NULL DEFAULT '[]',
  schedule_note      text,
  -- Who may use it: {audiences: [...], unitKinds: [...], newlySettledWithinDays: n, areaCodes: [...]}.
  eligibility        jsonb NOT NULL DEFAULT '{}',
  capacity_concurrent integer CHECK (capacity_concurrent > 0),
  capacity_per_month integer CHECK (capacity_per_month > 0),
  contact_name       text,
  contact_phone      text,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'ended')),
  last_verified_on   date,
  search_text        text NOT NULL DEFAULT '',
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  deleted_at         timestamptz
);
CREATE INDEX offering_provider_idx ON offering (provider_unit_id) WHERE deleted_at IS NULL;
CREATE INDEX offering_alliance_idx ON offering (alliance_id, list) WHERE deleted_at IS NULL;
CREATE INDEX offering_search_idx ON offering USING gin (search_text gin_trgm_ops);

CREATE TABLE need (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category_code          text NOT NULL REFERENCES service_category (code),
  description            text NOT NULL,
  area_code              text NOT NULL REFERENCES area (code),
  building_id            bigint REFERENCES building (id),
  floor                  integer,
  address                text,
  lat                    double precision,
  lng                    double precision,
  requester_account_id   bigint REFERENCES account (id),
  requester_person_id    bigint REFERENCES person (id),
  requester_unit_id      bigint REFERENCES unit (id),
  contact_name           text,
  contact_phone          text,
  -- Open311 status (open | closed) is derived from the detailed state.
  state                  text NOT NULL DEFAULT 'submitted'
                         CHECK (state IN ('submitted', 'accepted', 'in_progress', 'delivered', 'closed',
                                          'rejected', 'duplicate', 'reopened')),
  provider_unit_id       bigint REFERENCES unit (id),
  offering_id            bigint REFERENCES offering (id),
  duplicate_of           bigint REFERENCES need (id),
  submitted_at           timestamptz NOT NULL,
  first_response_due_at  timestamptz NOT NULL,
  resolution_due_at      timestamptz NOT NULL,
  accepted_at            timestamptz,
  delivered_at           timestamptz,
  closed_at              timestamptz,
  -- Set once, by whichever app instance escalates first.
  escalated_at           timestamptz,
  rating                 integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment         text,
  version                integer NOT NULL DEFAULT 1,
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX need_state_idx ON need (state, first_response_due_at);
CREATE INDEX need_area_idx ON need (area_code, id);
CREATE INDEX need_provider_idx ON need (provider_unit_id, state);
CREATE INDEX need_requester_idx ON need (requester_account_id, id);

-- Every state change of a need, in order: the "my needs" timeline and the audit of the workflow.
CREATE TABLE need_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  need_id     bigint NOT NULL REFERENCES need (id),
  from_state  text,
  to_state    text NOT NULL,
  account_id  bigint REFERENCES account (id),
  note        text,
  at          timestamptz NOT NULL
);
CREATE INDEX need_event_need_idx ON need_event (need_id, id);

CREATE TABLE need_attachment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  need_id      bigint NOT NULL REFERENCES need (id),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes   integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  sha256       text NOT NULL,
  data         bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX need_attachment_need_idx ON need_attachment (need_id);

-- Messages to people or to the staff of an area (e.g. an overdue need escalated to its street).
CREATE TABLE notification (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint REFERENCES account (id),
  area_code  text REFERENCES area (code),
  role       text,
  kind       text NOT NULL,
  title      text NOT NULL,
  body       text,
  entity     text,
  entity_id  bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz,
  CHECK (account_id IS NOT NULL OR area_code IS NOT NULL)
);
CREATE INDEX notification_account_idx ON notification (account_id, id);
CREATE INDEX notification_area_idx ON notification (area_code, id);
-- One escalation notice per need, even if two instances race past the escalated_at check.
CREATE UNIQUE INDEX notification_escalation_uq ON notification (entity_id) WHERE kind = 'need.escalated';

-- The starting taxonomy; staff manage it from here on. Hours are the service promise of each kind.
INSERT INTO service_category (code, name_zh, name_en, parent_code, first_response_hours, resolution_hours, new_enterprise_only) VALUES
  ('enterprise', '企业服务', 'Enterprise services', NULL, 48, 240, false),
  ('enterprise.settling', '新落户企业服务（24小时护航）', 'Newly settled enterprise desk (24 h)', 'enterprise', 24, 120, true),
  ('enterprise.policy', '政策咨询与申报', 'Policy advice and applications', 'enterprise', 48, 240, false),
  ('enterprise.incubation', '孵化与创业服务', 'Incubation and start-up services', 'enterprise', 48, 336, false),
  ('enterprise.equipment', '仪器设备与技术共享', 'Shared instruments and technology', 'enterprise', 72, 336, false),
  ('community', '社区服务', 'Community services', NULL, 48, 168, false),
  ('community.elderly', '为老服务', 'Services for the elderly', 'community', 24, 168, false),
  ('community.culture', '文体活动', 'Culture and sports', 'community', 72, 336, false),
  ('community.education', '教育培训', 'Education and training', 'community', 72, 336, false),
  ('community.childcare', '亲子与育儿', 'Parenting and childcare', 'community', 72, 336, false),
  ('community.health', '医疗健康', 'Health', 'community', 24, 168, false),
  ('community.legal', '法律服务', 'Legal aid', 'community', 48, 240, false),
  ('community.environment', '环保与垃圾分类', 'Environment and waste sorting', 'community', 72, 336, false),
  ('workers', '职工服务', 'Services for office workers', NULL, 48, 168, false),
  ('workers.wellbeing', '白领身心健康', 'Office workers'' wellbeing', 'workers', 72, 336, false),
  ('workers.life', '生活服务', 'Daily-life services', 'workers', 48, 168, false),
  ('party', '党建服务', 'Party-building services', NULL, 72, 336, false),
  ('party.lecture', '党课与学习', 'Party lectures and study', 'party', 72, 336, false),
  ('party.venue', '阵地与场地', 'Venues and rooms', 'party', 48, 168, false),
  ('volunteer', '志愿服务', 'Volunteering', NULL, 72, 336, false);
