package io.warden.domain.model.tenant;

import io.warden.domain.model.InvalidValueException;
import java.util.regex.Pattern;

/** An organisation using Warden; its slug is unique and URL-safe. */
public record Tenant(TenantId id, String slug, String name, boolean active) {
  private static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$");

  public Tenant {
    validateSlug(slug);
    validateName(name);
  }

  /** A new, active tenant. */
  public static Tenant create(String slug, String name) {
    return new Tenant(TenantId.random(), slug, name, true);
  }

  public Tenant rename(String newName) {
    return new Tenant(id, slug, newName, active);
  }

  public Tenant withActive(boolean newActive) {
    return new Tenant(id, slug, name, newActive);
  }

  public static void validateSlug(String slug) {
    InvalidValueException.requirePresent(slug, "slug");
    InvalidValueException.require(
        SLUG.matcher(slug).matches(),
        "slug",
        "must be 1 to 64 lower-case letters, digits or inner dashes");
  }

  public static void validateName(String name) {
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.require(
        !name.isBlank() && name.length() <= 200, "name", "must be 1 to 200 characters");
  }
}
