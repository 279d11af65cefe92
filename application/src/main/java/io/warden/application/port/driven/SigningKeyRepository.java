package io.warden.application.port.driven;

import java.time.Instant;
import java.util.List;

/** The token signing keys, shared by every instance through the database. */
public interface SigningKeyRepository {

  /** Active keys, newest first. */
  List<StoredSigningKey> activeKeys();

  /**
   * Stores {@code key} unless another instance stored one concurrently; returns the active keys
   * afterwards (so two instances starting together agree on one key).
   */
  List<StoredSigningKey> insertIfNoneActive(StoredSigningKey key);

  /**
   * Stores {@code key} (a rotation's successor) only while {@code newestKeyId} is still the newest
   * active key, so instances rotating at the same moment agree on one successor; returns the active
   * keys afterwards.
   */
  List<StoredSigningKey> insertIfNewestIs(String newestKeyId, StoredSigningKey key);

  /**
   * Replaces the stored private key of {@code keyId} if it still is {@code expected} (sealing a key
   * stored in the clear); false if another instance changed it first.
   */
  boolean replacePrivateKey(String keyId, String expected, String replacement);

  /**
   * Retires {@code keyId}: it is no longer active, and every instance is told to forget it (and the
   * tokens it verified) with the commit. False if it was not active.
   */
  boolean retire(String keyId);

  /**
   * A key pair in encoded form: the private key as stored (sealed, or PKCS#8 Base64 from earlier
   * versions), the X.509 public key in Base64, when it was created and from when it signs (it is
   * published, and verifies, from its creation on).
   */
  record StoredSigningKey(
      String keyId,
      String algorithm,
      String privateKey,
      String publicKey,
      Instant createdAt,
      Instant signsFrom) {

    /** A key that signs from its creation on. */
    public StoredSigningKey(
        String keyId, String algorithm, String privateKey, String publicKey, Instant createdAt) {
      this(keyId, algorithm, privateKey, publicKey, createdAt, createdAt);
    }

    /** The same key with another stored form of its private key. */
    public StoredSigningKey withPrivateKey(String stored) {
      return new StoredSigningKey(keyId, algorithm, stored, publicKey, createdAt, signsFrom);
    }
  }
}
