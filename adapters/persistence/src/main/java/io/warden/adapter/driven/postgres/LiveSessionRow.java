package io.warden.adapter.driven.postgres;

import java.time.Instant;

/** A row of {@code sessions} as the live-sessions query returns it. */
record LiveSessionRow(String id, Instant createdAt, Instant lastRefreshedAt, Instant expiresAt) {}
