package io.warden.adapter.driven.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key (KEK) that seals the signing keys' private halves at rest: 256 bits of
 * AES, given as Base64 ({@code openssl rand -base64 32}). Its {@link #id()} — a digest, not the key
 * — is stored beside each sealed key, so a start with another KEK is told so plainly instead of
 * failing with a bare decryption error. Never printed.
 */
public final class KeyEncryptionKey {
  static final int BYTES = 32;

  private final SecretKey key;
  private final String id;

  private KeyEncryptionKey(byte[] material) {
    this.key = new SecretKeySpec(material, "AES");
    this.id = idOf(material);
  }

  /**
   * Reads a KEK from its Base64 (standard or URL-safe, padded or not) text.
   *
   * @throws IllegalArgumentException unless it decodes to exactly 32 bytes; the message never
   *     repeats the value
   */
  public static KeyEncryptionKey parse(String base64) {
    String text = base64.strip();
    byte[] material;
    try {
      material =
          text.indexOf('-') >= 0 || text.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the key-encryption key is not Base64 (generate one with: openssl rand -base64 32)");
    }
    try {
      if (material.length != BYTES) {
        throw new IllegalArgumentException(
            "the key-encryption key must be 32 bytes (256 bits) in Base64, not "
                + material.length
                + " (generate one with: openssl rand -base64 32)");
      }
      return new KeyEncryptionKey(material);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** A short public name of this KEK: the first 8 bytes of a SHA-256 over it, in hex. */
  public String id() {
    return id;
  }

  SecretKey secretKey() {
    return key;
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[id=" + id + "]";
  }

  private static String idOf(byte[] material) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("warden key-encryption key id\0".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha256.digest(material), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
