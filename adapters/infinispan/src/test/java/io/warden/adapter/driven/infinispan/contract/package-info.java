/**
 * The behavioural contract of {@link io.warden.application.port.driven.EffectivePermissions}, run
 * against every stack of tiers, and the in-memory RBAC data it can run over.
 */
package io.warden.adapter.driven.infinispan.contract;
