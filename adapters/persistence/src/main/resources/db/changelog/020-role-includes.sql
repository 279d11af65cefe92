--liquibase formatted sql

--changeset warden:020-role-includes
-- Composite roles: a role grants its own permissions and everything the roles it includes grant,
-- transitively. Both ends are roles of the row's tenant, structurally (the (tenant, id) foreign
-- keys: foreign-key checks bypass row-level security). Deleting either role deletes the row, so a
-- deleted role is detached from every role that included it. Cycles are refused by the service
-- (under a per-tenant lock); the effective-permission query is cycle-safe anyway (UNION).
CREATE TABLE role_includes (
    tenant_id        uuid NOT NULL,
    role_id          uuid NOT NULL,
    included_role_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, role_id, included_role_id),
    CHECK (role_id <> included_role_id),
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, included_role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);
-- The primary key serves "what does this role include" (the recursive step); this one serves
-- "who includes this role" and the cascade of deleting an included role.
CREATE INDEX role_includes_by_included ON role_includes (tenant_id, included_role_id);

ALTER TABLE role_includes ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_includes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON role_includes
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');
