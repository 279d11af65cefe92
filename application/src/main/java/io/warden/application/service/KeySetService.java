package io.warden.application.service;

import io.warden.application.port.driven.TokenCodec;
import io.warden.application.port.driving.KeySetUseCase;

/** Publishes the public signing keys, so that anyone can verify Warden's tokens. */
public final class KeySetService implements KeySetUseCase {
  private final TokenCodec tokenCodec;

  KeySetService(TokenCodec tokenCodec) {
    this.tokenCodec = tokenCodec;
  }

  @Override
  public String jwkSetJson() {
    return tokenCodec.jwkSetJson();
  }
}
