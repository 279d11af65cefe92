package io.warden.adapter.driven.security;

import io.helidon.security.jwt.jwk.JwkEC;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.application.port.driven.SigningKeyRepository.StoredSigningKey;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ES256 signing keys of every instance, read from the {@link SigningKeyRepository}: every
 * active key verifies and is published in the JWKS, the newest one whose {@code signsFrom} has come
 * signs, and the first instance to start creates the key the others then share.
 *
 * <p>Lifecycle ({@link #maintain()}, run periodically by every instance): when the signing key has
 * signed for the rotation period, a successor is created and published {@link
 * Lifecycle#publishAhead()} before it signs, so every instance (and every JWKS reader) knows it
 * before the first token it signs arrives; the previous key keeps verifying for {@link
 * Lifecycle#overlap()} (the access-token lifetime plus clock skew) after its successor started to
 * sign, then retires, which every instance hears at once through the invalidation feed.
 *
 * <p>Private keys are sealed at rest with the key-encryption key ({@link PrivateKeySealing}); keys
 * that earlier versions stored in the clear are sealed by the first start that has one. A key that
 * does not open (another KEK, altered ciphertext) stops the load: no token is signed or verified
 * with a key whose storage cannot be trusted.
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
  private final PrivateKeySealing sealing;
  private final Lifecycle lifecycle;
  private final AtomicReference<Instant> lastRefresh;
  private volatile KeyRing ring;

  private SigningKeys(
      SigningKeyRepository repository,
      Clock clock,
      SecureRandom random,
      Duration refreshInterval,
      Optional<KeyEncryptionKey> kek,
      Lifecycle lifecycle) {
    this.repository = repository;
    this.clock = clock;
    this.random = random;
    this.refreshInterval = refreshInterval;
    if (refreshInterval.isNegative()) {
      throw new IllegalArgumentException("refreshInterval must not be negative");
    }
    this.sealing = new PrivateKeySealing(kek, random);
    this.lifecycle = lifecycle;
    this.lastRefresh = new AtomicReference<>(clock.instant());
    this.ring = load();
  }

  /**
   * When keys rotate and retire.
   *
   * @param rotationPeriod how long a key signs before its successor takes over
   * @param overlap how long a key still verifies after its successor started to sign: at least the
   *     access-token lifetime plus the clock skew tolerated, so no token it signed is cut short
   * @param publishAhead how long a successor is published before it signs: longer than the
   *     instances' refresh interval, so each knows it before any token it signs arrives
   */
  public record Lifecycle(Duration rotationPeriod, Duration overlap, Duration publishAhead) {
    public static final Duration DEFAULT_ROTATION_PERIOD = Duration.ofDays(30);

    public Lifecycle {
      requireNotNegative(rotationPeriod, "rotationPeriod");
      requireNotNegative(overlap, "overlap");
      requireNotNegative(publishAhead, "publishAhead");
      if (rotationPeriod.isZero()) {
        throw new IllegalArgumentException("rotationPeriod must be positive");
      }
    }

    /** Rotation every {@code rotationPeriod}, keys verifying for one token lifetime and skew. */
    public static Lifecycle of(Duration rotationPeriod, Duration accessTokenTtl) {
      return new Lifecycle(
          rotationPeriod,
          accessTokenTtl.plus(JwtTokenCodec.DEFAULT_CLOCK_SKEW),
          DEFAULT_REFRESH_INTERVAL.multipliedBy(4));
    }

    /** Thirty days, for 15-minute tokens. */
    public static Lifecycle defaults() {
      return of(DEFAULT_ROTATION_PERIOD, Duration.ofMinutes(15));
    }

    private static void requireNotNegative(Duration value, String name) {
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
    }
  }

  /**
   * Loads the active keys, creating and storing a new P-256 key pair when there is none; private
   * keys in the clear (no key-encryption key: tests and tools, never a production start).
   *
   * @throws IllegalStateException when storage holds no usable key even after the attempt
   */
  public static SigningKeys loadOrCreate(SigningKeyRepository repository, Clock clock) {
    return loadOrCreate(repository, clock, new SecureRandom(), DEFAULT_REFRESH_INTERVAL);
  }

  /** As {@link #loadOrCreate(SigningKeyRepository, Clock)}, with every collaborator explicit. */
  public static SigningKeys loadOrCreate(
      SigningKeyRepository repository, Clock clock, SecureRandom random, Duration refreshInterval) {
    return new SigningKeys(
        repository, clock, random, refreshInterval, Optional.empty(), Lifecycle.defaults());
  }

  /**
   * Loads (creating the first key if needed) with private keys sealed under {@code kek} (empty: in
   * the clear, for the embedded development database only) and keys rotating per {@code lifecycle}.
   *
   * @throws IllegalStateException when a stored key cannot be opened with {@code kek}
   */
  public static SigningKeys start(
      SigningKeyRepository repository,
      Clock clock,
      Optional<KeyEncryptionKey> kek,
      Lifecycle lifecycle) {
    return new SigningKeys(
        repository, clock, new SecureRandom(), DEFAULT_REFRESH_INTERVAL, kek, lifecycle);
  }

  /**
   * Re-reads the active keys from storage (for example after another instance rotated them);
   * creates one when none is left.
   */
  public void refresh() {
    ring = load();
    lastRefresh.set(clock.instant());
  }

  /**
   * One round of the lifecycle, run periodically by every instance (they agree through storage):
   * retires the keys whose overlap has ended, publishes a successor when the signing key's period
   * is nearly over, and re-reads the keys.
   *
   * @return the ids of the keys this call retired (their tokens are now refused everywhere)
   */
  public List<String> maintain() {
    Instant now = clock.instant();
    KeyRing current = load();
    SigningKey signer = current.signer(now);
    List<String> retired = new ArrayList<>();
    Instant overlapEnds = signer.signsFrom().plus(lifecycle.overlap());
    for (SigningKey key : current.newestFirst()) {
      if (key.createdAt().isBefore(signer.createdAt())
          && !now.isBefore(overlapEnds)
          && repository.retire(key.keyId())) {
        LOG.log(Level.INFO, "Retired signing key {0}: its tokens have expired", key.keyId());
        retired.add(key.keyId());
      }
    }
    boolean hasSuccessor = current.newestFirst().getFirst() != signer;
    Instant successorDue =
        signer.signsFrom().plus(lifecycle.rotationPeriod()).minus(lifecycle.publishAhead());
    if (!hasSuccessor && !now.isBefore(successorDue)) {
      StoredSigningKey successor =
          SigningKey.create(random, sealing, now, now.plus(lifecycle.publishAhead()));
      List<StoredSigningKey> after =
          repository.insertIfNewestIs(current.newestFirst().getFirst().keyId(), successor);
      if (after.stream().anyMatch(k -> k.keyId().equals(successor.keyId()))) {
        LOG.log(
            Level.INFO,
            "Rotating signing keys: {0} published, signs from {1}",
            successor.keyId(),
            successor.signsFrom());
      }
    }
    refresh();
    return retired;
  }

  /** The id of the key that signs new tokens now. */
  public String currentKeyId() {
    return ring.signer(clock.instant()).keyId();
  }

  /** The ids of every active key (published, verifying), newest first. */
  public List<String> activeKeyIds() {
    return ring.newestFirst().stream().map(SigningKey::keyId).toList();
  }

  /**
   * The public keys as a standard JWK Set: {@code kty, crv, x, y, kid, alg, use}, never {@code d}.
   */
  public String jwkSetJson() {
    return ring.jwkSetJson();
  }

  SigningKey signingKey() {
    return ring.signer(clock.instant());
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
      Instant now = clock.instant();
      stored = repository.insertIfNoneActive(SigningKey.create(random, sealing, now, now));
    }
    List<SigningKey> usable = new ArrayList<>();
    for (StoredSigningKey key : stored) {
      SigningKey.open(key, sealing).ifPresent(usable::add);
      sealIfInTheClear(key);
    }
    if (usable.isEmpty()) {
      throw new IllegalStateException("No usable " + ALGORITHM + " signing key in storage");
    }
    usable.sort(Comparator.comparing(SigningKey::createdAt).reversed());
    return KeyRing.of(usable);
  }

  /** Migration: a key an earlier version stored in the clear is sealed once a KEK is configured. */
  private void sealIfInTheClear(StoredSigningKey key) {
    if (!sealing.seals() || PrivateKeySealing.isSealed(key.privateKey())) {
      return;
    }
    String sealed = sealing.seal(key.keyId(), key.algorithm(), key.privateKey());
    if (repository.replacePrivateKey(key.keyId(), key.privateKey(), sealed)) {
      LOG.log(Level.INFO, "Signing key {0} is now encrypted at rest", key.keyId());
    }
  }
}
