package io.warden.domain.policy;

/** The answer to "may this subject do X here?": a value, never an exception. */
public sealed interface AccessDecision {

  /** Whether the subject holds the permission: an {@link Allowed}, never a {@link Denied}. */
  default boolean allowed() {
    return this instanceof Allowed;
  }

  /** The subject holds the permission. */
  record Allowed() implements AccessDecision {}

  /** The subject does not hold the permission; {@code reason} says why, for logs and explain. */
  record Denied(String reason) implements AccessDecision {}

  // No constants of the cases here: initializing a case initializes this interface first (it has
  // a default method), so a constant here would let two threads deadlock on first use, one
  // initializing the interface and one a case. The shared instances live in PermissionPolicy.
}
