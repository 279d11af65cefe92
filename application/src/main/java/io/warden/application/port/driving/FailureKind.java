package io.warden.application.port.driving;

/**
 * Why a use case refused a request, in the words every driving adapter maps to its own answer: the
 * HTTP adapter to a status (in its one error mapping), a gRPC adapter to a status code, a message
 * consumer to "drop" or "retry later".
 */
public enum FailureKind {
  /** A value in the request is not valid; the failure names its field. */
  INVALID_INPUT,
  /** No caller: no token, or one that does not stand, or wrong credentials. */
  UNAUTHENTICATED,
  /** The caller may not do this. */
  FORBIDDEN,
  /** What the request names does not exist (or the caller may not know that it does). */
  NOT_FOUND,
  /** The request contradicts the current state (a name taken, a role in use). */
  CONFLICT,
  /** Busy, not broken: the same request may succeed after the failure's retry hint. */
  OVERLOADED,
  /** A dependency is down: the same request may succeed shortly. */
  UNAVAILABLE
}
