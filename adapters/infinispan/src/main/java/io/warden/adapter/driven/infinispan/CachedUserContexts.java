package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.UserContexts;
import io.warden.domain.event.InvalidationScope;
import io.warden.domain.model.organization.OrganizationTree;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Clock;
import java.util.Optional;
import org.infinispan.Cache;

/**
 * L1 of {@link UserContexts}: the user, tenant and roles of {@code GET /api/me} per (tenant, user)
 * in an embedded, bounded Infinispan cache, invalidated by the same events as permissions.
 *
 * <p>A context describes the user ({@code WholeUser}), the tenant and its roles ({@code
 * WholeTenant}) and the user's assignments there ({@code UserInTenant}); {@code Everything} covers
 * all. Entries are served under the rules of {@link GenerationGuardedCache}: never after an
 * invalidation covering them that finished after their load began (O(1) for a whole user or tenant,
 * no scan), never once a role assignment in them has expired, never past the safety-net lifespan,
 * and while the {@link InvalidationFeed} is down never older than the staleness bound.
 */
public final class CachedUserContexts implements UserContexts, CacheInvalidation, AutoCloseable {

  private final UserContexts next;

  private final GenerationGuardedCache<UserContextKey, Optional<UserContext>> contexts;
  private final GenerationGuardedCache<TenantId, OrganizationTree> trees;

  /** Starts the embedded cache; {@link #close()} stops it. */
  public CachedUserContexts(
      UserContexts next, InvalidationFeed feed, Clock clock, L1Limits limits) {
    this(next, L1Guard.alone(feed, clock, limits));
  }

  /** A cache built from {@code guard}; {@link #close()} stops this cache. */
  CachedUserContexts(UserContexts next, L1Guard guard) {
    this.next = next;
    this.contexts =
        guard.cache(
            "user-contexts",
            key -> guard.generations().lastInvalidated(key.tenantId(), key.userId()),
            (context, now) -> context.map(c -> c.isValidAt(now)).orElse(true));
    // A tree is stale after a change of the tree (TenantTree), a flush of its tenant or of
    // everything; a user's change leaves it alone, and a tree change leaves every context alone.
    this.trees =
        guard.cache(
            "organization-trees",
            tenant -> guard.generations().lastTreeInvalidated(tenant),
            (tree, now) -> true);
  }

  @Override
  public OrganizationTree organizationTree(TenantId tenantId) {
    return trees.get(tenantId, next::organizationTree);
  }

  @Override
  public Optional<UserContext> of(TenantId tenantId, UserId userId) {
    return contexts.get(
        new UserContextKey(tenantId, userId), key -> next.of(key.tenantId(), key.userId()));
  }

  /**
   * Makes every context the scope covers read as a miss, in O(1), and frees the one entry of a
   * {@code UserInTenant} scope. The {@code version} is not needed: what matters to this process is
   * the order in which invalidations reach it.
   */
  @Override
  public void invalidate(InvalidationScope scope, long version) {
    contexts.invalidatePerUser(scope, UserContextKey::new);
    TenantId treeKey =
        switch (scope) {
          case InvalidationScope.TenantTree tree -> tree.tenantId();
          case InvalidationScope.WholeTenant tenant -> tenant.tenantId();
          default -> null;
        };
    trees.invalidate(scope, treeKey);
  }

  /** Counters since start, with Infinispan's own eviction count and size. */
  public CacheStats stats() {
    return contexts.stats();
  }

  /** Stops the embedded cache; later calls go straight to the next tier. */
  @Override
  public void close() {
    contexts.close();
    trees.close();
  }

  /** The Infinispan cache itself, for tests that look at what is held. */
  Cache<UserContextKey, GenerationGuardedCache.Entry<Optional<UserContext>>> store() {
    return contexts.store();
  }
}
