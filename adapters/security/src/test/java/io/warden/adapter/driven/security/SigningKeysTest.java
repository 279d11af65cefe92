package io.warden.adapter.driven.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemorySigningKeyRepository;
import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final InMemorySigningKeyRepository repository = new InMemorySigningKeyRepository();

  private static List<JsonObject> jwks(SigningKeys keys) {
    return Json.createReader(new StringReader(keys.jwkSetJson()))
        .readObject()
        .getJsonArray("keys")
        .getValuesAs(JsonObject.class);
  }

  @Test
  void creates_and_stores_a_p256_key_when_storage_has_none() throws Exception {
    SigningKeys keys = SigningKeys.loadOrCreate(repository, clock);

    StoredSigningKey stored = repository.key(keys.currentKeyId());
    assertThat(repository.inserts()).isEqualTo(1);
    assertThat(stored.algorithm()).isEqualTo("ES256");
    assertThat(stored.createdAt()).isEqualTo(T0);
    ECPublicKey publicKey = EcKeys.decodePublic(stored.publicKey());
    assertThat(EcKeys.isPair(EcKeys.decodePrivate(stored.privateKey()), publicKey)).isTrue();
    assertThat(stored.keyId()).isEqualTo(EcKeys.thumbprint(publicKey));
  }

  @Test
  void a_later_start_reuses_the_stored_key() {
    SigningKeys first = SigningKeys.loadOrCreate(repository, clock);
    SigningKeys second = SigningKeys.loadOrCreate(repository, clock);

    assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
    assertThat(repository.inserts()).isEqualTo(1);
  }

  @Test
  void instances_that_both_saw_no_key_still_agree_on_the_one_that_was_stored() {
    // Both instances read "no key" before either inserted: the loser must adopt the winner's key.
    repository.answerActiveKeys(stored -> List.of());

    SigningKeys first = SigningKeys.loadOrCreate(repository, clock);
    SigningKeys second = SigningKeys.loadOrCreate(repository, clock);

    assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
    assertThat(repository.inserts()).isEqualTo(1);
  }

  @Test
  void instances_starting_concurrently_share_one_key() throws Exception {
    int instances = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<String>> starts = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      starts.add(
          () -> {
            start.await();
            return SigningKeys.loadOrCreate(repository, clock).currentKeyId();
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    try {
      List<Future<String>> keyIds = new ArrayList<>();
      for (Callable<String> task : starts) {
        keyIds.add(pool.submit(task));
      }
      start.countDown();
      Set<String> distinct = new java.util.HashSet<>();
      for (Future<String> keyId : keyIds) {
        distinct.add(keyId.get());
      }
      assertThat(distinct).hasSize(1);
      assertThat(repository.inserts()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void the_newest_active_key_signs() {
    StoredSigningKey older = TestKeys.stored(TestKeys.newPair(), T0.minusSeconds(60));
    StoredSigningKey newer = TestKeys.stored(TestKeys.newPair(), T0);
    repository.add(newer);
    repository.add(older);

    SigningKeys keys = SigningKeys.loadOrCreate(repository, clock);

    assertThat(keys.currentKeyId()).isEqualTo(newer.keyId());
    assertThat(keys.signingKey().signer().privateKey()).isPresent();
    assertThat(repository.inserts()).isEqualTo(0);
  }

  @Test
  void the_jwk_set_lists_every_active_public_key_and_nothing_private() throws Exception {
    StoredSigningKey older = TestKeys.stored(TestKeys.newPair(), T0.minusSeconds(60));
    StoredSigningKey newer = TestKeys.stored(TestKeys.newPair(), T0);
    repository.add(older);
    repository.add(newer);
    SigningKeys keys = SigningKeys.loadOrCreate(repository, clock);

    List<JsonObject> jwks = jwks(keys);

    assertThat(jwks)
        .extracting(jwk -> jwk.getString("kid"))
        .containsExactly(newer.keyId(), older.keyId());
    for (JsonObject jwk : jwks) {
      assertThat(jwk.keySet())
          .containsExactlyInAnyOrder("kty", "crv", "x", "y", "kid", "alg", "use");
      assertThat(jwk.getString("kty")).isEqualTo("EC");
      assertThat(jwk.getString("crv")).isEqualTo("P-256");
      assertThat(jwk.getString("alg")).isEqualTo("ES256");
      assertThat(jwk.getString("use")).isEqualTo("sig");
      assertThat(TestKeys.unb64(jwk.getString("x"))).hasSize(32);
      assertThat(TestKeys.unb64(jwk.getString("y"))).hasSize(32);
      StoredSigningKey stored = repository.key(jwk.getString("kid"));
      assertThat(TestKeys.publicKeyOf(jwk)).isEqualTo(EcKeys.decodePublic(stored.publicKey()));
    }
    assertThat(keys.jwkSetJson())
        .doesNotContain("\"d\"")
        .doesNotContain(older.privateKey())
        .doesNotContain(newer.privateKey());
    assertThat(keys.verificationKeys().keys())
        .allSatisfy(
            jwk -> assertThat(((io.helidon.security.jwt.jwk.JwkEC) jwk).privateKey()).isEmpty());
  }

  @Test
  void coordinates_with_leading_zero_bytes_keep_their_full_width() {
    assertThat(TestKeys.unb64(EcKeys.coordinate(java.math.BigInteger.ONE)))
        .hasSize(32)
        .endsWith((byte) 1)
        .startsWith((byte) 0);
    // BigInteger adds a sign byte above 2^255: it must not leak into the coordinate.
    java.math.BigInteger high = java.math.BigInteger.ONE.shiftLeft(255);
    assertThat(TestKeys.unb64(EcKeys.coordinate(high))).hasSize(32).startsWith((byte) 0x80);
  }

  @Test
  void unusable_stored_keys_are_skipped_and_the_usable_one_is_used() throws Exception {
    KeyPair good = TestKeys.newPair();
    KeyPair p384 = ecPair("secp384r1");
    StoredSigningKey usable = TestKeys.stored(good, "good", T0.minusSeconds(600));
    repository.add(usable);
    repository.add(TestKeys.stored(p384, "p384", T0));
    repository.add(
        new StoredSigningKey("rsa", "RS256", usable.privateKey(), usable.publicKey(), T0));
    repository.add(new StoredSigningKey("garbage", "ES256", "not base64!", "%%%", T0));
    repository.add(
        new StoredSigningKey(
            "mismatched",
            "ES256",
            usable.privateKey(),
            TestKeys.stored(TestKeys.newPair(), T0).publicKey(),
            T0));

    SigningKeys keys = SigningKeys.loadOrCreate(repository, clock);

    assertThat(keys.currentKeyId()).isEqualTo("good");
    assertThat(jwks(keys)).extracting(jwk -> jwk.getString("kid")).containsExactly("good");
  }

  @Test
  void refuses_to_start_when_storage_holds_only_unusable_keys() {
    repository.add(new StoredSigningKey("garbage", "ES256", "AAAA", "AAAA", T0));

    assertThatThrownBy(() -> SigningKeys.loadOrCreate(repository, clock))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_refresh_after_every_key_was_deactivated_creates_a_new_one() {
    SigningKeys keys = SigningKeys.loadOrCreate(repository, clock);
    String first = keys.currentKeyId();
    repository.retire(first);
    clock.advance(Duration.ofMinutes(1));

    keys.refresh();

    assertThat(keys.currentKeyId()).isNotEqualTo(first);
    assertThat(repository.inserts()).isEqualTo(2);
  }

  @Test
  void verification_keeps_working_on_the_known_keys_while_storage_is_down() {
    AtomicBoolean down = new AtomicBoolean();
    repository.answerActiveKeys(
        stored -> {
          if (down.get()) {
            throw new IllegalStateException("database down");
          }
          return stored;
        });
    SigningKeys keys =
        SigningKeys.loadOrCreate(repository, clock, new SecureRandom(), Duration.ZERO);
    JwtTokenCodec codec = new JwtTokenCodec(keys, "https://warden.test");
    AccessClaims claims =
        new AccessClaims(UserId.random(), "s", "t", T0, T0.plusSeconds(60), Optional.empty());
    String token = codec.issue(claims);
    down.set(true);

    String unknownKid =
        TestKeys.es256(
            "{\"alg\":\"ES256\",\"kid\":\"unknown\"}",
            "{}",
            TestKeys.privateKey(repository.key(keys.currentKeyId())));

    assertThat(codec.verify(unknownKid, T0)).isEmpty();
    assertThat(codec.verify(token, T0)).contains(claims);
  }

  private static KeyPair ecPair(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }
}
