package io.warden.adapter.driven.postgres;

import io.warden.domain.model.organization.OrganizationGrants;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The effective permissions of one user as the permission query returns them, with the data version
 * of the same snapshot, the earliest expiry of a contributing assignment (or null), and whether the
 * user belongs in the tenant's caches (a member or a system administrator), and what the user's
 * organization-scoped assignments grant: one {@code organizationId|name,name,...} per organization.
 */
record PermissionSnapshotRow(
    UUID userId,
    long version,
    String[] permissions,
    @Nullable Instant validUntil,
    boolean cacheable,
    String[] scoped) {

  /** The {@link #scoped} column as grants per organization. */
  OrganizationGrants organizationGrants() {
    if (scoped == null || scoped.length == 0) {
      return OrganizationGrants.NONE;
    }
    Map<OrganizationId, PermissionSet> byOrganization = new HashMap<>();
    for (String entry : scoped) {
      int bar = entry.indexOf('|');
      byOrganization.put(
          new OrganizationId(UUID.fromString(entry.substring(0, bar))),
          PermissionSet.of(Arrays.asList(entry.substring(bar + 1).split(","))));
    }
    return OrganizationGrants.of(byOrganization);
  }
}
