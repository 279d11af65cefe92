package io.warden.domain.policy;

import io.warden.domain.model.permission.PermissionName;
import io.warden.domain.model.permission.PermissionSet;

/** Decides a permission check from the subject's effective permission set. */
public final class PermissionPolicy {
  /** The reason of a well-formed permission the subject does not hold. */
  static final String NOT_GRANTED = "no active role grants the permission";

  // One instance each for the hot path (the answers are values: any Allowed equals any other).
  private static final AccessDecision ALLOWED = new AccessDecision.Allowed();
  private static final AccessDecision DENIED = new AccessDecision.Denied(NOT_GRANTED);

  private PermissionPolicy() {}

  public static AccessDecision decide(PermissionSet effective, String permission) {
    if (!PermissionName.isWellFormed(permission)) {
      return new AccessDecision.Denied("not a permission name");
    }
    return effective.allows(permission) ? ALLOWED : DENIED;
  }
}
