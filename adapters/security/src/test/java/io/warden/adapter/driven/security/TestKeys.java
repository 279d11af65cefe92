package io.warden.adapter.driven.security;

import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Base64;

/** Key material and hand-made tokens for tests that attack the codec. */
final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  static KeyPair newPair() {
    return EcKeys.generate(RANDOM);
  }

  static StoredSigningKey stored(KeyPair pair, String keyId, Instant createdAt) {
    return new StoredSigningKey(
        keyId,
        "ES256",
        EcKeys.encode(pair.getPrivate()),
        EcKeys.encode(pair.getPublic()),
        createdAt);
  }

  static StoredSigningKey stored(KeyPair pair, Instant createdAt) {
    return stored(pair, EcKeys.thumbprint((ECPublicKey) pair.getPublic()), createdAt);
  }

  static PrivateKey privateKey(StoredSigningKey stored) {
    try {
      return EcKeys.decodePrivate(stored.privateKey());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Rebuilds a public key from a JWK's coordinates alone, as any JOSE library would. */
  static ECPublicKey publicKeyOf(JsonObject jwk) {
    try {
      ECParameterSpec p256 = ((ECPublicKey) newPair().getPublic()).getParams();
      ECPoint point =
          new ECPoint(
              new BigInteger(1, unb64(jwk.getString("x"))),
              new BigInteger(1, unb64(jwk.getString("y"))));
      return (ECPublicKey)
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, p256));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] unb64(String text) {
    return Base64.getUrlDecoder().decode(text);
  }

  /** A compact JWS over exactly these JSON texts, signed ES256 (raw R||S) with {@code key}. */
  static String es256(String headerJson, String payloadJson, PrivateKey key) {
    String signingInput = b64(headerJson) + "." + b64(payloadJson);
    return signingInput + "." + b64(sign("SHA256withECDSAinP1363Format", key, signingInput));
  }

  static byte[] sign(String algorithm, PrivateKey key, String signingInput) {
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
