package io.warden.bootstrap;

import io.warden.adapter.driven.infinispan.CachedTokenCodec;
import io.warden.adapter.driven.security.KeyEncryptionKey;
import io.warden.adapter.driven.security.SigningKeys;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.domain.event.InvalidationScope;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys' wiring: the key-encryption key (required, except on the embedded development
 * database), the rotation schedule, and what a retirement does on this instance. A key retires by a
 * committed change that announces an {@code everything} invalidation; on it every instance re-reads
 * its keys and only then drops its cached verified tokens, so a token of the retired key is
 * verified again — and refused — on its next use.
 */
final class SigningKeyLifecycle implements CacheInvalidation {
  private static final System.Logger LOG = System.getLogger(SigningKeyLifecycle.class.getName());

  private final SigningKeys keys;
  private volatile Optional<CachedTokenCodec> tokenCache = Optional.empty();

  private SigningKeyLifecycle(SigningKeys keys) {
    this.keys = keys;
  }

  /**
   * Loads the keys (sealing any still in the clear).
   *
   * @param embedded whether the embedded development database is in use: only then may the
   *     key-encryption key be missing
   */
  static SigningKeyLifecycle start(
      WardenConfig config, SigningKeyRepository repository, Clock clock, boolean embedded) {
    Optional<KeyEncryptionKey> kek = keyEncryptionKey(config, embedded);
    SigningKeys.Lifecycle lifecycle =
        SigningKeys.Lifecycle.of(Duration.ofDays(config.jwtKeyRotationDays()), config.jwtTtl());
    return new SigningKeyLifecycle(SigningKeys.start(repository, clock, kek, lifecycle));
  }

  static Optional<KeyEncryptionKey> keyEncryptionKey(WardenConfig config, boolean embedded) {
    if (config.keyEncryptionKey().isPresent()) {
      try {
        return Optional.of(KeyEncryptionKey.parse(config.keyEncryptionKey().get()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("WARDEN_KEY_ENCRYPTION_KEY: " + e.getMessage(), e);
      }
    }
    if (!embedded) {
      throw new IllegalStateException(
          "WARDEN_KEY_ENCRYPTION_KEY is not set: the token signing keys would be stored in the"
              + " clear in the database. Set it to 32 random bytes in Base64 (openssl rand -base64"
              + " 32), the same on every instance, and keep it outside the database.");
    }
    LOG.log(
        Level.ERROR,
        "\n**********************************************************************"
            + "\n*  WARDEN_KEY_ENCRYPTION_KEY is not set: the token signing keys are   *"
            + "\n*  stored UNENCRYPTED. Allowed only on the embedded development       *"
            + "\n*  database; a start with WARDEN_DB_URL refuses without it.           *"
            + "\n**********************************************************************");
    return Optional.empty();
  }

  SigningKeys keys() {
    return keys;
  }

  /** The token cache to empty when a key retires. */
  void attach(CachedTokenCodec cache) {
    tokenCache = Optional.of(cache);
  }

  /** One lifecycle round; the scheduler runs it on every instance. Never throws. */
  void maintain() {
    try {
      List<String> retired = keys.maintain();
      if (!retired.isEmpty()) {
        // The feed brings the same news a moment later; this instance acts on its own write now.
        forgetVerifiedTokens();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not maintain the signing keys; keeping the current ones", e);
    }
  }

  /**
   * An {@code everything} change may be a retired key (or a reconnected feed that missed one):
   * re-read the keys first, then forget the verified tokens.
   */
  @Override
  public void invalidate(InvalidationScope scope, long version) {
    if (!(scope instanceof InvalidationScope.Everything)) {
      return;
    }
    try {
      keys.refresh();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not re-read the signing keys; keeping the current ones", e);
    }
    forgetVerifiedTokens();
  }

  private void forgetVerifiedTokens() {
    tokenCache.ifPresent(CachedTokenCodec::invalidateAll);
  }
}
