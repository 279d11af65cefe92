--liquibase formatted sql

--changeset warden:001-data-version
-- The data version: one row, bumped by every RBAC change in the transaction that makes it, and
-- read by the permission query in the same snapshot as the permissions (cache-aside race guard).
CREATE TABLE rbac_clock (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint  NOT NULL
);
INSERT INTO rbac_clock (id, version) VALUES (true, 0);

--changeset warden:001-tenants
CREATE TABLE tenants (
    id         uuid        PRIMARY KEY,
    slug       text        NOT NULL UNIQUE,
    name       text        NOT NULL,
    active     boolean     NOT NULL,
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

--changeset warden:001-users
CREATE TABLE users (
    id                 uuid        PRIMARY KEY,
    -- Stored lower-case so that a plain unique index makes look-ups and duplicates ignore case.
    email              text        NOT NULL UNIQUE CHECK (email = lower(email)),
    display_name       text        NOT NULL,
    password_hash      text        NOT NULL,
    active             boolean     NOT NULL,
    system_admin       boolean     NOT NULL,
    tokens_valid_after timestamptz NOT NULL,
    version            bigint      NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now()
);

--changeset warden:001-permissions
CREATE TABLE permissions (
    name        text PRIMARY KEY,
    description text NOT NULL
);

--changeset warden:001-memberships
CREATE TABLE memberships (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    active     boolean     NOT NULL,
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);
-- The tenants of a user (login, tenant selection).
CREATE INDEX memberships_by_user ON memberships (user_id);

--changeset warden:001-roles
CREATE TABLE roles (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    description text        NOT NULL,
    system      boolean     NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- Also the index of the tenant's roles by name (roles are deleted, not soft-deleted).
    CONSTRAINT roles_name_unique UNIQUE (tenant_id, name),
    -- The target of the (tenant, role) foreign keys below: a row can only ever point at a role of
    -- its own tenant (foreign-key checks bypass row-level security, so this must be structural).
    CONSTRAINT roles_tenant_id_unique UNIQUE (tenant_id, id)
);

--changeset warden:001-role-permissions
CREATE TABLE role_permissions (
    tenant_id       uuid NOT NULL,
    role_id         uuid NOT NULL,
    permission_name text NOT NULL REFERENCES permissions (name) ON DELETE CASCADE,
    PRIMARY KEY (role_id, permission_name),
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);
-- The primary key serves look-ups by role; this one serves deleting a permission everywhere.
CREATE INDEX role_permissions_by_permission ON role_permissions (permission_name);

--changeset warden:001-user-roles
CREATE TABLE user_roles (
    tenant_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    role_id    uuid        NOT NULL,
    expires_at timestamptz NULL,
    version    bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, user_id, role_id),
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE,
    -- Only a member can hold a role, and ending the membership ends its assignments.
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX user_roles_by_user ON user_roles (user_id, tenant_id);
CREATE INDEX user_roles_by_role ON user_roles (tenant_id, role_id);

--changeset warden:001-sessions
CREATE TABLE sessions (
    id         text        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    token_hash text        PRIMARY KEY,
    session_id text        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    tenant_id  uuid        NULL REFERENCES tenants (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    spent_at   timestamptz NULL
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);

CREATE TABLE revoked_tokens (
    jti        text        PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

--changeset warden:001-signing-keys
CREATE TABLE signing_keys (
    kid         text        PRIMARY KEY,
    algorithm   text        NOT NULL,
    private_key text        NOT NULL,
    public_key  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    active      boolean     NOT NULL
);
