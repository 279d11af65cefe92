package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user and a tenant read together, with the earliest future expiry of the user's assignments
 * there (null when none expires): the part of a user context that is not the list of roles.
 */
record UserContextRow(
    UUID userId,
    String email,
    String displayName,
    String passwordHash,
    boolean userActive,
    boolean systemAdmin,
    Instant tokensValidAfter,
    UUID tenantId,
    String slug,
    String tenantName,
    boolean tenantActive,
    @Nullable Instant validUntil) {
  UserRow user() {
    return new UserRow(
        userId, email, displayName, passwordHash, userActive, systemAdmin, tokensValidAfter);
  }

  TenantRow tenant() {
    return new TenantRow(tenantId, slug, tenantName, tenantActive);
  }
}
