package io.warden.domain.model.tenant;

import io.warden.domain.model.Ids;
import java.util.UUID;

/** Identity of a tenant. */
public record TenantId(UUID value) {
  public static TenantId random() {
    return new TenantId(UUID.randomUUID());
  }

  public static TenantId parse(String text, String field) {
    return new TenantId(Ids.parse(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
