package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users in {@code users} (global: any transaction may read and write them). */
final class PostgresUserRepository extends MapperBacked<UserMapper> implements UserRepository {
  /** Rows per multi-row INSERT: 7 parameters each, far below PostgreSQL's 65535. */
  static final int BATCH = 1000;

  PostgresUserRepository(PostgresTransactions transactions) {
    super(transactions, UserMapper.class);
  }

  @Override
  public void insert(User user) {
    if (sql().insert(UserRow.of(user)) == 0) {
      throw new Conflict("a user with e-mail " + user.email() + " or its id exists already");
    }
  }

  @Override
  public void insertAll(Collection<User> users) {
    List<UserRow> rows = users.stream().map(UserRow::of).toList();
    for (int from = 0; from < rows.size(); from += BATCH) {
      sql().insertAll(rows.subList(from, Math.min(rows.size(), from + BATCH)));
    }
  }

  @Override
  public boolean rename(UserId id, String displayName) {
    return sql().rename(id.value(), displayName) > 0;
  }

  @Override
  public boolean changePassword(UserId id, String passwordHash, Instant now) {
    return sql().changePassword(id.value(), passwordHash, now) > 0;
  }

  @Override
  public boolean setActive(UserId id, boolean active, Instant now) {
    return sql().setActive(id.value(), active, now) > 0;
  }

  @Override
  public boolean voidTokensIssuedBefore(UserId id, Instant instant) {
    return sql().voidTokensIssuedBefore(id.value(), instant) > 0;
  }

  @Override
  public Optional<User> findById(UserId id) {
    return Optional.ofNullable(sql().findById(id.value())).map(UserRow::toUser);
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return Optional.ofNullable(sql().findByEmail(email.value())).map(UserRow::toUser);
  }

  @Override
  public List<User> findAllById(Collection<UserId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    UUID[] values = ids.stream().map(UserId::value).distinct().toArray(UUID[]::new);
    return sql().findAllById(values).stream().map(UserRow::toUser).toList();
  }

  @Override
  public List<User> page(Optional<String> emailPrefix, Optional<UserId> after, int limit) {
    return sql()
        .page(
            emailPrefix.map(LikePrefix::of).orElse(null),
            after.map(UserId::value).orElse(null),
            limit)
        .stream()
        .map(UserRow::toUser)
        .toList();
  }
}
