package io.warden.adapter.out.infinispan;

import io.warden.application.port.out.EffectivePermissions;
import io.warden.application.port.out.PermissionSnapshot;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A next tier that counts its calls and can hold one call after it has read its answer and before
 * it returns it: the slow database round trip during which the data may change.
 */
final class CountingPermissions implements EffectivePermissions {
  /** Long enough to only ever fire on a deadlock, never on a slow machine. */
  static final long DEADLOCK_GUARD_SECONDS = 60;

  private final EffectivePermissions data;
  private final AtomicInteger ofCalls = new AtomicInteger();
  private final AtomicInteger ofAllCalls = new AtomicInteger();
  private final List<List<UserId>> ofAllRequests = new CopyOnWriteArrayList<>();
  private final AtomicReference<Hold> nextHold = new AtomicReference<>();
  private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();

  CountingPermissions(EffectivePermissions data) {
    this.data = data;
  }

  @Override
  public PermissionSnapshot of(TenantId tenantId, UserId userId) {
    ofCalls.incrementAndGet();
    failIfAsked();
    PermissionSnapshot answer = data.of(tenantId, userId);
    holdIfAsked();
    return answer;
  }

  @Override
  public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
    ofAllCalls.incrementAndGet();
    ofAllRequests.add(List.copyOf(userIds));
    failIfAsked();
    Map<UserId, PermissionSnapshot> answer = data.ofAll(tenantId, userIds);
    holdIfAsked();
    return answer;
  }

  int ofCalls() {
    return ofCalls.get();
  }

  int ofAllCalls() {
    return ofAllCalls.get();
  }

  List<List<UserId>> ofAllRequests() {
    return ofAllRequests;
  }

  /** The next call reads its answer, then waits for {@link Hold#release()}. */
  Hold holdNextCall() {
    Hold hold = new Hold();
    if (!nextHold.compareAndSet(null, hold)) {
      throw new IllegalStateException("a hold is already pending");
    }
    return hold;
  }

  /** The next call throws {@code failure} instead of answering. */
  void failNextCall(RuntimeException failure) {
    nextFailure.set(failure);
  }

  private void failIfAsked() {
    RuntimeException failure = nextFailure.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
  }

  private void holdIfAsked() {
    Hold hold = nextHold.getAndSet(null);
    if (hold != null) {
      hold.arrived.countDown();
      Hold.await(hold.released, "the test never released the held call");
    }
  }

  /** One held call: the test waits for it to arrive, changes data, then releases it. */
  static final class Hold {
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Returns once the held call has read its (now old) answer and is waiting. */
    void awaitArrival() {
      await(arrived, "the held call never arrived");
    }

    void release() {
      released.countDown();
    }

    private static void await(CountDownLatch latch, String deadlock) {
      try {
        if (!latch.await(DEADLOCK_GUARD_SECONDS, TimeUnit.SECONDS)) {
          throw new AssertionError(deadlock);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
