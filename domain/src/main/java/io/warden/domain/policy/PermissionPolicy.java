package io.warden.domain.policy;

import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;

/** Decides a permission check from the subject's effective permission set. */
public final class PermissionPolicy {
  private PermissionPolicy() {}

  public static AccessDecision decide(PermissionSet effective, String permission) {
    if (!PermissionName.isWellFormed(permission)) {
      return new AccessDecision.Denied("not a permission name");
    }
    return effective.allows(permission) ? AccessDecision.ALLOWED : AccessDecision.NOT_GRANTED;
  }
}
