package io.warden.adapter.driven.security;

import io.helidon.security.jwt.jwk.JwkEC;
import java.time.Instant;

/**
 * One active signing key: {@code signer} holds the private half, {@code verifier} only the public
 * half, so nothing that verifies or publishes can leak the private key. It is published and
 * verifies from {@code createdAt}, and signs from {@code signsFrom}.
 */
record SigningKey(
    String keyId, JwkEC signer, JwkEC verifier, Instant createdAt, Instant signsFrom) {}
