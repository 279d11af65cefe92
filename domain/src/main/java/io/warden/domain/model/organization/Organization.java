package io.warden.domain.model.organization;

import io.warden.domain.model.InvalidValueException;
import io.warden.domain.model.tenant.TenantId;
import java.util.Optional;

/**
 * An organization of a tenant; {@code parentId} empty makes it a root. Where it may sit in its
 * tenant's tree is the {@link OrganizationTree}'s rule, not this record's.
 */
public record Organization(
    OrganizationId id, TenantId tenantId, String name, Optional<OrganizationId> parentId) {

  /** Longest name, in characters. */
  public static final int MAX_NAME_LENGTH = 200;

  public Organization {
    validateName(name);
    InvalidValueException.require(
        parentId.map(p -> !p.equals(id)).orElse(true),
        "parentId",
        "an organization cannot be its own parent");
  }

  public static void validateName(String name) {
    InvalidValueException.require(name != null && !name.isBlank(), "name", "must not be blank");
    InvalidValueException.require(
        name.length() <= MAX_NAME_LENGTH, "name", "at most " + MAX_NAME_LENGTH + " characters");
  }

  public Organization renamed(String newName) {
    return new Organization(id, tenantId, newName, parentId);
  }

  public Organization movedTo(Optional<OrganizationId> newParent) {
    return new Organization(id, tenantId, name, newParent);
  }
}
