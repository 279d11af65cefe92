--liquibase formatted sql

--changeset warden:004-escalation-permissions
-- No privilege escalation: roles.escalate and roles.bind lift the rule that a role editor or
-- assigner may only hand out what they hold. They are built in, and every tenant's built-in admin
-- role holds every built-in permission, so existing databases get both, and so does every existing
-- admin role (new tenants' admin roles get them from the code). The role tables obey row-level
-- security even for their owner (FORCE), hence the explicit cross-tenant setting, local to the
-- transaction Liquibase runs this in.
SELECT set_config('warden.cross_tenant', 'on', true);

INSERT INTO permissions (name, description) VALUES
    ('roles.escalate', 'Put permissions the caller does not hold into roles (with roles.edit)'),
    ('roles.bind', 'Assign roles granting permissions the caller does not hold (with roles.assign)')
ON CONFLICT (name) DO NOTHING;

INSERT INTO role_permissions (tenant_id, role_id, permission_name)
SELECT r.tenant_id, r.id, p.name
FROM roles r
CROSS JOIN (VALUES ('roles.escalate'), ('roles.bind')) AS p (name)
WHERE r.system AND r.name = 'admin'
ON CONFLICT DO NOTHING;

-- The admin roles changed under every cache: stamp them with a new data version, move the shared
-- cache (L2) to a new epoch so nothing read before this can be served again, and tell running
-- instances (an "everything" epoch message: they flush their L1 and re-read the epoch).
WITH clock AS (
    UPDATE rbac_clock SET version = version + 1, cache_epoch = cache_epoch + 1
    RETURNING version
), stamp AS (
    UPDATE roles SET version = (SELECT version FROM clock) WHERE system AND name = 'admin'
)
SELECT pg_notify('warden_invalidation',
                 '{"v":' || (SELECT version FROM clock)
                 || ',"type":"cache.epoch.advanced","scope":"everything"}');
