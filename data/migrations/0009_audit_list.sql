-- The audit log as a paged list (data/audit_list.go): one index per sort,
-- and per sort under the person filter (the entity sort doubles as the
-- time sort under the entity filter). Each ends with the rowid, the
-- tie-breaker of keyset pages.
CREATE INDEX audit_log_at ON audit_log (deleted, at);
CREATE INDEX audit_log_actor_at ON audit_log (deleted, actor_id, at);
CREATE INDEX audit_log_entity_at ON audit_log (deleted, entity, at);
CREATE INDEX audit_log_actor_name_at ON audit_log (deleted, actor_name, at);
