package io.warden.application.service;

import io.warden.application.port.driving.AuthorizationUseCase.Grant;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.RoleGraph;
import io.warden.domain.model.role.RoleId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Explain's search: which held roles grant a permission, by which path and which grant. */
final class GrantFinder {
  private GrantFinder() {}

  /**
   * Every role reached from {@code assigned} (directly or through inclusion) that grants {@code
   * permission}, with the shortest inclusion path and the matching grant: the exact name when the
   * role holds it, otherwise its most specific covering wildcard. Each names {@code organization},
   * the organization the assignments were made for (empty: tenant-wide).
   */
  static List<Grant> grants(
      RoleGraph graph,
      Collection<RoleId> assigned,
      String permission,
      Optional<OrganizationId> organization) {
    List<Grant> grants = new ArrayList<>();
    for (RoleGraph.Reached reached : graph.reachedFrom(List.copyOf(assigned))) {
      PermissionName matched = null;
      for (PermissionName granted : reached.role().permissions()) {
        if (granted.grants(permission)
            && (matched == null
                || granted.value().equals(permission)
                || (!matched.value().equals(permission)
                    && granted.value().length() > matched.value().length()))) {
          matched = granted;
        }
      }
      if (matched != null) {
        grants.add(new Grant(reached.role(), reached.via(), matched, organization));
      }
    }
    return grants;
  }
}
