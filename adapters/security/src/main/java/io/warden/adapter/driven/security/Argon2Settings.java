package io.warden.adapter.driven.security;

/**
 * Cost parameters of Argon2id: memory in KiB, iterations, lanes, and the salt and hash lengths in
 * bytes.
 */
public record Argon2Settings(
    int memoryKiB, int iterations, int parallelism, int saltLength, int hashLength) {

  /** The largest memory cost accepted, here and in stored hashes (1 GiB). */
  static final int MAX_MEMORY_KIB = 1 << 20;

  static final int MAX_ITERATIONS = 64;
  static final int MAX_PARALLELISM = 16;
  static final int MIN_SALT_LENGTH = 8;
  static final int MAX_SALT_LENGTH = 64;
  static final int MIN_HASH_LENGTH = 16;
  static final int MAX_HASH_LENGTH = 64;

  public Argon2Settings {
    check(memoryKiB, iterations, parallelism, saltLength, hashLength);
  }

  /** Fails with an {@link IllegalArgumentException} unless every parameter is within bounds. */
  static void check(
      int memoryKiB, int iterations, int parallelism, int saltLength, int hashLength) {
    require(parallelism >= 1 && parallelism <= MAX_PARALLELISM, "parallelism", parallelism);
    // Argon2 needs at least 8 KiB per lane.
    require(memoryKiB >= 8 * parallelism && memoryKiB <= MAX_MEMORY_KIB, "memoryKiB", memoryKiB);
    require(iterations >= 1 && iterations <= MAX_ITERATIONS, "iterations", iterations);
    require(
        saltLength >= MIN_SALT_LENGTH && saltLength <= MAX_SALT_LENGTH, "saltLength", saltLength);
    require(
        hashLength >= MIN_HASH_LENGTH && hashLength <= MAX_HASH_LENGTH, "hashLength", hashLength);
  }

  /**
   * The OWASP Password Storage Cheat Sheet's Argon2id baseline: 19 MiB, two passes, one lane, with
   * a 16-byte salt and a 32-byte hash.
   */
  public static Argon2Settings owaspDefaults() {
    return new Argon2Settings(19 * 1024, 2, 1, 16, 32);
  }

  private static void require(boolean condition, String field, int value) {
    if (!condition) {
      throw new IllegalArgumentException(field + " out of range: " + value);
    }
  }
}
