-- Several alliances per area, with structure (issue 17). An alliance may sit under a parent (a 分会 under
-- the 区域化党建促进会), and a federation (园区楼宇联合会) groups party organisations (general and joint
-- branches) as well as units and buildings. The rules a row must keep on its own are CHECKs here; the rules
-- between rows (the parent's area contains the child's, no cycle, organisations only in a federation) are
-- kept by the service under one lock, and tested through the API.

ALTER TABLE alliance
  ADD COLUMN kind      text NOT NULL DEFAULT 'alliance'
                       CHECK (kind IN ('alliance', 'branch_chapter', 'federation')),
  ADD COLUMN parent_id bigint REFERENCES alliance (id),
  ADD CONSTRAINT alliance_parent_not_self CHECK (parent_id IS NULL OR parent_id <> id),
  ADD CONSTRAINT alliance_chapter_has_parent CHECK (kind <> 'branch_chapter' OR parent_id IS NOT NULL);
CREATE INDEX alliance_parent_idx ON alliance (parent_id) WHERE deleted_at IS NULL;
CREATE INDEX alliance_area_idx ON alliance (area_code) WHERE deleted_at IS NULL;

ALTER TABLE alliance_member
  ADD COLUMN party_org_id bigint REFERENCES party_org (id),
  DROP CONSTRAINT alliance_member_check,
  ADD CONSTRAINT alliance_member_one_place
    CHECK (num_nonnulls(unit_id, building_id, party_org_id) = 1);
CREATE UNIQUE INDEX alliance_member_org_uq ON alliance_member (alliance_id, party_org_id)
  WHERE party_org_id IS NOT NULL AND left_on IS NULL;
CREATE INDEX alliance_member_alliance_idx ON alliance_member (alliance_id) WHERE left_on IS NULL;
