package io.warden.application.port.out;

import io.warden.domain.model.permission.PermissionSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective permissions of a user in a tenant as read at data version {@code version}. {@code
 * validUntil} is the earliest expiry among the assignments that contributed: past it the snapshot
 * must be reloaded (an expired assignment grants nothing, without any job).
 */
public record PermissionSnapshot(
    PermissionSet permissions, long version, Optional<Instant> validUntil) {
  public PermissionSnapshot {
    Objects.requireNonNull(permissions, "permissions");
    Objects.requireNonNull(validUntil, "validUntil");
  }

  public boolean isValidAt(Instant now) {
    return validUntil.map(now::isBefore).orElse(true);
  }
}
