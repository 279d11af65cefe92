package io.warden.application.port.driven;

import io.warden.domain.model.permission.PermissionSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective permissions of a user in a tenant as read at data version {@code version}. {@code
 * validUntil} is the earliest expiry among the assignments that contributed: past it the snapshot
 * must be reloaded (an expiring assignment grants nothing, without any job).
 *
 * <p>{@code cacheable} is false for a stranger to the tenant (no membership, not a system
 * administrator, or no such user at all): a stranger holds nothing, and no cache tier stores their
 * snapshot, so a member asking about random ids cannot fill the caches. The source of truth sets
 * it; every tier honours it before it stores.
 */
public record PermissionSnapshot(
    PermissionSet permissions, long version, Optional<Instant> validUntil, boolean cacheable) {
  public PermissionSnapshot {
    Objects.requireNonNull(permissions, "permissions");
    Objects.requireNonNull(validUntil, "validUntil");
    if (!cacheable && (!permissions.isEmpty() || validUntil.isPresent())) {
      throw new IllegalArgumentException("a stranger to the tenant holds nothing");
    }
  }

  /** The snapshot of someone who belongs in the tenant's caches (a member or a system admin). */
  public PermissionSnapshot(PermissionSet permissions, long version, Optional<Instant> validUntil) {
    this(permissions, version, validUntil, true);
  }

  /** The snapshot of a stranger to the tenant, read at {@code version}: nothing, never cached. */
  public static PermissionSnapshot stranger(long version) {
    return new PermissionSnapshot(PermissionSet.empty(), version, Optional.empty(), false);
  }

  public boolean isValidAt(Instant now) {
    return validUntil.map(now::isBefore).orElse(true);
  }
}
