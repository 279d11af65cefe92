package io.warden.adapter.driven.infinispan;

import io.warden.application.fake.EffectivePermissionsOverInMemoryRbac;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.domain.event.RbacEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * L1 over the in-memory data answers exactly as the data alone does. Each change invalidates the
 * scope its domain event names, as the services do; one cache serves every test, as one serves
 * every request in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfinispanPermissionCacheContractTest extends EffectivePermissionsOverInMemoryRbac {
  private InfinispanPermissionCache cache;

  @BeforeAll
  void startCache() {
    cache =
        new InfinispanPermissionCache(
            rbac, InvalidationFeed.ALWAYS_LIVE, clock, L1Limits.defaults());
  }

  @AfterAll
  void stopCache() {
    cache.close();
  }

  @Override
  protected EffectivePermissions permissions() {
    return cache;
  }

  @Override
  protected void published(RbacEvent event, long version) {
    cache.invalidate(event.scope(), version);
  }
}
