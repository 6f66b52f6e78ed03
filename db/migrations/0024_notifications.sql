-- Notifications (issue 12): `notification` becomes the in-app inbox of one account; every other channel is
-- an outbox row (`notification_delivery`) written in the same transaction as the notice and delivered by a
-- background dispatcher. Group channels (企业微信 robots) hang off the batch a writer created, so a street's
-- group chat hears once about a cancellation that reached 2,000 people.

ALTER TABLE account ADD COLUMN email text
  CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'));

-- One call of notify(): what happened, where, to how many. Robots and audit read it; the inbox does not.
CREATE TABLE notification_batch (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL,
  title        text NOT NULL,
  body         text,
  entity       text,
  entity_id    bigint,
  area_code    text REFERENCES area (code),
  party_org_id bigint REFERENCES party_org (id),
  link         text,
  recipients   integer NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX notification_batch_created_idx ON notification_batch (created_at);

ALTER TABLE notification ADD COLUMN batch_id bigint REFERENCES notification_batch (id) ON DELETE SET NULL;
-- The object's own name (event title, policy title, a need's first words), shown after the kind's label in
-- the reader's language; `title` keeps the Chinese sentence used by e-mail and robots.
ALTER TABLE notification ADD COLUMN subject text;
-- Where the recipient opens the object in the web app (depends on who they are to it).
ALTER TABLE notification ADD COLUMN link text;
-- Sweeps (reminders) write each notice once per account: the unique index below refuses a second one.
ALTER TABLE notification ADD COLUMN dedupe_key text;

-- Earlier releases addressed some notices to "the street_admin of an area" (account_id NULL). They now go to
-- the accounts holding that role on that area, one row each; nobody holding it → the area's district staff.
INSERT INTO notification (account_id, area_code, kind, title, body, entity, entity_id, created_at, read_at)
SELECT DISTINCT ON (n.id, g.account_id) g.account_id, n.area_code, n.kind, n.title, n.body, n.entity,
       n.entity_id, n.created_at, n.read_at
  FROM notification n
  JOIN area a ON a.code = n.area_code
  JOIN role_grant g ON g.scope_type = 'area'
                   AND g.role IN ('street_admin', 'district_admin')
                   AND (a.path = (SELECT path FROM area WHERE code = g.scope_id)
                        OR a.path LIKE (SELECT path FROM area WHERE code = g.scope_id) || '/%')
 WHERE n.account_id IS NULL;
DROP INDEX notification_escalation_uq;
DELETE FROM notification WHERE account_id IS NULL;
ALTER TABLE notification ALTER COLUMN account_id SET NOT NULL;
ALTER TABLE notification DROP COLUMN role;

CREATE UNIQUE INDEX notification_dedupe_uq ON notification (account_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
-- The bell polls the unread count: an index-only count over the caller's unread rows.
CREATE INDEX notification_unread_idx ON notification (account_id) WHERE read_at IS NULL;
-- Retention deletes read notices by age.
CREATE INDEX notification_read_at_idx ON notification (read_at) WHERE read_at IS NOT NULL;

-- Where group and gateway channels post: a 企业微信 group robot (markdown) or a signed JSON webhook, set up
-- by staff for a street/district/the city (area) or for a party organisation.
CREATE TABLE notification_endpoint (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel      text NOT NULL CHECK (channel IN ('wecom', 'webhook')),
  name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 60),
  area_code    text REFERENCES area (code),
  party_org_id bigint REFERENCES party_org (id),
  url          text NOT NULL CHECK (length(url) <= 500),
  -- The webhook's HMAC key, AES-GCM sealed with the app secret (it must be readable to sign).
  secret_enc   text,
  -- Kinds of notice it carries; empty = all.
  kinds        text[] NOT NULL DEFAULT '{}',
  enabled      boolean NOT NULL DEFAULT true,
  created_by   bigint REFERENCES account (id) ON DELETE SET NULL,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  deleted_at   timestamptz,
  CHECK ((area_code IS NULL) <> (party_org_id IS NULL)),
  CHECK (channel <> 'webhook' OR secret_enc IS NOT NULL)
);
CREATE INDEX notification_endpoint_area_idx ON notification_endpoint (area_code) WHERE deleted_at IS NULL;
CREATE INDEX notification_endpoint_org_idx ON notification_endpoint (party_org_id) WHERE deleted_at IS NULL;

-- The outbox: one row per notice (or batch, for robots) and channel target. A dispatcher claims due rows
-- (state pending, or sending whose lease ran out) with FOR UPDATE SKIP LOCKED, sets state 'sending' with a
-- fresh claim token and next_attempt_at = the lease's end, sends, and records the outcome only while it
-- still holds that token.
CREATE TABLE notification_delivery (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id bigint REFERENCES notification (id) ON DELETE CASCADE,
  batch_id        bigint REFERENCES notification_batch (id) ON DELETE CASCADE,
  channel         text NOT NULL CHECK (channel IN ('email', 'wecom', 'webhook')),
  endpoint_id     bigint REFERENCES notification_endpoint (id),
  -- The e-mail address when it was queued (the account may change it later).
  address         text,
  -- The place the notice is about, so staff see the deliveries of their area.
  area_code       text REFERENCES area (code),
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claim_token     text,
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL,
  CHECK ((notification_id IS NULL) <> (batch_id IS NULL)),
  CHECK (channel = 'email' OR endpoint_id IS NOT NULL),
  CHECK (channel <> 'email' OR address IS NOT NULL)
);
CREATE INDEX notification_delivery_due_idx ON notification_delivery (next_attempt_at)
  WHERE state IN ('pending', 'sending');
CREATE INDEX notification_delivery_list_idx ON notification_delivery (id DESC);
CREATE INDEX notification_delivery_state_idx ON notification_delivery (state, id DESC);
CREATE INDEX notification_delivery_notification_idx ON notification_delivery (notification_id);
CREATE INDEX notification_delivery_batch_idx ON notification_delivery (batch_id);
CREATE INDEX notification_delivery_sent_idx ON notification_delivery (sent_at) WHERE state = 'sent';

-- Per account and kind of notice: which channels reach them (no row = the kind's defaults).
CREATE TABLE notification_preference (
  account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  kind       text NOT NULL,
  inapp      boolean NOT NULL,
  email      boolean NOT NULL,
  webhook    boolean NOT NULL,
  PRIMARY KEY (account_id, kind)
);

-- Quiet hours in Shanghai time, minutes after midnight; start > end wraps past midnight (22:00–07:00).
CREATE TABLE notification_setting (
  account_id  bigint PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
  quiet_start smallint CHECK (quiet_start BETWEEN 0 AND 1439),
  quiet_end   smallint CHECK (quiet_end BETWEEN 0 AND 1439),
  updated_at  timestamptz NOT NULL,
  CHECK ((quiet_start IS NULL) = (quiet_end IS NULL)),
  CHECK (quiet_start IS NULL OR quiet_start <> quiet_end)
);
