package io.warden.application.port.driven;

import io.warden.domain.event.RbacEvent;

/**
 * Records an RBAC change inside the transaction that makes it: stamps a new data version and queues
 * the invalidation message (PostgreSQL {@code pg_notify}), so the message is delivered if and only
 * if the change commits.
 */
public interface ChangeJournal {

  /** Must be called inside a {@link Transactions} block; returns the change's data version. */
  long record(RbacEvent event);

  /**
   * Inside a transaction, before reading what decides which events to {@link #record}: from now on
   * until the commit no other change is journaled, and every change journaled before has committed,
   * so what the transaction reads next is exact as of its own place in version order (as after a
   * {@link #record}). By default nothing: a journal whose writers never run concurrently.
   */
  default void holdVersions() {}

  /**
   * Inside the same transaction, after {@link #record}: the change of {@code version} leaves its
   * one user with the permission set {@code now} (read in this transaction once every change of it
   * was recorded). The journal may send it with the version's message, so that other instances can
   * apply it without a query ({@link CacheInvalidation#invalidate(
   * io.warden.domain.event.InvalidationScope.UserInTenant, long, PermissionSnapshot)}); a journal
   * that cannot (the message would be too long) sends the message alone. By default nothing is
   * attached. Never throws for a set it cannot carry.
   */
  default void attach(long version, PermissionSnapshot now) {}
}
