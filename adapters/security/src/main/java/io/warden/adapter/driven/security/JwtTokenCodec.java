package io.warden.adapter.driven.security;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.JwtHeaders;
import io.helidon.security.jwt.JwtValidator;
import io.helidon.security.jwt.SignedJwt;
import io.warden.application.port.driven.TokenCodec;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * ES256 access tokens with a {@code kid} header, issued with the current signing key and accepted
 * only when every check passes: shape, algorithm, known (active) key, signature, issuer, audience,
 * times and claims.
 *
 * <p>Times travel as JWT NumericDates, so instants round-trip at whole-second precision. Helidon's
 * {@code Jwt} also writes {@code upn} (the MicroProfile JWT user principal, equal to {@code sub});
 * it is ignored on verification.
 */
public final class JwtTokenCodec implements TokenCodec {
  /** Longest token accepted; ours are a few hundred bytes, anything near this is hostile. */
  public static final int MAX_TOKEN_LENGTH = 8 * 1024;

  /** How far in the future {@code iat} may be, to tolerate clocks of instances drifting apart. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  /** The {@code aud} of tokens unless configured ({@code WARDEN_JWT_AUDIENCE}). */
  public static final String DEFAULT_AUDIENCE = "warden";

  static final String SESSION_ID = "sid";
  static final String TENANT_ID = "tid";

  private static final Pattern COMPACT_JWS =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final int ES256_SIGNATURE_BYTES = 64;
  private static final int MAX_ID_LENGTH = 256;
  // NumericDates past year 9999 are nonsense and would overflow Instant arithmetic.
  private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

  private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

  private final SigningKeys keys;
  private final String issuer;
  private final String audience;
  private final Duration clockSkew;

  public JwtTokenCodec(SigningKeys keys, String issuer) {
    this(keys, issuer, DEFAULT_AUDIENCE, DEFAULT_CLOCK_SKEW);
  }

  public JwtTokenCodec(SigningKeys keys, String issuer, String audience) {
    this(keys, issuer, audience, DEFAULT_CLOCK_SKEW);
  }

  public JwtTokenCodec(SigningKeys keys, String issuer, Duration clockSkew) {
    this(keys, issuer, DEFAULT_AUDIENCE, clockSkew);
  }

  /**
   * @param audience the {@code aud} written into every token and required of every token verified:
   *     a token issued for another audience (another service trusting the same keys, or a Warden
   *     configured for another) is refused
   */
  public JwtTokenCodec(SigningKeys keys, String issuer, String audience, Duration clockSkew) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.clockSkew = clockSkew;
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("issuer must not be blank");
    }
    if (audience.isBlank()) {
      throw new IllegalArgumentException("audience must not be blank");
    }
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("clockSkew must not be negative");
    }
  }

  @Override
  public String issue(AccessClaims claims) {
    requireId(claims.sessionId(), "sessionId");
    requireId(claims.tokenId(), "tokenId");
    if (!claims.expiresAt().isAfter(claims.issuedAt())) {
      throw new IllegalArgumentException("expiresAt must be after issuedAt");
    }
    SigningKey key = keys.signingKey();
    Jwt.Builder jwt =
        Jwt.builder()
            .algorithm(SigningKeys.ALGORITHM)
            .keyId(key.keyId())
            .type("JWT")
            .issuer(issuer)
            .addAudience(audience)
            .subject(claims.subject().toString())
            .jwtId(claims.tokenId())
            .issueTime(claims.issuedAt())
            .expirationTime(claims.expiresAt())
            .addPayloadClaim(SESSION_ID, claims.sessionId());
    claims.tenantId().ifPresent(tenant -> jwt.addPayloadClaim(TENANT_ID, tenant.toString()));
    return SignedJwt.sign(jwt.build(), key.signer()).tokenContent();
  }

  @Override
  public Optional<AccessClaims> verify(@Nullable String token, Instant now) {
    try {
      return Optional.ofNullable(verifiedClaims(token, now));
    } catch (RuntimeException e) {
      // Whatever the parser or a claim accessor throws on hostile input is just an invalid token.
      return Optional.empty();
    }
  }

  @Override
  public String jwkSetJson() {
    return keys.jwkSetJson();
  }

  /** The claims of a fully verified token, or null at the first failed check. */
  private @Nullable AccessClaims verifiedClaims(@Nullable String token, Instant now) {
    if (token == null
        || token.length() > MAX_TOKEN_LENGTH
        || !COMPACT_JWS.matcher(token).matches()) {
      return null;
    }
    SignedJwt signed = SignedJwt.parseToken(token);
    JsonObject header = JwtHeaders.parseToken(token).headerJson();
    // The algorithm is fixed by us, never chosen by the token: this is what stops alg=none,
    // HS256-with-the-public-key and RS/ES confusion before any key is touched.
    if (!SigningKeys.ALGORITHM.equals(string(header, "alg"))
        || header.containsKey("crit")
        || (header.containsKey("typ") && !"JWT".equals(string(header, "typ")))) {
      return null;
    }
    String keyId = string(header, "kid");
    if (keyId == null || keys.verificationKey(keyId, now).isEmpty()) {
      return null;
    }
    if (signed.getSignature().length != ES256_SIGNATURE_BYTES
        || !signed.verifySignature(keys.verificationKeys()).isValid()) {
      return null;
    }
    // Only now, with the signature proven, are the claims interpreted at all.
    Jwt jwt = signed.getJwt();
    if (!standardValidator(now).validate(jwt).isValid()) {
      return null;
    }
    // Helidon's Jwt normalises claims (it coerces numbers, adds upn), so the claims are read from
    // the signed payload exactly as it was sent.
    return claims(rawPayload(token), now);
  }

  /** Helidon's own checks of issuer and times; {@link #claims} re-checks them strictly by type. */
  private JwtValidator standardValidator(Instant now) {
    return JwtValidator.builder()
        .addIssuerValidator(issuer, true)
        .addExpirationValidator(
            expiration -> {
              expiration.now(now);
              expiration.allowedTimeSkew(Duration.ZERO);
              expiration.mandatory(true);
            })
        .addIssueTimeValidator(
            issued -> {
              issued.now(now);
              issued.allowedTimeSkew(clockSkew);
              issued.mandatory(true);
            })
        .addCriticalValidator()
        .build();
  }

  private @Nullable AccessClaims claims(JsonObject payload, Instant now) {
    String tokenIssuer = string(payload, "iss");
    String subject = string(payload, "sub");
    String sessionId = string(payload, SESSION_ID);
    String tokenId = string(payload, "jti");
    Instant issuedAt = numericDate(payload, "iat");
    Instant expiresAt = numericDate(payload, "exp");
    if (!issuer.equals(tokenIssuer)
        || !intendedForUs(payload.get("aud"))
        || subject == null
        || sessionId == null
        || tokenId == null
        || !isId(sessionId)
        || !isId(tokenId)
        || issuedAt == null
        || expiresAt == null) {
      return null;
    }
    if (!expiresAt.isAfter(now)
        || !expiresAt.isAfter(issuedAt)
        || issuedAt.isAfter(now.plus(clockSkew))) {
      return null;
    }
    if (payload.containsKey("nbf")) {
      Instant notBefore = numericDate(payload, "nbf");
      if (notBefore == null || notBefore.isAfter(now.plus(clockSkew))) {
        return null;
      }
    }
    Optional<TenantId> tenant = Optional.empty();
    if (payload.containsKey(TENANT_ID)) {
      String tenantId = string(payload, TENANT_ID);
      if (tenantId == null) {
        return null;
      }
      tenant = Optional.of(TenantId.parse(tenantId, TENANT_ID));
    }
    return new AccessClaims(
        UserId.parse(subject, "sub"), sessionId, tokenId, issuedAt, expiresAt, tenant);
  }

  private static JsonObject rawPayload(String token) {
    int start = token.indexOf('.') + 1;
    byte[] json = Base64.getUrlDecoder().decode(token.substring(start, token.indexOf('.', start)));
    try (JsonReader reader =
        JSON.createReader(new StringReader(new String(json, StandardCharsets.UTF_8)))) {
      return reader.readObject();
    }
  }

  /**
   * RFC 7519 §4.1.3: {@code aud} is one string or an array of strings, and a token is refused
   * unless ours is among them. Absent, empty or of another type: refused.
   */
  private boolean intendedForUs(@Nullable JsonValue aud) {
    if (aud instanceof JsonString single) {
      return audience.equals(single.getString());
    }
    if (aud instanceof JsonArray many) {
      for (JsonValue value : many) {
        if (value instanceof JsonString one && audience.equals(one.getString())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The string value of {@code name}, or null when it is absent or not a JSON string. */
  private static @Nullable String string(JsonObject json, String name) {
    JsonValue value = json.get(name);
    return value instanceof JsonString text ? text.getString() : null;
  }

  /** A whole, non-negative NumericDate within year 9999, or null. */
  private static @Nullable Instant numericDate(JsonObject json, String name) {
    if (!(json.get(name) instanceof JsonNumber number) || !number.isIntegral()) {
      return null;
    }
    long seconds;
    try {
      seconds = number.bigIntegerValueExact().longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
    return seconds < 0 || seconds > MAX_EPOCH_SECOND ? null : Instant.ofEpochSecond(seconds);
  }

  private static boolean isId(@Nullable String value) {
    return value != null && !value.isBlank() && value.length() <= MAX_ID_LENGTH;
  }

  private static void requireId(String value, String field) {
    if (!isId(value)) {
      throw new IllegalArgumentException(field + " must be 1.." + MAX_ID_LENGTH + " characters");
    }
  }
}
