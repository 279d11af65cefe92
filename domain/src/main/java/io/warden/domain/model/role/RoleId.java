package io.warden.domain.model.role;

import io.warden.domain.model.Ids;
import java.util.UUID;

/** Identity of a role. */
public record RoleId(UUID value) implements Comparable<RoleId> {
  public static RoleId random() {
    return new RoleId(UUID.randomUUID());
  }

  public static RoleId parse(String text, String field) {
    return new RoleId(Ids.parse(text, field));
  }

  /** By the id's text, so that sorted ids read as they print. */
  @Override
  public int compareTo(RoleId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
