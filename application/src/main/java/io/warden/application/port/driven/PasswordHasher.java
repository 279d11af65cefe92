package io.warden.application.port.driven;

/**
 * Hashes and verifies passwords with a slow, salted key-derivation function. An adapter keeps
 * {@code PasswordHasherContract} (the application's test-jar).
 */
public interface PasswordHasher {

  String hash(String password);

  /** Constant-time comparison; false for a malformed or {@code null} hash, never an exception. */
  boolean verify(String password, String hash);

  /**
   * Spends the time of one {@link #verify} without a real hash, so that an unknown e-mail takes as
   * long as a wrong password.
   */
  void verifyDummy(String password);
}
