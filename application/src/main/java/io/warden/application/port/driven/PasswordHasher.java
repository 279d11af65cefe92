package io.warden.application.port.driven;

import org.jspecify.annotations.Nullable;

/**
 * Hashes and verifies passwords with a slow, salted key-derivation function. An adapter keeps
 * {@code PasswordHasherContract} (the application's test-jar).
 */
public interface PasswordHasher {

  String hash(String password);

  /** Constant-time comparison; false for a malformed or {@code null} hash, never an exception. */
  boolean verify(@Nullable String password, @Nullable String hash);

  /**
   * Spends the time of one {@link #verify} without a real hash, so that an unknown e-mail takes as
   * long as a wrong password.
   */
  void verifyDummy(@Nullable String password);

  /**
   * Refuses at once with {@link Overloaded} when a hash asked for now would be refused anyway: a
   * login calls it before it looks the e-mail up, so a flood of logins that the hasher cannot take
   * costs no database round trip. Advisory: a hash asked for afterwards may still be refused. The
   * default never refuses (a hasher without a bound).
   */
  default void ensureCapacity() {}
}
