/**
 * The in-memory RBAC data the L1 tests read through the caches ({@link
 * io.warden.adapter.driven.infinispan.contract.InMemoryRbac}), itself checked against the {@link
 * io.warden.application.port.driven.contract.EffectivePermissionsContract}.
 */
package io.warden.adapter.driven.infinispan.contract;
