package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.port.driven.UserRepository;
import io.warden.application.port.driving.Conflict;
import io.warden.domain.model.user.Email;
import io.warden.domain.model.user.User;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserRepository} must do: users are global, e-mail addresses unique whatever
 * their case, and every change targeted, so {@code tokensValidAfter} only ever moves forward.
 */
public abstract class UserRepositoryContract extends StorageContract {

  private UserRepository users() {
    return storage().users();
  }

  @Test
  public void stores_a_user_and_finds_it_by_id_and_by_email_ignoring_case() {
    String local = "Mixed.Case." + unique();
    User user = User.create(new Email(local + "@Example.com"), "Some One", "hash", false, NOW);
    acrossDo(() -> users().insert(user));

    assertThat(across(() -> users().findById(user.id()))).contains(user);
    assertThat(across(() -> users().findByEmail(new Email(local.toUpperCase() + "@example.COM"))))
        .contains(user);
    assertThat(across(() -> users().findById(UserId.random()))).isEmpty();
    assertThat(across(() -> users().findByEmail(new Email("no-" + unique() + "@example.com"))))
        .isEmpty();
  }

  @Test
  public void a_duplicate_email_is_a_conflict_whatever_its_case() {
    String email = "dup-" + unique() + "@example.com";
    acrossDo(() -> users().insert(withEmail(email)));

    assertThatThrownBy(() -> acrossDo(() -> users().insert(withEmail(email.toUpperCase()))))
        .isInstanceOf(Conflict.class);
  }

  @Test
  public void insert_all_stores_every_user_or_none() {
    List<User> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(someone());
    }

    acrossDo(() -> users().insertAll(many));

    assertThat(across(() -> users().findAllById(many.stream().map(User::id).toList())))
        .containsExactlyInAnyOrderElementsOf(many);
    User fresh = someone();
    User clash = withEmail(many.get(3).email().value());
    assertThatThrownBy(() -> acrossDo(() -> users().insertAll(List.of(fresh, clash))))
        .isInstanceOf(Conflict.class);
    assertThat(across(() -> users().findById(fresh.id()))).isEmpty();
  }

  @Test
  public void each_change_writes_its_own_columns_and_says_whether_it_did() {
    User user = newUserRow();
    Instant five = NOW.plus(Duration.ofMinutes(5));
    Instant six = NOW.plus(Duration.ofMinutes(6));

    assertThat(across(() -> users().rename(user.id(), "After"))).isTrue();
    assertThat(across(() -> users().rename(user.id(), "After"))).isFalse();
    assertThat(across(() -> users().changePassword(user.id(), "new", five))).isTrue();
    assertThat(across(() -> users().setActive(user.id(), false, six))).isTrue();
    assertThat(across(() -> users().setActive(user.id(), false, six))).isFalse();

    assertThat(across(() -> users().findById(user.id())))
        .contains(
            user.withDisplayName("After").withPasswordHash("new", five).withActive(false, six));
    assertThat(across(() -> users().setActive(user.id(), true, six))).isTrue();
    assertThat(across(() -> users().findById(user.id())).orElseThrow().active()).isTrue();
  }

  @Test
  public void a_change_of_no_such_user_says_so() {
    UserId ghost = UserId.random();
    Instant later = NOW.plus(Duration.ofMinutes(1));

    assertThat(across(() -> users().rename(ghost, "Ghost"))).isFalse();
    assertThat(across(() -> users().changePassword(ghost, "x", later))).isFalse();
    assertThat(across(() -> users().setActive(ghost, false, later))).isFalse();
    assertThat(across(() -> users().voidTokensIssuedBefore(ghost, later))).isFalse();
    assertThat(across(() -> users().findById(ghost))).isEmpty();
  }

  @Test
  public void tokens_valid_after_only_ever_moves_forward() {
    User user = newUserRow();
    Instant later = NOW.plus(Duration.ofMinutes(10));
    Instant earlier = NOW.plus(Duration.ofMinutes(1));

    assertThat(across(() -> users().voidTokensIssuedBefore(user.id(), later))).isTrue();
    acrossDo(
        () -> {
          assertThat(users().voidTokensIssuedBefore(user.id(), earlier)).isTrue();
          users().changePassword(user.id(), "other", earlier);
          users().setActive(user.id(), false, earlier);
        });

    User stored = across(() -> users().findById(user.id())).orElseThrow();
    assertThat(stored.tokensValidAfter()).isEqualTo(later);
    assertThat(stored.passwordHash()).isEqualTo("other");
    assertThat(stored.active()).isFalse();
  }

  @Test
  public void find_all_by_id_returns_the_known_ones_once() {
    User a = someone();
    User b = someone();
    acrossDo(() -> users().insertAll(List.of(a, b)));

    assertThat(across(() -> users().findAllById(List.of(a.id(), UserId.random(), b.id(), a.id()))))
        .containsExactlyInAnyOrder(a, b);
    assertThat(across(() -> users().findAllById(List.of()))).isEmpty();
  }

  @Test
  public void users_are_global_so_a_tenant_transaction_sees_them_too() {
    User user = newUserRow();

    assertThat(inTenant(newTenant(), () -> users().findById(user.id()))).contains(user);
  }

  private static User withEmail(String email) {
    return User.create(new Email(email), "Some One", "hash", false, NOW);
  }
}
