-- 扫码听红音: AAC (ADTS) and WebM audio besides MP3, M4A, OGG and WAV; and who has been counted as playing an
-- item lately, so that repeating the public play call does not inflate the count.
ALTER TABLE qr_content DROP CONSTRAINT qr_content_audio_type_check;
ALTER TABLE qr_content ADD CONSTRAINT qr_content_audio_type_check
  CHECK (audio_type IN ('audio/mpeg', 'audio/aac', 'audio/mp4', 'audio/ogg', 'audio/wav', 'audio/webm'));

-- One row per item and client: a listener (keyed hash of its cookie, or of its address without one) may count
-- once per window; an address (keyed hash, never the address itself) up to a cap per window. Rows whose
-- window has passed are deleted as the item is played again.
CREATE TABLE qr_play_seen (
  content_id   bigint NOT NULL REFERENCES qr_content (id) ON DELETE CASCADE,
  client       text NOT NULL CHECK (client ~ '^[al]:[A-Za-z0-9_-]{20,64}$'),
  window_start timestamptz NOT NULL,
  plays        integer NOT NULL CHECK (plays > 0),
  PRIMARY KEY (content_id, client)
);
