package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code audit_events}; {@code target} and {@code details} are JSON object texts. */
record AuditRow(
    UUID id,
    Instant at,
    UUID actorId,
    String actorEmail,
    String action,
    UUID tenantId,
    String target,
    String details,
    String requestId) {}
