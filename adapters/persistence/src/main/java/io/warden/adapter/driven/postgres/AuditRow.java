package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code audit_events}; {@code target} and {@code details} are JSON object texts. */
record AuditRow(
    UUID id,
    Instant at,
    @Nullable UUID actorId,
    @Nullable String actorEmail,
    String action,
    @Nullable UUID tenantId,
    String target,
    String details,
    @Nullable String requestId) {}
