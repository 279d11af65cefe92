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

  /**
   * Refuses at once with {@link Overloaded} when a hash asked for now would be refused anyway: a
   * login calls it before it looks the e-mail up, so a flood of logins that the hasher cannot take
   * costs no database round trip. Advisory: a hash asked for afterwards may still be refused. The
   * default never refuses (a hasher without a bound).
   */
  default void ensureCapacity() {}
}
