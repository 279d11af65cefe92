package io.warden.adapter.driven.security;

import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkEC;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ES256 signing keys of every instance, read from the {@link SigningKeyRepository}: the newest
 * active key signs, every active key verifies, and the first instance to start creates the key the
 * others then share.
 */
public final class SigningKeys {
  static final String ALGORITHM = JwkEC.ALG_ES256;

  /** How often an unknown {@code kid} may make this instance re-read the keys from storage. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());

  private final SigningKeyRepository repository;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration refreshInterval;
  private final AtomicReference<Instant> lastRefresh;
  private volatile KeyRing ring;

  private SigningKeys(
      SigningKeyRepository repository, Clock clock, SecureRandom random, Duration refreshInterval) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
    if (refreshInterval.isNegative()) {
      throw new IllegalArgumentException("refreshInterval must not be negative");
    }
    this.lastRefresh = new AtomicReference<>(clock.instant());
    this.ring = load();
  }

  /**
   * Loads the active keys, creating and storing a new P-256 key pair when there is none.
   *
   * @throws IllegalStateException when storage holds no usable key even after the attempt
   */
  public static SigningKeys loadOrCreate(SigningKeyRepository repository, Clock clock) {
    return loadOrCreate(repository, clock, new SecureRandom(), DEFAULT_REFRESH_INTERVAL);
  }

  /** As {@link #loadOrCreate(SigningKeyRepository, Clock)}, with every collaborator explicit. */
  public static SigningKeys loadOrCreate(
      SigningKeyRepository repository, Clock clock, SecureRandom random, Duration refreshInterval) {
    return new SigningKeys(repository, clock, random, refreshInterval);
  }

  /**
   * Re-reads the active keys from storage (for example after another instance rotated them);
   * creates one when none is left. A scheduler in bootstrap may call this periodically.
   */
  public void refresh() {
    ring = load();
    lastRefresh.set(clock.instant());
  }

  /** The id of the key that signs new tokens. */
  public String currentKeyId() {
    return ring.newestFirst().getFirst().keyId();
  }

  /**
   * The public keys as a standard JWK Set: {@code kty, crv, x, y, kid, alg, use}, never {@code d}.
   */
  public String jwkSetJson() {
    return ring.jwkSetJson();
  }

  SigningKey signingKey() {
    return ring.newestFirst().getFirst();
  }

  /** Every active public key, for signature verification by key id. */
  JwkKeys verificationKeys() {
    return ring.verifiers();
  }

  /**
   * The active key named {@code keyId}. An unknown id may mean another instance has just rotated,
   * so it re-reads storage, at most once per refresh interval (a stream of forged key ids must not
   * become a stream of database queries).
   */
  Optional<SigningKey> verificationKey(String keyId, Instant now) {
    SigningKey key = ring.byId().get(keyId);
    if (key != null) {
      return Optional.of(key);
    }
    Instant previous = lastRefresh.get();
    if (now.isBefore(previous.plus(refreshInterval)) || !lastRefresh.compareAndSet(previous, now)) {
      return Optional.empty();
    }
    try {
      ring = load();
    } catch (RuntimeException e) {
      // Verification must keep working on the keys it has when storage is unreachable.
      LOG.log(Level.WARNING, "Could not re-read the signing keys; keeping the current ones", e);
      return Optional.empty();
    }
    return Optional.ofNullable(ring.byId().get(keyId));
  }

  private KeyRing load() {
    List<StoredSigningKey> stored = repository.activeKeys();
    if (stored.isEmpty()) {
      stored = repository.insertIfNoneActive(newStoredKey());
    }
    List<SigningKey> usable = new ArrayList<>();
    for (StoredSigningKey key : stored) {
      decode(key).ifPresent(usable::add);
    }
    if (usable.isEmpty()) {
      throw new IllegalStateException("No usable " + ALGORITHM + " signing key in storage");
    }
    usable.sort(Comparator.comparing(SigningKey::createdAt).reversed());
    return KeyRing.of(usable);
  }

  private StoredSigningKey newStoredKey() {
    KeyPair pair = EcKeys.generate(random);
    return new StoredSigningKey(
        EcKeys.thumbprint((ECPublicKey) pair.getPublic()),
        ALGORITHM,
        EcKeys.encode(pair.getPrivate()),
        EcKeys.encode(pair.getPublic()),
        clock.instant());
  }

  /** A stored key this version cannot use is skipped, loudly, rather than failing every token. */
  private static Optional<SigningKey> decode(StoredSigningKey stored) {
    if (!ALGORITHM.equals(stored.algorithm())) {
      LOG.log(
          Level.WARNING,
          "Skipping signing key {0}: algorithm {1} is not " + ALGORITHM,
          stored.keyId(),
          stored.algorithm());
      return Optional.empty();
    }
    try {
      ECPrivateKey privateKey = EcKeys.decodePrivate(stored.privateKey());
      ECPublicKey publicKey = EcKeys.decodePublic(stored.publicKey());
      if (!EcKeys.isPair(privateKey, publicKey)) {
        throw new GeneralSecurityException("private and public key do not match");
      }
      JwkEC signer =
          JwkEC.builder()
              .privateKey(privateKey)
              .publicKey(publicKey)
              .keyId(stored.keyId())
              .algorithm(ALGORITHM)
              .usage(Jwk.USE_SIGNATURE)
              .build();
      JwkEC verifier =
          JwkEC.builder()
              .publicKey(publicKey)
              .keyId(stored.keyId())
              .algorithm(ALGORITHM)
              .usage(Jwk.USE_SIGNATURE)
              .build();
      return Optional.of(new SigningKey(stored.keyId(), signer, verifier, stored.createdAt()));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      LOG.log(Level.ERROR, "Skipping signing key " + stored.keyId() + ": cannot be decoded", e);
      return Optional.empty();
    }
  }

  /** An immutable snapshot of the active keys, swapped whole on refresh. */
  private record KeyRing(
      List<SigningKey> newestFirst,
      Map<String, SigningKey> byId,
      JwkKeys verifiers,
      String jwkSetJson) {

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
                .add("alg", ALGORITHM)
                .add("use", Jwk.USE_SIGNATURE));
      }
      String json = Json.createObjectBuilder().add("keys", jwks).build().toString();
      return new KeyRing(List.copyOf(newestFirst), byId, verifiers.build(), json);
    }
  }
}
