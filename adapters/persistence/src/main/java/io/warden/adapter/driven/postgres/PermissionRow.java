package io.warden.adapter.driven.postgres;

import io.warden.domain.model.permission.Permission;
import io.warden.domain.model.permission.PermissionName;

/** A row of {@code permissions}. */
record PermissionRow(String name, String description) {
  static PermissionRow of(Permission permission) {
    return new PermissionRow(permission.name().value(), permission.description());
  }

  Permission toPermission() {
    return new Permission(new PermissionName(name), description);
  }
}
