package io.warden.benchmarks;

import io.warden.adapter.driven.security.JwtTokenCodec;
import io.warden.adapter.driven.security.SigningKeys;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The signed tokens the in-process benchmarks check: one per user, valid for an hour. */
final class BenchTokens {
  private BenchTokens() {}

  /** A JWT codec on a fresh in-memory signing key. */
  static JwtTokenCodec codec(Clock clock) {
    return new JwtTokenCodec(
        SigningKeys.loadOrCreate(new InMemorySigningKeyRepository(), clock), "warden-bench");
  }

  /** An access token for {@code user} scoped to {@code tenant}, issued at {@code issuedAt}. */
  static String issue(JwtTokenCodec codec, UserId user, TenantId tenant, Instant issuedAt) {
    return codec.issue(
        new AccessClaims(
            user,
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            issuedAt,
            issuedAt.plus(Duration.ofHours(1)),
            Optional.of(tenant)));
  }
}
