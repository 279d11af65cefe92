package io.warden.adapter.driven.postgres;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A row of {@code sessions} as the live-sessions query returns it. */
record LiveSessionRow(
    String id, Instant createdAt, @Nullable Instant lastRefreshedAt, Instant expiresAt) {}
