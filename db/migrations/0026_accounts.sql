-- Accounts: passwords set by someone else must be changed at first login; invitations that let a person
-- sign up into a chosen role and place.

-- A password an admin generated or reset (or typed for someone) is temporary: the first login with it must
-- set a new one before anything else works, and it stops working at temp_password_expires_at. The first
-- login with it moves that time to the login's, so the same temporary password cannot sign in twice.
ALTER TABLE account
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN temp_password_expires_at timestamptz;

-- An invitation: a role on a place (plus, for volunteers, a duty point; for members of the public an
-- event), expiring, for at most max_uses sign-ups. The link's token is never stored: token_hash is its
-- HMAC with the app secret (the lookup), token_sealed the token AES-GCM-sealed with the app secret, so the
-- people who may manage the invitation can show its link and QR code again.
CREATE TABLE invitation (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  token_sealed  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('district_admin', 'street_admin', 'building_chief', 'secretary',
                                              'provider', 'member')),
  scope_type    text NOT NULL CHECK (scope_type IN ('area', 'building', 'unit', 'party_org')),
  scope_id      text NOT NULL,
  -- The area the scope sits in, so staff see the invitations of their area by a prefix match.
  area_code     text REFERENCES area (code),
  point_id      bigint REFERENCES duty_point (id),
  event_id      bigint REFERENCES event (id),
  -- The new account also gets a volunteer profile (chiefs inviting volunteers, coordinators of a point).
  volunteer     boolean NOT NULL DEFAULT false,
  note          text CHECK (note IS NULL OR length(note) <= 100),
  max_uses      integer NOT NULL CHECK (max_uses BETWEEN 1 AND 1000),
  uses          integer NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  revoked_by    bigint REFERENCES account (id) ON DELETE SET NULL,
  created_by    bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);
CREATE INDEX invitation_creator_idx ON invitation (created_by, id DESC);
CREATE INDEX invitation_area_idx ON invitation (area_code, id DESC);

-- Who signed up with which invitation (the audit log has the same, with the address).
CREATE TABLE invitation_use (
  invitation_id bigint NOT NULL REFERENCES invitation (id),
  account_id    bigint NOT NULL UNIQUE REFERENCES account (id) ON DELETE CASCADE,
  used_at       timestamptz NOT NULL,
  ip            text,
  PRIMARY KEY (invitation_id, account_id)
);
