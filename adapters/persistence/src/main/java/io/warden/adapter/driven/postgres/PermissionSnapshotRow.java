package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.UUID;

/**
 * The effective permissions of one user as the permission query returns them, with the data version
 * of the same snapshot and the earliest expiry of a contributing assignment (or null).
 */
record PermissionSnapshotRow(UUID userId, long version, String[] permissions, Instant validUntil) {}
