-- Events: lecturers (四名), campaigns with targets, station rooms and their bookings, events (lectures, theme
-- days, activities...) with registration, waitlist and QR check-in scans, personal calendar feeds.

-- Which person an account is, so a member registering on their phone counts for participation coverage.
CREATE TABLE account_person_link (
  account_id bigint PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
  person_id  bigint NOT NULL UNIQUE REFERENCES person (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lecturer (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL,
  -- 四名: 名校 (university), 名师 (expert), 名企 (enterprise), 名媒 (media)
  kind         text NOT NULL CHECK (kind IN ('university', 'expert', 'enterprise', 'media')),
  organisation text,
  title        text,
  topics       text,
  area_code    text REFERENCES area (code),
  active       boolean NOT NULL DEFAULT true,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaign (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL,
  area_code    text NOT NULL REFERENCES area (code),
  -- Which events count towards the target (null: any kind).
  event_kind   text CHECK (event_kind IN ('lecture', 'theme_day', 'activity', 'training', 'meeting')),
  target_count integer NOT NULL CHECK (target_count > 0),
  starts_on    date NOT NULL,
  ends_on      date NOT NULL,
  description  text,
  created_by   bigint REFERENCES account (id) ON DELETE SET NULL,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX campaign_area_idx ON campaign (area_code);

CREATE TABLE station_room (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id bigint NOT NULL REFERENCES station (id),
  name       text NOT NULL,
  capacity   integer NOT NULL CHECK (capacity > 0),
  -- Opening hours in Shanghai local time, the same every day.
  opens_at   time NOT NULL DEFAULT '08:30',
  closes_at  time NOT NULL DEFAULT '21:00',
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (closes_at > opens_at)
);
CREATE UNIQUE INDEX station_room_name_uq ON station_room (station_id, name) WHERE deleted_at IS NULL;

-- A recurring series: the rule it was expanded from; its occurrences are ordinary events.
CREATE TABLE event_series (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rrule      text NOT NULL,
  created_by bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  series_id        bigint REFERENCES event_series (id),
  campaign_id      bigint REFERENCES campaign (id),
  kind             text NOT NULL CHECK (kind IN ('lecture', 'theme_day', 'activity', 'training', 'meeting')),
  -- 五个我来 (economy, harmony, home, public_good, civility) or another theme.
  theme            text NOT NULL CHECK (theme IN ('economy', 'harmony', 'home', 'public_good', 'civility',
                                                  'party_history', 'policy', 'culture', 'health', 'other')),
  title            text NOT NULL,
  description      text,
  area_code        text NOT NULL REFERENCES area (code),
  -- Venue: a station room, or a place in a building (with free text), or free text in the area.
  station_room_id  bigint REFERENCES station_room (id),
  building_id      bigint REFERENCES building (id),
  location         text,
  organiser_org_id bigint REFERENCES party_org (id),
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  capacity         integer NOT NULL CHECK (capacity > 0),
  -- Who may register: everyone ('all'), or members/workers of the listed buildings or organisations.
  audience         text NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'buildings', 'orgs')),
  audience_ids     bigint[] NOT NULL DEFAULT '{}',
  checkin_margin_minutes integer NOT NULL DEFAULT 30 CHECK (checkin_margin_minutes BETWEEN 0 AND 240),
  status           text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  cancel_reason    text,
  created_by       bigint REFERENCES account (id) ON DELETE SET NULL,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (audience = 'all' OR cardinality(audience_ids) > 0)
);
CREATE INDEX event_starts_idx ON event (starts_at);
CREATE INDEX event_area_idx ON event (area_code, starts_at);
CREATE INDEX event_campaign_idx ON event (campaign_id);

CREATE TABLE event_lecturer (
  event_id    bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
  lecturer_id bigint NOT NULL REFERENCES lecturer (id),
  PRIMARY KEY (event_id, lecturer_id)
);

CREATE TABLE event_registration (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id      bigint NOT NULL REFERENCES event (id),
  account_id    bigint REFERENCES account (id) ON DELETE SET NULL,
  -- The member who attends (from the account's link, or signed up by an organiser).
  person_id     bigint REFERENCES person (id),
  name          text NOT NULL,
  status        text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'attended', 'no_show', 'cancelled')),
  -- Whether the attendee is inside now (entry/exit scans).
  inside        boolean NOT NULL DEFAULT false,
  registered_at timestamptz NOT NULL,
  promoted_at   timestamptz,
  attended_at   timestamptz,
  cancelled_at  timestamptz,
  CHECK (account_id IS NOT NULL OR person_id IS NOT NULL)
);
-- Registering twice is refused by the database, however many requests race.
CREATE UNIQUE INDEX event_registration_account_uq ON event_registration (event_id, account_id)
  WHERE status <> 'cancelled' AND account_id IS NOT NULL;
CREATE UNIQUE INDEX event_registration_person_uq ON event_registration (event_id, person_id)
  WHERE status <> 'cancelled' AND person_id IS NOT NULL;
CREATE INDEX event_registration_event_idx ON event_registration (event_id, status, id);
CREATE INDEX event_registration_person_idx ON event_registration (person_id) WHERE status = 'attended';
CREATE INDEX event_registration_account_idx ON event_registration (account_id);

-- Every accepted scan, keyed by the scanner's nonce: a scan replayed after an offline period is found here
-- and answered with its first result instead of counting again.
CREATE TABLE event_scan (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        bigint NOT NULL REFERENCES event (id),
  registration_id bigint NOT NULL REFERENCES event_registration (id),
  nonce           text NOT NULL UNIQUE,
  direction       text NOT NULL CHECK (direction IN ('entry', 'exit')),
  via             text NOT NULL CHECK (via IN ('registration', 'door')),
  scanned_at      timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  scanned_by      bigint REFERENCES account (id) ON DELETE SET NULL
);
CREATE INDEX event_scan_registration_idx ON event_scan (registration_id, id);

CREATE TABLE booking (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_room_id bigint NOT NULL REFERENCES station_room (id),
  event_id        bigint REFERENCES event (id),
  purpose         text NOT NULL,
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  booked_by       bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX booking_room_idx ON booking (station_room_id, starts_at) WHERE status = 'active';
CREATE INDEX booking_event_idx ON booking (event_id);

-- A secret URL per account for its personal calendar; only the token's HMAC is stored.
CREATE TABLE calendar_feed (
  account_id bigint PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
