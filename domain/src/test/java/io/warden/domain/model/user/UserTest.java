package io.warden.domain.model.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.InvalidValueException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private final User user = User.create(new Email("Bob@Example.COM "), "Bob", "hash", false, T0);

  @Test
  void e_mail_is_normalised_to_lower_case_and_checked() {
    assertThat(user.email().value()).isEqualTo("bob@example.com");
    assertThatThrownBy(() -> new Email("not-an-email")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new Email("a@b")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new Email(null)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void a_new_user_is_active_with_tokens_valid_from_creation() {
    assertThat(user.active()).isTrue();
    assertThat(user.tokensValidAfter()).isEqualTo(T0);
  }

  @Test
  void deactivation_and_a_new_password_void_every_token() {
    assertThat(user.withActive(false, T1).tokensValidAfter()).isEqualTo(T1);
    assertThat(user.withActive(false, T1).active()).isFalse();
    assertThat(user.withPasswordHash("new", T1).tokensValidAfter()).isEqualTo(T1);
    assertThat(user.withPasswordHash("new", T1).passwordHash()).isEqualTo("new");
  }

  @Test
  void reactivation_does_not_bring_old_tokens_back() {
    User reactivated = user.withActive(false, T1).withActive(true, T1.plusSeconds(5));
    assertThat(reactivated.active()).isTrue();
    assertThat(reactivated.tokensValidAfter()).isEqualTo(T1);
  }

  @Test
  void the_instant_tokens_are_valid_after_never_moves_back() {
    User loggedOutAll = user.voidTokensIssuedBefore(T1.plusSeconds(60));

    assertThat(loggedOutAll.voidTokensIssuedBefore(T1).tokensValidAfter())
        .isEqualTo(T1.plusSeconds(60));
    assertThat(loggedOutAll.withPasswordHash("new", T1).tokensValidAfter())
        .isEqualTo(T1.plusSeconds(60));
    assertThat(loggedOutAll.withActive(false, T1).tokensValidAfter()).isEqualTo(T1.plusSeconds(60));
    assertThat(user.voidTokensIssuedBefore(T1).tokensValidAfter()).isEqualTo(T1);
  }

  @Test
  void renaming_keeps_the_tokens() {
    assertThat(user.withDisplayName("Robert").tokensValidAfter()).isEqualTo(T0);
    assertThatThrownBy(() -> user.withDisplayName(" ")).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void passwords_need_twelve_characters() {
    assertThatThrownBy(() -> User.validatePassword("eleven-char"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("12");
    assertThatCode(() -> User.validatePassword("twelve-chars")).doesNotThrowAnyException();
    assertThatThrownBy(() -> User.validatePassword(null)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> User.validatePassword("x".repeat(User.MAX_PASSWORD_LENGTH + 1)))
        .isInstanceOf(InvalidValueException.class);
  }
}
