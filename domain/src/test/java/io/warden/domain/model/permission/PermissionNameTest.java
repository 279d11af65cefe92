package io.warden.domain.model.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.domain.model.InvalidValueException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionNameTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "users.view",
        "analytics:read:organization",
        "a",
        "a1_b",
        "docs.*",
        "docs:*:read",
        "x.y.z",
        "reports.q1_2026"
      })
  void accepts_names_of_the_grammar(String name) {
    assertThat(PermissionName.isWellFormed(name)).isTrue();
    assertThat(new PermissionName(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Users.view",
        "1users",
        "_users",
        "users.",
        "users..view",
        ".users",
        "users.view.",
        "users*",
        "users view",
        "users-view",
        "users/view",
        "users.vïew",
        "users:",
        "*.view",
        "users.view\n"
      })
  void rejects_everything_else(String name) {
    assertThat(PermissionName.isWellFormed(name)).isFalse();
    assertThatThrownBy(() -> new PermissionName(name))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("permission");
  }

  @Test
  void rejects_null_and_names_over_the_length_limit() {
    assertThat(PermissionName.isWellFormed(null)).isFalse();
    assertThat(PermissionName.isWellFormed("a".repeat(PermissionName.MAX_LENGTH))).isTrue();
    assertThat(PermissionName.isWellFormed("a".repeat(PermissionName.MAX_LENGTH + 1))).isFalse();
  }

  @Test
  void the_hand_written_check_agrees_with_the_grammar_on_random_strings() {
    Random random = new Random(42);
    String alphabet = "az09_.:*A-é ";
    for (int i = 0; i < 200_000; i++) {
      int length = random.nextInt(12);
      StringBuilder candidate = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        candidate.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = candidate.toString();
      assertThat(PermissionName.isWellFormed(text))
          .as("'%s'", text)
          .isEqualTo(PermissionName.shape().matcher(text).matches());
    }
  }

  @Test
  void a_wildcard_is_a_name_whose_last_segment_is_a_lone_star() {
    assertThat(PermissionName.isWildcard("reports.*")).isTrue();
    assertThat(new PermissionName("analytics:read:*").isWildcard()).isTrue();
    assertThat(PermissionName.isWildcard("reports.x*")).isFalse();
    assertThat(PermissionName.isWildcard("reports.*.view")).isFalse();
    assertThat(PermissionName.isWildcard("reports")).isFalse();
    assertThat(PermissionName.isWellFormed("*")).isFalse();
    assertThat(PermissionName.wildcardPrefix("analytics:*")).isEqualTo("analytics:");
    assertThatThrownBy(() -> PermissionName.wildcardPrefix("reports.view"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_name_grants_itself_and_a_wildcard_grants_what_extends_its_prefix() {
    assertThat(PermissionName.grants("users.view", "users.view")).isTrue();
    assertThat(PermissionName.grants("users.view", "users.view.all")).isFalse();
    assertThat(PermissionName.grants("reports.*", "reports.*")).isTrue();
    assertThat(PermissionName.grants("reports.*", "reports.view:own")).isTrue();
    assertThat(PermissionName.grants("reports.*", "reports")).isFalse();
    assertThat(PermissionName.grants("reports.*", "reports:view")).isFalse();
    assertThat(new PermissionName("reports.view").grants("reports.*")).isFalse();
  }
}
