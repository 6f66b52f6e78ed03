-- Service projects' results are computed from linked rows (events held, their attendance, content plays,
-- survey responses); the participant count typed on a session contradicted them (扫码听红音 showed 160
-- participants against 88 plays), so it goes. The session rows stay for the ratings collected on paper at a
-- session, which nothing else in the platform records.
ALTER TABLE service_project_result DROP COLUMN participants;

-- Waste dictionary (same release): the seed only inserts names it has never inserted, so the hard shells it
-- once shipped as wet are corrected here — only where staff have not edited the item (version 1) — and the
-- revision moves so every instance rebuilds its lookup.
UPDATE waste_item SET category = 'dry',
       reason = '大骨头和硬贝壳质地坚硬、难以粉碎，上海规定按干垃圾投放'
 WHERE seed_name IN ('扇贝壳', '蛤蜊壳', '青口壳') AND version = 1 AND category = 'wet';
UPDATE waste_dictionary SET revision = revision + 1, changed_at = now();
