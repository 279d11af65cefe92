package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.PermissionSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * An L1 entry: the snapshot, the invalidation sequence observed when its load started (it is served
 * only while no later invalidation covers its key) and the instant its load started (it is served
 * in degraded mode only within the staleness bound of it).
 */
record CachedPermissions(PermissionSnapshot snapshot, long loadSequence, Instant loadedAt) {
  CachedPermissions {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(loadedAt, "loadedAt");
  }
}
