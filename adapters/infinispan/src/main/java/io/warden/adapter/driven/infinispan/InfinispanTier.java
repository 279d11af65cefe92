package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.cache.CacheTier;
import io.warden.application.port.driven.cache.CacheablePorts;
import io.warden.application.port.driven.cache.TierStats;
import io.warden.domain.event.InvalidationScope;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * L1 as one {@link CacheTier}: the in-process caches of permissions, session states, user contexts
 * and verified tokens, all in one {@link L1CacheManager}, in front of the next tier's ports. It
 * trusts an entry only under the rules of {@link GenerationGuardedCache}, so it needs the {@link
 * InvalidationFeed} that says whether this instance currently hears every invalidation.
 */
public final class InfinispanTier implements CacheTier {
  private static final System.Logger LOG = System.getLogger(InfinispanTier.class.getName());

  private final L1CacheManager manager;
  private final InfinispanPermissionCache permissions;
  private final CachedSessionStates sessions;
  private final CachedUserContexts userContexts;
  private final CachedTokenCodec tokens;
  private final CacheablePorts ports;

  private InfinispanTier(
      CacheablePorts next,
      InvalidationFeed feed,
      Clock clock,
      L1Limits limits,
      Supplier<L1CacheManager> startedManager) {
    this.manager = Objects.requireNonNull(startedManager.get(), "manager");
    try {
      permissions =
          new InfinispanPermissionCache(
              next.permissions(), L1Guard.in(manager, feed, clock, limits));
      sessions = new CachedSessionStates(next.sessions(), L1Guard.in(manager, feed, clock, limits));
      userContexts =
          new CachedUserContexts(next.userContexts(), L1Guard.in(manager, feed, clock, limits));
      tokens =
          new CachedTokenCodec(
              next.tokens(), new CachedTokenCodec.Config(limits.maxEntries()), manager);
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
    this.ports = new CacheablePorts(permissions, sessions, userContexts, tokens);
  }

  /** Builds the tier in front of whatever tier comes next, on a cache manager it starts. */
  public static CacheTier.Builder builder(InvalidationFeed feed, Clock clock, L1Limits limits) {
    return builder(feed, clock, limits, L1CacheManager::start);
  }

  /**
   * The same, on the manager {@code startedManager} gives (e.g. one started beside other start-up
   * work, since it needs nothing else): the tier owns it from then on and stops it when it closes.
   */
  public static CacheTier.Builder builder(
      InvalidationFeed feed,
      Clock clock,
      L1Limits limits,
      Supplier<L1CacheManager> startedManager) {
    return next -> new InfinispanTier(next, feed, clock, limits, startedManager);
  }

  @Override
  public String name() {
    return "l1";
  }

  @Override
  public CacheablePorts ports() {
    return ports;
  }

  /** The permission cache itself (for diagnostics and tests). */
  public InfinispanPermissionCache permissions() {
    return permissions;
  }

  /** The verified-token cache (emptied when a signing key retires). */
  public CachedTokenCodec tokens() {
    return tokens;
  }

  /** The one manager of the tier's caches (for tests). */
  L1CacheManager manager() {
    return manager;
  }

  /**
   * Every cache that depends on RBAC data hears the scope; verified tokens do not (a token's claims
   * hold until its {@code exp}, whatever changes; revocation is the session states' business).
   */
  @Override
  public void invalidate(InvalidationScope scope, long version) {
    permissions.invalidate(scope, version);
    sessions.invalidate(scope, version);
    userContexts.invalidate(scope, version);
  }

  /** As above, the permission set possibly kept in its new state instead of evicted. */
  @Override
  public void invalidate(
      InvalidationScope.UserInTenant scope, long version, PermissionSnapshot now) {
    permissions.invalidate(scope, version, now);
    sessions.invalidate(scope, version);
    userContexts.invalidate(scope, version);
  }

  /**
   * Once every tier has been evicted for {@code scope}: loads again, in the background, the one
   * permission set a {@code UserInTenant} scope names if this tier held it (see {@link
   * InfinispanPermissionCache#refill}), so the next check on it is a hit. Returns whether it did.
   */
  public boolean refill(InvalidationScope scope) {
    return permissions.refill(scope);
  }

  @Override
  public List<TierStats> stats() {
    return List.of(
        tierStats("permissions", permissions.stats()),
        tierStats("session-states", sessions.stats()),
        tierStats("user-contexts", userContexts.stats()),
        tierStats("verified-tokens", tokens.stats()));
  }

  /** Stops every cache of the tier with their one manager. */
  @Override
  public void close() {
    for (AutoCloseable cache :
        List.<AutoCloseable>of(tokens, userContexts, sessions, permissions)) {
      try {
        cache.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "Could not stop " + cache, e);
      }
    }
    manager.close();
  }

  @Override
  public String toString() {
    return "InfinispanTier[" + manager + "]";
  }

  private static TierStats tierStats(String cache, CacheStats stats) {
    return new TierStats(
        cache, stats.hits(), stats.misses(), stats.errors(), OptionalLong.of(stats.size()));
  }
}
