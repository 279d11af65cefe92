/**
 * L1: the in-process tier of the caches, on embedded, local-only, bounded Infinispan caches.
 *
 * <p>Each cache decorates the port it speeds up: {@link
 * io.warden.adapter.driven.infinispan.InfinispanPermissionCache} the next tier of {@link
 * io.warden.application.port.driven.EffectivePermissions}, {@link
 * io.warden.adapter.driven.infinispan.CachedSessionStates} the revocation state of {@link
 * io.warden.application.port.driven.SessionRepository}, {@link
 * io.warden.adapter.driven.infinispan.CachedUserContexts} {@link
 * io.warden.application.port.driven.UserContexts}, and {@link
 * io.warden.adapter.driven.infinispan.CachedTokenCodec} token verification. Their correctness never
 * rests on Infinispan: invalidation generations kept beside the caches decide whether an entry may
 * be served (the token cache needs none: a verified token's claims hold until its {@code exp}), so
 * Infinispan only stores, bounds and expires.
 */
@NullMarked
package io.warden.adapter.driven.infinispan;

import org.jspecify.annotations.NullMarked;
