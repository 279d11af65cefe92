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
GRANT SELECT, INSERT, UPDATE ON signing_keys TO warden_app;

-- Tables and functions of later change sets, granted only once they exist: a database being built
-- from an older changelog (a test's partial schema, or a release's before them) runs this change
-- set too.
DO $$
DECLARE
    later record;
BEGIN
    IF to_regprocedure('warden_retire_signing_key(text)') IS NOT NULL THEN
        GRANT EXECUTE ON FUNCTION warden_retire_signing_key(text) TO warden_app;
    END IF;
    FOR later IN
        SELECT * FROM (VALUES
            ('change_log', 'SELECT, INSERT, DELETE'),
            ('event_tickets', 'SELECT, INSERT, DELETE'),
            ('role_includes', 'SELECT, INSERT, DELETE'),
            ('instance_heartbeats', 'SELECT, INSERT, UPDATE, DELETE'),
            -- UPDATE only for SELECT ... FOR UPDATE (accepting locks the invitation); no row is
            -- updated.
            ('invitations', 'SELECT, INSERT, UPDATE, DELETE'),
            ('invitation_roles', 'SELECT, INSERT, DELETE'),
            ('organizations', 'SELECT, INSERT, UPDATE, DELETE'),
            ('organization_members', 'SELECT, INSERT, DELETE'),
            ('scoped_user_roles', 'SELECT, INSERT, UPDATE, DELETE'),
            -- Append-only for the application: no UPDATE, so an event stays as written; DELETE is
            -- the retention purge's.
            ('audit_events', 'SELECT, INSERT, DELETE')
        ) AS grants (table_name, privileges)
    LOOP
        IF to_regclass(later.table_name) IS NOT NULL THEN
            EXECUTE format('GRANT %s ON %I TO warden_app', later.privileges, later.table_name);
        END IF;
    END LOOP;
END
$$;
