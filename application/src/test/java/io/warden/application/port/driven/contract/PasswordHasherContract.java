package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.PasswordHasher;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PasswordHasher} must do: a hash verifies the password it was made of and no
 * other; every hash has its own salt and does not show the password; a malformed hash verifies
 * nothing, without an exception; {@link PasswordHasher#verifyDummy} returns normally for any
 * password. (That comparisons take constant time and a dummy costs one verification is a matter of
 * timing, left to each adapter's own tests.)
 */
public abstract class PasswordHasherContract {
  private static final String PASSWORD = "correct horse battery staple";

  /** The hasher under test, at a cost that keeps the contract fast. */
  protected abstract PasswordHasher hasher();

  @Test
  public void a_hash_verifies_its_password_and_no_other() {
    String hash = hasher().hash(PASSWORD);

    assertThat(hasher().verify(PASSWORD, hash)).isTrue();
    assertThat(hasher().verify("correct horse battery stapl", hash)).isFalse();
    assertThat(hasher().verify("Correct horse battery staple", hash)).isFalse();
    assertThat(hasher().verify(PASSWORD + " ", hash)).isFalse();
    assertThat(hasher().verify("", hash)).isFalse();
  }

  @Test
  public void every_hash_has_its_own_salt_and_does_not_show_the_password() {
    String first = hasher().hash(PASSWORD);
    String second = hasher().hash(PASSWORD);

    assertThat(first).isNotEqualTo(second).doesNotContain(PASSWORD);
    assertThat(hasher().verify(PASSWORD, first)).isTrue();
    assertThat(hasher().verify(PASSWORD, second)).isTrue();
  }

  @Test
  public void unusual_passwords_hash_and_verify() {
    for (String password : new String[] {"", "Pässwörd ✓ 密码", "x".repeat(1_000), "a\u0000b"}) {
      String hash = hasher().hash(password);
      assertThat(hasher().verify(password, hash)).as("%s", password).isTrue();
      assertThat(hasher().verify(password + "x", hash)).as("%s", password).isFalse();
    }
  }

  @Test
  public void a_malformed_hash_verifies_nothing_without_an_exception() {
    String hash = hasher().hash(PASSWORD);
    String[] malformed = {
      null, "", "hash", "$", "$$$$", hash.substring(0, hash.length() / 2), hash + "$", "x" + hash
    };
    for (String bad : malformed) {
      assertThat(hasher().verify(PASSWORD, bad)).as("%s", bad).isFalse();
    }
  }

  @Test
  public void a_dummy_verification_returns_normally() {
    hasher().verifyDummy(PASSWORD);
    hasher().verifyDummy("");
  }
}
