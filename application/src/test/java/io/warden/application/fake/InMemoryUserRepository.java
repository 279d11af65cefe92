package io.warden.application.fake;

import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Users in an {@link InMemoryStore}; global, so usable in any transaction. */
public final class InMemoryUserRepository implements UserRepository {
  private final InMemoryStore store;

  public InMemoryUserRepository(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void insert(User user) {
    InMemoryStore.Data data = store.write();
    if (data.usersByEmail.containsKey(user.email())) {
      throw new Conflict("a user with this e-mail exists");
    }
    if (data.users.containsKey(user.id())) {
      throw new Conflict("a user with this id exists");
    }
    data.users.put(user.id(), user);
    data.usersByEmail.put(user.email(), user.id());
  }

  @Override
  public void insertAll(Collection<User> users) {
    // All or nothing, as one statement would be: the transaction rolls back on a conflict.
    for (User user : users) {
      insert(user);
    }
  }

  @Override
  public boolean rename(UserId id, String displayName) {
    return change(id, user -> user.withDisplayName(displayName));
  }

  @Override
  public boolean changePassword(UserId id, String passwordHash, Instant now) {
    return change(id, user -> user.withPasswordHash(passwordHash, now))
        || store.write().users.containsKey(id);
  }

  @Override
  public boolean setActive(UserId id, boolean active, Instant now) {
    return change(id, user -> user.active() == active ? user : user.withActive(active, now));
  }

  @Override
  public boolean voidTokensIssuedBefore(UserId id, Instant instant) {
    return change(id, user -> user.voidTokensIssuedBefore(instant))
        || store.write().users.containsKey(id);
  }

  private boolean change(UserId id, UnaryOperator<User> change) {
    return InMemoryStore.changeRow(store.write().users, id, change);
  }

  @Override
  public Optional<User> findById(UserId id) {
    return Optional.ofNullable(store.read().users.get(id));
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    InMemoryStore.Data data = store.read();
    return Optional.ofNullable(data.usersByEmail.get(email)).map(data.users::get);
  }

  @Override
  public List<User> findAllById(Collection<UserId> ids) {
    InMemoryStore.Data data = store.read();
    return ids.stream().distinct().map(data.users::get).filter(Objects::nonNull).toList();
  }

  @Override
  public List<User> page(Optional<String> emailPrefix, Optional<UserId> after, int limit) {
    return store.read().users.values().stream()
        .filter(u -> emailPrefix.isEmpty() || u.email().value().startsWith(emailPrefix.get()))
        .filter(u -> after.isEmpty() || u.id().toString().compareTo(after.get().toString()) > 0)
        .sorted(java.util.Comparator.comparing(u -> u.id().toString()))
        .limit(limit)
        .toList();
  }
}
