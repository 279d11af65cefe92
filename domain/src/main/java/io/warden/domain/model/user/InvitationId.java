package io.warden.domain.model.user;

import io.warden.domain.model.Ids;
import java.util.UUID;

/** Identity of an invitation to join a tenant. */
public record InvitationId(UUID value) {
  public static InvitationId random() {
    return new InvitationId(UUID.randomUUID());
  }

  public static InvitationId parse(String text, String field) {
    return new InvitationId(Ids.parse(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
