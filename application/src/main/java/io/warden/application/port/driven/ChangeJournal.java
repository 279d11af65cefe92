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
}
