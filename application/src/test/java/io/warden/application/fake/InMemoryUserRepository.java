package io.warden.application.fake;

import io.warden.application.port.in.Conflict;
import io.warden.application.port.out.UserRepository;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
  public void update(User user) {
    InMemoryStore.Data data = store.write();
    User current = data.users.get(user.id());
    if (current == null) {
      throw new IllegalArgumentException("no such user: " + user.id());
    }
    if (!current.email().equals(user.email())) {
      UserId owner = data.usersByEmail.get(user.email());
      if (owner != null) {
        throw new Conflict("a user with this e-mail exists");
      }
      data.usersByEmail.remove(current.email());
      data.usersByEmail.put(user.email(), user.id());
    }
    data.users.put(user.id(), user);
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
}
