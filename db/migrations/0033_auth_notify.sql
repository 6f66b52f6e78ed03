-- Each instance keeps the sessions it has just read for under a second (server/src/modules/auth/cache.ts).
-- Whatever ends or narrows a session says so on the `tx_auth` channel with the account's id, from the
-- database itself, so that no code path can forget to: every instance's connections listen, and an
-- instance's own commit reaches its cache before that commit returns. Touching last_seen_at (once a minute
-- per session) and creating sessions say nothing: neither takes anything away.
CREATE FUNCTION tx_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'account' THEN
    PERFORM pg_notify('tx_auth', OLD.id::text);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('tx_auth', NEW.account_id::text);
  ELSE
    PERFORM pg_notify('tx_auth', OLD.account_id::text);
    IF TG_OP = 'UPDATE' AND NEW.account_id <> OLD.account_id THEN
      PERFORM pg_notify('tx_auth', NEW.account_id::text);
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER session_auth_changed
  AFTER DELETE OR UPDATE OF account_id, csrf_token, expires_at ON session
  FOR EACH ROW EXECUTE FUNCTION tx_auth_changed();

CREATE TRIGGER account_auth_changed
  AFTER UPDATE OF username, display_name, password_hash, disabled, must_change_password OR DELETE ON account
  FOR EACH ROW EXECUTE FUNCTION tx_auth_changed();

CREATE TRIGGER role_grant_auth_changed
  AFTER INSERT OR UPDATE OR DELETE ON role_grant
  FOR EACH ROW EXECUTE FUNCTION tx_auth_changed();
