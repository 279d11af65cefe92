package io.warden.adapter.driven.infinispan;

import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A next tier that counts its calls and can hold one call after it has read its answer and before
 * it returns it: the slow database round trip during which the data may change.
 */
final class CountingPermissions implements EffectivePermissions {
  private final EffectivePermissions data;
  private final AtomicInteger ofCalls = new AtomicInteger();
  private final AtomicInteger ofAllCalls = new AtomicInteger();
  private final List<List<UserId>> ofAllRequests = new CopyOnWriteArrayList<>();
  private final Races.HoldSlot holds = new Races.HoldSlot();
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

  /** The next call reads its answer, then waits for {@link Races.Hold#release()}. */
  Races.Hold holdNextCall() {
    return holds.holdNextCall();
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
    holds.holdIfAsked();
  }
}
