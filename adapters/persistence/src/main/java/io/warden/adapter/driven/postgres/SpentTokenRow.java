package io.warden.adapter.driven.postgres;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code refresh_tokens} joined with its session, as the spend query returns it. */
record SpentTokenRow(
    String sessionId,
    UUID userId,
    @Nullable UUID tenantId,
    Instant expiresAt,
    boolean spentBefore,
    boolean sessionRevoked,
    Instant sessionExpiresAt) {}
