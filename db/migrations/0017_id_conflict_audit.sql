-- An ID number entered by someone who holds personal data, already registered on a person outside their
-- scope, is answered without naming that person but audited as person.id_conflict, and a few such answers per
-- account per hour are allowed (registry/id-conflicts.ts). This index makes counting an account's last hour
-- a short range read, however many other audit rows (every list page is one) the account has.
CREATE INDEX audit_log_id_conflict_idx ON audit_log (account_id, at) WHERE action = 'person.id_conflict';
