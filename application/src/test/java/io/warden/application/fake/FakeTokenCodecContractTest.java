package io.warden.application.fake;

import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driven.contract.TokenCodecContract;
import java.time.Instant;

/** The fake token codec keeps the contract the JWT codec keeps. */
class FakeTokenCodecContractTest extends TokenCodecContract {
  @Override
  protected TokenCodec newCodec() {
    return new FakeTokenCodec();
  }

  @Override
  protected Instant now() {
    return Instant.parse("2030-01-01T00:00:00Z");
  }
}
