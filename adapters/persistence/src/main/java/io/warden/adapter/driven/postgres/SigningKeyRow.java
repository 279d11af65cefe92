package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import java.time.Instant;

/** A row of {@code signing_keys} (the active ones: the flag is not carried). */
record SigningKeyRow(
    String keyId,
    String algorithm,
    String privateKey,
    String publicKey,
    Instant createdAt,
    Instant signsFrom) {

  static SigningKeyRow of(StoredSigningKey key) {
    return new SigningKeyRow(
        key.keyId(),
        key.algorithm(),
        key.privateKey(),
        key.publicKey(),
        key.createdAt(),
        key.signsFrom());
  }

  StoredSigningKey toKey() {
    return new StoredSigningKey(keyId, algorithm, privateKey, publicKey, createdAt, signsFrom);
  }
}
