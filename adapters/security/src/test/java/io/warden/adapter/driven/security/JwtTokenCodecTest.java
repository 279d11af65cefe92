package io.warden.adapter.driven.security;

import static io.warden.adapter.driven.security.TestKeys.b64;
import static io.warden.adapter.driven.security.TestKeys.es256;
import static io.warden.adapter.driven.security.TestKeys.unb64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.application.fake.InMemorySigningKeyRepository;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtTokenCodecTest {
  private static final String ISSUER = "https://warden.test";
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(15);
  private static final Duration SKEW = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(T0);
  private final InMemorySigningKeyRepository repository = new InMemorySigningKeyRepository();
  private final UserId user = UserId.random();
  private final TenantId tenant = TenantId.random();
  private SigningKeys keys;
  private JwtTokenCodec codec;

  @BeforeEach
  void start() {
    keys = SigningKeys.loadOrCreate(repository, clock, new SecureRandom(), Duration.ofSeconds(30));
    codec = new JwtTokenCodec(keys, ISSUER, SKEW);
  }

  private AccessClaims claims(Optional<TenantId> tenantId) {
    return new AccessClaims(user, "session-1", "token-1", T0, T0.plus(TTL), tenantId);
  }

  private PrivateKey signingPrivateKey() {
    return TestKeys.privateKey(repository.key(keys.currentKeyId()));
  }

  private String header() {
    return header(h -> {});
  }

  private String header(Consumer<JsonObjectBuilder> change) {
    JsonObjectBuilder header =
        Json.createObjectBuilder()
            .add("alg", "ES256")
            .add("typ", "JWT")
            .add("kid", keys.currentKeyId());
    change.accept(header);
    return header.build().toString();
  }

  private String payload(Consumer<JsonObjectBuilder> change) {
    JsonObjectBuilder payload =
        Json.createObjectBuilder()
            .add("iss", ISSUER)
            .add("aud", JwtTokenCodec.DEFAULT_AUDIENCE)
            .add("sub", user.toString())
            .add("sid", "session-1")
            .add("jti", "token-1")
            .add("iat", T0.getEpochSecond())
            .add("exp", T0.plus(TTL).getEpochSecond())
            .add("tid", tenant.toString());
    change.accept(payload);
    return payload.build().toString();
  }

  /** A token made by hand with the real key: valid unless {@code change} breaks a claim. */
  private String signedPayload(Consumer<JsonObjectBuilder> change) {
    return es256(header(), payload(change), signingPrivateKey());
  }

  private static JsonObject json(String base64Url) {
    return Json.createReader(new StringReader(new String(unb64(base64Url), StandardCharsets.UTF_8)))
        .readObject();
  }

  private static String[] parts(String token) {
    return token.split("\\.", -1);
  }

  // --- what a valid token looks like ---

  @Test
  void issued_tokens_carry_the_configured_audience_and_are_refused_elsewhere() {
    JwtTokenCodec billing = new JwtTokenCodec(keys, ISSUER, "billing", SKEW);
    String ours = codec.issue(claims(Optional.of(tenant)));
    String theirs = billing.issue(claims(Optional.of(tenant)));

    assertThat(json(parts(ours)[1]).toString()).contains("\"warden\"");
    assertThat(json(parts(theirs)[1]).toString()).contains("\"billing\"");
    // Same keys, same issuer: only the audience tells them apart, and it is enforced both ways.
    assertThat(codec.verify(ours, T0)).isPresent();
    assertThat(codec.verify(theirs, T0)).isEmpty();
    assertThat(billing.verify(theirs, T0)).isPresent();
    assertThat(billing.verify(ours, T0)).isEmpty();
  }

  @Test
  void a_genuinely_signed_token_without_our_audience_is_refused() {
    assertThat(codec.verify(signedPayload(p -> {}), T0)).isPresent();
    assertThat(codec.verify(signedPayload(p -> p.remove("aud")), T0)).isEmpty();
    assertThat(codec.verify(signedPayload(p -> p.add("aud", "other")), T0)).isEmpty();
    assertThat(codec.verify(signedPayload(p -> p.add("aud", "Warden")), T0)).isEmpty();
    assertThat(codec.verify(signedPayload(p -> p.add("aud", "warden ")), T0)).isEmpty();
    assertThat(codec.verify(signedPayload(p -> p.add("aud", "")), T0)).isEmpty();
    assertThat(codec.verify(signedPayload(p -> p.add("aud", 1)), T0)).isEmpty();
    assertThat(codec.verify(signedPayload(p -> p.addNull("aud")), T0)).isEmpty();
    assertThat(
            codec.verify(
                signedPayload(p -> p.add("aud", Json.createArrayBuilder().add("other"))), T0))
        .isEmpty();
    assertThat(
            codec.verify(
                signedPayload(p -> p.add("aud", Json.createObjectBuilder().add("warden", 1))), T0))
        .isEmpty();
    assertThat(codec.verify(signedPayload(p -> p.add("aud", Json.createArrayBuilder())), T0))
        .isEmpty();
    // RFC 7519: an array that names us among others is meant for us.
    assertThat(
            codec.verify(
                signedPayload(
                    p -> p.add("aud", Json.createArrayBuilder().add("other").add("warden"))),
                T0))
        .isPresent();
  }

  @Test
  void round_trips_the_claims_of_a_tenant_scoped_token() {
    String token = codec.issue(claims(Optional.of(tenant)));

    assertThat(codec.verify(token, T0)).contains(claims(Optional.of(tenant)));
  }

  @Test
  void round_trips_a_tenantless_token_which_carries_no_tid_claim() {
    String token = codec.issue(claims(Optional.empty()));

    assertThat(codec.verify(token, T0)).contains(claims(Optional.empty()));
    // upn is Helidon's MicroProfile JWT principal, always equal to sub
    JsonObject payload = json(parts(token)[1]);
    assertThat(payload.keySet())
        .containsExactlyInAnyOrder("iss", "aud", "sub", "sid", "jti", "iat", "exp", "upn");
    assertThat(payload.getString("upn")).isEqualTo(user.toString());
  }

  @Test
  void writes_the_standard_claims_and_an_es256_header_with_the_key_id() {
    String token = codec.issue(claims(Optional.of(tenant)));

    JsonObject header = json(parts(token)[0]);
    assertThat(header.getString("alg")).isEqualTo("ES256");
    assertThat(header.getString("kid")).isEqualTo(keys.currentKeyId());
    JsonObject payload = json(parts(token)[1]);
    assertThat(payload.getString("iss")).isEqualTo(ISSUER);
    assertThat(payload.getString("sub")).isEqualTo(user.toString());
    assertThat(payload.getString("sid")).isEqualTo("session-1");
    assertThat(payload.getString("jti")).isEqualTo("token-1");
    assertThat(payload.getJsonNumber("iat").longValueExact()).isEqualTo(T0.getEpochSecond());
    assertThat(payload.getJsonNumber("exp").longValueExact())
        .isEqualTo(T0.plus(TTL).getEpochSecond());
    assertThat(payload.getString("tid")).isEqualTo(tenant.toString());
  }

  @Test
  void a_token_verifies_with_plain_jdk_crypto_and_the_published_jwk() throws Exception {
    String token = codec.issue(claims(Optional.of(tenant)));
    String[] parts = parts(token);
    JsonObject jwk =
        Json.createReader(new StringReader(codec.jwkSetJson()))
            .readObject()
            .getJsonArray("keys")
            .getJsonObject(0);

    ECPublicKey publicKey = TestKeys.publicKeyOf(jwk);
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(publicKey);
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

    assertThat(verifier.verify(unb64(parts[2]))).isTrue();
    assertThat(jwk.getString("kid")).isEqualTo(json(parts[0]).getString("kid"));
  }

  @Test
  void a_hand_made_token_with_every_claim_right_is_accepted() {
    // The baseline of every attack below: what they change, and only that, is what gets rejected.
    assertThat(codec.verify(signedPayload(p -> {}), T0)).contains(claims(Optional.of(tenant)));
  }

  // --- tampering ---

  @Test
  void rejects_a_token_whose_payload_was_changed_after_signing() {
    String[] parts = parts(codec.issue(claims(Optional.of(tenant))));
    String forged = payload(p -> p.add("sub", UserId.random().toString()));

    assertThat(codec.verify(parts[0] + "." + b64(forged) + "." + parts[2], T0)).isEmpty();
  }

  @Test
  void rejects_a_token_whose_signature_was_changed() {
    String[] parts = parts(codec.issue(claims(Optional.of(tenant))));
    byte[] signature = unb64(parts[2]);
    signature[10] ^= 1;

    assertThat(codec.verify(parts[0] + "." + parts[1] + "." + b64(signature), T0)).isEmpty();
  }

  @Test
  void rejects_a_token_whose_header_was_changed_after_signing() {
    String[] parts = parts(codec.issue(claims(Optional.of(tenant))));
    String header = header(h -> h.add("typ", "JWT").add("x-extra", "1"));

    assertThat(codec.verify(b64(header) + "." + parts[1] + "." + parts[2], T0)).isEmpty();
  }

  @Test
  void rejects_signatures_a_broken_ecdsa_would_accept() {
    String[] parts = parts(codec.issue(claims(Optional.of(tenant))));
    String signingInput = parts[0] + "." + parts[1];

    // r = s = 0 ("psychic signatures", CVE-2022-21449)
    assertThat(codec.verify(signingInput + "." + b64(new byte[64]), T0)).isEmpty();
    // a genuine signature, but DER-encoded instead of the JWS R||S form
    byte[] der = TestKeys.sign("SHA256withECDSA", signingPrivateKey(), signingInput);
    assertThat(codec.verify(signingInput + "." + b64(der), T0)).isEmpty();
    // a truncated signature
    assertThat(codec.verify(signingInput + "." + b64(Arrays.copyOf(unb64(parts[2]), 63)), T0))
        .isEmpty();
  }

  // --- algorithm confusion ---

  @Test
  void rejects_alg_none() {
    String payload = b64(payload(p -> {}));
    String signature = parts(codec.issue(claims(Optional.of(tenant))))[2];

    for (String header :
        new String[] {
          "{\"alg\":\"none\",\"typ\":\"JWT\"}",
          "{\"alg\":\"none\",\"kid\":\"" + keys.currentKeyId() + "\"}",
          "{\"alg\":\"None\",\"kid\":\"" + keys.currentKeyId() + "\"}",
          "{\"typ\":\"JWT\"}",
          "{\"kid\":\"" + keys.currentKeyId() + "\"}"
        }) {
      assertThat(codec.verify(b64(header) + "." + payload + ".", T0)).as(header).isEmpty();
      assertThat(codec.verify(b64(header) + "." + payload + "." + signature, T0))
          .as(header)
          .isEmpty();
    }
  }

  @Test
  void rejects_hs256_tokens_forged_with_the_public_key_as_the_hmac_secret() throws Exception {
    String header = header(h -> h.add("alg", "HS256"));
    String signingInput = b64(header) + "." + b64(payload(p -> {}));
    var publicKey = repository.key(keys.currentKeyId()).publicKey();
    String jwk =
        Json.createReader(new StringReader(codec.jwkSetJson()))
            .readObject()
            .getJsonArray("keys")
            .getJsonObject(0)
            .toString();

    for (byte[] secret :
        new byte[][] {
          jwk.getBytes(StandardCharsets.UTF_8),
          codec.jwkSetJson().getBytes(StandardCharsets.UTF_8),
          publicKey.getBytes(StandardCharsets.US_ASCII),
          java.util.Base64.getDecoder().decode(publicKey)
        }) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] hmac = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));

      assertThat(codec.verify(signingInput + "." + b64(hmac), T0)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "PS256", "ES384", "ES512", "es256", "ES256 ", "EdDSA"})
  void rejects_a_genuine_signature_under_any_other_algorithm_name(String alg) {
    String token = es256(header(h -> h.add("alg", alg)), payload(p -> {}), signingPrivateKey());

    assertThat(codec.verify(token, T0)).isEmpty();
  }

  @Test
  void rejects_a_token_without_kid_or_with_a_kid_that_is_not_a_string() {
    String payload = payload(p -> {});

    assertThat(codec.verify(es256(header(h -> h.remove("kid")), payload, signingPrivateKey()), T0))
        .isEmpty();
    assertThat(codec.verify(es256(header(h -> h.add("kid", 7)), payload, signingPrivateKey()), T0))
        .isEmpty();
  }

  @Test
  void rejects_critical_header_extensions_and_foreign_token_types() {
    String payload = payload(p -> {});
    String crit = header(h -> h.add("crit", Json.createArrayBuilder().add("exp")).add("exp", 1));
    String typ = header(h -> h.add("typ", "at+jwt+encrypted"));

    assertThat(codec.verify(es256(crit, payload, signingPrivateKey()), T0)).isEmpty();
    assertThat(codec.verify(es256(typ, payload, signingPrivateKey()), T0)).isEmpty();
  }

  // --- keys ---

  @Test
  void rejects_a_token_signed_by_another_key_under_the_real_kid() {
    KeyPair attacker = TestKeys.newPair();

    assertThat(codec.verify(es256(header(), payload(p -> {}), attacker.getPrivate()), T0))
        .isEmpty();
  }

  @Test
  void rejects_an_unknown_kid() {
    String token =
        es256(header(h -> h.add("kid", "who-knows")), payload(p -> {}), signingPrivateKey());

    assertThat(codec.verify(token, T0)).isEmpty();
  }

  @Test
  void after_a_rotation_new_tokens_use_the_new_key_and_old_ones_verify_while_their_key_is_active() {
    String oldKid = keys.currentKeyId();
    String oldToken = codec.issue(claims(Optional.of(tenant)));
    clock.advance(Duration.ofMinutes(1));
    repository.add(TestKeys.stored(TestKeys.newPair(), clock.instant()));
    keys.refresh();

    String newToken = codec.issue(claims(Optional.of(tenant)));

    assertThat(json(parts(newToken)[0]).getString("kid")).isNotEqualTo(oldKid);
    assertThat(codec.verify(oldToken, T0)).isPresent();
    assertThat(codec.verify(newToken, T0)).isPresent();

    repository.retire(oldKid);
    keys.refresh();

    assertThat(codec.verify(oldToken, T0)).isEmpty();
    assertThat(codec.verify(newToken, T0)).isPresent();
  }

  @Test
  void a_token_signed_with_a_key_another_instance_just_rotated_in_verifies_here() {
    clock.advance(Duration.ofMinutes(1));
    repository.add(TestKeys.stored(TestKeys.newPair(), clock.instant()));
    JwtTokenCodec otherInstance =
        new JwtTokenCodec(SigningKeys.loadOrCreate(repository, clock), ISSUER, SKEW);

    String token = otherInstance.issue(claims(Optional.of(tenant)));

    assertThat(codec.verify(token, clock.instant())).contains(claims(Optional.of(tenant)));
  }

  @Test
  void forged_key_ids_reread_storage_at_most_once_per_refresh_interval() {
    int readsBefore = repository.reads();
    clock.advance(Duration.ofMinutes(1));

    for (int i = 0; i < 50; i++) {
      String token =
          es256(
              header(h -> h.add("kid", "forged-" + UUID.randomUUID())),
              payload(p -> {}),
              signingPrivateKey());
      assertThat(codec.verify(token, clock.instant())).isEmpty();
    }
    assertThat(repository.reads() - readsBefore).isEqualTo(1);

    clock.advance(Duration.ofSeconds(30));
    String token =
        es256(header(h -> h.add("kid", "forged")), payload(p -> {}), signingPrivateKey());
    assertThat(codec.verify(token, clock.instant())).isEmpty();
    assertThat(repository.reads() - readsBefore).isEqualTo(2);
  }

  // --- issuer and time ---

  @Test
  void rejects_a_token_of_another_issuer() {
    JwtTokenCodec otherIssuer = new JwtTokenCodec(keys, "https://evil.test", SKEW);

    assertThat(otherIssuer.verify(codec.issue(claims(Optional.of(tenant))), T0)).isEmpty();
    assertThat(codec.verify(signedPayload(p -> p.add("iss", ISSUER + "/")), T0)).isEmpty();
  }

  @Test
  void a_token_is_valid_until_one_second_before_exp_and_never_at_or_after_it() {
    String token = codec.issue(claims(Optional.of(tenant)));
    Instant exp = T0.plus(TTL);

    assertThat(codec.verify(token, exp.minusSeconds(1))).isPresent();
    assertThat(codec.verify(token, exp.minusMillis(1))).isPresent();
    assertThat(codec.verify(token, exp)).isEmpty();
    assertThat(codec.verify(token, exp.plusSeconds(1))).isEmpty();
    assertThat(codec.verify(token, exp.plus(Duration.ofDays(365)))).isEmpty();
  }

  @Test
  void rejects_an_iat_further_in_the_future_than_the_allowed_skew() {
    AccessClaims future =
        new AccessClaims(
            user,
            "session-1",
            "token-1",
            T0.plus(SKEW).plusSeconds(1),
            T0.plus(TTL),
            Optional.empty());
    AccessClaims withinSkew =
        new AccessClaims(
            user, "session-1", "token-1", T0.plus(SKEW), T0.plus(TTL), Optional.empty());

    assertThat(codec.verify(codec.issue(future), T0)).isEmpty();
    assertThat(codec.verify(codec.issue(withinSkew), T0)).isPresent();
  }

  @Test
  void rejects_a_not_before_in_the_future_and_an_exp_before_iat() {
    long now = T0.getEpochSecond();

    assertThat(codec.verify(signedPayload(p -> p.add("nbf", now + 3600)), T0)).isEmpty();
    assertThat(codec.verify(signedPayload(p -> p.add("nbf", now - 1)), T0)).isPresent();
    assertThat(codec.verify(signedPayload(p -> p.add("iat", now + 20).add("exp", now + 10)), T0))
        .isEmpty();
  }

  // --- claims ---

  @ParameterizedTest
  @ValueSource(strings = {"iss", "sub", "sid", "jti", "iat", "exp"})
  void rejects_a_token_missing_a_required_claim(String claim) {
    assertThat(codec.verify(signedPayload(p -> p.remove(claim)), T0)).isEmpty();
  }

  static Stream<Arguments> illTypedClaims() {
    long now = T0.getEpochSecond();
    return Stream.of(
        Arguments.of("sub", Json.createValue(42)),
        Arguments.of("sub", Json.createValue("not-a-uuid")),
        Arguments.of("sub", Json.createValue(" " + UserId.random())),
        Arguments.of("sub", Json.createArrayBuilder().add(UserId.random().toString()).build()),
        Arguments.of("iss", Json.createArrayBuilder().add(ISSUER).build()),
        Arguments.of("sid", Json.createValue("")),
        Arguments.of("sid", Json.createValue("x".repeat(300))),
        Arguments.of("sid", jakarta.json.JsonValue.NULL),
        Arguments.of("jti", Json.createValue(1)),
        Arguments.of("jti", jakarta.json.JsonValue.TRUE),
        Arguments.of("exp", Json.createValue(String.valueOf(now + 600))),
        Arguments.of("exp", Json.createValue(now + 600.5)),
        Arguments.of("exp", Json.createValue(new java.math.BigDecimal("1e999999999"))),
        Arguments.of("exp", Json.createValue(new java.math.BigInteger("9".repeat(40)))),
        Arguments.of("iat", Json.createValue(-1)),
        Arguments.of("iat", jakarta.json.JsonValue.FALSE),
        Arguments.of("tid", Json.createValue(7)),
        Arguments.of("tid", jakarta.json.JsonValue.NULL),
        Arguments.of("tid", Json.createValue("")),
        Arguments.of("tid", Json.createValue("not-a-tenant")));
  }

  @ParameterizedTest
  @MethodSource("illTypedClaims")
  void rejects_a_token_with_an_ill_typed_claim(String claim, jakarta.json.JsonValue value) {
    assertThat(codec.verify(signedPayload(p -> p.add(claim, value)), T0)).isEmpty();
  }

  // --- garbage and size ---

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ",
        "abc",
        "a.b",
        "a.b.c",
        "a.b.c.d",
        "..",
        "...",
        "Bearer x.y.z",
        "eyJhbGciOiJFUzI1NiJ9.eyJ9.AAAA",
        "e30.e30.AAAA",
        "W10.W10.AAAA",
        "bnVsbA.bnVsbA.AAAA",
        "eyJhbGciOiJFUzI1NiJ9.e30=.AAAA",
        "ëyJ.ëyJ.ëyJ",
        "eyJhbGciOiJFUzI1NiIsImtpZCI6WzEsMiwzXX0.e30.AAAA"
      })
  void rejects_garbage_without_throwing(String garbage) {
    assertThat(codec.verify(garbage, T0)).isEmpty();
  }

  @Test
  void rejects_deeply_nested_json_without_throwing() {
    String nested = "[".repeat(1500) + "]".repeat(1500);
    String payload = payload(p -> p.add("x", "y")).replace("\"x\":\"y\"", "\"x\":" + nested);
    String token = es256(header(), payload, signingPrivateKey());

    assertThat(token.length()).isLessThanOrEqualTo(JwtTokenCodec.MAX_TOKEN_LENGTH);
    assertThat(codec.verify(token, T0)).isEmpty();
  }

  @Test
  void rejects_a_validly_signed_token_longer_than_8_kib() {
    String small = signedPayload(p -> p.add("pad", ""));
    int room = JwtTokenCodec.MAX_TOKEN_LENGTH - small.length();
    // base64url grows 3 bytes into 4 characters; pad to land just under and just over the limit
    String atLimit = signedPayload(p -> p.add("pad", "x".repeat(room * 3 / 4 - 3)));
    String overLimit = signedPayload(p -> p.add("pad", "x".repeat(room * 3 / 4 + 3)));

    assertThat(atLimit.length()).isLessThanOrEqualTo(JwtTokenCodec.MAX_TOKEN_LENGTH);
    assertThat(overLimit.length()).isGreaterThan(JwtTokenCodec.MAX_TOKEN_LENGTH);
    assertThat(codec.verify(atLimit, T0)).isPresent();
    assertThat(codec.verify(overLimit, T0)).isEmpty();
  }

  // --- issuing ---

  @Test
  void refuses_to_issue_claims_that_could_never_verify() {
    assertThatThrownBy(
            () -> codec.issue(new AccessClaims(user, "s", "t", T0, T0, Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> codec.issue(new AccessClaims(user, "", "t", T0, T0.plus(TTL), Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JwtTokenCodec(keys, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void every_issued_token_gets_a_fresh_signature() {
    // ECDSA uses a random nonce; equal signatures would mean a broken nonce (and a leaked key).
    String first = codec.issue(claims(Optional.of(tenant)));
    String second = codec.issue(claims(Optional.of(tenant)));

    assertThat(parts(first)[1]).isEqualTo(parts(second)[1]);
    assertThat(parts(first)[2]).isNotEqualTo(parts(second)[2]);
  }
}
