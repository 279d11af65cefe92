package io.warden.application.port.driving;

/** The public half of the signing keys, for whoever verifies Warden's tokens. */
public interface KeySetUseCase {

  /** The public signing keys as a JWK Set document. */
  String jwkSetJson();
}
