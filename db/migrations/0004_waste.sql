-- Waste sorting lookup: the dictionary (seeded from the code, then kept by staff), a change counter that
-- app instances poll to rebuild their in-memory index, and an anonymous log of queries nobody could answer.

CREATE TABLE waste_item (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  category    text NOT NULL CHECK (category IN ('recyclable', 'hazardous', 'wet', 'dry')),
  aliases     text[] NOT NULL DEFAULT '{}',
  reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  disposal    text CHECK (length(disposal) <= 200),
  -- The name the shipped dictionary gave this row; null for rows staff added. Seeding inserts only names
  -- it has never inserted before, so a renamed or corrected seed row is never put back.
  seed_name   text UNIQUE,
  -- Name, aliases, their pinyin and initials, lower case: what the staff list searches with LIKE.
  search_text text NOT NULL DEFAULT '',
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  bigint REFERENCES account (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX waste_item_name_key ON waste_item (name);
CREATE INDEX waste_item_category_idx ON waste_item (category, id);

-- One row. `revision` goes up with every change to waste_item, in the same transaction, so an instance
-- that has built its index at revision N knows it is stale when it reads a larger number.
CREATE TABLE waste_dictionary (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  revision   bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO waste_dictionary (singleton) VALUES (true);

-- Queries that found no known item, counted. Deliberately nothing about who asked: no account, no address,
-- no request id.
CREATE TABLE waste_miss (
  query      text PRIMARY KEY CHECK (length(query) BETWEEN 1 AND 64),
  count      integer NOT NULL DEFAULT 1 CHECK (count > 0),
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX waste_miss_count_idx ON waste_miss (count DESC, last_seen DESC);
