package io.warden.adapter.driven.infinispan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The L1 key of a verified token: the SHA-256 of the whole token, so that only the very same token
 * finds its entry (a forged token carrying a real {@code jti}, or any other changed character,
 * digests elsewhere). Four longs compare faster than an array and hold no reference to the token.
 */
record TokenDigest(long a, long b, long c, long d) {
  /** Never updated: only ever cloned, so it stays in its initial state. */
  private static final MessageDigest SHA_256 = lookUp();

  /** Big-endian longs out of the 32 bytes of the digest, without a ByteBuffer per request. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Code units fed to the digest per update: a small buffer instead of two bytes per char. */
  private static final int CHUNK = 128;

  /**
   * The digest of every UTF-16 code unit of {@code token}, two bytes each, high byte first: an
   * injective encoding, unlike UTF-8, which turns every unpaired surrogate into the same {@code ?}.
   * The units go in through a small buffer: copying a ~600-character token into a byte array of its
   * own was more than half of the bytes a warm check allocated.
   */
  static TokenDigest of(String token) {
    MessageDigest sha256 = sha256();
    byte[] chunk = new byte[CHUNK * Character.BYTES];
    int length = token.length();
    for (int start = 0; start < length; start += CHUNK) {
      int end = Math.min(length, start + CHUNK);
      int filled = 0;
      for (int i = start; i < end; i++) {
        char unit = token.charAt(i);
        chunk[filled++] = (byte) (unit >>> 8);
        chunk[filled++] = (byte) unit;
      }
      sha256.update(chunk, 0, filled);
    }
    byte[] digest = sha256.digest();
    return new TokenDigest(
        (long) LONGS.get(digest, 0),
        (long) LONGS.get(digest, 8),
        (long) LONGS.get(digest, 16),
        (long) LONGS.get(digest, 24));
  }

  /**
   * A fresh SHA-256 digest, cloned from one looked up once: {@code MessageDigest.getInstance}
   * searches the security providers on every call, a cost every request paid.
   */
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp();
    }
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
