package io.warden.adapter.driven.postgres;

import java.time.Instant;

/** The revocation state of an access token, read in one query across five tables. */
record SessionStateRow(
    boolean userActive,
    boolean systemAdmin,
    Instant tokensValidAfter,
    boolean sessionRevoked,
    boolean tokenRevoked,
    boolean tenantActive,
    boolean member) {}
