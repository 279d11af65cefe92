package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ForwardingSessionRepository;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.SessionRepository;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
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
public final class CachedSessionStates extends ForwardingSessionRepository
    implements CacheInvalidation, AutoCloseable {

  private final GenerationGuardedCache<SessionStateKey, Optional<SessionState>> states;

  /** Starts the embedded cache; {@link #close()} stops it. */
  public CachedSessionStates(
      SessionRepository next, InvalidationFeed feed, Clock clock, L1Limits limits) {
    this(next, L1Guard.alone(feed, clock, limits));
  }

  /** A cache built from {@code guard}; {@link #close()} stops this cache. */
  CachedSessionStates(SessionRepository next, L1Guard guard) {
    super(next);
    InvalidationGenerations generations = guard.generations();
    this.states =
        guard.cache(
            "session-states",
            key ->
                key.tenantId().isPresent()
                    ? generations.lastInvalidated(key.tenantId().get(), key.userId())
                    : generations.lastInvalidated(key.userId()),
            (state, now) -> true);
  }

  @Override
  public Optional<SessionState> state(
      UserId userId, String sessionId, String tokenId, Optional<TenantId> tenantId) {
    return states.get(
        new SessionStateKey(userId, sessionId, tokenId, tenantId),
        key -> next().state(key.userId(), key.sessionId(), key.tokenId(), key.tenantId()));
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

  /** The Infinispan cache itself, for tests that look at what is held. */
  Cache<SessionStateKey, GenerationGuardedCache.Entry<Optional<SessionState>>> store() {
    return states.store();
  }
}
