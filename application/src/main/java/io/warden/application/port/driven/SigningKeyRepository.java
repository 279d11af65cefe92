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

  /** A key pair in encoded form: PKCS#8 private and X.509 public key, Base64. */
  record StoredSigningKey(
      String keyId, String algorithm, String privateKey, String publicKey, Instant createdAt) {}
}
