--liquibase formatted sql

--changeset warden:006-signing-key-lifecycle splitStatements:false
-- Signing keys rotate: a new key is published (active, in the JWKS) some time before it signs
-- (signs_from), and the previous key keeps verifying until its tokens have expired, then retires.
-- private_key holds the PKCS#8 key sealed with AES-256-GCM under the key-encryption key
-- (WARDEN_KEY_ENCRYPTION_KEY); rows written by earlier versions are sealed by the first start that
-- has a key-encryption key.
-- signs_from NULL means "from created_at": rows written by earlier versions (also by instances of
-- the earlier version still running during a rolling upgrade) sign from their creation.
ALTER TABLE signing_keys ADD COLUMN signs_from timestamptz NULL;
ALTER TABLE signing_keys ADD COLUMN retired_at timestamptz NULL;

-- Retires a key at once, on every instance: its tokens are refused from now on. Warden calls it
-- when a key's overlap has ended; an operator calls it for a key that must not be trusted any
-- more (SELECT warden_retire_signing_key('<kid>')). In the same transaction it advances the data
-- version and announces an "everything" invalidation: every instance re-reads its keys and drops
-- its cached verified tokens before it answers the next request from them.
CREATE FUNCTION warden_retire_signing_key(p_kid text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    retired integer;
    next_version bigint;
BEGIN
    UPDATE signing_keys SET active = false, retired_at = now() WHERE kid = p_kid AND active;
    GET DIAGNOSTICS retired = ROW_COUNT;
    IF retired = 0 THEN
        RETURN false;
    END IF;
    UPDATE rbac_clock SET version = version + 1 RETURNING version INTO next_version;
    PERFORM pg_notify('warden_invalidation',
                      '{"v":' || next_version || ',"type":"signing-key.retired","scope":"everything"}');
    RETURN true;
END
$$;
