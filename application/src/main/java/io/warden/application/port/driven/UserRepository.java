package io.warden.application.port.driven;

import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Users, global across tenants. Every change is targeted: it writes only the columns it changes, in
 * one statement, never a whole row read earlier. So concurrent changes of one user (a logout-all
 * racing a password change or a deactivation) never undo each other, and {@code tokensValidAfter}
 * only ever moves forward.
 */
public interface UserRepository {

  /** {@link io.warden.application.port.driving.Conflict} on a duplicate e-mail. */
  void insert(User user);

  /** Many users in one statement (demo seeding); duplicates are a conflict. */
  void insertAll(Collection<User> users);

  /** Sets the display name; whether it changed (false too for no such user). */
  boolean rename(UserId id, String displayName);

  /**
   * Sets a new password hash and voids every token issued before {@code now}; whether the user
   * exists.
   */
  boolean changePassword(UserId id, String passwordHash, Instant now);

  /**
   * Activates or deactivates the user (deactivating voids every token issued before {@code now});
   * whether it changed (false too for no such user).
   */
  boolean setActive(UserId id, boolean active, Instant now);

  /** Voids every token issued before {@code instant} (never moving it back); whether it exists. */
  boolean voidTokensIssuedBefore(UserId id, Instant instant);

  Optional<User> findById(UserId id);

  Optional<User> findByEmail(Email email);

  List<User> findAllById(Collection<UserId> ids);

  /**
   * Up to {@code limit} users ordered by id (as text), after {@code after} when given, whose e-mail
   * starts with {@code emailPrefix} (lower-case, as e-mails are kept) when given.
   */
  List<User> page(Optional<String> emailPrefix, Optional<UserId> after, int limit);
}
