--liquibase formatted sql

--changeset warden:034-grant-to-admin-roles-function splitStatements:false
-- Every tenant's built-in admin role holds every built-in permission, so a change set that adds a
-- built-in permission must hand it to every existing admin role, and then the caches must forget
-- those roles: a new data version on them, a new shared-cache (L2) epoch so nothing read before
-- can be served again, and an "everything" epoch message so running instances flush their L1.
-- 004, 031 and 034 each wrote that out in full; later change sets call this function instead:
--
--     INSERT INTO permissions (name, description) VALUES ('x.y', '...') ON CONFLICT DO NOTHING;
--     SELECT warden_grant_to_admin_roles('x.y');
--
-- Those three keep their copies: a shipped change set is never edited (Liquibase compares its
-- checksum on every database that ran it), and the upgrade tests build "previous release"
-- databases from those very files, which must stay what that release ran.
--
-- The role tables obey row-level security even for their owner (FORCE): the grant runs with the
-- cross-tenant setting on, and the caller's own setting is put back afterwards. Only migrations
-- call it: the application role may not (no EXECUTE for PUBLIC, none granted to warden_app).
CREATE FUNCTION warden_grant_to_admin_roles(VARIADIC permission_names text[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    caller_setting text := coalesce(current_setting('warden.cross_tenant', true), '');
    next_version bigint;
BEGIN
    PERFORM set_config('warden.cross_tenant', 'on', true);
    INSERT INTO role_permissions (tenant_id, role_id, permission_name)
    SELECT r.tenant_id, r.id, p.name
    FROM roles r
    CROSS JOIN unnest(permission_names) AS p (name)
    WHERE r.system AND r.name = 'admin'
    ON CONFLICT DO NOTHING;
    UPDATE rbac_clock SET version = version + 1, cache_epoch = cache_epoch + 1
    RETURNING version INTO next_version;
    UPDATE roles SET version = next_version WHERE system AND name = 'admin';
    PERFORM pg_notify('warden_invalidation',
                      '{"v":' || next_version || ',"type":"cache.epoch.advanced","scope":"everything"}');
    PERFORM set_config('warden.cross_tenant', caller_setting, true);
    RETURN next_version;
END
$$;
REVOKE ALL ON FUNCTION warden_grant_to_admin_roles(text[]) FROM PUBLIC;
