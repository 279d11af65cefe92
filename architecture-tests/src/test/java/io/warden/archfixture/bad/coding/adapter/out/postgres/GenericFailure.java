package io.warden.archfixture.bad.coding.adapter.out.postgres;

/** Violation: throws a bare RuntimeException. */
public final class GenericFailure {
  public void fail(Exception cause) {
    throw new RuntimeException(cause);
  }
}
