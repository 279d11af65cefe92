package io.warden.application.port.driven;

/** Hashes and verifies passwords with a slow, salted key-derivation function. */
public interface PasswordHasher {

  String hash(String password);

  /** Constant-time comparison; false for a malformed hash. */
  boolean verify(String password, String hash);

  /**
   * Spends the time of one {@link #verify} without a real hash, so that an unknown e-mail takes as
   * long as a wrong password.
   */
  void verifyDummy(String password);
}
