-- Service projects' results are computed from linked rows (events held, their attendance, content plays,
-- survey responses); the participant count typed on a session contradicted them (扫码听红音 showed 160
-- participants against 88 plays), so it goes. The session rows stay for the ratings collected on paper at a
-- session, which nothing else in the platform records.
ALTER TABLE service_project_result DROP COLUMN participants;
