package io.warden.domain.model.organization;

import io.warden.domain.model.permission.PermissionSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a user's organization-scoped role assignments grant, per organization they were made for
 * (each set through every role the assigned ones include). Inside an organization a user holds the
 * tenant-wide set plus the sets of that organization and of each of its ancestors: {@link
 * #allows(List, String)} over the chain {@link OrganizationTree#chainOf} gives. Immutable; most
 * users have none ({@link #NONE}).
 */
public final class OrganizationGrants {
  public static final OrganizationGrants NONE = new OrganizationGrants(Map.of());

  private final Map<OrganizationId, PermissionSet> byOrganization;

  private OrganizationGrants(Map<OrganizationId, PermissionSet> byOrganization) {
    this.byOrganization = byOrganization;
  }

  /** The grants of {@code byOrganization}, leaving out organizations whose set is empty. */
  public static OrganizationGrants of(Map<OrganizationId, PermissionSet> byOrganization) {
    Map<OrganizationId, PermissionSet> copy = new TreeMap<>();
    byOrganization.forEach(
        (id, set) -> {
          if (!set.isEmpty()) {
            copy.put(id, set);
          }
        });
    return copy.isEmpty() ? NONE : new OrganizationGrants(Collections.unmodifiableMap(copy));
  }

  public boolean isEmpty() {
    return byOrganization.isEmpty();
  }

  /** By organization id. */
  public Map<OrganizationId, PermissionSet> byOrganization() {
    return byOrganization;
  }

  /**
   * Whether, in every organization, these grants name nothing {@code other} does not ({@link
   * PermissionSet#namesWithin}): then they grant nothing {@code other} does not.
   */
  public boolean within(OrganizationGrants other) {
    for (Map.Entry<OrganizationId, PermissionSet> grant : byOrganization.entrySet()) {
      PermissionSet held = other.byOrganization.get(grant.getKey());
      if (held == null || !grant.getValue().namesWithin(held)) {
        return false;
      }
    }
    return true;
  }

  /** Whether an assignment made for one of the organizations of {@code chain} grants it. */
  public boolean allows(List<OrganizationId> chain, String permission) {
    if (byOrganization.isEmpty()) {
      return false;
    }
    for (OrganizationId id : chain) {
      PermissionSet set = byOrganization.get(id);
      if (set != null && set.allows(permission)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrganizationGrants other && byOrganization.equals(other.byOrganization);
  }

  @Override
  public int hashCode() {
    return byOrganization.hashCode();
  }

  @Override
  public String toString() {
    return "OrganizationGrants" + byOrganization;
  }
}
