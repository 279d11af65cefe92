package io.warden.application.port.driven.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenCodec} must do: a token it issued verifies, until its expiry, to exactly
 * the claims it was issued with (instants at whole seconds, as JWT NumericDates carry them); a
 * token it did not issue, an altered one, or any text that is not a token verifies to nothing,
 * never to an exception; its public keys are a JWK Set.
 */
public abstract class TokenCodecContract {
  private static final Duration TTL = Duration.ofMinutes(15);

  private TokenCodec codec;
  private TokenCodec another;

  /** A new codec of the kind under test, with keys of its own. */
  protected abstract TokenCodec newCodec();

  @BeforeEach
  public void newCodecs() {
    codec = newCodec();
    another = newCodec();
  }

  /** The codec under test. */
  private TokenCodec codec() {
    return codec;
  }

  /** A codec of the same kind whose tokens {@link #codec()} must not accept (its own keys). */
  private TokenCodec anotherCodec() {
    return another;
  }

  /** A whole-second instant at which the codec's keys are valid: tokens are issued at it. */
  protected abstract Instant now();

  private AccessClaims claims(Optional<TenantId> tenant) {
    return new AccessClaims(
        UserId.random(),
        "s-" + UUID.randomUUID(),
        "t-" + UUID.randomUUID(),
        now(),
        now().plus(TTL),
        tenant);
  }

  @Test
  public void a_token_it_issued_verifies_to_the_claims_it_was_issued_with() {
    AccessClaims global = claims(Optional.empty());
    AccessClaims scoped = claims(Optional.of(TenantId.random()));

    assertThat(codec().verify(codec().issue(global), now())).contains(global);
    assertThat(codec().verify(codec().issue(scoped), now())).contains(scoped);
  }

  @Test
  public void instants_travel_at_whole_seconds() {
    AccessClaims precise =
        new AccessClaims(
            UserId.random(),
            "s-precise",
            "t-precise",
            now().plusMillis(400),
            now().plus(TTL).plusMillis(700),
            Optional.empty());

    AccessClaims verified = codec().verify(codec().issue(precise), now()).orElseThrow();

    assertThat(verified.issuedAt()).isEqualTo(now());
    assertThat(verified.expiresAt()).isEqualTo(now().plus(TTL));
  }

  @Test
  public void a_token_verifies_until_just_before_its_expiry_and_never_at_or_after_it() {
    AccessClaims claims = claims(Optional.empty());
    String token = codec().issue(claims);

    assertThat(codec().verify(token, claims.expiresAt().minusSeconds(1))).contains(claims);
    assertThat(codec().verify(token, claims.expiresAt())).isEmpty();
    assertThat(codec().verify(token, claims.expiresAt().plus(1, ChronoUnit.DAYS))).isEmpty();
  }

  @Test
  public void a_token_another_codec_issued_verifies_to_nothing() {
    String foreign = anotherCodec().issue(claims(Optional.empty()));

    assertThat(anotherCodec().verify(foreign, now())).isPresent();
    assertThat(codec().verify(foreign, now())).isEmpty();
  }

  @Test
  public void an_altered_token_verifies_to_nothing() {
    String token = codec().issue(claims(Optional.of(TenantId.random())));

    for (int at : new int[] {token.length() / 3, token.length() / 2, 2 * token.length() / 3}) {
      char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
      String altered = token.substring(0, at) + replacement + token.substring(at + 1);
      assertThat(codec().verify(altered, now())).as("altered at %d", at).isEmpty();
    }
    assertThat(codec().verify(token + "A", now())).isEmpty();
    assertThat(codec().verify(token.substring(0, token.length() - 1), now())).isEmpty();
  }

  @Test
  public void text_that_is_no_token_verifies_to_nothing_without_an_exception() {
    String[] garbage = {
      null,
      "",
      " ",
      ".",
      "..",
      "a.b.c",
      "not a token",
      "eyJhbGciOiJub25lIn0.e30.",
      "x".repeat(20_000)
    };
    for (String text : garbage) {
      assertThat(codec().verify(text, now())).as("%s", text).isEmpty();
    }
  }

  @Test
  public void a_token_inside_a_longer_text_verifies_by_its_range_and_no_other_range_does() {
    AccessClaims claims = claims(Optional.of(TenantId.random()));
    String token = codec().issue(claims);
    String header = "Bearer " + token + " ";
    int from = "Bearer ".length();
    int to = from + token.length();

    assertThat(codec().verify(header, from, to, now())).contains(claims);
    assertThat(codec().verify(token, 0, token.length(), now())).contains(claims);
    assertThat(codec().verify(header, from, to - 1, now())).isEmpty();
    assertThat(codec().verify(header, from, to + 1, now())).isEmpty();
    assertThat(codec().verify(header, from - 1, to, now())).isEmpty();
    assertThat(codec().verify(header, from, from, now())).isEmpty();
  }

  @Test
  public void the_public_keys_are_a_jwk_set() {
    String jwks = codec().jwkSetJson().strip();

    assertThat(jwks).startsWith("{").endsWith("}").contains("\"keys\"");
  }
}
