package io.warden.adapter.driven.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.adapter.driven.security.PrivateKeySealing.SealedKeyException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The private keys at rest: sealed, bound to their row, and refused when anything is off. */
class PrivateKeySealingTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyEncryptionKey kek = newKek();
  private final PrivateKeySealing sealing = new PrivateKeySealing(Optional.of(kek), RANDOM);
  private final String pkcs8 = EcKeys.encode(TestKeys.newPair().getPrivate());

  static KeyEncryptionKey newKek() {
    byte[] material = new byte[32];
    RANDOM.nextBytes(material);
    return KeyEncryptionKey.parse(Base64.getEncoder().encodeToString(material));
  }

  @Test
  void a_sealed_key_opens_again_and_shows_nothing_of_the_key() {
    String sealed = sealing.seal("kid-1", "ES256", pkcs8);

    assertThat(sealed).startsWith(PrivateKeySealing.PREFIX + kek.id() + ":");
    assertThat(sealed).doesNotContain(pkcs8.substring(0, 40)).doesNotContain(pkcs8.substring(60));
    assertThat(sealing.open("kid-1", "ES256", sealed)).isEqualTo(pkcs8);
  }

  @Test
  void every_sealing_uses_a_fresh_nonce() {
    assertThat(sealing.seal("kid-1", "ES256", pkcs8))
        .isNotEqualTo(sealing.seal("kid-1", "ES256", pkcs8));
  }

  @Test
  void a_tampered_ciphertext_is_refused() {
    String sealed = sealing.seal("kid-1", "ES256", pkcs8);
    int at = sealed.length() - 20; // inside the ciphertext
    char flipped = sealed.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = sealed.substring(0, at) + flipped + sealed.substring(at + 1);

    assertThatThrownBy(() -> sealing.open("kid-1", "ES256", tampered))
        .isInstanceOf(SealedKeyException.class)
        .hasMessageContaining("altered");
    assertThatThrownBy(
            () -> sealing.open("kid-1", "ES256", sealed.substring(0, sealed.length() - 4)))
        .isInstanceOf(SealedKeyException.class);
    String truncated = sealed.substring(0, sealed.lastIndexOf(':') + 5);
    assertThatThrownBy(() -> sealing.open("kid-1", "ES256", truncated))
        .isInstanceOf(SealedKeyException.class);
  }

  @Test
  void a_sealed_key_moved_to_another_row_does_not_open() {
    String sealed = sealing.seal("kid-1", "ES256", pkcs8);

    assertThatThrownBy(() -> sealing.open("kid-2", "ES256", sealed))
        .isInstanceOf(SealedKeyException.class);
    assertThatThrownBy(() -> sealing.open("kid-1", "RS256", sealed))
        .isInstanceOf(SealedKeyException.class);
  }

  @Test
  void another_key_encryption_key_is_named_as_the_cause() {
    String sealed = sealing.seal("kid-1", "ES256", pkcs8);
    KeyEncryptionKey other = newKek();
    PrivateKeySealing wrong = new PrivateKeySealing(Optional.of(other), RANDOM);

    assertThatThrownBy(() -> wrong.open("kid-1", "ES256", sealed))
        .isInstanceOf(SealedKeyException.class)
        .hasMessageContaining("another key-encryption key")
        .hasMessageContaining(kek.id())
        .hasMessageContaining(other.id());
    // Forging the id in front of the ciphertext does not help: the tag still fails.
    String relabelled = sealed.replace(kek.id(), other.id());
    assertThatThrownBy(() -> wrong.open("kid-1", "ES256", relabelled))
        .isInstanceOf(SealedKeyException.class)
        .hasMessageContaining("altered");
  }

  @Test
  void without_a_key_encryption_key_keys_stay_in_the_clear_and_sealed_ones_are_refused() {
    PrivateKeySealing none = new PrivateKeySealing(Optional.empty(), RANDOM);
    String sealed = sealing.seal("kid-1", "ES256", pkcs8);

    assertThat(none.seals()).isFalse();
    assertThat(none.seal("kid-1", "ES256", pkcs8)).isEqualTo(pkcs8);
    assertThat(none.open("kid-1", "ES256", pkcs8)).isEqualTo(pkcs8);
    assertThatThrownBy(() -> none.open("kid-1", "ES256", sealed))
        .isInstanceOf(SealedKeyException.class)
        .hasMessageContaining("WARDEN_KEY_ENCRYPTION_KEY is not set");
  }

  @Test
  void a_key_encryption_key_must_be_32_bytes_of_base64_and_never_prints() {
    byte[] material = new byte[32];
    RANDOM.nextBytes(material);
    String text = Base64.getEncoder().encodeToString(material);
    KeyEncryptionKey parsed = KeyEncryptionKey.parse(text);
    KeyEncryptionKey urlSafe =
        KeyEncryptionKey.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(material));

    assertThat(urlSafe.id()).isEqualTo(parsed.id());
    assertThat(parsed.toString()).doesNotContain(text).contains(parsed.id());
    assertThatThrownBy(
            () -> KeyEncryptionKey.parse(Base64.getEncoder().encodeToString(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> KeyEncryptionKey.parse("not base64 at all!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not base64 at all!");
    assertThatThrownBy(() -> KeyEncryptionKey.parse(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_real_key_pair_survives_sealing() throws Exception {
    KeyPair pair = TestKeys.newPair();
    String sealed = sealing.seal("kid-9", "ES256", EcKeys.encode(pair.getPrivate()));

    assertThat(
            EcKeys.isPair(
                EcKeys.decodePrivate(sealing.open("kid-9", "ES256", sealed)),
                (java.security.interfaces.ECPublicKey) pair.getPublic()))
        .isTrue();
  }
}
