package io.warden.adapter.driven.infinispan;

import java.nio.ByteBuffer;
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

  /**
   * The digest of every UTF-16 code unit of {@code token}, two bytes each: an injective encoding,
   * unlike UTF-8, which turns every unpaired surrogate into the same {@code ?}.
   */
  static TokenDigest of(String token) {
    ByteBuffer chars = ByteBuffer.allocate(token.length() * Character.BYTES);
    chars.asCharBuffer().put(token);
    ByteBuffer digest = ByteBuffer.wrap(sha256().digest(chars.array()));
    return new TokenDigest(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
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
