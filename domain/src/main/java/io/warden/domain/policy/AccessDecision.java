package io.warden.domain.policy;

/** The answer to "may this subject do X here?": a value, never an exception. */
public sealed interface AccessDecision {
  boolean allowed();

  /** The subject holds the permission. */
  record Allowed() implements AccessDecision {
    @Override
    public boolean allowed() {
      return true;
    }
  }

  /** The subject does not hold the permission; {@code reason} says why, for logs and explain. */
  record Denied(String reason) implements AccessDecision {
    @Override
    public boolean allowed() {
      return false;
    }
  }

  AccessDecision ALLOWED = new Allowed();
  AccessDecision NOT_GRANTED = new Denied("no active role grants the permission");
}
