-- 微心愿 (small wishes) are needs of the category 'wish': the same row, workflow, timeline, photos and
-- permissions as any need. Two things are new. A wish may be taken by a person (a party member) rather
-- than a provider unit, so the holder can be an account; and a wish lives on a public wall, which reads
-- wishes by building or street.

INSERT INTO service_category (code, name_zh, name_en, parent_code, first_response_hours, resolution_hours, new_enterprise_only)
VALUES ('wish', '微心愿', 'Small wishes', NULL, 168, 336, false);

-- The person who took a wish; a need is held by a unit or by a person, never both.
ALTER TABLE need ADD COLUMN provider_account_id bigint REFERENCES account (id);
ALTER TABLE need ADD CONSTRAINT need_one_holder CHECK (provider_unit_id IS NULL OR provider_account_id IS NULL);
-- Only a wish may be held by a person: other categories keep the provider's offering, capacity and SLA.
ALTER TABLE need ADD CONSTRAINT need_person_holds_wish CHECK (provider_account_id IS NULL OR category_code = 'wish');

CREATE INDEX need_provider_account_idx ON need (provider_account_id, state) WHERE provider_account_id IS NOT NULL;
-- The wall: a building's or a street's wishes, newest first.
CREATE INDEX need_wish_building_idx ON need (building_id, id) WHERE category_code = 'wish';
CREATE INDEX need_wish_area_idx ON need (area_code, id) WHERE category_code = 'wish';

-- A wish a member took in person and the wisher confirmed counts in the participation ledger (党员积分),
-- computed when read like the other sources. A firm's wishes have no person to count for.
ALTER TABLE orglife_points_rule DROP CONSTRAINT orglife_points_rule_source_check;
ALTER TABLE orglife_points_rule ADD CONSTRAINT orglife_points_rule_source_check
  CHECK (source IN ('meeting', 'lecture', 'volunteer', 'patrol', 'wish'));
INSERT INTO orglife_points_rule (source, points, unit) VALUES ('wish', 2, 'each');
