package io.warden.adapter.driven.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
  void a_duplicate_email_is_a_conflict_whatever_its_case() {
    acrossDo(() -> db.users().insert(someone("dup@example.com")));

    assertThatThrownBy(() -> acrossDo(() -> db.users().insert(someone("DUP@example.com"))))
        .isInstanceOf(Conflict.class);
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

  @Test
  void each_change_writes_its_own_columns_and_says_whether_it_did() {
    User user = User.create(new Email("upd@example.com"), "Before", "old", false, clock.instant());
    acrossDo(() -> db.users().insert(user));
    Instant five = clock.in(5, ChronoUnit.MINUTES);
    Instant six = clock.in(6, ChronoUnit.MINUTES);

    assertThat(across(() -> db.users().rename(user.id(), "After"))).isTrue();
    assertThat(across(() -> db.users().rename(user.id(), "After"))).isFalse();
    assertThat(across(() -> db.users().changePassword(user.id(), "new", five))).isTrue();
    assertThat(across(() -> db.users().setActive(user.id(), false, six))).isTrue();
    assertThat(across(() -> db.users().setActive(user.id(), false, six))).isFalse();

    assertThat(across(() -> db.users().findById(user.id())))
        .contains(
            user.withDisplayName("After").withPasswordHash("new", five).withActive(false, six));
    UserId ghost = UserId.random();
    assertThat(across(() -> db.users().rename(ghost, "Ghost"))).isFalse();
    assertThat(across(() -> db.users().changePassword(ghost, "x", six))).isFalse();
    assertThat(across(() -> db.users().setActive(ghost, false, six))).isFalse();
    assertThat(across(() -> db.users().voidTokensIssuedBefore(ghost, six))).isFalse();
  }

  @Test
  void tokens_valid_after_only_ever_moves_forward() {
    User user = someone("forward-" + UUID.randomUUID() + "@example.com");
    acrossDo(() -> db.users().insert(user));
    Instant later = clock.in(10, ChronoUnit.MINUTES);
    Instant earlier = clock.in(1, ChronoUnit.MINUTES);

    acrossDo(() -> db.users().voidTokensIssuedBefore(user.id(), later));
    acrossDo(
        () -> {
          db.users().voidTokensIssuedBefore(user.id(), earlier);
          db.users().changePassword(user.id(), "other", earlier);
          db.users().setActive(user.id(), false, earlier);
        });

    assertThat(across(() -> db.users().findById(user.id())).orElseThrow().tokensValidAfter())
        .isEqualTo(later);
  }

  @Test
  void find_all_by_id_returns_the_known_ones() {
    User a = someone("a-" + UUID.randomUUID() + "@example.com");
    User b = someone("b-" + UUID.randomUUID() + "@example.com");
    acrossDo(() -> db.users().insertAll(List.of(a, b)));

    assertThat(
            across(() -> db.users().findAllById(List.of(a.id(), UserId.random(), b.id(), a.id()))))
        .containsExactlyInAnyOrder(a, b);
    assertThat(across(() -> db.users().findAllById(List.of()))).isEmpty();
  }

  @Test
  void users_are_global_so_a_tenant_transaction_sees_them_too() {
    User user = someone("global-" + UUID.randomUUID() + "@example.com");
    acrossDo(() -> db.users().insert(user));

    assertThat(inTenant(newTenant(), () -> db.users().findById(user.id()))).contains(user);
  }
}
