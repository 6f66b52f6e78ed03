-- Duty points: the places in a park or building where volunteers stand and waste is sorted (a waste room,
-- the lobby, the canteen, the delivery area). One table because the waste module (sorting points, voice
-- prompts) and the volunteer module (shifts, QR check-in) work at the same 61 points of 虹梅路街道.
CREATE TABLE duty_point (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_code    text NOT NULL REFERENCES area (code),
  park_id      bigint REFERENCES park (id),
  building_id  bigint REFERENCES building (id),
  name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  kind         text NOT NULL CHECK (kind IN ('waste_room', 'lobby', 'canteen', 'delivery', 'other')),
  floor        integer,
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  deleted_at   timestamptz,
  CHECK (park_id IS NOT NULL OR building_id IS NOT NULL)
);
CREATE INDEX duty_point_area ON duty_point (area_code) WHERE deleted_at IS NULL;
CREATE INDEX duty_point_building ON duty_point (building_id) WHERE building_id IS NOT NULL;
CREATE INDEX duty_point_park ON duty_point (park_id) WHERE park_id IS NOT NULL;
CREATE UNIQUE INDEX duty_point_name_uq ON duty_point (area_code, name) WHERE deleted_at IS NULL;
