-- Organisational life (组织生活): meeting kinds and their frequency rules as data, party groups (党小组), meetings
-- (三会一课, 主题党日, 组织生活会, 民主评议党员) with rosters and photos. Compliance facts per organisation and per
-- area are kept by triggers in the same transaction as any change, like the coverage figures (migration 0015):
--   layer 1  orglife_meeting, orglife_attendance, party_org, orglife_party_group, orglife_rule
--   layer 2  per organisation: which rules it is due (orglife_org_due), what it held per rule and period
--            (orglife_org_period), meetings and attendance per month (orglife_org_month); per member the run of
--            absences since they last attended (orglife_member_streak)
--   layer 3  per area: sums of layer 2 over the area and everything below it (orglife_due_rollup,
--            orglife_period_rollup, orglife_month_rollup): a fact counts in its organisation's area and in
--            every area above it, up to the city
-- A street, a district or the city then reads its own rollup rows and those of the areas directly below it
-- (a few hundred) instead of every meeting.

CREATE TABLE orglife_meeting_kind (
  code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name    text NOT NULL,
  name_en text NOT NULL,
  sort    integer NOT NULL DEFAULT 0,
  active  boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1
);

-- How often a kind of meeting is expected, and of which organisations: the branch work rules by default
-- (中国共产党支部工作条例), changed by an administrator without code.
CREATE TABLE orglife_rule (
  code         text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  kind_code    text NOT NULL REFERENCES orglife_meeting_kind (code),
  name         text NOT NULL,
  name_en      text NOT NULL,
  period       text NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
  min_count    integer NOT NULL CHECK (min_count BETWEEN 1 AND 31),
  -- all organisations of the types below; only those with a branch committee; only those with party groups
  -- (then every group must meet min_count times)
  applies_to   text NOT NULL DEFAULT 'all' CHECK (applies_to IN ('all', 'committee', 'groups')),
  -- counts only meetings the organisation's secretary presented (书记每年至少讲一次党课)
  by_secretary boolean NOT NULL DEFAULT false,
  org_types    text[] NOT NULL DEFAULT '{general_branch,branch,joint_branch}',
  sort         integer NOT NULL DEFAULT 0,
  active       boolean NOT NULL DEFAULT true,
  version      integer NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (org_types <@ '{committee,general_branch,branch,joint_branch}' AND cardinality(org_types) > 0)
);

INSERT INTO orglife_meeting_kind (code, name, name_en, sort) VALUES
  ('member_assembly', '支部党员大会', 'Branch members'' meeting', 10),
  ('committee_meeting', '支部委员会', 'Branch committee meeting', 20),
  ('group_meeting', '党小组会', 'Party group meeting', 30),
  ('lecture', '党课', 'Party lecture', 40),
  ('theme_day', '主题党日', 'Theme party day', 50),
  ('life_meeting', '组织生活会', 'Organisational life meeting', 60),
  ('appraisal', '民主评议党员', 'Democratic appraisal of members', 70);

INSERT INTO orglife_rule (code, kind_code, name, name_en, period, min_count, applies_to, by_secretary, sort) VALUES
  ('member_assembly_quarterly', 'member_assembly', '支部党员大会每季度至少 1 次',
   'Members'' meeting at least once a quarter', 'quarter', 1, 'all', false, 10),
  ('committee_monthly', 'committee_meeting', '支部委员会每月至少 1 次（设支委会的）',
   'Committee meeting at least once a month (where there is a committee)', 'month', 1, 'committee', false, 20),
  ('group_monthly', 'group_meeting', '党小组会每月至少 1 次（设党小组的，每个小组）',
   'Each party group meets at least once a month (where there are groups)', 'month', 1, 'groups', false, 30),
  ('lecture_quarterly', 'lecture', '党课每季度至少 1 次',
   'A party lecture at least once a quarter', 'quarter', 1, 'all', false, 40),
  ('secretary_lecture_yearly', 'lecture', '书记每年至少讲 1 次党课',
   'The secretary lectures at least once a year', 'year', 1, 'all', true, 50),
  ('theme_day_monthly', 'theme_day', '主题党日每月至少 1 次',
   'A theme party day every month', 'month', 1, 'all', false, 60),
  ('life_meeting_yearly', 'life_meeting', '组织生活会每年至少 1 次',
   'An organisational life meeting every year', 'year', 1, 'all', false, 70),
  ('appraisal_yearly', 'appraisal', '民主评议党员每年 1 次',
   'Democratic appraisal of members every year', 'year', 1, 'all', false, 80);

-- Settings of the module (time limit of a transfer, share of members that makes a campaign lecture a branch's).
CREATE TABLE orglife_setting (
  key        text PRIMARY KEY,
  value      integer NOT NULL,
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO orglife_setting (key, value) VALUES ('campaign_lecture_share_pct', 33);

CREATE TABLE orglife_party_group (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  party_org_id     bigint NOT NULL REFERENCES party_org (id),
  name             text NOT NULL,
  leader_person_id bigint REFERENCES person (id),
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz
);
CREATE UNIQUE INDEX orglife_party_group_name_uq ON orglife_party_group (party_org_id, name) WHERE deleted_at IS NULL;

-- A member sits in at most one group of their organisation.
CREATE TABLE orglife_party_group_member (
  person_id bigint PRIMARY KEY REFERENCES person (id),
  group_id  bigint NOT NULL REFERENCES orglife_party_group (id) ON DELETE CASCADE
);
CREATE INDEX orglife_party_group_member_group_idx ON orglife_party_group_member (group_id);

CREATE TABLE orglife_meeting (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  party_org_id        bigint NOT NULL REFERENCES party_org (id),
  kind_code           text NOT NULL REFERENCES orglife_meeting_kind (code),
  group_id            bigint REFERENCES orglife_party_group (id),
  starts_at           timestamptz NOT NULL,
  ends_at             timestamptz,
  -- The date in Shanghai (UTC+8, no daylight saving) of starts_at, set with it: periods are Shanghai dates.
  held_on             date NOT NULL,
  place               text,
  booking_id          bigint REFERENCES booking (id),
  topic               text NOT NULL,
  presenter_person_id bigint REFERENCES person (id),
  presenter_name      text,
  minutes             text,
  decisions           text,
  -- recorded by hand, or a 百场党课 campaign lecture the branch attended (one row per branch and lecture)
  source              text NOT NULL DEFAULT 'record' CHECK (source IN ('record', 'campaign')),
  event_id            bigint REFERENCES event (id),
  recorded_by         bigint REFERENCES account (id) ON DELETE SET NULL,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  deleted_at          timestamptz,
  CHECK (ends_at IS NULL OR ends_at > starts_at),
  CHECK ((source = 'campaign') = (event_id IS NOT NULL))
);
-- The same meeting recorded twice (a double tap, two secretaries) is refused by the database.
CREATE UNIQUE INDEX orglife_meeting_once_uq
  ON orglife_meeting (party_org_id, kind_code, held_on, coalesce(group_id, 0)) WHERE deleted_at IS NULL;
-- A campaign lecture becomes a branch's 党课 once, even after the secretary deleted that record.
CREATE UNIQUE INDEX orglife_meeting_event_uq ON orglife_meeting (party_org_id, event_id) WHERE event_id IS NOT NULL;
CREATE INDEX orglife_meeting_org_idx ON orglife_meeting (party_org_id, held_on) WHERE deleted_at IS NULL;

CREATE TABLE orglife_attendance (
  meeting_id bigint NOT NULL REFERENCES orglife_meeting (id) ON DELETE CASCADE,
  person_id  bigint NOT NULL REFERENCES person (id),
  -- excused: not expected (免于参加, e.g. long illness, a member away on an outgoing floating registration)
  status     text NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
  reason     text CHECK (reason IN ('official_duty', 'sick', 'personal', 'other')),
  note       text,
  PRIMARY KEY (meeting_id, person_id),
  CHECK (status <> 'present' OR reason IS NULL)
);
CREATE INDEX orglife_attendance_person_idx ON orglife_attendance (person_id);

CREATE TABLE orglife_meeting_photo (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id   bigint NOT NULL REFERENCES orglife_meeting (id) ON DELETE CASCADE,
  content_type text NOT NULL,
  size_bytes   integer NOT NULL,
  sha256       text NOT NULL,
  data         bytea NOT NULL,
  uploaded_by  bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orglife_meeting_photo_meeting_idx ON orglife_meeting_photo (meeting_id);

-- ---------------------------------------------------------------------------------------------------------
-- Layer 2: per organisation.

-- A row per (organisation, rule) the rule applies to now, plus (organisation, '*') when any rule does. An
-- organisation is due a rule's period when it was founded on or before the period's first day (unknown: always).
CREATE TABLE orglife_org_due (
  party_org_id   bigint NOT NULL,
  rule_code      text NOT NULL,
  area_key       text NOT NULL,
  since_year     integer NOT NULL, -- year of established_on, 0 when unknown
  established_on date,
  PRIMARY KEY (party_org_id, rule_code)
);

-- An area's organisations, for the drill-down of its figures.
CREATE INDEX orglife_org_due_area_idx ON orglife_org_due (area_key, party_org_id);

-- Meetings counted towards a rule in one period, and whether that met the rule (only rows with meetings).
CREATE TABLE orglife_org_period (
  party_org_id bigint NOT NULL,
  rule_code    text NOT NULL,
  period_start date NOT NULL,
  area_key     text NOT NULL,
  held         integer NOT NULL,
  met          boolean NOT NULL,
  PRIMARY KEY (party_org_id, rule_code, period_start)
);

CREATE TABLE orglife_org_month (
  party_org_id bigint NOT NULL,
  month        date NOT NULL,
  area_key     text NOT NULL,
  meetings     integer NOT NULL,
  present      integer NOT NULL,
  absent       integer NOT NULL,
  excused      integer NOT NULL,
  PRIMARY KEY (party_org_id, month)
);

-- Absences since the member last attended (excused meetings do not count either way); rows only when > 0.
CREATE TABLE orglife_member_streak (
  person_id    bigint PRIMARY KEY,
  streak       integer NOT NULL,
  since        date NOT NULL
);
CREATE INDEX orglife_member_streak_idx ON orglife_member_streak (person_id) WHERE streak >= 3;

-- Layer 3: per area, its whole subtree (area_key: an area code, from the organisation's up to the city).
-- Organisations due each rule, whenever founded (the year's figures take out those founded later).
CREATE TABLE orglife_due_rollup (
  area_key   text NOT NULL,
  rule_code  text NOT NULL,
  orgs       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (area_key, rule_code)
);
-- The same by the first day of a month from which they are due (founded that day or in the month before; founding
-- date known): a year's figures take those due from a later month out of its earlier periods.
CREATE TABLE orglife_due_from_rollup (
  area_key  text NOT NULL,
  due_from  date NOT NULL,
  rule_code text NOT NULL,
  orgs      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (area_key, due_from, rule_code)
);
CREATE TABLE orglife_period_rollup (
  area_key     text NOT NULL,
  rule_code    text NOT NULL,
  period_start date NOT NULL,
  met          bigint NOT NULL DEFAULT 0,
  held         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (area_key, period_start, rule_code)
);
CREATE TABLE orglife_month_rollup (
  area_key text NOT NULL,
  month    date NOT NULL,
  meetings bigint NOT NULL DEFAULT 0,
  present  bigint NOT NULL DEFAULT 0,
  absent   bigint NOT NULL DEFAULT 0,
  excused  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (area_key, month)
);

-- ---------------------------------------------------------------------------------------------------------
-- Helpers. Dates are cast to timestamp (without zone) before truncating, so nothing depends on TimeZone.

CREATE FUNCTION tx_orglife_period_start(p_period text, p_day date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc(p_period, p_day::timestamp)::date
$$;

CREATE FUNCTION tx_orglife_period_next(p_period text, p_start date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT (p_start + CASE p_period WHEN 'month' THEN interval '1 month'
                                  WHEN 'quarter' THEN interval '3 months'
                                  ELSE interval '1 year' END)::date
$$;

-- The areas a fact counts in: its organisation's area and every area above it (an area's path lists them; the
-- city's path is its own code).
CREATE FUNCTION tx_orglife_area_keys(p_key text) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT string_to_array(a.path, '/') FROM area a WHERE a.code = p_key
$$;

-- The first period start (a first of a month) an organisation founded on p_day is due: that day or the next first.
CREATE FUNCTION tx_orglife_due_from(p_day date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN extract(day FROM p_day) = 1 THEN p_day
              ELSE (date_trunc('month', p_day::timestamp) + interval '1 month')::date END
$$;

-- Bulk loads (demo, benchmarks) and the full rebuild switch the per-row upkeep off for their transaction and
-- rebuild set-based at the end.
CREATE FUNCTION tx_orglife_bulk() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('tongxin.orglife_bulk', true), '') = 'on'
$$;

CREATE FUNCTION tx_orglife_applies(o party_org, r orglife_rule) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT o.deleted_at IS NULL AND r.active AND o.type = ANY (r.org_types)
     AND CASE r.applies_to
           WHEN 'all' THEN true
           WHEN 'committee' THEN o.has_committee
           ELSE EXISTS (SELECT 1 FROM orglife_party_group g WHERE g.party_org_id = o.id AND g.deleted_at IS NULL)
         END
$$;

-- Meetings of an organisation counting towards a rule in [p_start, p_next).
CREATE FUNCTION tx_orglife_held(p_org bigint, r orglife_rule, p_start date, p_group bigint)
RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT count(*)::integer FROM orglife_meeting m
   WHERE m.party_org_id = p_org AND m.kind_code = r.kind_code AND m.deleted_at IS NULL
     AND m.held_on >= p_start AND m.held_on < tx_orglife_period_next(r.period, p_start)
     AND (p_group IS NULL OR m.group_id = p_group)
     AND (NOT r.by_secretary
          OR m.presenter_person_id = (SELECT o.secretary_person_id FROM party_org o WHERE o.id = p_org))
$$;

-- Whether the organisation met the rule in the period: due then, and enough meetings (of every group).
CREATE FUNCTION tx_orglife_met(p_org bigint, r orglife_rule, p_start date, p_held integer)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM orglife_org_due d
                  WHERE d.party_org_id = p_org AND d.rule_code = r.code
                    AND (d.established_on IS NULL OR d.established_on <= p_start))
     AND CASE WHEN r.applies_to = 'groups'
              THEN NOT EXISTS (SELECT 1 FROM orglife_party_group g
                                WHERE g.party_org_id = p_org AND g.deleted_at IS NULL
                                  AND tx_orglife_held(p_org, r, p_start, g.id) < r.min_count)
              ELSE p_held >= r.min_count END
$$;

CREATE FUNCTION tx_orglife_refresh_period(p_org bigint, p_rule text, p_start date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r orglife_rule;
  v_area text;
  v_held integer;
BEGIN
  SELECT * INTO r FROM orglife_rule WHERE code = p_rule;
  SELECT coalesce(area_code, '') INTO v_area FROM party_org WHERE id = p_org AND deleted_at IS NULL;
  IF r.code IS NULL OR NOT r.active OR v_area IS NULL THEN
    DELETE FROM orglife_org_period WHERE party_org_id = p_org AND rule_code = p_rule AND period_start = p_start;
    RETURN;
  END IF;
  v_held := tx_orglife_held(p_org, r, p_start, NULL);
  IF v_held = 0 THEN
    DELETE FROM orglife_org_period WHERE party_org_id = p_org AND rule_code = p_rule AND period_start = p_start;
    RETURN;
  END IF;
  INSERT INTO orglife_org_period (party_org_id, rule_code, period_start, area_key, held, met)
  VALUES (p_org, p_rule, p_start, v_area, v_held, tx_orglife_met(p_org, r, p_start, v_held))
  ON CONFLICT (party_org_id, rule_code, period_start) DO UPDATE
    SET area_key = EXCLUDED.area_key, held = EXCLUDED.held, met = EXCLUDED.met
    WHERE (orglife_org_period.area_key, orglife_org_period.held, orglife_org_period.met)
          IS DISTINCT FROM (EXCLUDED.area_key, EXCLUDED.held, EXCLUDED.met);
END $$;

CREATE FUNCTION tx_orglife_refresh_month(p_org bigint, p_month date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_area text;
  f record;
BEGIN
  SELECT coalesce(area_code, '') INTO v_area FROM party_org WHERE id = p_org AND deleted_at IS NULL;
  SELECT count(*)::integer AS meetings,
         coalesce(sum(a.present), 0)::integer AS present,
         coalesce(sum(a.absent), 0)::integer AS absent,
         coalesce(sum(a.excused), 0)::integer AS excused
    INTO f
    FROM orglife_meeting m
    CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE x.status = 'present') AS present,
                               count(*) FILTER (WHERE x.status = 'absent') AS absent,
                               count(*) FILTER (WHERE x.status = 'excused') AS excused
                          FROM orglife_attendance x WHERE x.meeting_id = m.id) a
   WHERE m.party_org_id = p_org AND m.deleted_at IS NULL
     AND m.held_on >= p_month AND m.held_on < (p_month + interval '1 month')::date;
  IF v_area IS NULL OR f.meetings = 0 THEN
    DELETE FROM orglife_org_month WHERE party_org_id = p_org AND month = p_month;
    RETURN;
  END IF;
  INSERT INTO orglife_org_month (party_org_id, month, area_key, meetings, present, absent, excused)
  VALUES (p_org, p_month, v_area, f.meetings, f.present, f.absent, f.excused)
  ON CONFLICT (party_org_id, month) DO UPDATE
    SET area_key = EXCLUDED.area_key, meetings = EXCLUDED.meetings, present = EXCLUDED.present,
        absent = EXCLUDED.absent, excused = EXCLUDED.excused
    WHERE (orglife_org_month.area_key, orglife_org_month.meetings, orglife_org_month.present,
           orglife_org_month.absent, orglife_org_month.excused)
          IS DISTINCT FROM (EXCLUDED.area_key, EXCLUDED.meetings, EXCLUDED.present, EXCLUDED.absent,
                            EXCLUDED.excused);
END $$;

CREATE FUNCTION tx_orglife_refresh_streak(p_person bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_last timestamptz;
  v_streak integer;
  v_since date;
BEGIN
  SELECT max(m.starts_at) INTO v_last
    FROM orglife_attendance a JOIN orglife_meeting m ON m.id = a.meeting_id
   WHERE a.person_id = p_person AND a.status = 'present' AND m.deleted_at IS NULL;
  SELECT count(*)::integer, min(m.held_on) INTO v_streak, v_since
    FROM orglife_attendance a JOIN orglife_meeting m ON m.id = a.meeting_id
   WHERE a.person_id = p_person AND a.status = 'absent' AND m.deleted_at IS NULL
     AND (v_last IS NULL OR m.starts_at > v_last);
  IF v_streak = 0 THEN
    DELETE FROM orglife_member_streak WHERE person_id = p_person;
  ELSE
    INSERT INTO orglife_member_streak (person_id, streak, since) VALUES (p_person, v_streak, v_since)
    ON CONFLICT (person_id) DO UPDATE SET streak = EXCLUDED.streak, since = EXCLUDED.since;
  END IF;
END $$;

-- Layer 2 of some organisations (all when p_orgs is null) from layer 1, set-based. The caller has removed
-- their previous rows.
CREATE FUNCTION tx_orglife_build_orgs(p_orgs bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO orglife_org_due (party_org_id, rule_code, area_key, since_year, established_on)
  SELECT o.id, r.code, coalesce(o.area_code, ''), coalesce(extract(year FROM o.established_on)::integer, 0),
         o.established_on
    FROM party_org o CROSS JOIN orglife_rule r
   WHERE (p_orgs IS NULL OR o.id = ANY (p_orgs)) AND tx_orglife_applies(o, r);
  INSERT INTO orglife_org_due (party_org_id, rule_code, area_key, since_year, established_on)
  SELECT DISTINCT party_org_id, '*', area_key, since_year, established_on
    FROM orglife_org_due WHERE rule_code <> '*' AND (p_orgs IS NULL OR party_org_id = ANY (p_orgs));

  INSERT INTO orglife_org_period (party_org_id, rule_code, period_start, area_key, held, met)
  SELECT x.party_org_id, x.code, x.period_start, x.area_key, x.held, tx_orglife_met(x.party_org_id, r, x.period_start, x.held)
    FROM (SELECT m.party_org_id, r.code, tx_orglife_period_start(r.period, m.held_on) AS period_start,
                 coalesce(o.area_code, '') AS area_key, count(*)::integer AS held
            FROM orglife_meeting m
            JOIN party_org o ON o.id = m.party_org_id AND o.deleted_at IS NULL
            JOIN orglife_rule r ON r.kind_code = m.kind_code AND r.active
           WHERE m.deleted_at IS NULL AND (p_orgs IS NULL OR m.party_org_id = ANY (p_orgs))
             AND (NOT r.by_secretary OR m.presenter_person_id = o.secretary_person_id)
           GROUP BY 1, 2, 3, 4) x
    JOIN orglife_rule r ON r.code = x.code;

  INSERT INTO orglife_org_month (party_org_id, month, area_key, meetings, present, absent, excused)
  SELECT m.party_org_id, date_trunc('month', m.held_on::timestamp)::date, coalesce(o.area_code, ''),
         count(*), coalesce(sum(a.present), 0), coalesce(sum(a.absent), 0), coalesce(sum(a.excused), 0)
    FROM orglife_meeting m
    JOIN party_org o ON o.id = m.party_org_id AND o.deleted_at IS NULL
    LEFT JOIN (SELECT meeting_id, count(*) FILTER (WHERE status = 'present') AS present,
                      count(*) FILTER (WHERE status = 'absent') AS absent,
                      count(*) FILTER (WHERE status = 'excused') AS excused
                 FROM orglife_attendance GROUP BY meeting_id) a ON a.meeting_id = m.id
   WHERE m.deleted_at IS NULL AND (p_orgs IS NULL OR m.party_org_id = ANY (p_orgs))
   GROUP BY 1, 2, 3;
END $$;

-- Everything one organisation contributes, again (its type, committee, groups, area, founding date or
-- secretary changed). The row triggers below move the rollups by the difference.
CREATE FUNCTION tx_orglife_refresh_org(p_org bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM orglife_org_due WHERE party_org_id = p_org;
  DELETE FROM orglife_org_period WHERE party_org_id = p_org;
  DELETE FROM orglife_org_month WHERE party_org_id = p_org;
  PERFORM tx_orglife_build_orgs(ARRAY[p_org]);
END $$;

-- Layers 2 and 3 recomputed from scratch: after a bulk load, after a rule changed, and as the check that the
-- triggers kept them true (the tests compare the two).
CREATE FUNCTION tx_orglife_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('tongxin.orglife_bulk', 'on', true);
  DELETE FROM orglife_org_due;
  DELETE FROM orglife_org_period;
  DELETE FROM orglife_org_month;
  DELETE FROM orglife_member_streak;
  DELETE FROM orglife_due_rollup;
  DELETE FROM orglife_due_from_rollup;
  DELETE FROM orglife_period_rollup;
  DELETE FROM orglife_month_rollup;
  PERFORM tx_orglife_build_orgs(NULL);
  INSERT INTO orglife_member_streak (person_id, streak, since)
  SELECT a.person_id, count(*), min(m.held_on)
    FROM orglife_attendance a
    JOIN orglife_meeting m ON m.id = a.meeting_id AND m.deleted_at IS NULL
    LEFT JOIN (SELECT x.person_id, max(mm.starts_at) AS at
                 FROM orglife_attendance x JOIN orglife_meeting mm ON mm.id = x.meeting_id AND mm.deleted_at IS NULL
                WHERE x.status = 'present' GROUP BY x.person_id) lp ON lp.person_id = a.person_id
   WHERE a.status = 'absent' AND (lp.at IS NULL OR m.starts_at > lp.at)
   GROUP BY a.person_id;
  INSERT INTO orglife_due_rollup (area_key, rule_code, orgs)
  SELECT k, d.rule_code, count(*)
    FROM orglife_org_due d JOIN area a ON a.code = d.area_key
    CROSS JOIN LATERAL unnest(string_to_array(a.path, '/')) k
   GROUP BY 1, 2;
  INSERT INTO orglife_due_from_rollup (area_key, due_from, rule_code, orgs)
  SELECT k, tx_orglife_due_from(d.established_on), d.rule_code, count(*)
    FROM orglife_org_due d JOIN area a ON a.code = d.area_key
    CROSS JOIN LATERAL unnest(string_to_array(a.path, '/')) k
   WHERE d.established_on IS NOT NULL
   GROUP BY 1, 2, 3;
  INSERT INTO orglife_period_rollup (area_key, rule_code, period_start, met, held)
  SELECT k, p.rule_code, p.period_start, count(*) FILTER (WHERE p.met), sum(p.held)
    FROM orglife_org_period p JOIN area a ON a.code = p.area_key
    CROSS JOIN LATERAL unnest(string_to_array(a.path, '/')) k
   GROUP BY 1, 2, 3;
  INSERT INTO orglife_month_rollup (area_key, month, meetings, present, absent, excused)
  SELECT k, m.month, sum(m.meetings), sum(m.present), sum(m.absent), sum(m.excused)
    FROM orglife_org_month m JOIN area a ON a.code = m.area_key
    CROSS JOIN LATERAL unnest(string_to_array(a.path, '/')) k
   GROUP BY 1, 2;
  PERFORM set_config('tongxin.orglife_bulk', 'off', true);
END $$;

-- ---------------------------------------------------------------------------------------------------------
-- Layer 1 → layer 2.

CREATE FUNCTION tx_orglife_meeting_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  x record;
  r orglife_rule;
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  FOR x IN SELECT OLD.party_org_id AS org, OLD.kind_code AS kind, OLD.held_on AS day WHERE TG_OP <> 'INSERT'
           UNION
           SELECT NEW.party_org_id, NEW.kind_code, NEW.held_on WHERE TG_OP <> 'DELETE' LOOP
    FOR r IN SELECT * FROM orglife_rule WHERE kind_code = x.kind ORDER BY code LOOP
      PERFORM tx_orglife_refresh_period(x.org, r.code, tx_orglife_period_start(r.period, x.day));
    END LOOP;
    PERFORM tx_orglife_refresh_month(x.org, tx_orglife_period_start('month', x.day));
  END LOOP;
  IF TG_OP = 'UPDATE' AND (OLD.starts_at, OLD.deleted_at) IS DISTINCT FROM (NEW.starts_at, NEW.deleted_at) THEN
    PERFORM tx_orglife_refresh_streak(a.person_id) FROM orglife_attendance a WHERE a.meeting_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_meeting_facts AFTER INSERT OR DELETE ON orglife_meeting
  FOR EACH ROW EXECUTE FUNCTION tx_orglife_meeting_changed();
CREATE TRIGGER orglife_meeting_facts_update AFTER UPDATE ON orglife_meeting
  FOR EACH ROW
  WHEN ((OLD.party_org_id, OLD.kind_code, OLD.held_on, OLD.starts_at, OLD.group_id, OLD.presenter_person_id,
         OLD.deleted_at)
        IS DISTINCT FROM
        (NEW.party_org_id, NEW.kind_code, NEW.held_on, NEW.starts_at, NEW.group_id, NEW.presenter_person_id,
         NEW.deleted_at))
  EXECUTE FUNCTION tx_orglife_meeting_changed();

-- Rosters are written a meeting at a time: one refresh per month and person the statement touched.
CREATE FUNCTION tx_orglife_attendance_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM tx_orglife_refresh_month(x.party_org_id, x.month)
       FROM (SELECT DISTINCT m.party_org_id, tx_orglife_period_start('month', m.held_on) AS month
               FROM new_rows c JOIN orglife_meeting m ON m.id = c.meeting_id) x;
    PERFORM tx_orglife_refresh_streak(x.person_id) FROM (SELECT DISTINCT person_id FROM new_rows) x;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM tx_orglife_refresh_month(x.party_org_id, x.month)
       FROM (SELECT DISTINCT m.party_org_id, tx_orglife_period_start('month', m.held_on) AS month
               FROM old_rows c JOIN orglife_meeting m ON m.id = c.meeting_id) x;
    PERFORM tx_orglife_refresh_streak(x.person_id) FROM (SELECT DISTINCT person_id FROM old_rows) x;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_attendance_insert AFTER INSERT ON orglife_attendance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tx_orglife_attendance_changed();
CREATE TRIGGER orglife_attendance_update AFTER UPDATE ON orglife_attendance
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tx_orglife_attendance_changed();
CREATE TRIGGER orglife_attendance_delete AFTER DELETE ON orglife_attendance
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tx_orglife_attendance_changed();

CREATE FUNCTION tx_orglife_org_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  PERFORM tx_orglife_refresh_org(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_org_insert AFTER INSERT ON party_org
  FOR EACH ROW EXECUTE FUNCTION tx_orglife_org_changed();
CREATE TRIGGER orglife_org_update AFTER UPDATE ON party_org
  FOR EACH ROW
  WHEN ((OLD.type, OLD.has_committee, OLD.area_code, OLD.established_on, OLD.secretary_person_id, OLD.deleted_at)
        IS DISTINCT FROM
        (NEW.type, NEW.has_committee, NEW.area_code, NEW.established_on, NEW.secretary_person_id, NEW.deleted_at))
  EXECUTE FUNCTION tx_orglife_org_changed();

CREATE FUNCTION tx_orglife_group_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM tx_orglife_refresh_org(OLD.party_org_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.party_org_id <> OLD.party_org_id) THEN
    PERFORM tx_orglife_refresh_org(NEW.party_org_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_group_facts AFTER INSERT OR DELETE OR UPDATE OF party_org_id, deleted_at ON orglife_party_group
  FOR EACH ROW EXECUTE FUNCTION tx_orglife_group_changed();

-- A rule or kind changed: rare and made by an administrator, so everything is recomputed.
CREATE FUNCTION tx_orglife_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  PERFORM tx_orglife_rebuild();
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_rules_facts AFTER INSERT OR UPDATE OR DELETE ON orglife_rule
  FOR EACH STATEMENT EXECUTE FUNCTION tx_orglife_rules_changed();

-- ---------------------------------------------------------------------------------------------------------
-- Layer 2 → layer 3: signed changes, like tx_roll_unit, to the organisation's area and each area above it.

CREATE FUNCTION tx_orglife_roll_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO orglife_due_rollup AS t (area_key, rule_code, orgs)
    SELECT k, OLD.rule_code, -1 FROM unnest(tx_orglife_area_keys(OLD.area_key)) k
    ON CONFLICT (area_key, rule_code) DO UPDATE SET orgs = t.orgs + EXCLUDED.orgs;
    INSERT INTO orglife_due_from_rollup AS t (area_key, due_from, rule_code, orgs)
    SELECT k, tx_orglife_due_from(OLD.established_on), OLD.rule_code, -1
      FROM unnest(tx_orglife_area_keys(OLD.area_key)) k WHERE OLD.established_on IS NOT NULL
    ON CONFLICT (area_key, due_from, rule_code) DO UPDATE SET orgs = t.orgs + EXCLUDED.orgs;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO orglife_due_rollup AS t (area_key, rule_code, orgs)
    SELECT k, NEW.rule_code, 1 FROM unnest(tx_orglife_area_keys(NEW.area_key)) k
    ON CONFLICT (area_key, rule_code) DO UPDATE SET orgs = t.orgs + EXCLUDED.orgs;
    INSERT INTO orglife_due_from_rollup AS t (area_key, due_from, rule_code, orgs)
    SELECT k, tx_orglife_due_from(NEW.established_on), NEW.rule_code, 1
      FROM unnest(tx_orglife_area_keys(NEW.area_key)) k WHERE NEW.established_on IS NOT NULL
    ON CONFLICT (area_key, due_from, rule_code) DO UPDATE SET orgs = t.orgs + EXCLUDED.orgs;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_due_rollup AFTER INSERT OR UPDATE OR DELETE ON orglife_org_due
  FOR EACH ROW EXECUTE FUNCTION tx_orglife_roll_due();

CREATE FUNCTION tx_orglife_roll_period() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO orglife_period_rollup AS t (area_key, rule_code, period_start, met, held)
    SELECT k, OLD.rule_code, OLD.period_start, -(OLD.met::integer), -OLD.held
      FROM unnest(tx_orglife_area_keys(OLD.area_key)) k
    ON CONFLICT (area_key, period_start, rule_code) DO UPDATE SET met = t.met + EXCLUDED.met, held = t.held + EXCLUDED.held;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO orglife_period_rollup AS t (area_key, rule_code, period_start, met, held)
    SELECT k, NEW.rule_code, NEW.period_start, NEW.met::integer, NEW.held
      FROM unnest(tx_orglife_area_keys(NEW.area_key)) k
    ON CONFLICT (area_key, period_start, rule_code) DO UPDATE SET met = t.met + EXCLUDED.met, held = t.held + EXCLUDED.held;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_period_rollup AFTER INSERT OR UPDATE OR DELETE ON orglife_org_period
  FOR EACH ROW EXECUTE FUNCTION tx_orglife_roll_period();

CREATE FUNCTION tx_orglife_roll_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tx_orglife_bulk() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO orglife_month_rollup AS t (area_key, month, meetings, present, absent, excused)
    SELECT k, OLD.month, -OLD.meetings, -OLD.present, -OLD.absent, -OLD.excused
      FROM unnest(tx_orglife_area_keys(OLD.area_key)) k
    ON CONFLICT (area_key, month) DO UPDATE SET meetings = t.meetings + EXCLUDED.meetings,
      present = t.present + EXCLUDED.present, absent = t.absent + EXCLUDED.absent, excused = t.excused + EXCLUDED.excused;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO orglife_month_rollup AS t (area_key, month, meetings, present, absent, excused)
    SELECT k, NEW.month, NEW.meetings, NEW.present, NEW.absent, NEW.excused
      FROM unnest(tx_orglife_area_keys(NEW.area_key)) k
    ON CONFLICT (area_key, month) DO UPDATE SET meetings = t.meetings + EXCLUDED.meetings,
      present = t.present + EXCLUDED.present, absent = t.absent + EXCLUDED.absent, excused = t.excused + EXCLUDED.excused;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orglife_month_rollup AFTER INSERT OR UPDATE OR DELETE ON orglife_org_month
  FOR EACH ROW EXECUTE FUNCTION tx_orglife_roll_month();

SELECT tx_orglife_rebuild();
