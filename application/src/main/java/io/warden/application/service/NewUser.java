package io.warden.application.service;

import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Caller;
import io.warden.domain.event.RbacEvent;
import io.warden.domain.model.user.User;
import java.util.Optional;

/**
 * A user as they are born, one by one (a system administrator's request, the first administrator at
 * start-up): the row, the {@code UserCreated} event and the {@code user.create} audit event,
 * written in one cross-tenant change. Demo users are inserted in bulk and announced by their
 * tenant's event instead.
 */
final class NewUser {
  private NewUser() {}

  /**
   * Inserts {@code user} in {@code change}'s transaction; {@code creator} empty when Warden itself
   * creates them.
   */
  static User insert(
      UserRepository users,
      ChangeTransactions.Changes change,
      Optional<Caller> creator,
      User user) {
    users.insert(user);
    change.record(new RbacEvent.UserCreated(user.id()));
    Audit audit =
        creator
            .map(caller -> Audit.by(caller, "user.create"))
            .orElseGet(() -> Audit.bySystem("user.create"));
    // The address and the flag, never the password or its hash.
    change.audit(
        audit
            .target("userId", user.id())
            .detail("email", user.email().value())
            .detail("systemAdmin", user.systemAdmin()));
    return user;
  }
}
