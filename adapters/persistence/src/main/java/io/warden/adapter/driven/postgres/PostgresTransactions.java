package io.warden.adapter.driven.postgres;

import io.warden.application.port.driven.Transactions;
import io.warden.domain.model.tenant.TenantId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Transactions on the pool, each bound to the calling thread with its MyBatis session and its
 * row-level-security scope: the tenant ({@code warden.tenant_id}) or the cross-tenant switch
 * ({@code warden.cross_tenant}), both set transaction-locally so they end with the transaction.
 * Repositories find the session here; outside a transaction they fail with {@link
 * IllegalStateException} rather than run with no scope at all.
 *
 * <p>A nested call with the same scope joins the open transaction; one with a different scope (or a
 * write inside a read-only one) is a bug and fails.
 */
final class PostgresTransactions implements Transactions {
  private final SqlSessionFactory sessions;
  private final ThreadLocal<Bound> bound = new ThreadLocal<>();

  PostgresTransactions(SqlSessionFactory sessions) {
    this.sessions = sessions;
  }

  /**
   * The open transaction of this thread: its session, scope, translating mappers and the statements
   * to run last, just before its commit.
   */
  private record Bound(
      SqlSession session,
      Optional<TenantId> tenant,
      boolean readOnly,
      Map<Class<?>, Object> mappers,
      List<Runnable> beforeCommit,
      Map<Object, Object> locals) {
    String describe() {
      return tenant.map(t -> "in tenant " + t).orElse("across tenants");
    }
  }

  @Override
  public <T> T inTenant(TenantId tenantId, Supplier<T> work) {
    return run(Optional.of(tenantId), false, work);
  }

  @Override
  public <T> T readInTenant(TenantId tenantId, Supplier<T> work) {
    return run(Optional.of(tenantId), true, work);
  }

  @Override
  public <T> T acrossTenants(Supplier<T> work) {
    return run(Optional.empty(), false, work);
  }

  private <T> T run(Optional<TenantId> tenant, boolean readOnly, Supplier<T> work) {
    Bound outer = bound.get();
    if (outer != null) {
      if (!outer.tenant().equals(tenant)) {
        throw new IllegalStateException(
            "a transaction "
                + outer.describe()
                + " is open on this thread; a nested one "
                + tenant.map(t -> "in tenant " + t).orElse("across tenants")
                + " would mix scopes");
      }
      if (outer.readOnly() && !readOnly) {
        throw new IllegalStateException("cannot write inside a read-only transaction");
      }
      return work.get();
    }
    SqlSession session = sessions.openSession(false);
    boolean committed = false;
    try {
      begin(session, tenant, readOnly);
      Bound current =
          new Bound(session, tenant, readOnly, new HashMap<>(), new ArrayList<>(), new HashMap<>());
      bound.set(current);
      T result = work.get();
      // Indexed: a last statement may queue another (never does today, but must not be lost).
      for (int i = 0; i < current.beforeCommit().size(); i++) {
        current.beforeCommit().get(i).run();
      }
      bound.remove();
      try {
        // Forced: MyBatis skips the commit when it saw only selects, but a select may have
        // called pg_notify or taken a lock.
        session.commit(true);
      } catch (RuntimeException e) {
        throw SqlErrors.translate(e);
      }
      committed = true;
      return result;
    } catch (Throwable failure) {
      if (!committed) {
        rollback(session, failure);
      }
      throw failure;
    } finally {
      bound.remove();
      session.close();
    }
  }

  private static void begin(SqlSession session, Optional<TenantId> tenant, boolean readOnly) {
    try {
      Connection connection = session.getConnection();
      // Must precede the first statement: it makes the driver send BEGIN READ ONLY.
      if (readOnly) {
        connection.setReadOnly(true);
      }
      session
          .getMapper(ScopeMapper.class)
          .bind(tenant.map(TenantId::toString).orElse(""), tenant.isPresent() ? "off" : "on");
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  private static void rollback(SqlSession session, Throwable failure) {
    try {
      session.rollback(true);
    } catch (RuntimeException e) {
      // The connection is probably gone; the pool discards it and the server rolls back.
      failure.addSuppressed(e);
    }
  }

  /**
   * Runs {@code statement} in this thread's transaction after its work and just before its commit
   * (in the order queued); a failure rolls the transaction back as a failure of its work would.
   * What must be as late as possible in the transaction — the invalidation message, stamped with
   * the instant it is sent — goes here.
   *
   * @throws IllegalStateException outside a transaction
   */
  void beforeCommit(Runnable statement) {
    requireBound().beforeCommit().add(statement);
  }

  /**
   * The value under {@code key} that lives as long as this thread's transaction, made by {@code
   * create} the first time it is asked for: state a statement queued with {@link #beforeCommit}
   * reads when it runs, which nothing outlives.
   *
   * @throws IllegalStateException outside a transaction
   */
  @SuppressWarnings("unchecked")
  <T> T local(Object key, Supplier<T> create) {
    return (T) requireBound().locals().computeIfAbsent(key, k -> create.get());
  }

  /**
   * {@code work} inside this thread's transaction when there is one, in {@code tenantId} or across
   * tenants; otherwise in a read-only transaction of its own in {@code tenantId}: how a database
   * tier answers both inside a change and on its own.
   *
   * @param asked what is asked, as the failure names it ("permissions in"): the failure when the
   *     open transaction is another tenant's reads "{@code asked} tenant ... asked inside a
   *     transaction of ..."
   * @throws IllegalStateException if the open transaction is another tenant's
   */
  <T> T readInTenantOrJoin(TenantId tenantId, String asked, Supplier<T> work) {
    Bound current = bound.get();
    if (current == null) {
      return readInTenant(tenantId, work);
    }
    Optional<TenantId> scope = current.tenant();
    if (scope.isPresent() && !scope.get().equals(tenantId)) {
      // Row-level security would hide the tenant's rows and answer "nothing": never silently.
      throw new IllegalStateException(
          asked + " tenant " + tenantId + " asked inside a transaction of " + scope.get());
    }
    return work.get();
  }

  /**
   * {@code work} inside this thread's transaction when there is one, whatever its scope; otherwise
   * in a transaction of its own across tenants: for the tables no tenant owns (the signing keys,
   * the cache epoch), read and written both inside a change and on their own.
   */
  <T> T acrossTenantsOrJoin(Supplier<T> work) {
    return active() ? work.get() : acrossTenants(work);
  }

  /** Whether this thread has an open transaction. */
  boolean active() {
    return bound.get() != null;
  }

  /** Whether this thread has an open transaction that may not write. */
  boolean activeReadOnly() {
    Bound current = bound.get();
    return current != null && current.readOnly();
  }

  /** The tenant of this thread's transaction; empty when it runs across tenants. */
  Optional<TenantId> scope() {
    return requireBound().tenant();
  }

  /** The tenant of this thread's transaction, for repositories of tenant-owned rows. */
  TenantId requireTenant() {
    return requireBound()
        .tenant()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "tenant-owned rows need a tenant transaction (Transactions.inTenant), not"
                        + " acrossTenants"));
  }

  /** Fails unless this thread's transaction runs across tenants. */
  void requireAcrossTenants() {
    Bound current = requireBound();
    if (current.tenant().isPresent()) {
      throw new IllegalStateException(
          "this reads every tenant: it needs Transactions.acrossTenants, not "
              + current.describe());
    }
  }

  /** A mapper on this thread's transaction whose failures come out as application failures. */
  <M> M mapper(Class<M> type) {
    Bound current = requireBound();
    return type.cast(
        current.mappers().computeIfAbsent(type, t -> translating(type, current.session())));
  }

  /** The JDBC connection of this thread's transaction (tests inspect the session with it). */
  Connection connection() {
    return requireBound().session().getConnection();
  }

  private Bound requireBound() {
    Bound current = bound.get();
    if (current == null) {
      throw new IllegalStateException(
          "no transaction on this thread: call repositories inside Transactions.inTenant or"
              + " Transactions.acrossTenants");
    }
    return current;
  }

  private static <M> Object translating(Class<M> type, SqlSession session) {
    M target = session.getMapper(type);
    return Proxy.newProxyInstance(
        type.getClassLoader(),
        new Class<?>[] {type},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            // What the mapper threw: reflection always sets it (the fallback is for the type).
            throw SqlErrors.translate(Objects.requireNonNullElse(e.getCause(), e));
          }
        });
  }
}
