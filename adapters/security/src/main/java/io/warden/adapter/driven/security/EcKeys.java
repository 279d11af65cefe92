package io.warden.adapter.driven.security;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** P-256 key handling: generation, the stored encodings and the JWK coordinates. */
final class EcKeys {
  private static final String CURVE = "secp256r1";
  private static final int COORDINATE_BYTES = 32;
  private static final ECParameterSpec P256 = p256();

  private EcKeys() {}

  static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 key generation is not available", e);
    }
  }

  /** Decodes a Base64 PKCS#8 private key; fails unless it is a P-256 key. */
  static ECPrivateKey decodePrivate(String base64) throws GeneralSecurityException {
    var key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    return requireP256((ECPrivateKey) key);
  }

  /** Decodes a Base64 X.509 (SubjectPublicKeyInfo) public key; fails unless it is a P-256 key. */
  static ECPublicKey decodePublic(String base64) throws GeneralSecurityException {
    var key =
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    return requireP256((ECPublicKey) key);
  }

  static String encode(Key key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** A JWK coordinate: the unsigned big-endian value padded to the curve size, base64url. */
  static String coordinate(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[COORDINATE_BYTES];
    int length = Math.min(raw.length, COORDINATE_BYTES);
    System.arraycopy(raw, raw.length - length, fixed, COORDINATE_BYTES - length, length);
    return base64Url(fixed);
  }

  /** The RFC 7638 JWK thumbprint: a key id that names the key itself, not its storage row. */
  static String thumbprint(ECPublicKey key) {
    String canonical =
        "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""
            + coordinate(key.getW().getAffineX())
            + "\",\"y\":\""
            + coordinate(key.getW().getAffineY())
            + "\"}";
    try {
      return base64Url(
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static <K extends ECKey> K requireP256(K key) throws GeneralSecurityException {
    ECParameterSpec params = key.getParams();
    boolean p256 =
        params.getCurve().equals(P256.getCurve())
            && params.getOrder().equals(P256.getOrder())
            && params.getGenerator().equals(P256.getGenerator())
            && params.getCofactor() == P256.getCofactor();
    if (!p256) {
      throw new GeneralSecurityException("not a P-256 key");
    }
    return key;
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(CURVE));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Whether the two keys form one pair (sign with one, verify with the other). */
  static boolean isPair(ECPrivateKey privateKey, ECPublicKey publicKey) {
    try {
      byte[] probe = "warden-key-pair-probe".getBytes(StandardCharsets.US_ASCII);
      var signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      var verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
