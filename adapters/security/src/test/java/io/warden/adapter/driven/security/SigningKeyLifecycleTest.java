package io.warden.adapter.driven.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.adapter.driven.security.SigningKeys.Lifecycle;
import io.warden.application.fake.InMemorySigningKeyRepository;
import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Keys encrypted at rest, rotated with an overlap, retired: what a token of each key can do at
 * every step, and what a start with the wrong key-encryption key or an altered key row does.
 */
class SigningKeyLifecycleTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(15);
  private static final Duration ROTATION = Duration.ofDays(30);
  private static final Lifecycle LIFECYCLE = Lifecycle.of(ROTATION, TTL);

  private final MutableClock clock = new MutableClock(T0);
  private final InMemorySigningKeyRepository repository = new InMemorySigningKeyRepository();
  private final KeyEncryptionKey kek = PrivateKeySealingTest.newKek();

  private SigningKeys start() {
    return SigningKeys.start(repository, clock, Optional.of(kek), LIFECYCLE);
  }

  private String issue(JwtTokenCodec codec) {
    Instant now = clock.instant();
    return codec.issue(
        new AccessClaims(UserId.random(), "s", "t", now, now.plus(TTL), Optional.empty()));
  }

  private static String kidOf(String token) {
    String header =
        new String(
            Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            StandardCharsets.UTF_8);
    return Json.createReader(new StringReader(header)).readObject().getString("kid");
  }

  private static List<String> jwksKids(SigningKeys keys) {
    return Json.createReader(new StringReader(keys.jwkSetJson()))
        .readObject()
        .getJsonArray("keys")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(jwk -> jwk.getString("kid"))
        .toList();
  }

  @Test
  void new_keys_are_stored_encrypted() {
    SigningKeys keys = start();

    StoredSigningKey stored = repository.key(keys.currentKeyId());
    assertThat(stored.privateKey()).startsWith(PrivateKeySealing.PREFIX + kek.id());
    assertThatThrownBy(() -> EcKeys.decodePrivate(stored.privateKey()))
        .isInstanceOf(Exception.class);
  }

  @Test
  void keys_stored_in_the_clear_by_an_earlier_version_are_encrypted_and_keep_working() {
    SigningKeys before = SigningKeys.loadOrCreate(repository, clock);
    String kid = before.currentKeyId();
    String token = issue(new JwtTokenCodec(before, "iss"));
    assertThat(repository.key(kid).privateKey()).doesNotStartWith(PrivateKeySealing.PREFIX);

    SigningKeys after = start();

    assertThat(after.currentKeyId()).isEqualTo(kid);
    assertThat(repository.key(kid).privateKey()).startsWith(PrivateKeySealing.PREFIX);
    assertThat(new JwtTokenCodec(after, "iss").verify(token, clock.instant())).isPresent();
    // And a later start opens what the first one sealed.
    assertThat(start().currentKeyId()).isEqualTo(kid);
  }

  @Test
  void a_start_with_another_key_encryption_key_is_refused() {
    start();
    KeyEncryptionKey other = PrivateKeySealingTest.newKek();

    assertThatThrownBy(() -> SigningKeys.start(repository, clock, Optional.of(other), LIFECYCLE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another key-encryption key");
    assertThatThrownBy(() -> SigningKeys.start(repository, clock, Optional.empty(), LIFECYCLE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("WARDEN_KEY_ENCRYPTION_KEY");
  }

  @Test
  void an_altered_key_row_stops_the_start_rather_than_signing_with_it() {
    SigningKeys keys = start();
    StoredSigningKey stored = repository.key(keys.currentKeyId());
    String sealed = stored.privateKey();
    int at = sealed.length() - 10;
    String altered =
        sealed.substring(0, at) + (sealed.charAt(at) == 'x' ? 'y' : 'x') + sealed.substring(at + 1);
    repository.replace(stored.withPrivateKey(altered));

    assertThatThrownBy(this::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("altered");
    // A valid ciphertext copied onto another row (another kid) does not open either.
    repository.replace(stored);
    repository.add(
        new StoredSigningKey("foreign", "ES256", sealed, stored.publicKey(), T0.minusSeconds(5)));
    assertThatThrownBy(this::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("foreign");
  }

  @Test
  void a_key_rotates_with_an_overlap_then_its_tokens_are_refused() {
    SigningKeys keys = start();
    JwtTokenCodec codec = new JwtTokenCodec(keys, "iss");
    String first = keys.currentKeyId();

    // Within the period nothing happens.
    clock.advance(ROTATION.minus(LIFECYCLE.publishAhead()).minusSeconds(1));
    assertThat(keys.maintain()).isEmpty();
    assertThat(keys.activeKeyIds()).containsExactly(first);

    // The successor is published ahead of signing: the JWKS has both, the old key still signs.
    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.maintain()).isEmpty();
    assertThat(keys.activeKeyIds()).hasSize(2);
    String second = keys.activeKeyIds().get(0);
    assertThat(second).isNotEqualTo(first);
    assertThat(jwksKids(keys)).containsExactlyInAnyOrder(first, second);
    assertThat(keys.currentKeyId()).isEqualTo(first);
    assertThat(repository.key(second).privateKey()).startsWith(PrivateKeySealing.PREFIX);
    String lastOfFirst = issue(codec);
    assertThat(kidOf(lastOfFirst)).isEqualTo(first);

    // Another instance's maintenance at the same time adds no third key.
    SigningKeys otherInstance = start();
    assertThat(otherInstance.maintain()).isEmpty();
    assertThat(otherInstance.activeKeyIds()).containsExactly(second, first);

    // The successor signs; the previous key's tokens still verify (overlap).
    clock.advance(LIFECYCLE.publishAhead());
    assertThat(keys.maintain()).isEmpty();
    assertThat(keys.currentKeyId()).isEqualTo(second);
    String ofSecond = issue(codec);
    assertThat(kidOf(ofSecond)).isEqualTo(second);
    assertThat(codec.verify(lastOfFirst, clock.instant())).isPresent();
    assertThat(jwksKids(keys)).containsExactlyInAnyOrder(first, second);

    // After the overlap the previous key retires: gone from the JWKS, its tokens refused.
    clock.advance(LIFECYCLE.overlap());
    assertThat(keys.maintain()).containsExactly(first);
    assertThat(jwksKids(keys)).containsExactly(second);
    assertThat(otherInstance.maintain()).isEmpty();
    String laterOfSecond = issue(codec);
    assertThat(kidOf(laterOfSecond)).isEqualTo(second);
    assertThat(codec.verify(laterOfSecond, clock.instant())).isPresent();
    String forged =
        TestKeys.es256(
            "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + first + "\"}",
            "{}",
            openedPrivateKey(second));
    assertThat(codec.verify(forged, clock.instant())).isEmpty();
  }

  /** The private key of {@code keyId}, opened with the KEK as the instances open it. */
  private java.security.PrivateKey openedPrivateKey(String keyId) {
    StoredSigningKey stored = repository.key(keyId);
    String pkcs8 =
        new PrivateKeySealing(Optional.of(kek), new java.security.SecureRandom())
            .open(keyId, stored.algorithm(), stored.privateKey());
    return TestKeys.privateKey(stored.withPrivateKey(pkcs8));
  }

  @Test
  void a_retired_key_is_refused_at_once_even_before_its_tokens_expire() {
    SigningKeys keys = start();
    JwtTokenCodec codec = new JwtTokenCodec(keys, "iss", Duration.ofSeconds(30));
    String compromised = keys.currentKeyId();
    String token = issue(codec);
    assertThat(codec.verify(token, clock.instant())).isPresent();

    // What an operator's warden_retire_signing_key does, then the feed makes every instance
    // refresh.
    assertThat(repository.retire(compromised)).isTrue();
    keys.refresh();

    assertThat(codec.verify(token, clock.instant())).isEmpty();
    assertThat(keys.currentKeyId()).isNotEqualTo(compromised);
    assertThat(jwksKids(keys)).doesNotContain(compromised);
    assertThat(codec.verify(issue(codec), clock.instant())).isPresent();
  }

  @Test
  void lifecycle_settings_are_validated() {
    assertThatThrownBy(() -> new Lifecycle(Duration.ZERO, TTL, TTL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Lifecycle(ROTATION, TTL.negated(), TTL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LIFECYCLE.overlap()).isEqualTo(TTL.plus(JwtTokenCodec.DEFAULT_CLOCK_SKEW));
    assertThat(LIFECYCLE.publishAhead()).isGreaterThan(SigningKeys.DEFAULT_REFRESH_INTERVAL);
  }
}
