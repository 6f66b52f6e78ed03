-- Check-in without a scanner (issue 13). An organiser checks a registrant in by name at the desk, and a
-- registrant types the event's short door code on their own phone; both are redeemed like a scan, so
-- event_scan records which way each check-in came.
ALTER TABLE event_scan DROP CONSTRAINT event_scan_via_check;
ALTER TABLE event_scan ADD CONSTRAINT event_scan_via_check
  CHECK (via IN ('registration', 'door', 'manual', 'code'));

-- The spoken stand-in for the door QR: 8 characters from 2-9 and A-Z without I, L, O and U (30 symbols, so
-- 30^8 ≈ 6.6 × 10^11 codes). One live code per event; a new one replaces it. A code is unique over all
-- events ever issued, so a code names one event and a code leaked from one event opens no other.
CREATE TABLE event_door_code (
  event_id  bigint PRIMARY KEY REFERENCES event (id),
  code      text NOT NULL UNIQUE CHECK (code ~ '^[2-9A-HJKMNP-TV-Z]{8}$'),
  issued_at timestamptz NOT NULL,
  issued_by bigint REFERENCES account (id) ON DELETE SET NULL
);

-- Wrong door codes, counted per account and per event (keys 'account:<id>', 'event:<id>'), so every app
-- instance sees the same counts; a counter at its limit locks until locked_until.
CREATE TABLE checkin_code_throttle (
  key             text PRIMARY KEY,
  failures        integer NOT NULL DEFAULT 0,
  window_start_at timestamptz NOT NULL,
  locked_until    timestamptz
);
