--liquibase formatted sql

--changeset warden:034-organizations
-- Organizations: a tree per tenant. The parent is an organization of the same tenant, structurally
-- (the (tenant, id) foreign key; foreign-key checks bypass row-level security). Deleting an
-- organization is refused by the key while it has children: the service moves them to its parent
-- first, in the same transaction. Cycles, depth (10 levels) and size (10,000 per tenant) are the
-- domain's rules, checked under a per-tenant advisory lock (OrganizationMapper.lockTree).
CREATE TABLE organizations (
    id         uuid        PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       text        NOT NULL,
    parent_id  uuid        NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id),
    CONSTRAINT organizations_tenant_id_unique UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES organizations (tenant_id, id)
);
-- The children of an organization (the closure's recursive step, re-parenting on delete).
CREATE INDEX organizations_by_parent ON organizations (tenant_id, parent_id);

-- Direct members. A member of an organization is a member of its tenant: leaving the tenant (or
-- the organization being deleted) takes the row along.
CREATE TABLE organization_members (
    tenant_id       uuid NOT NULL,
    organization_id uuid NOT NULL,
    user_id         uuid NOT NULL,
    PRIMARY KEY (tenant_id, organization_id, user_id),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations (tenant_id, id)
        ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
-- The organizations of a user (GET /api/me).
CREATE INDEX organization_members_by_user ON organization_members (tenant_id, user_id);

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organizations
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');

ALTER TABLE organization_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_members FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organization_members
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');

--changeset warden:034-organization-permissions
-- orgs.view and orgs.manage are built in, so every existing tenant's built-in admin role gains
-- them, as in 004: explicit cross-tenant setting (the role tables obey row-level security even for
-- their owner), a new data version on the admin roles, a new L2 epoch, and an "everything" message
-- so running instances flush their L1.
SELECT set_config('warden.cross_tenant', 'on', true);

INSERT INTO permissions (name, description) VALUES
    ('orgs.view', 'See the organizations of the tenant'),
    ('orgs.manage', 'Create, move, rename and delete organizations and their members')
ON CONFLICT (name) DO NOTHING;

INSERT INTO role_permissions (tenant_id, role_id, permission_name)
SELECT r.tenant_id, r.id, p.name
FROM roles r
CROSS JOIN (VALUES ('orgs.view'), ('orgs.manage')) AS p (name)
WHERE r.system AND r.name = 'admin'
ON CONFLICT DO NOTHING;

WITH clock AS (
    UPDATE rbac_clock SET version = version + 1, cache_epoch = cache_epoch + 1
    RETURNING version
), stamp AS (
    UPDATE roles SET version = (SELECT version FROM clock) WHERE system AND name = 'admin'
)
SELECT pg_notify('warden_invalidation',
                 '{"v":' || (SELECT version FROM clock)
                 || ',"type":"cache.epoch.advanced","scope":"everything"}');
