package io.warden.application.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random session ids and refresh tokens, and the one-way hash under which tokens are stored. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Secrets() {}

  /** 128 random bits: unguessable, and short enough to travel in every access token. */
  static String newSessionId() {
    return random(16);
  }

  /** 256 random bits: a bearer secret that is only ever stored as its hash. */
  static String newRefreshToken() {
    return random(32);
  }

  /**
   * SHA-256 in hex. A refresh token has 256 random bits, so an unsalted fast hash is enough: there
   * is no dictionary to try, and the database never holds a usable token.
   */
  static String sha256Hex(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return BASE64URL.encodeToString(buffer);
  }
}
