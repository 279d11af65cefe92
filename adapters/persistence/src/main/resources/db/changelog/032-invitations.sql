--liquibase formatted sql

--changeset warden:032-invitations
-- Invitations to join a tenant, addressed to an e-mail address that may or may not have an account
-- (POST /api/members {"email"}). Inviting reads no user, so the inviter learns nothing about the
-- address; whoever logs in with it lists, accepts (and becomes a member) or declines.
-- One invitation per tenant and address: a new one replaces the pending one. Accepted, declined
-- and revoked invitations are deleted; expired ones are never offered and are deleted by the
-- tenant's next invitation.
CREATE TABLE invitations (
    id         uuid        PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    -- Lower case, as users.email, so the addressee's look-up is a plain equality.
    email      text        NOT NULL CHECK (email = lower(email)),
    invited_by uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    CONSTRAINT invitations_one_per_address UNIQUE (tenant_id, email),
    -- The target of invitation_roles' (tenant, invitation) key: structural, as roles_tenant_id_unique.
    CONSTRAINT invitations_tenant_id_unique UNIQUE (tenant_id, id)
);
-- The addressee's invitations from every tenant.
CREATE INDEX invitations_by_email ON invitations (email);

-- The roles the new member is to hold. Both keys carry the tenant, so an invitation can only ever
-- name a role of its own tenant (foreign-key checks bypass row-level security); deleting the role
-- takes it out of the invitation.
CREATE TABLE invitation_roles (
    tenant_id     uuid NOT NULL,
    invitation_id uuid NOT NULL,
    role_id       uuid NOT NULL,
    PRIMARY KEY (invitation_id, role_id),
    FOREIGN KEY (tenant_id, invitation_id) REFERENCES invitations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX invitation_roles_by_role ON invitation_roles (tenant_id, role_id);

--changeset warden:032-invitations-isolation
-- Tenant-owned, as in 002: a tenant's transaction sees and changes its own invitations only. The
-- addressee's look-ups run in the explicit cross-tenant transaction (as login's look-up of a
-- user's tenants does) and always select by the authenticated user's own address.
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');

ALTER TABLE invitation_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitation_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitation_roles
    USING (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on')
    WITH CHECK (tenant_id = NULLIF(current_setting('warden.tenant_id', true), '')::uuid
           OR current_setting('warden.cross_tenant', true) = 'on');
