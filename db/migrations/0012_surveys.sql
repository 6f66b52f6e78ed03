-- Surveys (questionnaires and their responses), the service projects designed from their findings, and
-- short audio/text items reached by QR code ("扫码听红音"). See docs/surveys.md.

CREATE TABLE survey (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Public link and QR code name the survey by this random slug, not by its sequential id.
  slug               text NOT NULL UNIQUE CHECK (slug ~ '^[A-Za-z0-9_-]{8,32}$'),
  area_code          text NOT NULL REFERENCES area (code),
  title              text NOT NULL,
  description        text NOT NULL DEFAULT '',
  anonymous          boolean NOT NULL,
  audience_kind      text NOT NULL CHECK (audience_kind IN ('area_workers', 'area_residents', 'buildings', 'orgs')),
  audience_ids       bigint[] NOT NULL DEFAULT '{}',
  -- The questionnaire (validated by the service before it is stored): [{key, type, title, required, …}].
  questions          jsonb NOT NULL,
  opens_at           timestamptz NOT NULL,
  closes_at          timestamptz NOT NULL,
  created_by         bigint REFERENCES account (id) ON DELETE SET NULL,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_at > opens_at)
);
CREATE INDEX survey_area_idx ON survey (area_code, id);

-- One row per respondent. Identified: the account (one response per person by the unique index). Anonymous:
-- only an HMAC of a random device token kept in the answering browser's cookie (one per device) — no IP, no
-- user agent, no account. The respondent attributes used by the cross-tabs are copied at answer time from the
-- registry (identified) or from the questions tagged as attributes (anonymous), so later registry changes do
-- not rewrite a closed survey's figures.
CREATE TABLE survey_response (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  survey_id    bigint NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  account_id   bigint REFERENCES account (id) ON DELETE SET NULL,
  device_hash  text,
  answers      jsonb NOT NULL,
  area_code    text,         -- an area code from the registry, or the option key of the area question
  building     text,         -- a building id from the registry, or the option key of the building question
  unit_kind    text,
  age_band     text,
  submitted_at timestamptz NOT NULL,
  CHECK ((account_id IS NULL) OR (device_hash IS NULL))
);
CREATE UNIQUE INDEX survey_response_account_uq ON survey_response (survey_id, account_id)
  WHERE account_id IS NOT NULL;
CREATE UNIQUE INDEX survey_response_device_uq ON survey_response (survey_id, device_hash)
  WHERE device_hash IS NOT NULL;
CREATE INDEX survey_response_survey_idx ON survey_response (survey_id, id);

CREATE TABLE service_project (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_code   text NOT NULL REFERENCES area (code),
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  status      text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'finished')),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_project_area_idx ON service_project (area_code, id);

-- A finding the project answers: a question of a survey, optionally narrowed to one option or one free-text
-- theme (a segmented term), with the share that made it a finding written down by staff.
CREATE TABLE service_project_finding (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id   bigint NOT NULL REFERENCES service_project (id) ON DELETE CASCADE,
  survey_id    bigint NOT NULL REFERENCES survey (id),
  question_key text NOT NULL,
  option_key   text,
  theme        text,
  note         text NOT NULL DEFAULT ''
);
CREATE INDEX service_project_finding_project_idx ON service_project_finding (project_id);
CREATE INDEX service_project_finding_survey_idx ON service_project_finding (survey_id);

CREATE TABLE service_project_offering (
  project_id  bigint NOT NULL REFERENCES service_project (id) ON DELETE CASCADE,
  offering_id bigint NOT NULL REFERENCES offering (id),
  PRIMARY KEY (project_id, offering_id)
);

-- Event ids are plain numbers for now: the events module's table is built in parallel; a later migration adds
-- the foreign key to it (documented in docs/surveys.md).
CREATE TABLE service_project_event (
  project_id bigint NOT NULL REFERENCES service_project (id) ON DELETE CASCADE,
  event_id   bigint NOT NULL,
  PRIMARY KEY (project_id, event_id)
);

-- Results recorded on the project: a session held, how many took part, their average rating.
CREATE TABLE service_project_result (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id   bigint NOT NULL REFERENCES service_project (id) ON DELETE CASCADE,
  held_on      date NOT NULL,
  title        text NOT NULL,
  participants integer NOT NULL CHECK (participants >= 0),
  rating_avg   numeric(3, 2) CHECK (rating_avg BETWEEN 1 AND 5),
  rating_count integer NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
  recorded_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_project_result_project_idx ON service_project_result (project_id, held_on);

-- "扫码听红音": a short audio clip or a text, each with a public page reached by its QR code.
CREATE TABLE qr_content (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[A-Za-z0-9_-]{8,32}$'),
  area_code   text NOT NULL REFERENCES area (code),
  project_id  bigint REFERENCES service_project (id) ON DELETE SET NULL,
  kind        text NOT NULL CHECK (kind IN ('audio', 'text')),
  title       text NOT NULL,
  body        text NOT NULL DEFAULT '',
  audio       bytea,
  audio_type  text CHECK (audio_type IN ('audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/wav')),
  audio_bytes integer,
  plays       bigint NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qr_content_area_idx ON qr_content (area_code, id);
