-- Service projects link the events they ran (surveys module, 0012). The events table (0010) and the
-- projects table were built side by side, so the foreign key is added once both exist.
DELETE FROM service_project_event WHERE event_id NOT IN (SELECT id FROM event);
ALTER TABLE service_project_event
  ADD CONSTRAINT service_project_event_event_fk FOREIGN KEY (event_id) REFERENCES event (id);
