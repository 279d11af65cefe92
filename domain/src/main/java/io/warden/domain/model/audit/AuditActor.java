package io.warden.domain.model.audit;

import io.warden.domain.model.user.UserId;
import java.util.Optional;

/**
 * Who made an audited change: the user, and their e-mail as it was when the event was written
 * (empty while the event is being written; the store fills it in from the user's row).
 */
public record AuditActor(UserId userId, Optional<String> email) {
  /** The actor of an event about to be written. */
  public static AuditActor of(UserId userId) {
    return new AuditActor(userId, Optional.empty());
  }
}
