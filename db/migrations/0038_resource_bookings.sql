-- Shared resources that can be booked (issue 17): an alliance resource (offering with list 'resource': a
-- university's shared instrument, a firm's meeting room) is booked by the hour like a station room. A
-- booking that needs the owner's approval holds its slot while pending, so an approval never collides.

ALTER TABLE offering
  ADD COLUMN bookable boolean NOT NULL DEFAULT false,
  ADD COLUMN booking_needs_approval boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT offering_bookable_resource CHECK (NOT bookable OR list = 'resource');

CREATE TABLE resource_booking (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  offering_id    bigint NOT NULL REFERENCES offering (id),
  booked_by      bigint NOT NULL REFERENCES account (id),
  -- The unit booked for, when the resource's eligibility asks for one (unit kinds, newly settled).
  unit_id        bigint REFERENCES unit (id),
  -- Free text about the booker's own business: shown to the booker, the owner and staff over the place.
  purpose        text NOT NULL,
  starts_at      timestamptz NOT NULL,
  ends_at        timestamptz NOT NULL,
  -- pending and approved hold the slot; declined and cancelled free it.
  status         text NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'cancelled')),
  decided_by     bigint REFERENCES account (id),
  decided_at     timestamptz,
  decision_note  text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
-- Overlap is checked under a lock of the offering row (as station rooms are: PGlite has no btree_gist for
-- an exclusion constraint); this index answers that check and a resource's calendar.
CREATE INDEX resource_booking_slot_idx ON resource_booking (offering_id, starts_at)
  WHERE status IN ('pending', 'approved');
CREATE INDEX resource_booking_booker_idx ON resource_booking (booked_by, starts_at);
CREATE INDEX resource_booking_pending_idx ON resource_booking (offering_id) WHERE status = 'pending';
