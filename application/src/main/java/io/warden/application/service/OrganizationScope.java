package io.warden.application.service;

import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.UserContexts;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.tenant.TenantId;
import java.util.List;

/**
 * Answers inside an organization: a user holds there what they hold tenant-wide plus what the
 * assignments made for the organization or one of its ancestors grant. The chain (the organization
 * and its ancestors) comes from the tenant's tree as the cache tiers hold it, the grants from the
 * user's cached snapshot, so a warm organization-scoped check reads no database either. An id that
 * is no organization of the tenant has an empty chain, inside which nothing is held.
 */
final class OrganizationScope {
  private final UserContexts userContexts;

  OrganizationScope(UserContexts userContexts) {
    this.userContexts = userContexts;
  }

  /** The organization and its ancestors, itself first; empty when the tenant has no such one. */
  List<OrganizationId> chainOf(TenantId tenant, OrganizationId organization) {
    return userContexts.organizationTree(tenant).chainOf(organization);
  }

  /** Whether the snapshot's holder holds {@code permission} inside the chain's organization. */
  static boolean holds(PermissionSnapshot snapshot, List<OrganizationId> chain, String permission) {
    return !chain.isEmpty()
        && (snapshot.permissions().allows(permission)
            || snapshot.scoped().allows(chain, permission));
  }
}
