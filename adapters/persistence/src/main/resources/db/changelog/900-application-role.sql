--liquibase formatted sql

--changeset warden:900-application-role runAlways:true runOnChange:true splitStatements:false
-- The pool runs every statement as warden_app (SET ROLE in the connection init SQL): a role that
-- owns nothing, cannot log in and does not bypass row-level security, so the tenant policies hold
-- even when the configured user is a superuser or the owner of the tables. Run on every start so
-- that a new table, a new database on the same cluster or a new configured user is covered.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'warden_app') THEN
        BEGIN
            CREATE ROLE warden_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- Another database on the same cluster migrated at the same moment and created it.
            NULL;
        END;
    END IF;
END
$$;

DO $$
BEGIN
    EXECUTE format('GRANT warden_app TO %I', current_user);
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
        NULL; -- granted concurrently by a migration of another database
    WHEN insufficient_privilege THEN
        -- A user without the right to grant it is fine if a DBA made it a member already.
        IF NOT pg_has_role(current_user, 'warden_app', 'MEMBER') THEN
            RAISE;
        END IF;
END
$$;

DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO warden_app', current_schema());
END
$$;

GRANT SELECT, UPDATE ON rbac_clock TO warden_app;

DO $$
BEGIN
    -- change_log (changeset 020) is absent from the partial schemas the migration tests build.
    IF to_regclass('change_log') IS NOT NULL THEN
        GRANT SELECT, INSERT, DELETE ON change_log TO warden_app;
    END IF;
END
$$;

GRANT SELECT, INSERT, UPDATE ON tenants TO warden_app;
GRANT SELECT, INSERT, UPDATE ON users TO warden_app;
GRANT SELECT, INSERT, DELETE ON permissions TO warden_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO warden_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON roles TO warden_app;
GRANT SELECT, INSERT, DELETE ON role_permissions TO warden_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON user_roles TO warden_app;
-- DELETE: the background purge of ended sessions (changeset 030).
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO warden_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON refresh_tokens TO warden_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON revoked_tokens TO warden_app;

DO $$
BEGIN
    -- event_tickets (changeset 035) is absent from the partial schemas the migration tests build.
    IF to_regclass('event_tickets') IS NOT NULL THEN
        GRANT SELECT, INSERT, DELETE ON event_tickets TO warden_app;
    END IF;
END
$$;
GRANT SELECT, INSERT, UPDATE ON signing_keys TO warden_app;

-- Tables of later change sets, granted only once they exist: a database being built from an older
-- changelog (a test's, or a release's before them) runs this change set too.
DO $$
BEGIN
    IF to_regclass('role_includes') IS NOT NULL THEN
        GRANT SELECT, INSERT, DELETE ON role_includes TO warden_app;
    END IF;
    IF to_regclass('instance_heartbeats') IS NOT NULL THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON instance_heartbeats TO warden_app;
    END IF;
    IF to_regclass('invitations') IS NOT NULL THEN
        -- UPDATE only for SELECT ... FOR UPDATE (accepting locks the invitation); no row is updated.
        GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO warden_app;
        GRANT SELECT, INSERT, DELETE ON invitation_roles TO warden_app;
    END IF;
    IF to_regclass('organizations') IS NOT NULL THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON organizations TO warden_app;
        GRANT SELECT, INSERT, DELETE ON organization_members TO warden_app;
    END IF;
    -- Append-only for the application: no UPDATE, so an event stays as written; DELETE is the
    -- retention purge's.
    IF to_regclass('audit_events') IS NOT NULL THEN
        GRANT SELECT, INSERT, DELETE ON audit_events TO warden_app;
    END IF;
END
$$;

-- Only where the changelog that creates it ran (a test may migrate an older changelog).
DO $$
BEGIN
    IF to_regprocedure('warden_retire_signing_key(text)') IS NOT NULL THEN
        GRANT EXECUTE ON FUNCTION warden_retire_signing_key(text) TO warden_app;
    END IF;
END
$$;
