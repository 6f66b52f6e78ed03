-- Excel imports: one row per uploaded file. The dry run stores the file, its check result and diff; the
-- commit re-reads the same bytes, checks them again against the database as it is then, and applies them.

CREATE TABLE import_job (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('buildings', 'units', 'party_orgs', 'members')),
  file_name      text NOT NULL,
  -- Kept so the commit applies exactly the file that was checked, and so an import can be traced later.
  file_bytes     bytea NOT NULL,
  file_sha256    text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  status         text NOT NULL CHECK (status IN ('checked', 'rejected', 'committing', 'committed', 'failed')),
  total_rows     integer NOT NULL CHECK (total_rows >= 0),
  diff_new       integer NOT NULL DEFAULT 0,
  diff_changed   integer NOT NULL DEFAULT 0,
  diff_unchanged integer NOT NULL DEFAULT 0,
  -- Row errors as language-neutral reasons (code + params), rendered in the reader's language; the first
  -- 1,000 are kept, error_count counts them all.
  errors         jsonb NOT NULL DEFAULT '[]',
  error_count    integer NOT NULL DEFAULT 0,
  -- Up to 500 rows of the diff, changed and new first (personal data already masked).
  changes        jsonb NOT NULL DEFAULT '[]',
  account_id     bigint REFERENCES account (id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  committed_at   timestamptz
);
CREATE INDEX import_job_account_idx ON import_job (account_id, id DESC);
