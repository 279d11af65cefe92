package io.warden.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Publishing the verification keys. */
class KeySetServiceTest extends AuthenticationFixture {
  @Test
  void the_jwk_set_comes_from_the_codec() {
    assertThat(warden.keySet().jwkSetJson()).isEqualTo("{\"keys\":[]}");
  }
}
