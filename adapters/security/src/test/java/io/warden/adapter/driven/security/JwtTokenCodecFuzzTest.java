package io.warden.adapter.driven.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warden.application.fake.InMemorySigningKeyRepository;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Fuzz tests (Jazzer) of the bearer-token path's verification: arbitrary text is refused without an
 * exception, and so is a token genuinely signed with the active key whose header and claims are
 * fuzzed — unless they are exactly what Warden issues, in which case its claims hold. Regression
 * mode runs the committed seed corpus ({@code JwtTokenCodecFuzzTestInputs}); {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class JwtTokenCodecFuzzTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:05:00Z");
  private static final InMemorySigningKeyRepository REPOSITORY = new InMemorySigningKeyRepository();
  private static final SigningKeys KEYS =
      SigningKeys.loadOrCreate(REPOSITORY, new MutableClock(Instant.parse("2030-01-01T00:00:00Z")));
  private static final JwtTokenCodec CODEC = new JwtTokenCodec(KEYS, "https://warden.test");
  private static final PrivateKey KEY = TestKeys.privateKey(REPOSITORY.key(KEYS.currentKeyId()));

  @FuzzTest(maxDuration = "5m")
  void arbitrary_text_is_refused_without_an_exception(byte[] input) {
    String token = new String(input, StandardCharsets.UTF_8);
    assertThat(CODEC.verify(token, NOW)).isEmpty();
  }

  @FuzzTest(maxDuration = "5m")
  void genuinely_signed_tokens_with_fuzzed_contents_never_throw(FuzzedDataProvider data) {
    boolean realKid = data.consumeBoolean();
    String header = data.consumeString(300);
    if (realKid) {
      header = header.replace("KID", KEYS.currentKeyId());
    }
    String payload = data.consumeRemainingAsString();
    String token;
    try {
      token = TestKeys.es256(header, payload, KEY);
    } catch (RuntimeException unsignable) {
      return;
    }

    Optional<AccessClaims> claims = CODEC.verify(token, NOW);

    claims.ifPresent(
        verified -> {
          // Whatever got through is a token Warden would issue: alive, issued, meant for us.
          assertThat(verified.expiresAt()).isAfter(NOW);
          assertThat(verified.issuedAt())
              .isBeforeOrEqualTo(NOW.plus(JwtTokenCodec.DEFAULT_CLOCK_SKEW));
        });
  }
}
