package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.UUID;

/**
 * The effective permissions of one user as the permission query returns them, with the data version
 * of the same snapshot, the earliest expiry of a contributing assignment (or null), and whether the
 * user belongs in the tenant's caches (a member or a system administrator).
 */
record PermissionSnapshotRow(
    UUID userId, long version, String[] permissions, Instant validUntil, boolean cacheable) {}
