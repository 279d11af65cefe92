--liquibase formatted sql

--changeset warden:031-audit-log
-- The audit trail: one row per state change, inserted by the transaction that makes the change, so
-- the two commit or roll back together. A tenant's events (tenant_id set) are tenant-owned rows
-- under the same row-level security as every other: visible and writable only inside that tenant's
-- transaction or an explicit cross-tenant one. System-level events (tenant_id NULL: failed logins,
-- users, permissions) match no tenant, so only cross-tenant transactions see or write them.
-- No foreign keys: the trail must outlive what it names. The application role may insert, read
-- and delete (the retention purge), never update: an event, once written, stays as written.
CREATE TABLE audit_events (
    id          UUID PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor_id    UUID,
    actor_email TEXT,
    action      TEXT NOT NULL,
    tenant_id   UUID,
    target      JSONB NOT NULL,
    details     JSONB NOT NULL,
    request_id  TEXT
);

-- Newest first, per tenant (a tenant's reader) and overall (a system administrator, the purge).
CREATE INDEX audit_events_tenant_at ON audit_events (tenant_id, at DESC, id DESC);
CREATE INDEX audit_events_at ON audit_events (at DESC, id DESC);

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');

--changeset warden:031-audit-view-permission
-- audit.view is built in, and every tenant's built-in admin role holds every built-in permission:
-- existing databases get it, and so does every existing admin role, as in 004 (new tenants' admin
-- roles get it from the code). The role tables obey row-level security even for their owner.
SELECT set_config('warden.cross_tenant', 'on', true);

INSERT INTO permissions (name, description) VALUES
    ('audit.view', 'Read the audit trail of the tenant')
ON CONFLICT (name) DO NOTHING;

INSERT INTO role_permissions (tenant_id, role_id, permission_name)
SELECT r.tenant_id, r.id, 'audit.view'
FROM roles r
WHERE r.system AND r.name = 'admin'
ON CONFLICT DO NOTHING;

-- The admin roles changed under every cache: a new data version on them, a new shared-cache epoch,
-- and an "everything" message to running instances, exactly as 004 did.
WITH clock AS (
    UPDATE rbac_clock SET version = version + 1, cache_epoch = cache_epoch + 1
    RETURNING version
), stamp AS (
    UPDATE roles SET version = (SELECT version FROM clock) WHERE system AND name = 'admin'
)
SELECT pg_notify('warden_invalidation',
                 '{"v":' || (SELECT version FROM clock)
                 || ',"type":"cache.epoch.advanced","scope":"everything"}');
