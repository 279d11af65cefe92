package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.ChangeJournal;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.event.RbacEvent;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Advances {@code rbac_clock} (stamping the new version on the row the event names, where one is
 * left) and queues the {@link InvalidationMessage} with {@code pg_notify} as the last statement
 * before the commit, both in the caller's transaction: the message goes out if and only if the
 * change commits, and versions follow commit order because every writer queues on the one clock
 * row.
 */
final class PostgresChangeJournal extends MapperBacked<JournalMapper> implements ChangeJournal {
  /**
   * The wall clock, never the injected one: the stamp starts a physical measurement that listeners
   * on other instances end with their own wall clocks (a test's frozen clock would skew it).
   */
  private static final Clock WALL = Clock.systemUTC();

  /**
   * The key of this transaction's attached sets, by version ({@link PostgresTransactions#local}).
   */
  private static final Object ATTACHED_SETS = new Object();

  PostgresChangeJournal(PostgresTransactions transactions) {
    super(transactions, JournalMapper.class);
  }

  @Override
  public long record(RbacEvent event) {
    JournalMapper sql = sql();
    long version =
        switch (event) {
          case RbacEvent.TenantCreated e -> sql.advanceTenant(e.tenantId().value());
          case RbacEvent.TenantChanged e -> sql.advanceTenant(e.tenantId().value());
          case RbacEvent.UserCreated e -> sql.advanceUser(e.userId().value());
          case RbacEvent.UserChanged e -> sql.advanceUser(e.userId().value());
          case RbacEvent.SessionRevoked e -> sql.advanceUser(e.userId().value());
          case RbacEvent.AllSessionsRevoked e -> sql.advanceUser(e.userId().value());
          case RbacEvent.MemberAdded e ->
              sql.advanceMembership(e.tenantId().value(), e.userId().value());
          case RbacEvent.RoleCreated e -> sql.advanceRole(e.tenantId().value(), e.roleId().value());
          case RbacEvent.RoleChanged e -> sql.advanceRole(e.tenantId().value(), e.roleId().value());
          case RbacEvent.RoleChangedFor e ->
              sql.advanceRole(e.tenantId().value(), e.roleId().value());
          case RbacEvent.RoleAssigned e ->
              sql.advanceAssignment(e.tenantId().value(), e.userId().value(), e.roleId().value());
          // The row is gone (or there is none to stamp): only the clock moves.
          case RbacEvent.MemberRemoved e -> sql.advance();
          case RbacEvent.RoleDeleted e -> sql.advance();
          case RbacEvent.RoleUnassigned e -> sql.advance();
          case RbacEvent.PermissionCreated e -> sql.advance();
          case RbacEvent.PermissionDeleted e -> sql.advance();
          // Cached user contexts depend on the tree as a whole, not on a row's stamp.
          case RbacEvent.OrganizationTreeChanged e -> sql.advance();
          case RbacEvent.OrganizationMembershipChanged e -> sql.advance();
          // Nothing changed: the new version only makes loads begun before the flush stale.
          case RbacEvent.CacheFlushed e -> sql.advance();
        };
    // The message goes out as the last statement of the transaction, after the rest of the change
    // (its audit event, the Redis beacon), and is stamped with this instance's clock then: each
    // listener measures the revocation latency from there, which is only the COMMIT and the
    // delivery, to its own eviction. Queued in version order, so sent in version order.
    // A new set attached meanwhile (attach) rides on the NOTIFY only; the change log, which an
    // instance reads back after an outage, keeps the message without it.
    Map<Long, PermissionSnapshot> sets = transactions.local(ATTACHED_SETS, HashMap::new);
    transactions.beforeCommit(
        () -> {
          InvalidationMessage message = InvalidationMessage.of(event, version, WALL.millis());
          PermissionSnapshot now = sets.get(version);
          String logged = message.toJson();
          sql.notify(version, logged, now == null ? logged : message.toJsonWith(now));
        });
    return version;
  }

  /**
   * Takes the clock row's lock now, as {@link #record} would: the journal's queue, joined early.
   */
  @Override
  public void holdVersions() {
    sql().hold();
  }

  /** Sends {@code now} with the message of {@code version}, queued by {@link #record}. */
  @Override
  public void attach(long version, PermissionSnapshot now) {
    transactions
        .<Map<Long, PermissionSnapshot>>local(ATTACHED_SETS, HashMap::new)
        .put(version, now);
  }
}
