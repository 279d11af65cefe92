package io.warden.archfixture.bad.coding.adapter.driven.postgres;

/** Violation: throws a bare RuntimeException. */
public final class GenericFailure {
  public void fail(Exception cause) {
    throw new RuntimeException(cause);
  }
}
