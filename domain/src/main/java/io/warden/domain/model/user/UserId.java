package io.warden.domain.model.user;

import io.warden.domain.model.Ids;
import java.util.UUID;

/** Identity of a user. */
public record UserId(UUID value) {
  public static UserId random() {
    return new UserId(UUID.randomUUID());
  }

  public static UserId parse(String text, String field) {
    return new UserId(Ids.parse(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
