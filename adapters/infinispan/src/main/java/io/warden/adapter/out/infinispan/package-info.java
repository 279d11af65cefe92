/**
 * L1: the in-process tier of the caches, on embedded, local-only, bounded Infinispan caches.
 *
 * <p>{@link io.warden.adapter.out.infinispan.InfinispanPermissionCache} decorates the next tier of
 * {@link io.warden.application.port.out.EffectivePermissions}. Its correctness never rests on
 * Infinispan: invalidation generations kept beside the cache decide whether an entry may be served,
 * so Infinispan only stores, bounds and expires.
 */
package io.warden.adapter.out.infinispan;
