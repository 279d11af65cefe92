package io.warden.application.fake;

import io.warden.application.port.driven.PasswordHasher;
import io.warden.application.port.driven.contract.PasswordHasherContract;

/** The fake password hasher keeps the contract the Argon2 hasher keeps. */
class FakePasswordHasherContractTest extends PasswordHasherContract {
  private final FakePasswordHasher hasher = new FakePasswordHasher();

  @Override
  protected PasswordHasher hasher() {
    return hasher;
  }
}
