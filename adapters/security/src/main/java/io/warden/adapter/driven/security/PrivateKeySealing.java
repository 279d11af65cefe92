package io.warden.adapter.driven.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a signing key's private half for storage with AES-256-GCM under the {@link
 * KeyEncryptionKey}: {@code aes256gcm:v1:<kek id>:<Base64url(nonce ‖ ciphertext ‖ tag)>}, a fresh
 * 96-bit nonce each time. The key id and algorithm are authenticated with it (associated data), so
 * a sealed key copied onto another row does not open either. Without a KEK (the embedded
 * development database only) keys are stored as PKCS#8 Base64 in the clear, as earlier versions
 * did.
 */
final class PrivateKeySealing {
  static final String PREFIX = "aes256gcm:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Optional<KeyEncryptionKey> kek;
  private final SecureRandom random;

  PrivateKeySealing(Optional<KeyEncryptionKey> kek, SecureRandom random) {
    this.kek = kek;
    this.random = random;
  }

  /** Whether keys are sealed (a KEK is configured). */
  boolean seals() {
    return kek.isPresent();
  }

  static boolean isSealed(String stored) {
    return stored.startsWith(PREFIX);
  }

  /** The stored form of {@code pkcs8Base64}: sealed with the KEK, or itself without one. */
  String seal(String keyId, String algorithm, String pkcs8Base64) {
    if (kek.isEmpty()) {
      return pkcs8Base64;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, kek.get().secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(keyId, algorithm));
      byte[] sealed = cipher.doFinal(pkcs8Base64.getBytes(StandardCharsets.US_ASCII));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX
          + kek.get().id()
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * The PKCS#8 Base64 of a stored private key: opened with the KEK when sealed, as stored when in
   * the clear.
   *
   * @throws SealedKeyException when it cannot be opened: no KEK, another KEK, or altered
   */
  String open(String keyId, String algorithm, String stored) {
    if (!isSealed(stored)) {
      return stored;
    }
    String rest = stored.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon < 0) {
      throw new SealedKeyException("signing key " + keyId + " is sealed in an unknown format");
    }
    String sealedWith = rest.substring(0, colon);
    if (kek.isEmpty()) {
      throw new SealedKeyException(
          "signing key "
              + keyId
              + " is encrypted at rest (key-encryption key "
              + sealedWith
              + "), but WARDEN_KEY_ENCRYPTION_KEY is not set");
    }
    if (!sealedWith.equals(kek.get().id())) {
      throw new SealedKeyException(
          "signing key "
              + keyId
              + " was encrypted with another key-encryption key ("
              + sealedWith
              + "; WARDEN_KEY_ENCRYPTION_KEY is "
              + kek.get().id()
              + ")");
    }
    try {
      byte[] data = Base64.getUrlDecoder().decode(rest.substring(colon + 1));
      if (data.length <= NONCE_BYTES + TAG_BITS / 8) {
        throw new AEADBadTagException("too short");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          kek.get().secretKey(),
          new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(keyId, algorithm));
      byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.US_ASCII);
    } catch (AEADBadTagException | IllegalArgumentException e) {
      throw new SealedKeyException(
          "signing key "
              + keyId
              + " does not decrypt with its key-encryption key: the stored ciphertext was altered"
              + " or belongs to another key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  private static byte[] associatedData(String keyId, String algorithm) {
    return ("warden signing key\0" + keyId + "\0" + algorithm).getBytes(StandardCharsets.UTF_8);
  }

  /** A stored private key that cannot be opened; never carries key material. */
  static final class SealedKeyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SealedKeyException(String message) {
      super(message);
    }
  }
}
