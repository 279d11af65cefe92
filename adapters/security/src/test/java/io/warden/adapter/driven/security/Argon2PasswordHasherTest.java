package io.warden.adapter.driven.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2PasswordHasherTest {
  // Cheap parameters keep the suite fast; one test below runs the production defaults.
  private static final Argon2Settings CHEAP = new Argon2Settings(64, 1, 1, 16, 32);
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

  private final Argon2PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);

  @Test
  void verifies_the_right_password_and_refuses_a_wrong_one() {
    String hash = hasher.hash("correct horse battery staple");

    assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
    assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
    assertThat(hasher.verify("Correct horse battery staple", hash)).isFalse();
    assertThat(hasher.verify("correct horse battery staple ", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
  }

  @Test
  void writes_a_phc_string_with_the_configured_parameters() {
    Matcher phc = PHC.matcher(hasher.hash("secret password"));

    assertThat(phc.matches()).isTrue();
    assertThat(phc.group(1)).isEqualTo("64");
    assertThat(phc.group(2)).isEqualTo("1");
    assertThat(phc.group(3)).isEqualTo("1");
    assertThat(java.util.Base64.getDecoder().decode(phc.group(4))).hasSize(16);
    assertThat(java.util.Base64.getDecoder().decode(phc.group(5))).hasSize(32);
  }

  @Test
  void the_production_defaults_are_the_owasp_baseline_and_work() {
    Argon2PasswordHasher production = new Argon2PasswordHasher();

    String hash = production.hash("a long enough password");

    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(production.verify("a long enough password", hash)).isTrue();
    assertThat(production.verify("a long enough passwore", hash)).isFalse();
  }

  @Test
  void every_hash_of_the_same_password_has_its_own_salt() {
    Set<String> salts = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      String hash = hasher.hash("same password");
      Matcher phc = PHC.matcher(hash);
      assertThat(phc.matches()).isTrue();
      salts.add(phc.group(4));
      hashes.add(hash);
      assertThat(hasher.verify("same password", hash)).isTrue();
    }

    assertThat(salts).hasSize(20);
    assertThat(hashes).hasSize(20);
  }

  @Test
  void verifies_hashes_made_by_another_argon2id_implementation() {
    // Made with OpenSSL's Argon2id through Python's cryptography package: proves the encoding is
    // the standard one, and that a hash is verified with its own parameters, not the configured.
    assertThat(
            hasher.verify(
                "correct horse battery staple",
                "$argon2id$v=19$m=19456,t=2,p=1$AAECAwQFBgcICQoLDA0ODw"
                    + "$gYJZtjEAJqjg26xdLmknq8/bB7MiWPrE9hsYuA+SkIU"))
        .isTrue();
    assertThat(
            hasher.verify(
                "pässwörd",
                "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA"
                    + "$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7"))
        .isTrue();
    assertThat(
            hasher.verify(
                "passwörd",
                "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA"
                    + "$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7"))
        .isFalse();
  }

  @Test
  void a_hash_changed_anywhere_no_longer_verifies() {
    String hash = hasher.hash("tamper with me");
    Matcher phc = PHC.matcher(hash);
    assertThat(phc.matches()).isTrue();
    String salt = phc.group(4);
    String digest = phc.group(5);

    assertThat(hasher.verify("tamper with me", hash.replace("t=1", "t=2"))).isFalse();
    assertThat(hasher.verify("tamper with me", hash.replace("m=64", "m=128"))).isFalse();
    assertThat(hasher.verify("tamper with me", hash.replace(salt, flipFirst(salt)))).isFalse();
    assertThat(hasher.verify("tamper with me", hash.replace(digest, flipFirst(digest)))).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "plaintext",
        "$argon2id$",
        "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2d$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=16$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$t=3,m=64,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7$",
        " $argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7\n",
        "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA==$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0-XbU_06xZZ7",
        "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdAx$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=64,t=3,p=2$c29tZQ$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jksh",
        "$argon2id$v=19$m=64,t=0,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=64,t=3,p=0$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=1,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=99999999,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=64,t=999,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=64,t=3,p=999$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=-64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7",
        "$argon2id$v=19$m=٦٤,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$mgUI737jkshYfmyU8aBH0/XbU/06xZZ7"
      })
  void a_malformed_hash_is_false_and_never_an_exception(String malformed) {
    assertThat(hasher.verify("pässwörd", malformed)).isFalse();
  }

  @Test
  void a_null_password_is_false_for_verify_and_refused_for_hash() {
    String hash = hasher.hash("x");

    assertThat(hasher.verify(null, hash)).isFalse();
    assertThatThrownBy(() -> hasher.hash(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void the_dummy_verification_uses_a_real_hash_with_the_configured_cost() {
    Argon2PasswordHasher production = new Argon2PasswordHasher();

    Argon2PasswordHasher.Phc dummy =
        Argon2PasswordHasher.parse(production.dummyHash()).orElseThrow();

    assertThat(dummy.memoryKiB()).isEqualTo(19456);
    assertThat(dummy.iterations()).isEqualTo(2);
    assertThat(dummy.parallelism()).isEqualTo(1);
    assertThat(dummy.hash()).hasSize(32);
    production.verifyDummy("anything");
    production.verifyDummy(null);
  }

  @Test
  void settings_outside_safe_bounds_are_refused() {
    assertThatThrownBy(() -> new Argon2Settings(4, 1, 1, 16, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Settings(64, 0, 1, 16, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Settings(64, 1, 0, 16, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Settings(64, 1, 1, 4, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Settings(64, 1, 1, 16, 8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String flipFirst(String base64) {
    char first = base64.charAt(0);
    return (first == 'A' ? 'B' : 'A') + base64.substring(1);
  }
}
