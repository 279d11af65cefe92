package io.warden.application.service;

import io.warden.application.port.driven.RoleRepository;
import io.warden.application.port.driving.AuthorizationUseCase.Grant;
import io.warden.domain.model.organization.OrganizationId;
import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.role.Role;
import io.warden.domain.model.role.RoleAssignment;
import io.warden.domain.model.role.RoleGraph;
import io.warden.domain.model.role.RoleId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Explain's search: which held roles grant a permission, by which path and which grant. */
final class GrantFinder {
  private GrantFinder() {}

  /**
   * The tenant-wide grants of the subject's roles at {@code now}, then those of the assignments
   * made for an organization of {@code chain} (the asked one first, then its ancestors); read in
   * the subject's tenant.
   */
  static List<Grant> grantsOf(
      RoleRepository roles,
      Instant now,
      UserId subject,
      String permission,
      List<OrganizationId> chain) {
    RoleGraph graph = RoleGraph.of(roles.findAll());
    List<RoleId> assigned = roles.rolesOf(subject, now).stream().map(Role::id).toList();
    List<Grant> grants = new ArrayList<>(grants(graph, assigned, permission, Optional.empty()));
    if (!chain.isEmpty()) {
      List<RoleAssignment> scoped =
          roles.scopedAssignmentsOf(subject).stream().filter(a -> a.isEffectiveAt(now)).toList();
      for (OrganizationId organization : chain) {
        List<RoleId> there =
            scoped.stream()
                .filter(a -> a.organizationId().orElseThrow().equals(organization))
                .map(RoleAssignment::roleId)
                .toList();
        if (!there.isEmpty()) {
          grants.addAll(grants(graph, there, permission, Optional.of(organization)));
        }
      }
    }
    return List.copyOf(grants);
  }

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
