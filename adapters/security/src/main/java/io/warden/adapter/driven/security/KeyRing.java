package io.warden.adapter.driven.security;

import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkEC;
import io.helidon.security.jwt.jwk.JwkKeys;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of the active keys, newest first, with what verifying and publishing need
 * precomputed ({@link SigningKeys} swaps it whole on refresh).
 */
record KeyRing(
    List<SigningKey> newestFirst,
    Map<String, SigningKey> byId,
    JwkKeys verifiers,
    String jwkSetJson) {

  /**
   * The key that signs at {@code now}: the newest whose {@code signsFrom} has come, else (every key
   * still ahead, e.g. this instance's clock is behind) the one that signs first.
   */
  SigningKey signer(Instant now) {
    SigningKey first = newestFirst.getFirst();
    for (SigningKey key : newestFirst) {
      if (!key.signsFrom().isAfter(now)) {
        return key;
      }
      if (key.signsFrom().isBefore(first.signsFrom())) {
        first = key;
      }
    }
    return first;
  }

  static KeyRing of(List<SigningKey> newestFirst) {
    Map<String, SigningKey> byId =
        newestFirst.stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    SigningKey::keyId, Function.identity(), (newer, older) -> newer));
    JwkKeys.Builder verifiers = JwkKeys.builder();
    JsonArrayBuilder jwks = Json.createArrayBuilder();
    for (SigningKey key : byId.values()) {
      verifiers.addKey(key.verifier());
    }
    for (SigningKey key : newestFirst) {
      if (byId.get(key.keyId()) != key) {
        continue; // a duplicated key id is published once, as the key that verifies it
      }
      ECPublicKey publicKey = (ECPublicKey) key.verifier().publicKey();
      jwks.add(
          Json.createObjectBuilder()
              .add("kty", "EC")
              .add("crv", JwkEC.CURVE_P256)
              .add("x", EcKeys.coordinate(publicKey.getW().getAffineX()))
              .add("y", EcKeys.coordinate(publicKey.getW().getAffineY()))
              .add("kid", key.keyId())
              .add("alg", SigningKeys.ALGORITHM)
              .add("use", Jwk.USE_SIGNATURE));
    }
    String json = Json.createObjectBuilder().add("keys", jwks).build().toString();
    return new KeyRing(List.copyOf(newestFirst), byId, verifiers.build(), json);
  }
}
