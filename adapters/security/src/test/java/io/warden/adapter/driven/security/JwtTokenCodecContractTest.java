package io.warden.adapter.driven.security;

import io.warden.application.fake.InMemorySigningKeyRepository;
import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.contract.TokenCodecContract;
import io.warden.testing.MutableClock;
import java.time.Instant;

/**
 * The ES256 codec keeps the token codec's contract; the other codec has signing keys of its own
 * (another deployment), with the same issuer and audience.
 */
class JwtTokenCodecContractTest extends TokenCodecContract {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final String ISSUER = "https://warden.test";

  @Override
  protected TokenCodec newCodec() {
    MutableClock clock = new MutableClock(NOW);
    return new JwtTokenCodec(
        SigningKeys.loadOrCreate(new InMemorySigningKeyRepository(), clock), ISSUER);
  }

  @Override
  protected Instant now() {
    return NOW;
  }
}
