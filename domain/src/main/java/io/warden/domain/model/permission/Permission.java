package io.warden.domain.model.permission;

import io.warden.domain.model.InvalidValueException;
import java.util.Objects;

/** A permission defined in Warden, with a human description. */
public record Permission(PermissionName name, String description) {
  public Permission {
    Objects.requireNonNull(name, "name");
    InvalidValueException.requirePresent(description, "description");
    InvalidValueException.require(
        description.length() <= 500, "description", "must be at most 500 characters");
  }
}
