package io.warden.adapter.driven.infinispan;

import static io.warden.adapter.driven.infinispan.CacheCounts.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.adapter.driven.infinispan.CachedTokenCodec.Config;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import io.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachedTokenCodecTest {
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(15);
  private static final TenantId T1 = new TenantId(new UUID(0x7e1a, 1));
  private static final UserId U1 = new UserId(new UUID(0x05e7, 1));
  private static final UserId U2 = new UserId(new UUID(0x05e7, 2));

  private final MutableClock clock = new MutableClock(START);
  private final CountingTokenCodec next = new CountingTokenCodec();
  private CachedTokenCodec codec;

  @BeforeEach
  void startCache() {
    codec = new CachedTokenCodec(next, Config.defaults());
  }

  @AfterEach
  void stopCache() {
    codec.close();
  }

  @Test
  void a_warm_verification_does_not_call_the_next_codec() {
    AccessClaims claims = claims(U1, "jti-1");
    String token = next.issue(claims);

    assertThat(codec.verify(token, clock.instant())).contains(claims);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(codec.verify(token, clock.instant())).contains(claims);
    }

    assertThat(next.verifyCalls()).isEqualTo(1);
    assertCounts(codec.stats(), 5, 1, 1, 1);
  }

  @Test
  void a_token_inside_its_header_value_shares_the_entry_of_the_token_itself() {
    AccessClaims claims = claims(U1, "jti-1");
    String token = next.issue(claims);
    String header = "Bearer " + token + "  ";
    int from = "Bearer ".length();
    int to = from + token.length();

    assertThat(codec.verify(header, from, to, clock.instant())).contains(claims);
    assertThat(codec.verify(token, clock.instant())).contains(claims);
    assertThat(codec.verify(header, from, to, clock.instant())).contains(claims);
    assertThat(next.verifyCalls()).isEqualTo(1);

    // Any other range is another token: never the cached one's answer.
    assertThat(codec.verify(header, from, to - 1, clock.instant())).isEmpty();
    assertThat(codec.verify(header, from, to + 1, clock.instant())).isEmpty();
    assertThat(codec.verify(header, from - 1, to, clock.instant())).isEmpty();
    assertThat(next.verifyCalls()).isEqualTo(4);
  }

  @Test
  void after_invalidate_all_a_token_whose_key_retired_is_refused_at_once() {
    AccessClaims claims = claims(U1, "jti-1");
    String token = next.issue(claims);
    assertThat(codec.verify(token, clock.instant())).contains(claims);
    assertThat(codec.verify(token, clock.instant())).contains(claims);
    next.refuse(token); // its key retired: the next codec refuses it from now on

    codec.invalidateAll();

    assertThat(codec.verify(token, clock.instant())).isEmpty();
    assertThat(codec.stats().size()).isZero();
    assertThat(next.verifyCalls()).isEqualTo(2);
  }

  @Test
  void a_verification_in_flight_during_invalidate_all_does_not_store_its_answer() throws Exception {
    AccessClaims claims = claims(U1, "jti-1");
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    io.warden.application.port.driven.TokenCodec slow =
        new io.warden.application.port.driven.TokenCodec() {
          @Override
          public String issue(AccessClaims c) {
            return "h.p.s";
          }

          @Override
          public Optional<AccessClaims> verify(String token, Instant now) {
            if (calls.incrementAndGet() == 1) {
              inside.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return Optional.of(claims);
          }

          @Override
          public String jwkSetJson() {
            return "{}";
          }
        };
    try (CachedTokenCodec racing = new CachedTokenCodec(slow, Config.defaults())) {
      Thread verifier = Thread.ofVirtual().start(() -> racing.verify("h.p.s", clock.instant()));
      inside.await();
      // The keys changed while the old answer was being computed: it must not be kept.
      racing.invalidateAll();
      release.countDown();
      verifier.join();

      assertThat(racing.stats().size()).isZero();
      racing.verify("h.p.s", clock.instant());
      assertThat(calls.get()).isEqualTo(2);
      racing.verify("h.p.s", clock.instant());
      assertThat(calls.get()).isEqualTo(2); // cached again once verified under the new keys
    }
  }

  @Test
  void an_invalid_token_is_never_cached() {
    String bad = "h.not-issued.signature";

    assertThat(codec.verify(bad, clock.instant())).isEmpty();
    assertThat(codec.verify(bad, clock.instant())).isEmpty();

    assertThat(next.verifyCalls()).isEqualTo(2);
    assertThat(codec.stats().size()).isZero();
    assertThat(codec.store().containsKey(TokenDigest.of(bad))).isFalse();
  }

  @Test
  void a_forged_token_carrying_a_real_jti_does_not_hit_the_entry_of_the_real_token() {
    AccessClaims real = claims(U1, "jti-shared");
    String token = next.issue(real);
    assertThat(codec.verify(token, clock.instant())).contains(real);

    // Same header and payload (same sub and jti), another signature: only a full check can tell.
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "forgedsignature";
    assertThat(codec.verify(forged, clock.instant())).isEmpty();
    assertThat(codec.verify(forged, clock.instant())).isEmpty();

    assertThat(next.verifyCalls()).isEqualTo(3);
    assertThat(codec.verify(token, clock.instant())).contains(real);
    assertThat(next.verifyCalls()).isEqualTo(3);
  }

  @Test
  void different_tokens_with_the_same_jti_do_not_share_an_entry() {
    AccessClaims first = claims(U1, "jti-same");
    AccessClaims second = claims(U2, "jti-same");
    String firstToken = next.issue(first);
    String secondToken = next.issue(second);

    assertThat(codec.verify(firstToken, clock.instant())).contains(first);
    assertThat(codec.verify(secondToken, clock.instant())).contains(second);
    assertThat(next.verifyCalls()).isEqualTo(2);

    assertThat(codec.verify(firstToken, clock.instant())).contains(first);
    assertThat(codec.verify(secondToken, clock.instant())).contains(second);
    assertThat(next.verifyCalls()).isEqualTo(2);
    assertThat(codec.stats().size()).isEqualTo(2);
  }

  @Test
  void tokens_that_encode_alike_in_utf8_do_not_share_an_entry() {
    // UTF-8 turns an unpaired surrogate into '?': hashing UTF-8 would give both the same key.
    String real = "h.payload?x.sig";
    String lookalike = "h.payload\uD800x.sig";
    next.accept(real, claims(U1, "jti-1"));
    assertThat(codec.verify(real, clock.instant())).isPresent();

    assertThat(codec.verify(lookalike, clock.instant())).isEmpty();
    assertThat(next.verifyCalls()).isEqualTo(2);
    assertThat(TokenDigest.of(real)).isNotEqualTo(TokenDigest.of(lookalike));
    assertThat(TokenDigest.of(real)).isEqualTo(TokenDigest.of(new String(real)));
  }

  @Test
  void an_entry_is_not_served_at_or_past_exp_even_while_still_in_the_cache() {
    AccessClaims claims = claims(U1, "jti-1");
    String token = next.issue(claims);
    codec.verify(token, clock.instant());

    clock.advance(TTL.minusNanos(1));
    assertThat(codec.verify(token, clock.instant())).contains(claims);
    assertThat(next.verifyCalls()).isEqualTo(1);

    clock.advance(Duration.ofNanos(1));
    // Infinispan's lifespan runs on the wall clock, so the entry is still held at the test's exp.
    assertThat(codec.store().containsKey(TokenDigest.of(token))).isTrue();
    assertThat(codec.verify(token, clock.instant())).isEmpty();
    assertThat(next.verifyCalls()).isEqualTo(2);
    assertThat(codec.store().containsKey(TokenDigest.of(token)))
        .as("the dead entry is freed")
        .isFalse();

    clock.advance(Duration.ofMinutes(1));
    assertThat(codec.verify(token, clock.instant())).isEmpty();
    assertThat(next.verifyCalls()).isEqualTo(3);
  }

  @Test
  void infinispan_holds_an_entry_no_longer_than_until_exp() {
    AccessClaims claims = claims(U1, "jti-1");
    String token = next.issue(claims);
    Instant now = START.plusNanos(123_456_700);

    codec.verify(token, now);

    // exp - now is 899 876.5433 ms: the lifespan is rounded down, never up.
    long lifespan =
        codec.store().getAdvancedCache().getCacheEntry(TokenDigest.of(token)).getLifespan();
    assertThat(lifespan).isEqualTo(899_876);
    assertThat(Duration.ofMillis(lifespan))
        .isLessThanOrEqualTo(Duration.between(now, claims.expiresAt()));
  }

  @Test
  void a_token_with_less_than_a_millisecond_left_is_answered_but_not_kept() {
    AccessClaims claims = claims(U1, "jti-1");
    String token = next.issue(claims);
    Instant now = claims.expiresAt().minusNanos(500_000);

    assertThat(codec.verify(token, now)).contains(claims);
    assertThat(codec.verify(token, now)).contains(claims);

    assertThat(next.verifyCalls()).isEqualTo(2);
    assertThat(codec.stats().size()).isZero();
  }

  @Test
  void an_entry_says_nothing_about_instants_before_its_verification() {
    // Issued in the future (a drifting instance): the next codec refuses it until its iat.
    AccessClaims claims =
        new AccessClaims(
            U1, "sid", "jti-1", START.plusSeconds(10), START.plus(TTL), Optional.empty());
    String token = next.issue(claims);
    assertThat(codec.verify(token, START.plusSeconds(10))).contains(claims);

    assertThat(codec.verify(token, START.plusSeconds(9))).isEmpty();

    assertThat(next.verifyCalls()).isEqualTo(2);
  }

  @Test
  void the_cache_holds_at_most_max_entries() {
    codec.close();
    codec = new CachedTokenCodec(next, new Config(50));
    List<String> tokens = new ArrayList<>();
    List<AccessClaims> claims = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      claims.add(claims(UserId.random(), "jti-" + i));
      tokens.add(next.issue(claims.get(i)));
      assertThat(codec.verify(tokens.get(i), clock.instant())).contains(claims.get(i));
      assertThat(codec.stats().size()).isLessThanOrEqualTo(50);
    }

    assertThat(codec.stats().evictions()).isGreaterThanOrEqualTo(450);
    for (int i = 0; i < 500; i++) {
      assertThat(codec.verify(tokens.get(i), clock.instant())).contains(claims.get(i));
    }
    assertThat(codec.stats().size()).isLessThanOrEqualTo(50);
  }

  @Test
  void issue_and_the_key_set_go_to_the_next_codec() {
    AccessClaims claims = claims(U1, "jti-1");

    String token = codec.issue(claims);

    assertThat(next.issueCalls()).isEqualTo(1);
    assertThat(codec.verify(token, clock.instant())).contains(claims);
    assertThat(codec.jwkSetJson()).isEqualTo(CountingTokenCodec.JWKS);
    assertThat(codec.jwkSetJson()).isEqualTo(CountingTokenCodec.JWKS);
    assertThat(next.jwksCalls()).isEqualTo(2);
  }

  @Test
  void null_and_oversized_tokens_go_to_the_next_codec_uncached() {
    String huge = "h." + "a".repeat(CachedTokenCodec.MAX_CACHED_TOKEN_LENGTH) + ".sig";
    next.accept(huge, claims(U1, "jti-1"));

    assertThat(codec.verify(null, clock.instant())).isEmpty();
    assertThat(codec.verify(huge, clock.instant())).isPresent();
    assertThat(codec.verify(huge, clock.instant())).isPresent();

    assertThat(next.verifyCalls()).isEqualTo(3);
    assertThat(codec.stats().size()).isZero();
  }

  @Test
  void a_closed_cache_still_verifies_through_the_next_codec() {
    AccessClaims claims = claims(U1, "jti-1");
    String token = next.issue(claims);
    codec.verify(token, clock.instant());
    codec.close();

    assertThat(codec.verify(token, clock.instant())).contains(claims);
    assertThat(codec.verify("h.bad.sig", clock.instant())).isEmpty();
    assertThat(next.verifyCalls()).isEqualTo(3);
  }

  @Test
  void config_rejects_a_bound_that_makes_no_sense() {
    assertThatThrownBy(() -> new Config(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Config.defaults()).isEqualTo(new Config(100_000));
  }

  private static AccessClaims claims(UserId subject, String tokenId) {
    return new AccessClaims(subject, "sid", tokenId, START, START.plus(TTL), Optional.of(T1));
  }
}
