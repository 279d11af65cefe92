package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL shows of the users (how e-mails are stored, statements per call); the port's
 * contract runs in {@link PostgresStorageContractTest}.
 */
class UserRepositoryTest extends PostgresTestBase {

  private User someone(String email) {
    return User.create(new Email(email), "Some One", "$argon2id$hash", false, clock.instant());
  }

  @Test
  void stores_a_user_and_finds_it_by_id_and_by_email_ignoring_case() {
    User user = someone("Mixed.Case@Example.com");
    acrossDo(() -> db.users().insert(user));

    assertThat(across(() -> db.users().findById(user.id()))).contains(user);
    assertThat(across(() -> db.users().findByEmail(new Email("MIXED.case@example.COM"))))
        .contains(user);
    assertThat(adminCount("SELECT count(*) FROM users WHERE email = 'mixed.case@example.com'"))
        .isEqualTo(1);
    assertThat(across(() -> db.users().findById(UserId.random()))).isEmpty();
  }

  @Test
  void insert_all_stores_many_in_one_statement_and_a_duplicate_stores_none() {
    List<User> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(someone("many-" + i + "-" + UUID.randomUUID() + "@example.com"));
    }

    int used =
        across(
            () -> {
              statements.reset();
              db.users().insertAll(many);
              return statements.count();
            });

    assertThat(used).isEqualTo(1);
    assertThat(across(() -> db.users().findAllById(many.stream().map(User::id).toList())))
        .containsExactlyInAnyOrderElementsOf(many);

    User fresh = someone("fresh-" + UUID.randomUUID() + "@example.com");
    User clash = someone(many.get(3).email().value());
    assertThatThrownBy(() -> acrossDo(() -> db.users().insertAll(List.of(fresh, clash))))
        .isInstanceOf(Conflict.class);
    assertThat(across(() -> db.users().findById(fresh.id()))).isEmpty();
  }
}
