package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.UUID;

/** A redeemed row of {@code event_tickets}. */
record EventTicketRow(
    UUID userId,
    UUID tenantId,
    String sessionId,
    String tokenId,
    Instant issuedAt,
    Instant tokenExpiresAt) {}
