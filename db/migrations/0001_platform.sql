-- Platform: admin areas, accounts with scoped role grants, sessions, login throttling, audit log.

CREATE TABLE area (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
  parent_code text REFERENCES area (code),
  -- Codes from the root down to this area joined by '/', so "inside area X" is a prefix match on an index.
  path        text NOT NULL UNIQUE
);
CREATE INDEX area_parent_idx ON area (parent_code);
CREATE INDEX area_path_idx ON area (path text_pattern_ops);

CREATE TABLE account (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{2,31}$'),
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  phone         text,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);

CREATE TABLE role_grant (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('admin', 'district_admin', 'street_admin', 'building_chief',
                                           'secretary', 'provider', 'member')),
  scope_type text NOT NULL CHECK (scope_type IN ('city', 'area', 'building', 'unit', 'party_org')),
  scope_id   text,
  -- The area the scope sits in (for an area grant, the area itself; null for the whole city), so lists can
  -- filter grants by area without knowing every kind of scope.
  area_code  text REFERENCES area (code),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_type = 'city') = (scope_id IS NULL)),
  UNIQUE (account_id, role, scope_type, scope_id)
);
CREATE INDEX role_grant_account_idx ON role_grant (account_id);
CREATE INDEX role_grant_area_idx ON role_grant (area_code);

CREATE TABLE session (
  id           text PRIMARY KEY,          -- HMAC of the cookie token; the token itself is never stored
  account_id   bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,      -- absolute lifetime; idle timeout is checked against last_seen_at
  ip           text,
  user_agent   text
);
CREATE INDEX session_account_idx ON session (account_id);
CREATE INDEX session_expires_idx ON session (expires_at);

-- Failed logins per key ('user:<name>' or 'ip:<addr>') in a sliding window, with a lockout deadline.
CREATE TABLE login_throttle (
  key             text PRIMARY KEY,
  failures        integer NOT NULL,
  window_start_at timestamptz NOT NULL,
  locked_until    timestamptz
);

CREATE TABLE audit_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  account_id bigint REFERENCES account (id) ON DELETE SET NULL,
  username   text,
  action     text NOT NULL,
  entity     text,
  entity_ids text[] NOT NULL DEFAULT '{}',
  ip         text,
  request_id text,
  detail     jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
CREATE INDEX audit_log_account_idx ON audit_log (account_id, id DESC);
