package io.warden.adapter.driven.security;

import io.warden.adapter.driven.security.GatedPasswordHasher.Limits;
import io.warden.application.port.driven.PasswordHasher;
import io.warden.application.port.driven.contract.PasswordHasherContract;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/**
 * Argon2id keeps the password hasher's contract, alone and behind the gate that bounds how many
 * hashes run at once (as bootstrap wires it). Cheap parameters keep it fast; {@link
 * Argon2PasswordHasherTest} runs the production cost.
 */
class PasswordHasherContractTest {
  private static final Argon2Settings CHEAP = new Argon2Settings(64, 1, 1, 16, 32);

  @Nested
  class Argon2 extends PasswordHasherContract {
    private final PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);

    @Override
    protected PasswordHasher hasher() {
      return hasher;
    }
  }

  @Nested
  class Gated extends PasswordHasherContract {
    private final PasswordHasher hasher =
        new GatedPasswordHasher(
            new Argon2PasswordHasher(CHEAP), new Limits(2, 4, Duration.ofSeconds(10)));

    @Override
    protected PasswordHasher hasher() {
      return hasher;
    }
  }
}
