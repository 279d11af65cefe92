package io.warden.application.fake;

import io.warden.application.port.driven.Overloaded;
import io.warden.application.port.driven.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast salted SHA-256 hasher for tests only, counting its calls so that tests can see that an
 * unknown e-mail spends a verification and that demo seeding hashes once.
 */
public final class FakePasswordHasher implements PasswordHasher {
  private static final String PREFIX = "fake-sha256$";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AtomicInteger hashes = new AtomicInteger();
  private final AtomicInteger verifications = new AtomicInteger();
  private final AtomicInteger dummyVerifications = new AtomicInteger();
  private volatile boolean full;

  /** From now on {@link #ensureCapacity} refuses (or, with {@code false}, no longer does). */
  public void full(boolean full) {
    this.full = full;
  }

  @Override
  public void ensureCapacity() {
    if (full) {
      throw new Overloaded("hasher full", Duration.ofSeconds(1));
    }
  }

  @Override
  public String hash(String password) {
    hashes.incrementAndGet();
    byte[] salt = new byte[8];
    RANDOM.nextBytes(salt);
    String saltHex = HexFormat.of().formatHex(salt);
    return PREFIX + saltHex + "$" + digest(saltHex, password);
  }

  @Override
  public boolean verify(String password, String hash) {
    verifications.incrementAndGet();
    if (hash == null || !hash.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = hash.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 2) {
      return false;
    }
    return MessageDigest.isEqual(
        parts[1].getBytes(StandardCharsets.UTF_8),
        digest(parts[0], password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void verifyDummy(String password) {
    dummyVerifications.incrementAndGet();
    digest("00", password);
  }

  public int hashes() {
    return hashes.get();
  }

  public int verifications() {
    return verifications.get();
  }

  public int dummyVerifications() {
    return dummyVerifications.get();
  }

  private static String digest(String salt, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
