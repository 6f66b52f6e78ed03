-- Organisational life: membership transfers (组织关系转接) inside the platform and to or from outside it, with
-- the introduction letter (介绍信), the time limit and escalation to the street.

INSERT INTO orglife_setting (key, value) VALUES ('transfer_limit_months', 3);

CREATE TABLE orglife_transfer (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id     bigint NOT NULL REFERENCES person (id),
  -- internal: between two organisations of the platform; outgoing: to an organisation outside it (a letter,
  -- completed by the receipt that comes back); incoming: from outside, into an organisation here (completed
  -- when its letter is received)
  direction     text NOT NULL CHECK (direction IN ('internal', 'outgoing', 'incoming')),
  from_org_id   bigint REFERENCES party_org (id),
  to_org_id     bigint REFERENCES party_org (id),
  outside_org   text,
  -- as at issue, for the letter
  member_name   text NOT NULL,
  member_status text NOT NULL CHECK (member_status IN ('formal', 'probationary')),
  reason        text NOT NULL,
  transfer_on   date NOT NULL,
  due_on        date NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'refused', 'cancelled')),
  letter_no     text UNIQUE,
  -- set once by the escalation job when the time limit passed while pending: the street sees it
  escalated_at  timestamptz,
  decided_at    timestamptz,
  decided_by    bigint REFERENCES account (id) ON DELETE SET NULL,
  decision_note text,
  receipt_on    date,
  created_by    bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1,
  CHECK (due_on >= transfer_on),
  CHECK (CASE direction
           WHEN 'internal' THEN from_org_id IS NOT NULL AND to_org_id IS NOT NULL AND from_org_id <> to_org_id
           WHEN 'outgoing' THEN from_org_id IS NOT NULL AND to_org_id IS NULL AND outside_org IS NOT NULL
           ELSE from_org_id IS NULL AND to_org_id IS NOT NULL AND outside_org IS NOT NULL END)
);
-- A member is in at most one transfer at a time, however many requests race.
CREATE UNIQUE INDEX orglife_transfer_open_uq ON orglife_transfer (person_id) WHERE status = 'pending';
CREATE INDEX orglife_transfer_from_idx ON orglife_transfer (from_org_id, id);
CREATE INDEX orglife_transfer_to_idx ON orglife_transfer (to_org_id, id);
CREATE INDEX orglife_transfer_due_idx ON orglife_transfer (due_on) WHERE status = 'pending' AND escalated_at IS NULL;

-- ---------------------------------------------------------------------------------------------------------
-- Party dues (党费): a base confirmed per member and year, the monthly amount by the 2008 rules, payments.

CREATE TABLE orglife_dues_base (
  person_id     bigint NOT NULL REFERENCES person (id),
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  -- employed 在职, retired 离退休, student 学生, unemployed 下岗失业, relief 依靠抚恤或救济
  category      text NOT NULL CHECK (category IN ('employed', 'retired', 'student', 'unemployed', 'relief')),
  -- The monthly after-tax income in fen, AES-GCM encrypted like ID numbers (personal data); null for the
  -- categories that pay a fixed amount.
  base_enc      text,
  rate_bp       integer CHECK (rate_bp IS NULL OR rate_bp BETWEEN 1 AND 10000),
  monthly_cents integer NOT NULL CHECK (monthly_cents > 0),
  confirmed_on  date NOT NULL,
  confirmed_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  version       integer NOT NULL DEFAULT 1,
  PRIMARY KEY (person_id, year),
  CHECK ((base_enc IS NULL) = (category IN ('student', 'unemployed', 'relief')))
);

CREATE TABLE orglife_dues_payment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id    bigint NOT NULL REFERENCES person (id),
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  channel      text NOT NULL CHECK (channel IN ('cash', 'wechat', 'alipay', 'bank', 'other')),
  paid_on      date NOT NULL,
  -- the organisation that collected it (the member may move on)
  party_org_id bigint NOT NULL REFERENCES party_org (id),
  source       text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import')),
  note         text,
  recorded_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
-- A month is paid once, however the payment arrives (form, import, two secretaries at once).
CREATE UNIQUE INDEX orglife_dues_payment_month_uq ON orglife_dues_payment (person_id, month);
CREATE INDEX orglife_dues_payment_org_idx ON orglife_dues_payment (party_org_id, month);
