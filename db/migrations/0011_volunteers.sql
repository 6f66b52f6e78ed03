-- Volunteers: roles with requirements, volunteer profiles and their qualifications, coordinators of the shared
-- duty points (0007), shifts with needed counts per role, sign-ups, QR scans and verified hours.

-- A role a volunteer takes at a point (the seed's six: 宣讲员, 美化师, 分拣义工, 观察员, 社会工作者, 游戏玩家).
-- `requirements` are qualification codes a volunteer must hold (recorded by a coordinator) to sign up.
CREATE TABLE volunteer_role (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 40),
  name_en       text NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 60),
  description   text,
  requirements  text[] NOT NULL DEFAULT '{}',
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Who coordinates a point: checks volunteers in and verifies their hours. A point may have several.
CREATE TABLE volunteer_point_coordinator (
  point_id    bigint NOT NULL REFERENCES duty_point (id),
  account_id  bigint NOT NULL REFERENCES account (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (point_id, account_id)
);
CREATE INDEX volunteer_point_coordinator_account ON volunteer_point_coordinator (account_id);

-- A volunteer is an account that signed up as one; optionally the registry person and the organisation
-- (unit) they volunteer for, so hours can be summed per organisation.
CREATE TABLE volunteer (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id            bigint NOT NULL UNIQUE REFERENCES account (id),
  display_name          text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 60),
  person_id             bigint REFERENCES person (id),
  unit_id               bigint REFERENCES unit (id),
  hide_from_leaderboard boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  version               integer NOT NULL DEFAULT 1
);
CREATE INDEX volunteer_unit ON volunteer (unit_id) WHERE unit_id IS NOT NULL;

CREATE TABLE volunteer_qualification (
  volunteer_id  bigint NOT NULL REFERENCES volunteer (id),
  code          text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  obtained_on   date NOT NULL,
  recorded_by   bigint REFERENCES account (id),
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (volunteer_id, code)
);

CREATE TABLE volunteer_shift (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  point_id      bigint NOT NULL REFERENCES duty_point (id),
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  note          text,
  created_by    bigint REFERENCES account (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  cancelled_at  timestamptz,
  CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '12 hours')
);
CREATE INDEX volunteer_shift_point ON volunteer_shift (point_id, starts_at);
CREATE INDEX volunteer_shift_starts ON volunteer_shift (starts_at);

-- Places per role on a shift. `taken` moves only by conditional UPDATE (taken < needed), so concurrent
-- sign-ups for the last place cannot both win.
CREATE TABLE volunteer_shift_need (
  shift_id  bigint NOT NULL REFERENCES volunteer_shift (id),
  role_id   bigint NOT NULL REFERENCES volunteer_role (id),
  needed    integer NOT NULL CHECK (needed BETWEEN 1 AND 50),
  taken     integer NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= needed),
  PRIMARY KEY (shift_id, role_id)
);

-- One volunteer on one shift in one role, with its attendance and hours. starts_at/ends_at copy the shift's,
-- so overlap checks and the auto check-out sweep read one table.
CREATE TABLE volunteer_signup (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  shift_id          bigint NOT NULL REFERENCES volunteer_shift (id),
  role_id           bigint NOT NULL REFERENCES volunteer_role (id),
  volunteer_id      bigint NOT NULL REFERENCES volunteer (id),
  point_id          bigint NOT NULL REFERENCES duty_point (id),
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  signed_up_at      timestamptz NOT NULL,
  cancelled_at      timestamptz,
  checked_in_at     timestamptz,
  checked_out_at    timestamptz,
  auto_checked_out  boolean NOT NULL DEFAULT false,
  -- Minutes inside the shift between check-in and check-out; set at check-out.
  minutes           integer CHECK (minutes >= 0),
  -- The coordinator's verdict: NULL until verified; may differ from `minutes` only with a reason.
  verified_minutes  integer CHECK (verified_minutes BETWEEN 0 AND 720),
  verified_by       bigint REFERENCES account (id),
  verified_at       timestamptz,
  adjust_reason     text,
  version           integer NOT NULL DEFAULT 1,
  CHECK (checked_out_at IS NULL OR checked_in_at IS NOT NULL),
  CHECK (verified_minutes IS NULL OR checked_out_at IS NOT NULL)
);
CREATE UNIQUE INDEX volunteer_signup_once ON volunteer_signup (shift_id, volunteer_id) WHERE status = 'active';
CREATE INDEX volunteer_signup_volunteer ON volunteer_signup (volunteer_id, starts_at) WHERE status = 'active';
CREATE INDEX volunteer_signup_open ON volunteer_signup (ends_at)
  WHERE status = 'active' AND checked_in_at IS NOT NULL AND checked_out_at IS NULL;
CREATE INDEX volunteer_signup_point ON volunteer_signup (point_id, starts_at);

-- Every accepted scan. The client's nonce makes a retried scan (after being offline) count once; a token may
-- be redeemed once per sign-up, so a replayed token is refused.
CREATE TABLE volunteer_scan (
  nonce        text PRIMARY KEY CHECK (length(nonce) BETWEEN 8 AND 64),
  signup_id    bigint NOT NULL REFERENCES volunteer_signup (id),
  action       text NOT NULL CHECK (action IN ('in', 'out')),
  via          text NOT NULL CHECK (via IN ('point_qr', 'volunteer_qr')),
  token_hash   text NOT NULL,
  scanned_by   bigint NOT NULL REFERENCES account (id),
  at           timestamptz NOT NULL,
  UNIQUE (signup_id, token_hash)
);

-- The 虹梅路街道 programme's six roles ("见‘圾’行事，分‘投’行动"); staff may add more through the API.
INSERT INTO volunteer_role (code, name, name_en, description, requirements) VALUES
  ('lecturer', '宣讲员', 'Lecturer', '进企业开设垃圾分类微课', '{lecture_training,sorting_training}'),
  ('painter', '美化师', 'Decorator', '在大楼里开展环保彩绘', '{}'),
  ('sorter', '分拣义工', 'Sorting volunteer', '在垃圾库房、食堂、外卖区午间值守', '{sorting_training}'),
  ('observer', '观察员', 'Observer', '跟随执法检查部门到园区、企业调研', '{sorting_training}'),
  ('social_worker', '社会工作者', 'Social worker', '参与园区垃圾分类现状的社会调查', '{survey_training}'),
  ('game_host', '游戏玩家', 'Game host', '现场演示“公益扑克”“真人飞行棋”等互动活动', '{}');
