package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.SessionRepository;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.infinispan.Cache;

/**
 * L1 of the revocation check: caches {@link SessionRepository#state} per access token in an
 * embedded, bounded Infinispan cache, so a warm authenticated request touches no database; every
 * other call goes to the next repository unchanged.
 *
 * <p>A state describes the user (active, system administrator, tokens valid after, its sessions and
 * revoked token ids: logout, logout-all, password change and deactivation each announce {@code
 * WholeUser}), the token's tenant ({@code WholeTenant}) and the membership in it ({@code
 * UserInTenant}); {@code Everything} covers all. A tenant-less token's state depends on the user
 * alone. Entries are served under the rules of {@link GenerationGuardedCache}: never after an
 * invalidation covering them that finished after their load began (O(1) for a whole user or tenant,
 * no scan), never past the safety-net lifespan, and while the {@link InvalidationFeed} is down
 * never older than the staleness bound.
 *
 * <p>The revocations made through this repository evict nothing themselves: they run inside the
 * change's transaction, and an eviction before the commit would let a load read the old rows back.
 * The change's invalidation, which comes after the commit, evicts.
 */
public final class CachedSessionStates
    implements SessionRepository, CacheInvalidation, AutoCloseable {

  private final SessionRepository next;
  private final GenerationGuardedCache<SessionStateKey, Optional<SessionState>> states;

  /** Starts the embedded cache; {@link #close()} stops it. */
  public CachedSessionStates(
      SessionRepository next, InvalidationFeed feed, Clock clock, L1Limits limits) {
    this(next, feed, clock, limits, new InvalidationGenerations(), Optional.empty());
  }

  /** A cache in {@code manager}, which its owner closes; {@link #close()} stops this cache. */
  public CachedSessionStates(
      SessionRepository next,
      InvalidationFeed feed,
      Clock clock,
      L1Limits limits,
      L1CacheManager manager) {
    this(next, feed, clock, limits, new InvalidationGenerations(), Optional.of(manager));
  }

  CachedSessionStates(
      SessionRepository next,
      InvalidationFeed feed,
      Clock clock,
      L1Limits limits,
      InvalidationGenerations generations) {
    this(next, feed, clock, limits, generations, Optional.empty());
  }

  private CachedSessionStates(
      SessionRepository next,
      InvalidationFeed feed,
      Clock clock,
      L1Limits limits,
      InvalidationGenerations generations,
      Optional<L1CacheManager> manager) {
    this.next = Objects.requireNonNull(next, "next");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(generations, "generations");
    this.states =
        new GenerationGuardedCache<>(
            "session-states",
            LocalCaches.store(manager, "session-states", limits),
            generations,
            key ->
                key.tenantId().isPresent()
                    ? generations.lastInvalidated(key.tenantId().get(), key.userId())
                    : generations.lastInvalidated(key.userId()),
            (state, now) -> true,
            feed,
            clock,
            limits);
  }

  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    return states.get(
        new SessionStateKey(userId, sessionId, tokenId, tenantId),
        key -> next.state(key.userId(), key.sessionId(), key.tokenId(), key.tenantId()));
  }

  /**
   * Makes every state the scope covers read as a miss, in O(1). The {@code version} is not needed:
   * what matters to this process is the order in which invalidations reach it.
   */
  @Override
  public void invalidate(InvalidationScope scope, long version) {
    // No scope names one token, so there is no single entry to free: the generations do it all.
    states.invalidate(scope, null);
  }

  /** Counters since start, with Infinispan's own eviction count and size. */
  public CacheStats stats() {
    return states.stats();
  }

  /** Stops the embedded cache; later calls go straight to the next repository. */
  @Override
  public void close() {
    states.close();
  }

  @Override
  public void createSession(String sessionId, UserId userId, Instant createdAt) {
    next.createSession(sessionId, userId, createdAt);
  }

  @Override
  public void storeRefreshToken(
      String tokenHash, String sessionId, Optional<TenantId> tenantId, Instant expiresAt) {
    next.storeRefreshToken(tokenHash, sessionId, tenantId, expiresAt);
  }

  @Override
  public Optional<RefreshToken> spend(String tokenHash, Instant now) {
    return next.spend(tokenHash, now);
  }

  @Override
  public void revokeSession(String sessionId, Instant now) {
    next.revokeSession(sessionId, now);
  }

  @Override
  public void revokeAllSessions(UserId userId, Instant now) {
    next.revokeAllSessions(userId, now);
  }

  @Override
  public void revokeToken(String tokenId, Instant expiresAt) {
    next.revokeToken(tokenId, expiresAt);
  }

  /** The Infinispan cache itself, for tests that look at what is held. */
  Cache<SessionStateKey, GenerationGuardedCache.Entry<Optional<SessionState>>> store() {
    return states.store();
  }
}
