--liquibase formatted sql

--changeset warden:035-scoped-role-assignments
-- Organization-scoped role assignments: the role grants only for the organization and its
-- descendants (a check that names one of them), never tenant-wide. A table of their own, beside
-- user_roles: the tenant-wide permission query, the hot path's cold load, stays as it is, and an
-- existing database keeps every assignment it has (they are all tenant-wide). Only a member can
-- hold one, and ending the membership, deleting the role or deleting the organization ends it (an
-- assignment never widens to the deleted organization's parent).
CREATE TABLE scoped_user_roles (
    tenant_id       uuid        NOT NULL,
    user_id         uuid        NOT NULL,
    role_id         uuid        NOT NULL,
    organization_id uuid        NOT NULL,
    expires_at      timestamptz NULL,
    PRIMARY KEY (tenant_id, user_id, role_id, organization_id),
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations (tenant_id, id)
        ON DELETE CASCADE
);
-- Who holds something in an organization (deleting or moving it).
CREATE INDEX scoped_user_roles_by_organization
    ON scoped_user_roles (tenant_id, organization_id);
-- Who holds a role (role changes, deletion).
CREATE INDEX scoped_user_roles_by_role ON scoped_user_roles (tenant_id, role_id);

ALTER TABLE scoped_user_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE scoped_user_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scoped_user_roles
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');
