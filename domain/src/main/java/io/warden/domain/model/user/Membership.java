package io.warden.domain.model.user;

import io.warden.domain.model.tenant.TenantId;

/** A user's membership of a tenant; only an active membership lets roles grant anything. */
public record Membership(TenantId tenantId, UserId userId, boolean active) {}
