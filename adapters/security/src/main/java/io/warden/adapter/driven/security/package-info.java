/**
 * Security adapter: ES256 access tokens (issue, verify, JWK Set) built on helidon-security-jwt, the
 * signing keys shared through the database, and Argon2id password hashing (behind a bounded gate,
 * on threads of a lower scheduling priority than the requests').
 */
@NullMarked
package io.warden.adapter.driven.security;

import org.jspecify.annotations.NullMarked;
