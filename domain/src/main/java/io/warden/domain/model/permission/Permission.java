package io.warden.domain.model.permission;

import io.warden.domain.model.InvalidValueException;

/** A permission defined in Warden, with a human description. */
public record Permission(PermissionName name, String description) {
  public Permission {
    InvalidValueException.requirePresent(description, "description");
    InvalidValueException.require(
        description.length() <= 500, "description", "must be at most 500 characters");
  }
}
