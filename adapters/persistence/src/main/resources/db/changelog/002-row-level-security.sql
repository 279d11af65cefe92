--liquibase formatted sql

--changeset warden:002-tenant-isolation
-- Every tenant-owned row is visible and writable only inside its tenant's transaction
-- (warden.tenant_id, set transaction-locally) or in an explicit cross-tenant transaction
-- (warden.cross_tenant = on). An unset tenant matches nothing, so a forgotten filter returns no
-- rows instead of someone else's. FORCE makes the table owner obey the policy too.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');

ALTER TABLE roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON roles
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');

ALTER TABLE role_permissions ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_permissions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON role_permissions
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');

ALTER TABLE user_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON user_roles
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');
