-- Import jobs keep the rows their dry run read (gzip of JSON, see server/src/modules/imports/stored-rows.ts)
-- instead of the uploaded file, and only until the job is committed; the file's sha256 stays, to trace an
-- import back to the file that was checked. Every upload's bytes used to stay forever (+55 MB per upload).
-- Existing jobs lose their bytes here: a 'checked' one without rows can no longer be committed
-- (import_expired; upload the file again), and the imports.purge-jobs job deletes old jobs.
ALTER TABLE import_job ALTER COLUMN file_bytes DROP NOT NULL;
-- Nulled first so the bytes are dead tuples now, whatever happens to the dropped column's storage.
UPDATE import_job SET file_bytes = NULL;
ALTER TABLE import_job DROP COLUMN file_bytes;
ALTER TABLE import_job ADD COLUMN stored_rows bytea;
-- Row warnings (like errors, but the row is still imported): the first 1,000, and how many in all.
ALTER TABLE import_job ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]';
ALTER TABLE import_job ADD COLUMN warning_count integer NOT NULL DEFAULT 0;
CREATE INDEX import_job_created_idx ON import_job (created_at);
