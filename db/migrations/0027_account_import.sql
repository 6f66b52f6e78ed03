-- Accounts from Excel: the dry run's rows are kept (as the registry imports keep theirs, gzip JSON) so the
-- commit creates exactly what was checked; the temporary passwords it generates are never stored.
CREATE TABLE account_import (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id   bigint REFERENCES account (id) ON DELETE CASCADE,
  file_name    text NOT NULL,
  file_sha256  text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  -- Emptied once committed: the accounts exist, the rows are of no more use.
  rows         bytea,
  status       text NOT NULL CHECK (status IN ('checked', 'rejected', 'committed')),
  total_rows   integer NOT NULL CHECK (total_rows >= 0),
  -- Row errors as language-neutral reasons (code + params), worded in the reader's language.
  errors       jsonb NOT NULL DEFAULT '[]',
  created_at   timestamptz NOT NULL DEFAULT now(),
  committed_at timestamptz
);
CREATE INDEX account_import_account_idx ON account_import (account_id, id DESC);
