-- Operations: the record of backups shown to admins, and an index for retention and audit exports by time.

CREATE TABLE backup_run (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('scheduled', 'manual')),
  engine         text NOT NULL CHECK (engine IN ('pglite', 'postgres')),
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz NOT NULL,
  ok             boolean NOT NULL,
  file           text,
  bytes          bigint,
  schema_version text,
  error          text
);
CREATE INDEX backup_run_finished_idx ON backup_run (finished_at DESC);

-- Retention deletes by age and the audit export reads a period: both by time, not by id.
CREATE INDEX audit_log_time_idx ON audit_log (at);
