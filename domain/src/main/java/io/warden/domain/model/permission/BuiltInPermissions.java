package io.warden.domain.model.permission;

import java.util.List;

/** The permissions present from the first start; the tenant {@code admin} role holds them all. */
public final class BuiltInPermissions {
  public static final PermissionName USERS_VIEW = new PermissionName("users.view");
  public static final PermissionName USERS_MANAGE = new PermissionName("users.manage");
  public static final PermissionName ROLES_VIEW = new PermissionName("roles.view");
  public static final PermissionName ROLES_EDIT = new PermissionName("roles.edit");
  public static final PermissionName ROLES_ASSIGN = new PermissionName("roles.assign");

  /** Lifts the escalation rule for editing roles: put any permission into a role. */
  public static final PermissionName ROLES_ESCALATE = new PermissionName("roles.escalate");

  /** Lifts the escalation rule for assigning roles: assign any role. */
  public static final PermissionName ROLES_BIND = new PermissionName("roles.bind");

  public static final PermissionName AUTHZ_CHECK = new PermissionName("authz.check");
  public static final PermissionName CACHE_MANAGE = new PermissionName("cache.manage");
  public static final PermissionName METRICS_VIEW = new PermissionName("metrics.view");
  public static final PermissionName ORGS_VIEW = new PermissionName("orgs.view");
  public static final PermissionName ORGS_MANAGE = new PermissionName("orgs.manage");

  /** Reads the audit trail of the tenant ({@code GET /api/audit}). */
  public static final PermissionName AUDIT_VIEW = new PermissionName("audit.view");

  /** Every built-in permission with its description. */
  public static final List<Permission> ALL =
      List.of(
          new Permission(USERS_VIEW, "See the members of the tenant and their permissions"),
          new Permission(USERS_MANAGE, "Add and remove members of the tenant"),
          new Permission(ROLES_VIEW, "See the roles of the tenant"),
          new Permission(ROLES_EDIT, "Create, change and delete roles"),
          new Permission(ROLES_ASSIGN, "Assign roles to members and take them away"),
          new Permission(
              ROLES_ESCALATE,
              "Put permissions the caller does not hold into roles (with roles.edit)"),
          new Permission(
              ROLES_BIND,
              "Assign roles granting permissions the caller does not hold (with roles.assign)"),
          new Permission(AUTHZ_CHECK, "Check and explain the permissions of other users"),
          new Permission(CACHE_MANAGE, "Warm and flush the permission caches"),
          new Permission(METRICS_VIEW, "Read performance statistics"),
          new Permission(ORGS_VIEW, "See the organizations of the tenant"),
          new Permission(
              ORGS_MANAGE, "Create, move, rename and delete organizations and their members"),
          new Permission(AUDIT_VIEW, "Read the audit trail of the tenant"));

  /** The name of the built-in role every tenant starts with. */
  public static final String ADMIN_ROLE = "admin";

  private BuiltInPermissions() {}

  public static boolean isBuiltIn(PermissionName name) {
    return ALL.stream().anyMatch(p -> p.name().equals(name));
  }
}
