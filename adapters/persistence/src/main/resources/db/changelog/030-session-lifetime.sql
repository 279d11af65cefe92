--liquibase formatted sql

--changeset warden:030-session-lifetime
-- Sessions have an absolute lifetime (WARDEN_SESSION_MAX_SECONDS): expires_at is set when the
-- session is created and no refresh moves it; refresh tokens and access tokens of the session are
-- issued to expire by then at the latest. Sessions opened before this change end 7 days (the
-- default) after they were created. The column default covers inserts by an instance of the
-- previous version still running during a rolling upgrade: it ends their sessions 7 days on.
-- Like the rest of the session tables, these rows belong to no tenant: no row-level security; the
-- application reaches them only in cross-tenant transactions, for the token's own user.
ALTER TABLE sessions ADD COLUMN expires_at timestamptz NULL;
ALTER TABLE sessions ADD COLUMN last_refreshed_at timestamptz NULL;
UPDATE sessions SET expires_at = created_at + interval '7 days';
ALTER TABLE sessions ALTER COLUMN expires_at SET DEFAULT (now() + interval '7 days');
ALTER TABLE sessions ALTER COLUMN expires_at SET NOT NULL;

-- The background purge (hourly by default) deletes ended sessions (with their refresh tokens),
-- expired refresh tokens and revoked token ids past their expiry, each in bounded batches found
-- through these indexes.
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_revocation ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at);
CREATE INDEX revoked_tokens_by_expiry ON revoked_tokens (expires_at);
