package io.warden.adapter.driven.infinispan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
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

  private static final int DIGEST_BYTES = 32;

  /** A few hashers per core: two requests digest at once on two cores, seldom more. */
  private static final Hasher[] HASHERS = new Hasher[hashers()];

  static {
    for (int i = 0; i < HASHERS.length; i++) {
      HASHERS[i] = new Hasher();
    }
  }

  /**
   * The digest of every UTF-16 code unit of {@code token}, two bytes each, high byte first: an
   * injective encoding, unlike UTF-8, which turns every unpaired surrogate into the same {@code ?}.
   * The units go in through a small buffer: copying a ~600-character token into a byte array of its
   * own was more than half of the bytes a warm check allocated. The digest, its buffer and its
   * output are those of a {@link Hasher} borrowed for the call: a fresh clone of the digest (its
   * state and block arrays) was most of what remained.
   */
  static TokenDigest of(String token) {
    return of(token, 0, token.length());
  }

  /** The digest of the token that is characters {@code from} to {@code to} of {@code text}. */
  static TokenDigest of(String text, int from, int to) {
    Hasher hasher = Hasher.borrow();
    try {
      return hasher.digest(text, from, to);
    } finally {
      hasher.giveBack();
    }
  }

  private static int hashers() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    return Math.min(64, Integer.highestOneBit(cores) * 4);
  }

  /**
   * A SHA-256 digest with its input buffer and output array, used by one thread at a time: taken
   * with one compare-and-set (a thread tries the next one when another holds it, and makes a
   * throwaway one when all are held), so no thread ever waits for another.
   */
  private static final class Hasher {
    private static final VarHandle BUSY;

    static {
      try {
        BUSY = MethodHandles.lookup().findVarHandle(Hasher.class, "busy", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final MessageDigest sha256 = sha256();
    private final byte[] chunk = new byte[CHUNK * Character.BYTES];
    private final byte[] digest = new byte[DIGEST_BYTES];
    private final boolean shared;

    @SuppressWarnings("unused") // through BUSY
    private volatile int busy;

    Hasher() {
      this(true);
    }

    private Hasher(boolean shared) {
      this.shared = shared;
    }

    static Hasher borrow() {
      long id = Thread.currentThread().threadId();
      int first = (int) ((id * 0x9E3779B97F4A7C15L) >>> 40);
      for (int i = 0; i < HASHERS.length; i++) {
        Hasher hasher = HASHERS[(first + i) & (HASHERS.length - 1)];
        if (hasher.busy == 0 && BUSY.compareAndSet(hasher, 0, 1)) {
          return hasher;
        }
      }
      return new Hasher(false);
    }

    void giveBack() {
      if (shared) {
        BUSY.setRelease(this, 0);
      }
    }

    TokenDigest digest(String text, int from, int to) {
      sha256.reset(); // a digest interrupted by an exception must not leak into the next
      for (int start = from; start < to; start += CHUNK) {
        int end = Math.min(to, start + CHUNK);
        int filled = 0;
        for (int i = start; i < end; i++) {
          char unit = text.charAt(i);
          chunk[filled++] = (byte) (unit >>> 8);
          chunk[filled++] = (byte) unit;
        }
        sha256.update(chunk, 0, filled);
      }
      try {
        sha256.digest(digest, 0, DIGEST_BYTES);
      } catch (DigestException e) {
        throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
      }
      return new TokenDigest(
          (long) LONGS.get(digest, 0),
          (long) LONGS.get(digest, 8),
          (long) LONGS.get(digest, 16),
          (long) LONGS.get(digest, 24));
    }
  }

  /**
   * A fresh SHA-256 digest, cloned from one looked up once: {@code MessageDigest.getInstance}
   * searches the security providers on every call.
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
