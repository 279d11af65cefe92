package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.TokenCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.infinispan.Cache;
import org.jspecify.annotations.Nullable;

/**
 * L1 of token verification: remembers, in an embedded, bounded Infinispan cache, the claims of
 * tokens the next codec verified, so a warm request spends no signature check.
 *
 * <p>The key is the SHA-256 of the whole token ({@link TokenDigest}), never its {@code jti}: a
 * forged token carrying a real {@code jti} digests elsewhere and goes to the next codec, which
 * refuses it. Only tokens that verified are cached: a refused token costs a full check every time,
 * so it can never be made to pass by repetition. An entry answers only from the instant it was
 * verified until strictly before its {@code exp}, checked against {@code now} on every hit, and
 * Infinispan drops it by then anyway (its lifespan is at most {@code exp - now}). Whether a token
 * is revoked is not its signature's business; the session state answers that on every request. What
 * the next codec decides depends only on the token, the instant and the trusted keys. Keys are
 * added without invalidation (a new key makes no cached answer wrong), but a retired key makes
 * every token it signed invalid: {@link #invalidateAll()} then drops every entry, and a
 * verification that started before it never stores its (possibly stale) answer. {@code issue} and
 * {@code jwkSetJson} are not cached.
 */
public final class CachedTokenCodec implements TokenCodec, AutoCloseable {
  private static final String CACHE_NAME = "verified-tokens";

  /**
   * Tokens longer than this go to the next codec without being digested: ours are a few hundred
   * characters, and hashing megabytes of hostile input would only burn CPU before the refusal.
   */
  static final int MAX_CACHED_TOKEN_LENGTH = 8 * 1024;

  /**
   * Sizing of the token cache.
   *
   * @param maxEntries the most verified tokens held; beyond it Infinispan evicts
   */
  public record Config(long maxEntries) {
    public static final long DEFAULT_MAX_ENTRIES = LocalCaches.DEFAULT_MAX_ENTRIES;

    public Config {
      LocalCaches.requireMaxEntries(maxEntries);
    }

    /** 100 000 tokens. */
    public static Config defaults() {
      return new Config(DEFAULT_MAX_ENTRIES);
    }
  }

  private final TokenCodec next;
  private final FailSoftCache<TokenDigest, VerifiedToken> entries;
  private final CacheCounters counters = new CacheCounters();
  private final AtomicLong generation = new AtomicLong();

  /** Starts an embedded cache of its own; {@link #close()} stops it. */
  public CachedTokenCodec(TokenCodec next, Config config) {
    this(next, L1CacheManager.alone(CACHE_NAME, config.maxEntries(), Optional.empty()));
  }

  /** A cache in {@code manager}, which its owner closes; {@link #close()} stops this cache. */
  public CachedTokenCodec(TokenCodec next, Config config, L1CacheManager manager) {
    this(next, manager.shared(CACHE_NAME, config.maxEntries(), Optional.empty()));
  }

  private CachedTokenCodec(
      TokenCodec next, L1CacheManager.Handle<TokenDigest, VerifiedToken> store) {
    this.next = next;
    this.entries = new FailSoftCache<>("token", store, counters);
  }

  @Override
  public String issue(AccessClaims claims) {
    return next.issue(claims);
  }

  @Override
  public Optional<AccessClaims> verify(@Nullable String token, Instant now) {
    if (token == null) {
      return next.verify(null, now);
    }
    return verify(token, 0, token.length(), now); // past the cached length: next, as it is
  }

  /**
   * The token that is characters {@code from} to {@code to} of {@code text}, digested where it is:
   * a hit copies nothing out of the header value; a miss hands the next codec the token itself.
   */
  @Override
  public Optional<AccessClaims> verify(String text, int from, int to, Instant now) {
    Objects.checkFromToIndex(from, to, text.length());
    if (to - from > MAX_CACHED_TOKEN_LENGTH) {
      return next.verify(text.substring(from, to), now);
    }
    TokenDigest key = TokenDigest.of(text, from, to);
    VerifiedToken cached = entries.get(key);
    if (cached != null && cached.servableAt(now)) {
      counters.hits.increment();
      return Optional.of(cached.claims());
    }
    String token = text.substring(from, to);
    counters.misses.increment();
    counters.loads.increment();
    long before = generation.get();
    Optional<AccessClaims> claims =
        Objects.requireNonNull(next.verify(token, now), "the next codec answered null");
    if (claims.isPresent()) {
      keep(key, new VerifiedToken(claims.get(), now), before);
    } else if (cached != null) {
      // Past its exp, the entry can only ever miss again: free it now rather than at its lifespan.
      entries.remove(key);
    }
    return claims;
  }

  @Override
  public String jwkSetJson() {
    return next.jwkSetJson();
  }

  /**
   * Forgets every verified token, at once: the trusted keys shrank (a key retired), so what the
   * next codec said before may not hold any more. A verification in flight does not store its
   * answer afterwards.
   */
  public void invalidateAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  /** Counters since start ({@code loads} are calls to the next codec's {@code verify}). */
  public CacheStats stats() {
    return entries.stats();
  }

  /** Stops the embedded cache; later calls go straight to the next codec. */
  @Override
  public void close() {
    entries.close();
  }

  /** The Infinispan cache itself, for tests that look at what is held. */
  Cache<TokenDigest, VerifiedToken> store() {
    return entries.cache();
  }

  /**
   * Writes the entry with a lifespan of the whole milliseconds left until {@code exp}, rounded
   * down, so Infinispan never holds it past then; a token with less than a millisecond left is not
   * worth keeping.
   */
  private void keep(TokenDigest key, VerifiedToken verified, long generationBefore) {
    long lifespanMillis =
        Duration.between(verified.verifiedAt(), verified.claims().expiresAt()).toMillis();
    if (lifespanMillis < 1 || generation.get() != generationBefore) {
      return;
    }
    entries.put(key, verified, lifespanMillis);
    if (generation.get() != generationBefore) {
      // invalidateAll ran between the check and the write: undo it.
      entries.remove(key);
    }
  }
}
