package io.warden.testing;

import java.util.List;

/**
 * The names of Warden's built-in permissions, written out apart from the code that defines them,
 * sorted as every permission list on the wire is: the one oracle the domain's tests and the
 * end-to-end tests check that code against. A new built-in permission is added here by hand, on
 * purpose.
 */
public final class BuiltInPermissionNames {
  /** Every built-in permission's name, sorted. */
  public static final List<String> SORTED =
      List.of(
          "audit.view",
          "authz.check",
          "cache.manage",
          "metrics.view",
          "orgs.manage",
          "orgs.view",
          "roles.assign",
          "roles.bind",
          "roles.edit",
          "roles.escalate",
          "roles.view",
          "users.manage",
          "users.view");

  private BuiltInPermissionNames() {}
}
