package io.warden.adapter.driven.security;

import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkEC;
import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * One active signing key: {@code signer} holds the private half, {@code verifier} only the public
 * half, so nothing that verifies or publishes can leak the private key. It is published and
 * verifies from {@code createdAt}, and signs from {@code signsFrom}.
 */
record SigningKey(
    String keyId, JwkEC signer, JwkEC verifier, Instant createdAt, Instant signsFrom) {
  private static final System.Logger LOG = System.getLogger(SigningKey.class.getName());

  /**
   * A new P-256 key pair in its stored form, the private half sealed by {@code sealing}, published
   * from {@code createdAt} and signing from {@code signsFrom}.
   */
  static StoredSigningKey create(
      SecureRandom random, PrivateKeySealing sealing, Instant createdAt, Instant signsFrom) {
    KeyPair pair = EcKeys.generate(random);
    String keyId = EcKeys.thumbprint((ECPublicKey) pair.getPublic());
    return new StoredSigningKey(
        keyId,
        SigningKeys.ALGORITHM,
        sealing.seal(keyId, SigningKeys.ALGORITHM, EcKeys.encode(pair.getPrivate())),
        EcKeys.encode(pair.getPublic()),
        createdAt,
        signsFrom);
  }

  /**
   * A stored key this version cannot use is skipped, loudly, rather than failing every token; one
   * whose sealed private key does not open stops the load ({@link
   * PrivateKeySealing.SealedKeyException}).
   */
  static Optional<SigningKey> open(StoredSigningKey stored, PrivateKeySealing sealing) {
    if (!SigningKeys.ALGORITHM.equals(stored.algorithm())) {
      LOG.log(
          Level.WARNING,
          "Skipping signing key {0}: algorithm {1} is not " + SigningKeys.ALGORITHM,
          stored.keyId(),
          stored.algorithm());
      return Optional.empty();
    }
    try {
      String pkcs8 = sealing.open(stored.keyId(), stored.algorithm(), stored.privateKey());
      ECPrivateKey privateKey = EcKeys.decodePrivate(pkcs8);
      ECPublicKey publicKey = EcKeys.decodePublic(stored.publicKey());
      if (!EcKeys.isPair(privateKey, publicKey)) {
        throw new GeneralSecurityException("private and public key do not match");
      }
      JwkEC signer =
          JwkEC.builder()
              .privateKey(privateKey)
              .publicKey(publicKey)
              .keyId(stored.keyId())
              .algorithm(SigningKeys.ALGORITHM)
              .usage(Jwk.USE_SIGNATURE)
              .build();
      JwkEC verifier =
          JwkEC.builder()
              .publicKey(publicKey)
              .keyId(stored.keyId())
              .algorithm(SigningKeys.ALGORITHM)
              .usage(Jwk.USE_SIGNATURE)
              .build();
      return Optional.of(
          new SigningKey(stored.keyId(), signer, verifier, stored.createdAt(), stored.signsFrom()));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      LOG.log(Level.ERROR, "Skipping signing key " + stored.keyId() + ": cannot be decoded", e);
      return Optional.empty();
    }
  }
}
