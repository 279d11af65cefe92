package io.warden.benchmarks.memory;

import io.warden.adapter.driven.security.Argon2PasswordHasher;
import io.warden.adapter.driven.security.Argon2Settings;

/**
 * Prints an Argon2id hash of {@code args[0]} at the smallest cost Warden accepts (8 KiB, one pass,
 * one lane). {@code benchmarks/run-footprint.sh} stores it as the password hash of the demo users
 * of its throwaway database, so that logging ten thousand users in (to cache their tokens) costs
 * seconds instead of the minutes of CPU that the real cost (19 MiB, two passes) would take. Warden
 * verifies a password with the parameters stored in its hash, so these logins take the same code
 * path and cache the same state as any other; only the hashing is cheaper. Never for real data.
 */
public final class CheapPasswordHash {
  private CheapPasswordHash() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CheapPasswordHash <password>");
    }
    System.out.println(new Argon2PasswordHasher(new Argon2Settings(8, 1, 1, 16, 32)).hash(args[0]));
  }
}
