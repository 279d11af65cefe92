package io.warden.application.port.driving;

import io.warden.domain.model.tenant.Tenant;
import java.util.Optional;

/** A new access token with its refresh token; {@code tenant} set when the token is scoped. */
public record TokenPair(
    String accessToken, long expiresInSeconds, String refreshToken, Optional<Tenant> tenant) {}
