package io.warden.application.port.out;

import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Users, global across tenants. */
public interface UserRepository {

  /** {@link io.warden.application.port.in.Conflict} on a duplicate e-mail. */
  void insert(User user);

  /** Many users in one statement (demo seeding); duplicates are a conflict. */
  void insertAll(Collection<User> users);

  void update(User user);

  Optional<User> findById(UserId id);

  Optional<User> findByEmail(Email email);

  List<User> findAllById(Collection<UserId> ids);
}
