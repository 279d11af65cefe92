package io.warden.domain.model.organization;

import io.warden.domain.model.Ids;
import java.util.UUID;

/** Identity of an organization. */
public record OrganizationId(UUID value) implements Comparable<OrganizationId> {
  public static OrganizationId random() {
    return new OrganizationId(UUID.randomUUID());
  }

  public static OrganizationId parse(String text, String field) {
    return new OrganizationId(Ids.parse(text, field));
  }

  /** By the id's text, so that sorted ids read as they print. */
  @Override
  public int compareTo(OrganizationId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
