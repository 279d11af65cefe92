package io.warden.application.fake;

import io.warden.application.port.driven.Transactions;
import io.warden.domain.model.tenant.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Transactions over an {@link InMemoryStore}: serialised, rolled back on any exception, with the
 * tenant of {@code inTenant} visible to the repositories as row-level security would make it.
 */
public final class FakeTransactions implements Transactions {
  private final InMemoryStore store;
  private final AtomicInteger commits = new AtomicInteger();
  private final AtomicInteger rollbacks = new AtomicInteger();
  private final AtomicReference<Supplier<? extends RuntimeException>> commitFailure =
      new AtomicReference<>();

  public FakeTransactions(InMemoryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public <T> T inTenant(TenantId tenantId, Supplier<T> work) {
    Objects.requireNonNull(tenantId, "tenantId");
    return run(new InMemoryStore.Context(Optional.of(tenantId), false), work);
  }

  @Override
  public <T> T acrossTenants(Supplier<T> work) {
    return run(new InMemoryStore.Context(Optional.empty(), false), work);
  }

  @Override
  public <T> T readInTenant(TenantId tenantId, Supplier<T> work) {
    Objects.requireNonNull(tenantId, "tenantId");
    return run(new InMemoryStore.Context(Optional.of(tenantId), true), work);
  }

  /**
   * Makes the next transaction fail at its commit with {@code failure}, after all its work ran: how
   * a test proves that nothing of a failed change is kept or announced.
   */
  public void failNextCommit(Supplier<? extends RuntimeException> failure) {
    commitFailure.set(failure);
  }

  public int commits() {
    return commits.get();
  }

  public int rollbacks() {
    return rollbacks.get();
  }

  private <T> T run(InMemoryStore.Context mode, Supplier<T> work) {
    try {
      T result =
          store.transaction(
              mode,
              work,
              () -> {
                Supplier<? extends RuntimeException> failure = commitFailure.getAndSet(null);
                if (failure != null) {
                  throw failure.get();
                }
              });
      commits.incrementAndGet();
      return result;
    } catch (RuntimeException | Error e) {
      rollbacks.incrementAndGet();
      throw e;
    }
  }
}
