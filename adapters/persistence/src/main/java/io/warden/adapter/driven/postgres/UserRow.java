package io.warden.adapter.driven.postgres;

import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. */
record UserRow(
    UUID id,
    String email,
    String displayName,
    String passwordHash,
    boolean active,
    boolean systemAdmin,
    Instant tokensValidAfter) {

  static UserRow of(User user) {
    return new UserRow(
        user.id().value(),
        user.email().value(),
        user.displayName(),
        user.passwordHash(),
        user.active(),
        user.systemAdmin(),
        user.tokensValidAfter());
  }

  User toUser() {
    return new User(
        new UserId(id),
        new Email(email),
        displayName,
        passwordHash,
        active,
        systemAdmin,
        tokensValidAfter);
  }
}
